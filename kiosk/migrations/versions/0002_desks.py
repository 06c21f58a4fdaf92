"""Floors, desks, rooms, bookings, claims, fixed desks, desk conflicts and site settings.

Revision ID: 0002_desks
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_desks"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "site_settings",
        sa.Column("code", sa.String(32), primary_key=True),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("no_show_release", sa.String(5), nullable=False),
        sa.Column("closing_time", sa.String(5), nullable=False),
        sa.Column("cluster_zones", sa.JSON(), nullable=False),
    )
    op.create_table(
        "floors",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("site", sa.String(32), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("plan", sa.LargeBinary(), nullable=True),
        sa.Column("plan_type", sa.String(8), nullable=False),
        sa.Column("plan_sha256", sa.String(64), nullable=False),
        sa.Column("width", sa.Float(), nullable=False),
        sa.Column("height", sa.Float(), nullable=False),
    )
    op.create_table(
        "desks",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("site", sa.String(32), nullable=False),
        sa.Column("floor_id", sa.String(64), nullable=True),
        sa.Column("label", sa.String(16), nullable=False),
        sa.Column("zone", sa.String(64), nullable=False),
        sa.Column("x", sa.Float(), nullable=False),
        sa.Column("y", sa.Float(), nullable=False),
        sa.Column("width", sa.Float(), nullable=False),
        sa.Column("height", sa.Float(), nullable=False),
        sa.Column("rotation", sa.Float(), nullable=False),
        sa.Column("equipment", sa.JSON(), nullable=False),
        sa.Column("mode", sa.String(16), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_desks_floor_id", "desks", ["floor_id"])
    op.create_table(
        "rooms",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("floor_id", sa.String(64), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("x", sa.Float(), nullable=False),
        sa.Column("y", sa.Float(), nullable=False),
        sa.Column("width", sa.Float(), nullable=False),
        sa.Column("height", sa.Float(), nullable=False),
    )
    op.create_index("ix_rooms_floor_id", "rooms", ["floor_id"])
    op.create_table(
        "bookings",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("desk_id", sa.String(64), nullable=False),
        sa.Column("person_id", sa.String(36), nullable=False),
        sa.Column("start_at", sa.DateTime(), nullable=False),
        sa.Column("end_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
    )
    op.create_index("ix_bookings_desk_id", "bookings", ["desk_id"])
    op.create_index("ix_bookings_person_id", "bookings", ["person_id"])
    op.create_table(
        "desk_claims",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("desk_id", sa.String(64), nullable=False),
        sa.Column("person_id", sa.String(36), nullable=False),
        sa.Column("start_at", sa.DateTime(), nullable=False),
        sa.Column("until", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("provisional", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_desk_claims_desk_id", "desk_claims", ["desk_id"])
    op.create_index("ix_desk_claims_person_id", "desk_claims", ["person_id"])
    op.create_table(
        "desk_assignments",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("desk_id", sa.String(64), nullable=False),
        sa.Column("person_id", sa.String(36), nullable=True),
        sa.Column("organisation_id", sa.String(64), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
    )
    op.create_index("ix_desk_assignments_desk_id", "desk_assignments", ["desk_id"])
    op.create_index("ix_desk_assignments_person_id", "desk_assignments", ["person_id"])
    op.create_table(
        "desk_conflicts",
        sa.Column("event_id", sa.String(36), primary_key=True),
        sa.Column("person_id", sa.String(36), nullable=False),
        sa.Column("desk_id", sa.String(64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("acknowledged", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_desk_conflicts_person_id", "desk_conflicts", ["person_id"])
    # Desks the store sent before this kiosk mirrored them: read the feed again from the start.
    op.execute("UPDATE sync_state SET cursor = 0")


def downgrade() -> None:
    for table in (
        "desk_conflicts",
        "desk_assignments",
        "desk_claims",
        "bookings",
        "rooms",
        "desks",
        "floors",
        "site_settings",
    ):
        op.drop_table(table)
