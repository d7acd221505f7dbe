"""The audit store: an append-only hash chain of review events (SQLite or PostgreSQL).

One code path for both databases (SQLAlchemy 2 Core). Appends are serialised by the database
(SQLite's write lock taken at BEGIN IMMEDIATE, a PostgreSQL advisory lock), and each command is
checked against the document's state machine inside that same transaction, so two desktops
sharing a store can never both approve one document or fork the chain.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import platformdirs
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import event as sa_event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError

from review_desk.audit import chain
from review_desk.audit.errors import (
    AmbiguousDocumentError,
    StoreError,
    StoreNotDatabaseError,
    StoreReadOnlyError,
    StoreRefusedError,
    StoreTooNewError,
    StoreUnreachableError,
    UnknownDocumentError,
)
from review_desk.audit.records import DocumentRecord, StoredEvent
from review_desk.audit.schema import FOUR_EYES, FOUR_EYES_BY_ROLE, events, store_config
from review_desk.core.review import Event, EventKind, Review

#: Any number: the key of the PostgreSQL advisory lock that serialises appends (also in the
#: migration 0002's review_desk_locked_last).
_APPEND_LOCK = 7_305_242
#: A second writer waits this long for the lock before the store reports it busy.
_BUSY_TIMEOUT_S = 30
_MIGRATIONS = Path(__file__).with_name("migrations")

Command = Callable[[Review], Sequence[Event]]


def default_url() -> str:
    """The SQLite file in the user's data folder (one reviewer's store)."""
    folder = Path(platformdirs.user_data_dir("review-desk"))
    return f"sqlite:///{folder / 'audit.db'}"


@dataclass
class _Cached:
    review: Review
    events: list[StoredEvent] = field(default_factory=list)
    #: The chain's last sequence number when this review was known complete (under the lock).
    complete_at: int = -1

    @property
    def last_seq(self) -> int:
        return self.events[-1].seq if self.events else 0


class Store:
    """An open audit store. Build with :meth:`open`; close with :meth:`close` (or ``with``)."""

    def __init__(self, engine: Engine, url: str) -> None:
        self._engine = engine
        self.url = url
        self._cache: dict[str, _Cached] = {}

    # --- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, url: str | None = None, four_eyes: bool = True) -> Store:
        """Open (creating and upgrading) the store at ``url``; the default is the SQLite file
        in the user's data folder. ``four_eyes`` is the office's rule from rules/policy.yaml."""
        url = url or default_url()
        engine = _engine(url)
        store = cls(engine, url)
        try:
            store._upgrade()
            store._configure(four_eyes)
        except BaseException:
            engine.dispose()
            raise
        return store

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @property
    def dialect(self) -> str:
        return self._engine.dialect.name

    def _upgrade(self) -> None:
        config = Config()
        config.set_main_option("script_location", str(_MIGRATIONS))
        known = {rev.revision for rev in ScriptDirectory.from_config(config).walk_revisions()}
        head = ScriptDirectory.from_config(config).get_current_head()
        with self._guard(), self._engine.begin() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
            if current is not None and current not in known:
                raise StoreTooNewError(f"记录库版本 {current}，本程序最高 {head}", self._where)
            if current == head:
                return
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def _configure(self, four_eyes: bool) -> None:
        wanted = "on" if four_eyes else "off"
        with self._guard(), self._engine.begin() as connection:
            _lock(connection)
            stored = connection.scalar(
                sa.select(store_config.c.value).where(store_config.c.key == FOUR_EYES)
            )
            if stored == wanted:
                return
            _set_config(connection, FOUR_EYES, wanted)
            setting = Event(EventKind.STORE_CONFIGURED, "", _os_user(), {FOUR_EYES: wanted})
            self._insert(connection, [setting], _last(connection))

    def setup_team_roles(self, members: Sequence[str]) -> None:
        """PostgreSQL: a login role per person in a group that may only read and append, and
        four-eyes checked on the role that connected, so no display name gets round it. Run
        by the store's owner; roles are per cluster, so existing ones are reused."""
        if self.dialect != "postgresql":
            raise StoreError("只有 PostgreSQL 团队记录库有数据库角色", self._where)
        with self._guard(), self._engine.begin() as connection:
            _create_role(connection, MEMBER_ROLE, login=False)
            grants = [
                f"GRANT SELECT, INSERT ON events TO {MEMBER_ROLE}",
                f"GRANT SELECT ON store_config, alembic_version TO {MEMBER_ROLE}",
            ]
            for statement in grants:
                connection.exec_driver_sql(statement)
            for member in members:
                _create_role(connection, member, login=True)
                connection.exec_driver_sql(f'GRANT {MEMBER_ROLE} TO "{_role_name(member)}"')
            _set_config(connection, FOUR_EYES_BY_ROLE, "on")

    # --- writing ---------------------------------------------------------------------------

    def transact(self, doc_id: str, command_: Command) -> list[StoredEvent]:
        """Run ``command_`` on the document's current review inside the append transaction and
        append the events it returns; a ReviewError it raises leaves the store untouched."""
        with self._guard(), self._engine.begin() as connection:
            last = _locked_last(connection)
            cached = self._cache.get(doc_id)
            # Nobody appended since this review was last brought up to date: skip the query
            # (one round trip of a key press's five on a team server).
            if cached is None or cached.complete_at != last[0]:
                cached = self._refreshed(connection, doc_id)
            stored = self._insert(connection, command_(cached.review), last)
        for item in stored:
            if item.event.doc_id == doc_id:
                cached.review.apply(item.event)
                cached.events.append(item)
        cached.complete_at = stored[-1].seq if stored else last[0]
        return stored

    def forget(self, doc_id: str) -> None:
        """Drop the cached review: the next read replays it from the store."""
        self._cache.pop(doc_id, None)

    def append(self, new: Sequence[Event]) -> list[StoredEvent]:
        """Append events that need no state check (log exports, settings)."""
        with self._guard(), self._engine.begin() as connection:
            _lock(connection)
            return self._insert(connection, new, _last(connection))

    def _insert(
        self, connection: Connection, new: Sequence[Event], last: tuple[int, str]
    ) -> list[StoredEvent]:
        """Append after ``last`` (read under the append lock); remembers the new last event, so
        the next command knows whether another writer appended in between."""
        seq, prev = last
        rows, stored = [], []
        for item in new:
            seq += 1
            created = _now()
            payload = chain.canonical(item.payload)
            digest = chain.event_hash(
                prev, seq, item.doc_id, str(item.kind), item.actor, created, payload
            )
            rows.append(
                {
                    "seq": seq,
                    "doc_id": item.doc_id,
                    "kind": str(item.kind),
                    "actor": item.actor,
                    "created_at": created,
                    "payload": payload,
                    "prev_hash": prev,
                    "hash": digest,
                }
            )
            stored.append(StoredEvent(seq, _parse_time(created), prev, digest, item))
            prev = digest
        if rows:
            connection.execute(events.insert(), rows)
        return stored

    # --- reading ---------------------------------------------------------------------------

    def review(self, doc_id: str) -> Review:
        return self.record(doc_id).review

    def record(self, doc_id: str) -> DocumentRecord:
        with self._guard(), self._engine.connect() as connection:
            cached = self._refreshed(connection, doc_id)
        if not cached.events:
            raise UnknownDocumentError(doc_id, self._where)
        return DocumentRecord(cached.review, tuple(cached.events))

    def document_ids(self) -> list[str]:
        query = (
            sa.select(events.c.doc_id)
            .where(events.c.kind == str(EventKind.DOCUMENT_REGISTERED))
            .order_by(events.c.seq)
        )
        with self._guard(), self._engine.connect() as connection:
            return list(connection.scalars(query))

    def records(self) -> list[DocumentRecord]:
        return [self.record(doc_id) for doc_id in self.document_ids()]

    def find(self, doc: str) -> str:
        """A document's id from its id, its SHA-256 (or a prefix of 8+ hex digits), or the path
        it was registered under."""
        wanted = doc.strip().lower()
        resolved = str(Path(doc).resolve()) if doc.strip() else ""
        query = sa.select(events.c.doc_id, events.c.payload).where(
            events.c.kind == str(EventKind.DOCUMENT_REGISTERED)
        )
        with self._guard(), self._engine.connect() as connection:
            registered = connection.execute(query).all()
        matches: set[str] = set()
        for doc_id, payload in registered:
            data = json.loads(payload)
            sha = str(data["sha256"])
            if (
                wanted == doc_id
                or (len(wanted) >= 8 and sha.startswith(wanted))
                or data.get("path") in (doc, resolved)
            ):
                matches.add(str(doc_id))
        if not matches:
            raise UnknownDocumentError(doc, self._where)
        if len(matches) > 1:
            raise AmbiguousDocumentError(f"{doc}：{len(matches)} 份", self._where)
        return matches.pop()

    def head(self) -> str:
        """``<seq>:<hash>`` of the last event (``0:000…`` for an empty store)."""
        with self._guard(), self._engine.connect() as connection:
            seq, digest = _last(connection)
        return f"{seq}:{digest}"

    def chain_rows(self, batch: int = 5000) -> Iterator[chain.ChainRow]:
        """Every event in sequence order, read in batches (a store may hold millions)."""
        after = 0
        columns = [
            events.c.seq,
            events.c.doc_id,
            events.c.kind,
            events.c.actor,
            events.c.created_at,
            events.c.payload,
            events.c.prev_hash,
            events.c.hash,
        ]
        while True:
            query = sa.select(*columns).where(events.c.seq > after).order_by(events.c.seq)
            with self._guard(), self._engine.connect() as connection:
                rows = connection.execute(query.limit(batch)).all()
            if not rows:
                return
            for row in rows:
                yield chain.ChainRow(*row)
            after = rows[-1].seq

    def verify(self, anchors: Mapping[int, str] | None = None) -> chain.Verdict:
        return chain.verify(self.chain_rows(), anchors)

    def events_of(self, kinds: Sequence[EventKind]) -> list[StoredEvent]:
        """Every event of these kinds in chain order (log exports and settings)."""
        query = (
            sa.select(events)
            .where(events.c.kind.in_([str(k) for k in kinds]))
            .order_by(events.c.seq)
        )
        with self._guard(), self._engine.connect() as connection:
            return [_stored(row) for row in connection.execute(query).mappings()]

    def _refreshed(self, connection: Connection, doc_id: str) -> _Cached:
        """The cached review advanced by the events other processes appended since."""
        cached = self._cache.setdefault(doc_id, _Cached(Review(doc_id)))
        query = (
            sa.select(events)
            .where(events.c.doc_id == doc_id, events.c.seq > cached.last_seq)
            .order_by(events.c.seq)
        )
        for row in connection.execute(query).mappings():
            item = _stored(row)
            cached.review.apply(item.event)
            cached.events.append(item)
        return cached

    # --- errors ----------------------------------------------------------------------------

    @property
    def _where(self) -> str:
        """The store as a message names it: a file path, or a server URL without password."""
        url = sa.make_url(self.url)
        if url.get_backend_name() == "sqlite":
            return url.database or ":memory:"
        return url.render_as_string(hide_password=True)

    def _guard(self) -> AbstractContextManager[None]:
        return _guarded(self._where)


@contextmanager
def _guarded(where: str) -> Iterator[None]:
    """Turns a driver's exception into a StoreError a reviewer can act on."""
    try:
        yield
    except SQLAlchemyError as exc:
        raise _translate(exc, where) from exc


def _translate(exc: SQLAlchemyError, where: str) -> StoreError:
    text = str(getattr(exc, "orig", exc)).strip().splitlines()[0] if str(exc) else ""
    if "append-only" in text or "four-eyes" in text:
        return StoreRefusedError(text.removeprefix("review_desk: "), where)
    if "permission denied" in text:
        return StoreRefusedError(text, where)
    if isinstance(exc, DBAPIError) and isinstance(exc.orig, sqlite3.DatabaseError):
        return _sqlite_error(text, where)
    if isinstance(exc, OperationalError):
        return StoreUnreachableError(text, where)
    return StoreError(text, where)


def _sqlite_error(text: str, where: str) -> StoreError:
    lowered = text.lower()
    if "not a database" in lowered or "malformed" in lowered:
        return StoreNotDatabaseError(text, where)
    if "readonly" in lowered or "read-only" in lowered or "unable to open" in lowered:
        folder = Path(where).parent
        if not os.access(folder, os.W_OK) or Path(where).exists():
            return StoreReadOnlyError(text, where)
    if "locked" in lowered or "busy" in lowered:
        return StoreError(f"记录库正被其他程序长时间占用：{text}", where)
    return StoreUnreachableError(text, where)


def _engine(url: str) -> Engine:
    try:
        parsed = sa.make_url(url)
    except sa.exc.ArgumentError as exc:
        raise StoreUnreachableError(f"地址格式不对：{url}") from exc
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(parsed)
    if backend == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        return sa.create_engine(parsed, connect_args={"connect_timeout": 10}, pool_pre_ping=True)
    raise StoreUnreachableError(f"只支持 sqlite:/// 与 postgresql:// 地址：{url}")


def _sqlite_engine(url: sa.URL) -> Engine:
    database = url.database
    if database and database != ":memory:":
        _check_file(Path(database))
    engine = sa.create_engine(url, connect_args={"timeout": _BUSY_TIMEOUT_S})
    sa_event.listen(engine, "connect", _sqlite_connected)
    sa_event.listen(engine, "begin", _sqlite_begin)
    return engine


def _check_file(path: Path) -> None:
    try:
        if path.is_dir():
            raise StoreNotDatabaseError("这是一个文件夹", path)
        _refuse_foreign_file(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreReadOnlyError(exc.strerror or str(exc), path) from exc
        if not os.access(path.parent, os.W_OK):
            raise StoreReadOnlyError("文件夹不可写（还需写入 -wal 日志文件）", path)
    except PermissionError as exc:
        raise StoreReadOnlyError(exc.strerror or str(exc), path) from exc


_SQLITE_MAGIC = b"SQLite format 3\x00"


def _refuse_foreign_file(path: Path) -> None:
    """A non-empty file that is not SQLite is never opened: SQLite would refuse it only at the
    first statement, and an empty-header write could damage someone's file."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(_SQLITE_MAGIC))
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StoreReadOnlyError(exc.strerror or str(exc), path) from exc
    if head and head != _SQLITE_MAGIC:
        raise StoreNotDatabaseError("", path)


def _sqlite_connected(dbapi_connection: sqlite3.Connection, _: object) -> None:
    # The driver's own transaction handling would BEGIN lazily and DEFERRED; the chain needs
    # the write lock before it reads the last hash (see _sqlite_begin).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # NORMAL in WAL mode: a commit survives a killed process (tests/audit/test_crash.py) and
    # the file stays consistent after a power cut, which may lose the last commits; FULL would
    # fsync every key press, 5-10x slower on this class of disk (bench/bench_audit.py).
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={_BUSY_TIMEOUT_S * 1000}")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")


MEMBER_ROLE = "review_desk_member"


def _role_name(name: str) -> str:
    if not name.replace("_", "").isalnum() or not name.isascii():
        raise StoreError(f"数据库角色名只能含字母、数字和下划线：{name}")
    return name


def _create_role(connection: Connection, name: str, login: bool) -> None:
    role = _role_name(name)
    exists = connection.scalar(sa.text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role})
    if not exists:
        connection.exec_driver_sql(f'CREATE ROLE "{role}" {"LOGIN" if login else "NOLOGIN"}')


def _set_config(connection: Connection, key: str, value: str) -> None:
    present = connection.scalar(sa.select(store_config.c.value).where(store_config.c.key == key))
    if present is None:
        connection.execute(store_config.insert().values(key=key, value=value))
    elif present != value:
        connection.execute(
            store_config.update().where(store_config.c.key == key).values(value=value)
        )


def _last(connection: Connection) -> tuple[int, str]:
    """Sequence number and hash of the chain's last event (read under the append lock)."""
    query = sa.select(events.c.seq, events.c.hash).order_by(events.c.seq.desc()).limit(1)
    row = connection.execute(query).first()
    return (row.seq, row.hash) if row is not None else (0, chain.GENESIS)


def _locked_last(connection: Connection) -> tuple[int, str]:
    """Take the append lock, then read the last event (one round trip on PostgreSQL)."""
    if connection.dialect.name != "postgresql":
        return _last(connection)  # BEGIN IMMEDIATE already holds SQLite's write lock
    row = connection.execute(sa.text("SELECT * FROM review_desk_locked_last()")).one()
    return (row.last_seq, row.last_hash) if row.last_seq is not None else (0, chain.GENESIS)


def _lock(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _APPEND_LOCK})


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _parse_time(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


def _stored(row: sa.RowMapping) -> StoredEvent:
    event = Event(EventKind(row["kind"]), row["doc_id"], row["actor"], json.loads(row["payload"]))
    return StoredEvent(
        row["seq"], _parse_time(row["created_at"]), row["prev_hash"], row["hash"], event
    )


def _os_user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
