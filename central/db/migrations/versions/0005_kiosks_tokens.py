"""Tokens get an expiry, a revocation, a last use and a keyed hash; kiosks and their
one-time provisioning codes.

Existing tokens keep their bare SHA-256 (hash_scheme 'sha256'): the store cannot key a hash
without the token itself, so each is re-keyed with the server secret the first time it is used.

Revision ID: 0005_kiosks_tokens
Revises: 0004_feed_compaction
Create Date: 2026-11-30 02:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_kiosks_tokens"
down_revision: str | None = "0004_feed_compaction"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("tokens") as batch_op:
        batch_op.add_column(
            sa.Column("hash_scheme", sa.String(16), nullable=False, server_default="sha256")
        )
        batch_op.add_column(sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "kiosks",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("site", sa.String(32), nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("token_id", BigId, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.String(40), nullable=True),
        sa.Column("events_waiting", sa.Integer(), nullable=True),
        sa.Column("events_set_aside", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["site"], ["sites.code"], name=op.f("fk_kiosks_site_sites")),
        sa.ForeignKeyConstraint(
            ["token_id"], ["tokens.id"], name=op.f("fk_kiosks_token_id_tokens")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kiosks")),
        sa.UniqueConstraint("name", name=op.f("uq_kiosks_name")),
        sa.UniqueConstraint("token_id", name=op.f("uq_kiosks_token_id")),
    )
    op.create_index(op.f("ix_kiosks_site"), "kiosks", ["site"])
    op.create_table(
        "provisioning_codes",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("site", sa.String(32), nullable=False),
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("kiosk_name", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["site"], ["sites.code"], name=op.f("fk_provisioning_codes_site_sites")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_provisioning_codes")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_provisioning_codes_code_hash")),
    )


def downgrade() -> None:
    op.drop_table("provisioning_codes")
    op.drop_index(op.f("ix_kiosks_site"), table_name="kiosks")
    op.drop_table("kiosks")
    with op.batch_alter_table("tokens") as batch_op:
        batch_op.drop_column("last_used_at")
        batch_op.drop_column("revoked_at")
        batch_op.drop_column("expires_at")
        batch_op.drop_column("hash_scheme")
