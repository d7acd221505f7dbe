"""PostgreSQL: take the append lock and read the chain's last event in one round trip.

Revision ID: 0002
Revises: 0001

A key press on a team store was five round trips (BEGIN, lock, last, insert, COMMIT); inside a
VOLATILE function each statement takes a fresh snapshot, so the read after the lock still sees
every event committed before it. SQLite needs nothing: BEGIN IMMEDIATE is its lock.
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

LOCK_KEY = 7_305_242


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        f"""CREATE FUNCTION review_desk_locked_last(OUT last_seq BIGINT, OUT last_hash TEXT)
        LANGUAGE plpgsql VOLATILE AS $$
        BEGIN
          PERFORM pg_advisory_xact_lock({LOCK_KEY});
          SELECT e.seq, e.hash INTO last_seq, last_hash FROM events e ORDER BY e.seq DESC LIMIT 1;
        END $$"""
    )


def downgrade() -> None:
    raise NotImplementedError("the audit chain is never downgraded")
