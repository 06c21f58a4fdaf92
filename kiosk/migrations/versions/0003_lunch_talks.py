"""Lunch talks of the site, sign-ups made at this kiosk, and the "here today" counts.

Revision ID: 0003_lunch_talks
Revises: 0002_desks
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_lunch_talks"
down_revision = "0002_desks"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "lunch_talks",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        sa.Column("cluster", sa.String(60), nullable=True),
        sa.Column("room", sa.String(100), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("signed_up", sa.Integer(), nullable=False),
    )
    op.create_index("ix_lunch_talks_starts_at", "lunch_talks", ["starts_at"])
    op.create_table(
        "lunch_signups",
        sa.Column("event_id", sa.String(36), primary_key=True),
        sa.Column("talk_id", sa.String(36), nullable=False),
        sa.Column("person_id", sa.String(36), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
    )
    op.create_index("ix_lunch_signups_talk_id", "lunch_signups", ["talk_id"])
    op.create_table(
        "here_today",
        sa.Column("site", sa.String(32), primary_key=True),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("by_organisation", sa.JSON(), nullable=False),
        sa.Column("by_cluster", sa.JSON(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("here_today")
    op.drop_index("ix_lunch_signups_talk_id", table_name="lunch_signups")
    op.drop_table("lunch_signups")
    op.drop_index("ix_lunch_talks_starts_at", table_name="lunch_talks")
    op.drop_table("lunch_talks")
