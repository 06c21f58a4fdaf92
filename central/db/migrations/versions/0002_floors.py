"""Floors, plans, desk geometry, rooms, fixed desks, bookings, drop-in claims, site settings.

Revision ID: 0002_floors
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_floors"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("sites") as batch:
        batch.add_column(
            sa.Column("no_show_release", sa.String(5), nullable=False, server_default="10:00")
        )
        batch.add_column(
            sa.Column("closing_time", sa.String(5), nullable=False, server_default="17:00")
        )
        batch.add_column(sa.Column("cluster_zones", sa.JSON(), nullable=False, server_default="{}"))
    op.create_table(
        "floors",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("site", sa.String(32), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("plan", sa.LargeBinary(), nullable=False),
        sa.Column("plan_type", sa.String(8), nullable=False),
        sa.Column("width", sa.Float(), nullable=False),
        sa.Column("height", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["site"], ["sites.code"], name=op.f("fk_floors_site_sites")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_floors")),
        sa.UniqueConstraint("site", "name", name="uq_floors_site_name"),
    )
    with op.batch_alter_table("desks") as batch:
        batch.add_column(sa.Column("floor_id", sa.String(64), nullable=True))
        for name in ("x", "y", "width", "height", "rotation"):
            batch.add_column(sa.Column(name, sa.Float(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("equipment", sa.JSON(), nullable=False, server_default="[]"))
        batch.add_column(sa.Column("mode", sa.String(16), nullable=False, server_default="drop_in"))
        batch.add_column(
            sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true())
        )
        batch.create_foreign_key(op.f("fk_desks_floor_id_floors"), "floors", ["floor_id"], ["id"])
        batch.create_index(op.f("ix_desks_floor_id"), ["floor_id"])
    op.create_table(
        "rooms",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("site", sa.String(32), nullable=False),
        sa.Column("floor_id", sa.String(64), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("x", sa.Float(), nullable=False),
        sa.Column("y", sa.Float(), nullable=False),
        sa.Column("width", sa.Float(), nullable=False),
        sa.Column("height", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["site"], ["sites.code"], name=op.f("fk_rooms_site_sites")),
        sa.ForeignKeyConstraint(["floor_id"], ["floors.id"], name=op.f("fk_rooms_floor_id_floors")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rooms")),
    )
    op.create_index(op.f("ix_rooms_floor_id"), "rooms", ["floor_id"])
    op.create_table(
        "desk_assignments",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("site", sa.String(32), nullable=False),
        sa.Column("desk_id", sa.String(64), nullable=False),
        sa.Column("person_id", sa.String(36), nullable=True),
        sa.Column("organisation_id", sa.String(64), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.CheckConstraint(
            "(person_id IS NULL) <> (organisation_id IS NULL)",
            name=op.f("ck_desk_assignments_person_or_organisation"),
        ),
        sa.ForeignKeyConstraint(
            ["site"], ["sites.code"], name=op.f("fk_desk_assignments_site_sites")
        ),
        sa.ForeignKeyConstraint(
            ["desk_id"], ["desks.id"], name=op.f("fk_desk_assignments_desk_id_desks")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_desk_assignments_person_id_people")
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_desk_assignments_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_desk_assignments")),
    )
    op.create_index(op.f("ix_desk_assignments_desk_id"), "desk_assignments", ["desk_id"])
    op.create_table(
        "bookings",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("site", sa.String(32), nullable=False),
        sa.Column("desk_id", sa.String(64), nullable=False),
        sa.Column("person_id", sa.String(36), nullable=False),
        sa.Column("start_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("end_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("end_at > start_at", name=op.f("ck_bookings_positive")),
        sa.ForeignKeyConstraint(["site"], ["sites.code"], name=op.f("fk_bookings_site_sites")),
        sa.ForeignKeyConstraint(["desk_id"], ["desks.id"], name=op.f("fk_bookings_desk_id_desks")),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_bookings_person_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bookings")),
    )
    op.create_index(op.f("ix_bookings_desk_id"), "bookings", ["desk_id"])
    op.create_index(op.f("ix_bookings_person_id"), "bookings", ["person_id"])
    op.create_table(
        "desk_claims",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("site", sa.String(32), nullable=False),
        sa.Column("desk_id", sa.String(64), nullable=False),
        sa.Column("person_id", sa.String(36), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("start_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("until", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["site"], ["sites.code"], name=op.f("fk_desk_claims_site_sites")),
        sa.ForeignKeyConstraint(
            ["desk_id"], ["desks.id"], name=op.f("fk_desk_claims_desk_id_desks")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_desk_claims_person_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_desk_claims")),
    )
    for column in ("desk_id", "person_id"):
        op.create_index(
            f"uq_desk_claims_{column.split('_')[0]}_day",
            "desk_claims",
            [column, "day"],
            unique=True,
            sqlite_where=sa.text("status = 'active'"),
            postgresql_where=sa.text("status = 'active'"),
        )
    op.create_table(
        "scheduler_runs",
        sa.Column("site", sa.String(32), nullable=False),
        sa.Column("job", sa.String(32), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("ran_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["site"], ["sites.code"], name=op.f("fk_scheduler_runs_site_sites")
        ),
        sa.PrimaryKeyConstraint("site", "job", "day", name=op.f("pk_scheduler_runs")),
    )


def downgrade() -> None:
    op.drop_table("scheduler_runs")
    op.drop_table("desk_claims")
    op.drop_table("bookings")
    op.drop_table("desk_assignments")
    op.drop_table("rooms")
    with op.batch_alter_table("desks") as batch:
        batch.drop_index(op.f("ix_desks_floor_id"))
        batch.drop_constraint(op.f("fk_desks_floor_id_floors"), type_="foreignkey")
        for name in ("active", "mode", "equipment", "rotation", "height", "width", "y", "x"):
            batch.drop_column(name)
        batch.drop_column("floor_id")
    op.drop_table("floors")
    # Not batch mode: copying "sites" would trip the foreign keys that point at it.
    for name in ("cluster_zones", "closing_time", "no_show_release"):
        op.drop_column("sites", name)
