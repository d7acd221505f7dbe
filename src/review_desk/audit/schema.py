"""The store's tables (SQLAlchemy Core), one schema for SQLite and PostgreSQL.

``events`` is the hash chain: append-only, refused UPDATE and DELETE by triggers on both
databases (see the migrations). ``store_config`` holds what the database itself enforces
(four-eyes), so a team store does not depend on every desktop's settings.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Index, MetaData, String, Table, Text

metadata = MetaData()

events = Table(
    "events",
    metadata,
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("doc_id", String(64), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("actor", String(200), nullable=False),
    # Filled by the database on PostgreSQL (session_user): who really connected.
    Column("db_user", String(200), nullable=True),
    Column("created_at", String(32), nullable=False),
    Column("payload", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False, unique=True),
)
Index("ix_events_doc_seq", events.c.doc_id, events.c.seq)
Index("ix_events_kind", events.c.kind)

store_config = Table(
    "store_config",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", String(200), nullable=False),
)

#: Settings the database enforces; ``four_eyes_by_role`` is turned on by team-role setup.
FOUR_EYES = "four_eyes"
FOUR_EYES_BY_ROLE = "four_eyes_by_role"
