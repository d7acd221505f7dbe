"""The test backends themselves: both store URLs work, triggers refuse updates on both, a
non-superuser role can log in, and the PostgreSQL cluster is reachable only over loopback."""

from __future__ import annotations

import ipaddress
import os
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from tests.pgcluster import BIN_ENV, PgCluster, PgClusterError

# A trigger that makes the table append-only, in each dialect.
APPEND_ONLY = {
    "sqlite": [
        """CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries
           BEGIN SELECT RAISE(ABORT, 'entries are append-only'); END""",
    ],
    "postgresql": [
        """CREATE FUNCTION entries_no_update() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN RAISE EXCEPTION 'entries are append-only'; END $$""",
        """CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries
           FOR EACH ROW EXECUTE FUNCTION entries_no_update()""",
    ],
}


def test_trigger_refuses_update(store_url: str) -> None:
    engine = create_engine(store_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE entries (id INTEGER PRIMARY KEY, body TEXT)"))
            for statement in APPEND_ONLY[engine.dialect.name]:
                conn.execute(text(statement))
            conn.execute(text("INSERT INTO entries VALUES (1, 'original')"))
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
            conn.execute(text("UPDATE entries SET body = 'changed' WHERE id = 1"))
        with engine.connect() as conn:
            assert conn.execute(text("SELECT body FROM entries")).scalar_one() == "original"
    finally:
        engine.dispose()


def test_store_url_is_empty(store_url: str) -> None:
    engine = create_engine(store_url)
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                query = "SELECT count(*) FROM sqlite_master"
            else:
                query = "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
            assert conn.execute(text(query)).scalar_one() == 0
    finally:
        engine.dispose()


def test_non_superuser_role_connects(pg_cluster: PgCluster) -> None:
    role = f"r_{uuid.uuid4().hex}"
    admin = create_engine(pg_cluster.url, isolation_level="AUTOCOMMIT")
    member = create_engine(pg_cluster.url_for(role))
    try:
        with admin.connect() as conn:
            conn.execute(text(f"CREATE ROLE {role} LOGIN NOSUPERUSER"))
        with member.connect() as conn:
            row = conn.execute(
                text("SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user")
            ).one()
        assert tuple(row) == (role, False)
    finally:
        member.dispose()
        # Roles are cluster-wide: dropped so later tests may create roles of any name.
        with admin.connect() as conn:
            conn.execute(text(f"DROP ROLE IF EXISTS {role}"))
        admin.dispose()


def test_listens_on_loopback_only(pg_cluster: PgCluster) -> None:
    engine = create_engine(pg_cluster.url)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SHOW listen_addresses")).scalar_one() == "127.0.0.1"
            assert conn.execute(text("SELECT host(inet_server_addr())")).scalar_one() == (
                "127.0.0.1"
            )
            # Trust auth is safe only because every TCP rule is for a loopback address.
            rules = conn.execute(
                text("SELECT address FROM pg_hba_file_rules WHERE type <> 'local'")
            ).scalars()
            assert all(ipaddress.ip_address(address).is_loopback for address in rules)
            # The crash tests rely on committed rows being on disk.
            assert conn.execute(text("SHOW fsync")).scalar_one() == "on"
    finally:
        engine.dispose()


@pytest.mark.skipif(os.geteuid() != 0, reason="only root has to hand the server to another user")
def test_server_runs_unprivileged_under_root(pg_cluster: PgCluster) -> None:
    assert pg_cluster.data_dir.stat().st_uid != 0


def test_missing_binaries_give_a_one_line_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(BIN_ENV, "/nonexistent")
    with pytest.raises(PgClusterError, match="/nonexistent") as failure:
        PgCluster.start()
    assert "\n" not in str(failure.value)
