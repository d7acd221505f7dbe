"""Alembic environment: the store passes its open connection, so SQLite and PostgreSQL are
upgraded by the same code in the same transaction as the check that preceded it."""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, transactional_ddl=True)
with context.begin_transaction():
    context.run_migrations()
