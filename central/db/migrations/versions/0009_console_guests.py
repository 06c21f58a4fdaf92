"""One-time set-password links for staff accounts (``staff add`` without a password).

Revision ID: 0009_console_guests
Revises: 0008_merge
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_console_guests"
down_revision: str | None = "0008_merge"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BIGID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "staff_password_links",
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("account_id", _BIGID, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["staff_accounts.id"],
            name=op.f("fk_staff_password_links_account_id_staff_accounts"),
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_staff_password_links")),
    )
    op.create_index("ix_staff_password_links_account_id", "staff_password_links", ["account_id"])


def downgrade() -> None:
    op.drop_index("ix_staff_password_links_account_id", table_name="staff_password_links")
    op.drop_table("staff_password_links")
