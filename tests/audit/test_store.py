"""The store on SQLite and PostgreSQL: four-eyes in the database, no raw values anywhere, clear
errors for stores that cannot be used, and two writers sharing one SQLite file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import sqlalchemy as sa

from review_desk.audit import workflow
from review_desk.audit.errors import (
    StoreNotDatabaseError,
    StoreRefusedError,
    StoreTooNewError,
    StoreUnreachableError,
)
from review_desk.audit.store import Store
from review_desk.core.findings import Attribute, FindingType, Ground
from review_desk.core.review import Decision, Event, EventKind, ReviewState
from tests.audit.helpers import APPROVER, REVIEWER, outcome, reviewed
from tests.pgcluster import PgCluster

PLANTED = {
    FindingType.CN_RESIDENT_ID: "530102196503120020",
    FindingType.PERSON: "欧阳秀兰",
    FindingType.PHONE_NUMBER: "13871012345",
    FindingType.ADDRESS: "翠湖南路12号3栋2单元501室",
}


def test_a_whole_review_is_recorded_and_replayed(store_url: str) -> None:
    with Store.open(store_url) as store:
        doc_id = reviewed(store, "/in/名单.txt", PLANTED)
    with Store.open(store_url) as again:
        review = again.review(doc_id)
        assert review.state == ReviewState.APPROVED
        assert (review.reviewer, review.approver) == (REVIEWER, APPROVER)
        assert [d.decision for d in review.decisions.values()] == [Decision.REDACT] * 4
        assert again.find("/in/名单.txt") == doc_id == again.find(review.sha256[:12])


def test_the_database_refuses_a_self_approval_the_program_did_not_check(store_url: str) -> None:
    with Store.open(store_url) as store:
        doc_id = reviewed(store, "/in/a.txt", PLANTED, approve=False)
        forged = Event(EventKind.APPROVED, doc_id, REVIEWER, {"note": ""})
        with pytest.raises(StoreRefusedError, match="four-eyes"):
            store.transact(doc_id, lambda _: [forged])
        assert store.review(doc_id).state == ReviewState.DECIDED
        assert store.verify().ok


def test_four_eyes_off_in_the_rules_lets_the_reviewer_approve(store_url: str) -> None:
    with Store.open(store_url, four_eyes=False) as store:
        doc_id = reviewed(store, "/in/a.txt", PLANTED, approve=False)
        workflow.approve(store, doc_id, REVIEWER, four_eyes=False)
        assert store.review(doc_id).state == ReviewState.APPROVED
        kinds = [e.event.kind for e in store.events_of([EventKind.STORE_CONFIGURED])]
        assert kinds == [EventKind.STORE_CONFIGURED]


def test_a_reviewer_role_cannot_approve_its_own_decision_under_another_name(
    pg_cluster: PgCluster,
) -> None:
    """Per-person database roles: the database sees who connected, whatever name is typed."""
    owner_url = pg_cluster.create_database("t_roles")
    with Store.open(owner_url) as owner:
        owner.setup_team_roles(["reviewer_a", "approver_b"])
    as_reviewer = pg_cluster.url_for("reviewer_a", "t_roles")
    with Store.open(as_reviewer) as store:
        doc_id = reviewed(store, "/in/a.txt", PLANTED, approve=False)
        with pytest.raises(StoreRefusedError, match="four-eyes"):
            workflow.approve(store, doc_id, "另一个名字")
        refused = pytest.raises(sa.exc.ProgrammingError, match="must be owner")
        with refused, store._engine.begin() as connection:
            connection.exec_driver_sql("ALTER TABLE events DISABLE TRIGGER USER")
    with Store.open(pg_cluster.url_for("approver_b", "t_roles")) as store:
        workflow.approve(store, doc_id, APPROVER)
        assert store.review(doc_id).state == ReviewState.APPROVED
    pg_cluster.drop_database("t_roles")


def _encodings(value: str) -> list[bytes]:
    forms = {value, value.translate(str.maketrans("0123456789", "０１２３４５６７８９"))}
    encoded = [form.encode(codec) for form in forms for codec in ("utf-8", "utf-16-le", "gb18030")]
    return [*encoded, value.encode("unicode_escape"), ascii(value).encode()]


def test_no_planted_value_reaches_the_sqlite_files(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/store.db"
    store = Store.open(url)
    reviewed(store, "/in/a.txt", PLANTED)
    doc_id = workflow.record_scan(store, outcome("/in/b.txt", PLANTED, "低保户主"), REVIEWER)
    workflow.accept_proposals(store, doc_id, REVIEWER)
    files = sorted(tmp_path.glob("store.db*"))
    assert any(f.name.endswith("-wal") for f in files)  # read while the WAL still holds them
    blob = b"".join(f.read_bytes() for f in files)
    store.close()
    leaked = [v for v in PLANTED.values() for form in _encodings(v) if form in blob]
    assert leaked == []
    assert b"\xe4\xb8\x8a\xe4\xb8\x8b\xe6\x96\x87" not in blob  # "上下文": no explanation text


def test_no_planted_value_reaches_postgresql(pg_cluster: PgCluster) -> None:
    url = pg_cluster.create_database("t_planted")
    with Store.open(url) as store:
        reviewed(store, "/in/a.txt", PLANTED)
        with store._engine.connect() as connection:
            text = " ".join(str(r) for r in connection.execute(sa.text("SELECT * FROM events")))
    pg_cluster.drop_database("t_planted")
    assert [v for v in PLANTED.values() if v in text or ascii(v) in text] == []


def test_an_unreachable_server_is_a_clear_error() -> None:
    with pytest.raises(StoreUnreachableError) as raised:
        Store.open("postgresql://nobody@127.0.0.1:1/none")
    assert "127.0.0.1" in raised.value.message


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"\xd5\xe2\xca\xc7\xb1\xca\xbc\xc7" * 100)
    before = path.read_bytes()
    with pytest.raises(StoreNotDatabaseError) as raised:
        Store.open(f"sqlite:///{path}")
    assert ("notes.db" in raised.value.message, path.read_bytes()) == (True, before)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_a_read_only_folder_is_a_clear_error() -> None:
    """Run as an unprivileged user (root ignores permissions), in a child process."""
    parent = Path(tempfile.mkdtemp(prefix="review_desk_ro_"))
    parent.chmod(0o755)  # pytest's own folders are closed to other users
    folder = parent / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    code = (
        "from review_desk.audit.store import Store\n"
        "from review_desk.audit.errors import StoreReadOnlyError\n"
        f"try:\n    Store.open('sqlite:///{folder}/store.db')\n"
        "except StoreReadOnlyError as e:\n    print(e.key)\n"
    )
    command = [sys.executable, "-c", code]
    if os.geteuid() == 0:
        command = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", *command]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, cwd="/")
    entries = list(folder.iterdir())
    shutil.rmtree(parent)
    assert done.stdout.strip() == "store_read_only", done.stderr
    assert entries == []


def test_a_store_from_a_newer_program_is_refused(store_url: str) -> None:
    Store.open(store_url).close()
    engine = sa.create_engine(store_url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    engine.dispose()
    with pytest.raises(StoreTooNewError) as raised:
        Store.open(store_url)
    assert "9999" in raised.value.message


def test_two_processes_writing_one_sqlite_store_keep_one_chain(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/store.db"
    Store.open(url).close()
    code = (
        "import sys\nfrom review_desk.audit.store import Store\n"
        "from tests.audit.helpers import reviewed\nfrom review_desk.core.findings import FindingType\n"
        "store = Store.open(sys.argv[1])\n"
        "for n in range(15):\n"
        "    reviewed(store, f'/in/{sys.argv[2]}{n}.txt', {FindingType.PHONE_NUMBER: '13800138000'})\n"
    )
    repo = Path(__file__).resolve().parents[2]
    children = [
        subprocess.Popen([sys.executable, "-c", code, url, name], cwd=repo) for name in ("a", "b")
    ]
    assert [child.wait(timeout=120) for child in children] == [0, 0]
    with Store.open(url) as store:
        verdict = store.verify()
        assert verdict.ok, verdict.problem
        assert len(store.document_ids()) == 30
        states = {store.review(d).state for d in store.document_ids()}
    assert states == {ReviewState.APPROVED}


def test_a_document_is_registered_once(store_url: str) -> None:
    with Store.open(store_url) as store:
        scan = outcome("/in/a.txt", PLANTED)
        first = workflow.record_scan(store, scan, REVIEWER)
        second = workflow.record_scan(store, scan, REVIEWER)
        assert first == second and store.document_ids() == [first]
        registered = store.record(first).events[0].event.payload
    assert registered["file_name"] == "a.txt"


def test_a_refused_command_writes_nothing(store_url: str) -> None:
    with Store.open(store_url) as store:
        doc_id = reviewed(store, "/in/a.txt", PLANTED, approve=False)
        head = store.head()
        with pytest.raises(Exception, match="reason_required"):
            store.transact(
                doc_id,
                lambda r: [
                    r.decide_document(
                        Attribute.PROACTIVE, [Ground.THIRD_PARTY_CONSENT], [], "", REVIEWER
                    )
                ],
            )
        assert store.head() == head


def test_a_store_of_an_older_schema_is_upgraded_in_place(store_url: str) -> None:
    from alembic import command
    from alembic.config import Config

    from review_desk.audit import store as store_module

    engine = sa.create_engine(store_url.replace("postgresql://", "postgresql+psycopg://"))
    config = Config()
    config.set_main_option("script_location", str(store_module._MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    engine.dispose()
    with Store.open(store_url) as store:
        reviewed(store, "/in/a.txt", PLANTED)
        assert store.verify().ok
        with store._engine.connect() as connection:
            version = connection.scalar(sa.text("SELECT version_num FROM alembic_version"))
    assert version == "0002"
