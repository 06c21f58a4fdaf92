"""Alembic environment for the kiosk's local store; run from kiosk.store, never by hand."""

from alembic import context

from kiosk.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite alters tables by copying them; batch mode keeps the rows
)
with context.begin_transaction():
    context.run_migrations()
