"""Alembic environment: migrations run on the connection handed in by kithkin."""

from alembic import context

from kithkin.storage.tables import metadata

connection = context.config.attributes.get("connection")


def run() -> None:
    """Run migrations online, on the caller's connection (SQLite batch mode on)."""
    if connection is None:
        raise RuntimeError("kithkin runs its migrations with a connection; see storage/database.py")
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run()
