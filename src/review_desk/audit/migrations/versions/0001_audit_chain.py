"""The audit chain: events, store_config, append-only and four-eyes triggers.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_APPEND_ONLY = "review_desk: the audit log is append-only (审查记录只能追加，不能修改或删除)"
_FOUR_EYES = "review_desk: four-eyes (审核人不能审核自己作出的决定)"

# The reviewers of the current round: who started it or decided the document since the last
# scan or return. Shared by both databases' four-eyes triggers.
_ROUND_ACTORS = """
    SELECT e.actor, e.db_user FROM events e
    WHERE e.doc_id = NEW.doc_id AND e.kind IN ('review_started', 'document_decided')
      AND e.seq > COALESCE((SELECT MAX(r.seq) FROM events r WHERE r.doc_id = NEW.doc_id
                            AND r.kind IN ('returned', 'scan_recorded')), 0)
"""

_SQLITE = [
    f"CREATE TRIGGER events_no_update BEFORE UPDATE ON events "
    f"BEGIN SELECT RAISE(ABORT, '{_APPEND_ONLY}'); END",
    f"CREATE TRIGGER events_no_delete BEFORE DELETE ON events "
    f"BEGIN SELECT RAISE(ABORT, '{_APPEND_ONLY}'); END",
    f"CREATE TRIGGER config_no_delete BEFORE DELETE ON store_config "
    f"BEGIN SELECT RAISE(ABORT, '{_APPEND_ONLY}'); END",
    f"""CREATE TRIGGER events_four_eyes BEFORE INSERT ON events
    WHEN NEW.kind IN ('approved', 'returned')
     AND (SELECT value FROM store_config WHERE key = 'four_eyes') = 'on'
     AND NEW.actor IN (SELECT actor FROM ({_ROUND_ACTORS}))
    BEGIN SELECT RAISE(ABORT, '{_FOUR_EYES}'); END""",
]

_POSTGRESQL = [
    f"""CREATE FUNCTION review_desk_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION '{_APPEND_ONLY}'; END $$""",
    "CREATE TRIGGER events_no_update BEFORE UPDATE OR DELETE ON events "
    "FOR EACH ROW EXECUTE FUNCTION review_desk_append_only()",
    "CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events "
    "FOR EACH STATEMENT EXECUTE FUNCTION review_desk_append_only()",
    "CREATE TRIGGER config_no_delete BEFORE DELETE ON store_config "
    "FOR EACH ROW EXECUTE FUNCTION review_desk_append_only()",
    # The database, not the program, says who connected; with per-person roles a reviewer
    # cannot approve their own decision under any display name.
    f"""CREATE FUNCTION review_desk_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.db_user := session_user;
      IF NEW.kind IN ('approved', 'returned')
         AND (SELECT value FROM store_config WHERE key = 'four_eyes') = 'on'
         AND EXISTS (SELECT 1 FROM ({_ROUND_ACTORS}) AS round
                     WHERE round.actor = NEW.actor
                        OR (round.db_user = session_user
                            AND (SELECT value FROM store_config
                                 WHERE key = 'four_eyes_by_role') = 'on'))
      THEN RAISE EXCEPTION '{_FOUR_EYES}';
      END IF;
      RETURN NEW;
    END $$""",
    "CREATE TRIGGER events_on_insert BEFORE INSERT ON events "
    "FOR EACH ROW EXECUTE FUNCTION review_desk_on_insert()",
]


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("doc_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("db_user", sa.String(200), nullable=True),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False, unique=True),
    )
    op.create_index("ix_events_doc_seq", "events", ["doc_id", "seq"])
    op.create_index("ix_events_kind", "events", ["kind"])
    op.create_table(
        "store_config",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.String(200), nullable=False),
    )
    statements = _POSTGRESQL if op.get_bind().dialect.name == "postgresql" else _SQLITE
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    raise NotImplementedError("the audit chain is never downgraded")
