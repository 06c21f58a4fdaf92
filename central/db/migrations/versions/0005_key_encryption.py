"""Signing keys' private halves sealed with the key-encryption key (retired ones destroyed);
for retention, the daily aggregates that outlive it and when a person was found deactivated.

A store with raw keys and no KEK configured: a SQLite database file gets one beside it (as
``init`` makes); PostgreSQL refuses to upgrade until $REGIONLAB_KEY_ENCRYPTION_KEY_FILE (or
$REGIONLAB_KEY_ENCRYPTION_KEY) is set, and the upgrade rolls back whole.

Revision ID: 0005_key_encryption
Revises: 0004_feed_compaction
Create Date: 2026-11-30 03:00:00
"""

import logging
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from central.db import key_encryption

revision: str = "0005_key_encryption"
down_revision: str | None = "0004_feed_compaction"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "daily_aggregates",
        sa.Column("site", sa.String(length=32), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("organisation_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("people", sa.Integer(), nullable=False),
        sa.Column("visits", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["site"], ["sites.code"], name=op.f("fk_daily_aggregates_site_sites")
        ),
        sa.PrimaryKeyConstraint(
            "site", "day", "organisation_id", "kind", name=op.f("pk_daily_aggregates")
        ),
    )
    with op.batch_alter_table("people") as batch:
        batch.add_column(sa.Column("deactivated_at", sa.DateTime(timezone=True), nullable=True))
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT key_id, private_key, retired_at FROM signing_keys")).all()
    raw = [
        row
        for row in rows
        if bytes(row.private_key) != key_encryption.DESTROYED
        and not key_encryption.is_sealed(row.private_key)
    ]
    update = sa.text("UPDATE signing_keys SET private_key = :stored WHERE key_id = :key_id")
    live = [row for row in raw if row.retired_at is None]
    for row in raw:
        if row.retired_at is not None:  # retired: it never signs again
            bind.execute(update, {"stored": key_encryption.DESTROYED, "key_id": row.key_id})
    if not live:
        return
    url = bind.engine.url
    created = key_encryption.ensure_kek(url)
    if created is not None:  # `serve` upgrading a store that `init` did not: say where it is
        logging.getLogger("central.db.key_encryption").warning(
            "key-encryption key created: %s (keep it out of the database's backups)", created
        )
    kek = key_encryption.require_kek(url)
    for row in live:
        sealed = key_encryption.seal(kek, row.key_id, bytes(row.private_key))
        bind.execute(update, {"stored": sealed, "key_id": row.key_id})


def downgrade() -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT key_id, private_key FROM signing_keys")).all()
    sealed = [row for row in rows if key_encryption.is_sealed(row.private_key)]
    if sealed:
        kek = key_encryption.require_kek(bind.engine.url)
        for row in sealed:
            bind.execute(
                sa.text("UPDATE signing_keys SET private_key = :raw WHERE key_id = :key_id"),
                {"raw": key_encryption.unseal(kek, row.key_id, row.private_key), "key_id": row.key_id},
            )
    op.drop_table("daily_aggregates")
    with op.batch_alter_table("people") as batch:
        batch.drop_column("deactivated_at")
