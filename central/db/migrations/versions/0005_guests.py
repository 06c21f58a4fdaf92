"""Guests' arrivals: whom they came to see, whether the host was told, how to know them again.

Revision ID: 0005_guests
Revises: 0004_feed_compaction
Create Date: 2026-11-30 03:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_guests"
down_revision: str | None = "0004_feed_compaction"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "guest_arrivals",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("site", sa.String(32), nullable=False),
        sa.Column("guest_id", sa.String(36), nullable=False),
        sa.Column("host_id", sa.String(36), nullable=False),
        sa.Column("organisation", sa.String(100), nullable=False),
        sa.Column("purpose", sa.String(16), nullable=True),
        sa.Column("phone", sa.String(20), nullable=True),
        sa.Column("email", sa.String(254), nullable=True),
        sa.Column("arrived_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("notified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("notice_attempts", sa.Integer(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(["id"], ["events.id"], name=op.f("fk_guest_arrivals_id_events")),
        sa.ForeignKeyConstraint(
            ["site"], ["sites.code"], name=op.f("fk_guest_arrivals_site_sites")
        ),
        sa.ForeignKeyConstraint(
            ["guest_id"], ["people.id"], name=op.f("fk_guest_arrivals_guest_id_people")
        ),
        sa.ForeignKeyConstraint(
            ["host_id"], ["people.id"], name=op.f("fk_guest_arrivals_host_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_guest_arrivals")),
    )
    op.create_index("ix_guest_arrivals_guest_id", "guest_arrivals", ["guest_id"])
    op.create_index("ix_guest_arrivals_phone", "guest_arrivals", ["phone"])
    op.create_index("ix_guest_arrivals_email", "guest_arrivals", ["email"])


def downgrade() -> None:
    op.drop_table("guest_arrivals")
