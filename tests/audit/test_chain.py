"""`log verify` catches every kind of tampering, on SQLite and PostgreSQL alike.

The attacker here has the database: they switch the append-only triggers off, change rows, and
may recompute every hash (they know the algorithm); only an exported chain head catches that.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
import sqlalchemy as sa

from review_desk.audit import chain
from review_desk.audit.store import Store
from tests.audit.helpers import populated

Tamper = Callable[[sa.Connection], None]


def _triggers_off(connection: sa.Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql("ALTER TABLE events DISABLE TRIGGER USER")
    else:
        connection.exec_driver_sql("DROP TRIGGER events_no_update")
        connection.exec_driver_sql("DROP TRIGGER events_no_delete")


def _update(connection: sa.Connection) -> None:
    connection.exec_driver_sql("UPDATE events SET actor = '别人' WHERE seq = 5")


def _update_payload(connection: sa.Connection) -> None:
    connection.exec_driver_sql(
        "UPDATE events SET payload = REPLACE(payload, 'redacted', 'proactive') WHERE seq = 6"
    )


def _delete(connection: sa.Connection) -> None:
    connection.exec_driver_sql("DELETE FROM events WHERE seq = 5")


def _delete_last(connection: sa.Connection) -> None:
    connection.exec_driver_sql("DELETE FROM events WHERE seq = (SELECT MAX(seq) FROM events)")


def _insert(connection: sa.Connection) -> None:
    """A forged event slipped in at 5 with a correct hash of its own; the later ones renumbered."""
    rows = (
        connection.execute(sa.text("SELECT * FROM events WHERE seq >= 5 ORDER BY seq DESC"))
        .mappings()
        .all()
    )
    for row in rows:
        connection.execute(
            sa.text("UPDATE events SET seq = :new WHERE seq = :old"),
            {"new": row["seq"] + 1, "old": row["seq"]},
        )
    prev = connection.scalar(sa.text("SELECT hash FROM events WHERE seq = 4"))
    payload = chain.canonical({"note": "伪造"})
    digest = chain.event_hash(
        prev, 5, "x", "approved", "伪造者", "2026-01-01T00:00:00.000000Z", payload
    )
    connection.execute(
        sa.text(
            "INSERT INTO events (seq, doc_id, kind, actor, created_at, payload, prev_hash, hash) "
            "VALUES (5, 'x', 'approved', '伪造者', '2026-01-01T00:00:00.000000Z', :p, :prev, :h)"
        ),
        {"p": payload, "prev": prev, "h": digest},
    )


def _reorder(connection: sa.Connection) -> None:
    """Events 5 and 6 swap places (their sequence numbers are exchanged)."""
    connection.exec_driver_sql("UPDATE events SET seq = -1 WHERE seq = 5")
    connection.exec_driver_sql("UPDATE events SET seq = 5 WHERE seq = 6")
    connection.exec_driver_sql("UPDATE events SET seq = 6 WHERE seq = -1")


TAMPERING: list[tuple[str, Tamper, int]] = [
    ("update a column", _update, 5),
    ("update a payload", _update_payload, 6),
    ("delete an event", _delete, 5),
    ("insert an event", _insert, 6),
    ("reorder two events", _reorder, 5),
]


@pytest.mark.parametrize(
    ("tamper", "first_bad"), [t[1:] for t in TAMPERING], ids=[t[0] for t in TAMPERING]
)
def test_verify_names_the_first_tampered_event(
    store_url: str, tamper: Tamper, first_bad: int
) -> None:
    store = populated(store_url)
    assert store.verify().ok
    with store._engine.begin() as connection:
        _triggers_off(connection)
        tamper(connection)
    verdict = store.verify()
    store.close()
    assert (verdict.ok, verdict.first_bad) == (False, first_bad), verdict.problem
    assert verdict.problem


def _rewrite_whole_chain(connection: sa.Connection) -> None:
    """Change event 5, then recompute every hash from there: the chain alone looks intact."""
    _update(connection)
    rows = connection.execute(sa.text("SELECT * FROM events ORDER BY seq")).mappings().all()
    prev = chain.GENESIS
    for row in rows:
        digest = chain.event_hash(
            prev,
            row["seq"],
            row["doc_id"],
            row["kind"],
            row["actor"],
            row["created_at"],
            row["payload"],
        )
        connection.execute(
            sa.text("UPDATE events SET prev_hash = :p, hash = :h WHERE seq = :s"),
            {"p": prev, "h": digest, "s": row["seq"]},
        )
        prev = digest


@pytest.mark.parametrize(
    "tamper", [_rewrite_whole_chain, _delete_last], ids=["rewrite", "truncate"]
)
def test_a_rewrite_is_caught_against_an_exported_head(store_url: str, tamper: Tamper) -> None:
    store = populated(store_url)
    exported = chain.parse_head(store.head())
    with store._engine.begin() as connection:
        _triggers_off(connection)
        tamper(connection)
    alone, anchored = store.verify(), store.verify(dict([exported]))
    store.close()
    assert not anchored.ok
    assert anchored.first_bad is not None and anchored.first_bad <= exported[0]
    if tamper is _rewrite_whole_chain:
        assert alone.ok  # why exports carry the head


def test_an_intact_chain_gives_its_head(store_url: str) -> None:
    store = populated(store_url)
    verdict = store.verify()
    head = store.head()
    store.close()
    assert (verdict.ok, verdict.head) == (True, head)
    assert verdict.events == int(head.split(":")[0])


@pytest.mark.parametrize(
    "statement",
    ["UPDATE events SET actor = 'x' WHERE seq = 2", "DELETE FROM events WHERE seq = 2"],
    ids=["update", "delete"],
)
def test_the_database_refuses_update_and_delete(store_url: str, statement: str) -> None:
    store = populated(store_url, documents=1)
    with pytest.raises(sa.exc.DBAPIError, match="append-only"), store._engine.begin() as connection:
        connection.exec_driver_sql(statement)
    assert store.verify().ok
    store.close()


def test_verify_reads_a_store_it_did_not_write(store_url: str) -> None:
    populated(store_url).close()
    with Store.open(store_url) as again:
        assert again.verify().ok
