"""Lunch talks ("faglig lunsj") and who signed up for them; people found by e-mail in bulk.

People already had a cluster (competence cluster) and an active flag; an import of a
member list looks people up by e-mail, which the unique constraint on ``people.email`` indexes.

Revision ID: 0005_people_lunch
Revises: 0004_feed_compaction
Create Date: 2026-11-30 03:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_people_lunch"
down_revision: str | None = "0004_feed_compaction"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_CLUSTERS = ("næring", "utdanning", "naturforvaltning", "helse", "barn og unge")


def upgrade() -> None:
    clusters = ", ".join(repr(c) for c in _CLUSTERS)
    op.create_table(
        "lunch_talks",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("site", sa.String(32), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("cluster", sa.String(32), nullable=True),
        sa.Column("room", sa.String(100), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("signed_up", sa.Integer(), server_default="0", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("capacity > 0", name=op.f("ck_lunch_talks_capacity")),
        sa.CheckConstraint(
            f"cluster IS NULL OR cluster IN ({clusters})", name=op.f("ck_lunch_talks_cluster")
        ),
        sa.ForeignKeyConstraint(["site"], ["sites.code"], name=op.f("fk_lunch_talks_site_sites")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lunch_talks")),
    )
    op.create_index("ix_lunch_talks_site_starts_at", "lunch_talks", ["site", "starts_at"])
    op.create_table(
        "lunch_signups",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("talk_id", sa.String(36), nullable=False),
        sa.Column("person_id", sa.String(36), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["talk_id"], ["lunch_talks.id"], name=op.f("fk_lunch_signups_talk_id_lunch_talks")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_lunch_signups_person_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lunch_signups")),
        sa.UniqueConstraint("talk_id", "person_id", name="uq_lunch_signups_talk_person"),
    )
    op.create_index("ix_lunch_signups_person_id", "lunch_signups", ["person_id"])


def downgrade() -> None:
    op.drop_index("ix_lunch_signups_person_id", table_name="lunch_signups")
    op.drop_table("lunch_signups")
    op.drop_index("ix_lunch_talks_site_starts_at", table_name="lunch_talks")
    op.drop_table("lunch_talks")
