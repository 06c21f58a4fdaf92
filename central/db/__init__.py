"""The database: engines and sessions, the ORM models, and the Alembic migrations."""
