"""Guest invitations (who invited whom, whether the e-mail went out) and retiring signing keys.

Revision ID: 0002_invitations
Revises: 0001
Create Date: 2026-11-28 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_invitations"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("signing_keys") as batch:
        batch.add_column(sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "invitations",
        sa.Column("pass_id", sa.String(length=16), nullable=False),
        sa.Column("guest_id", sa.String(length=36), nullable=False),
        sa.Column("host_id", sa.String(length=36), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["pass_id"], ["passes.pass_id"], name=op.f("fk_invitations_pass_id_passes")
        ),
        sa.ForeignKeyConstraint(
            ["guest_id"], ["people.id"], name=op.f("fk_invitations_guest_id_people")
        ),
        sa.ForeignKeyConstraint(
            ["host_id"], ["people.id"], name=op.f("fk_invitations_host_id_people")
        ),
        sa.PrimaryKeyConstraint("pass_id", name=op.f("pk_invitations")),
    )
    op.create_index(op.f("ix_invitations_guest_id"), "invitations", ["guest_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_invitations_guest_id"), table_name="invitations")
    op.drop_table("invitations")
    with op.batch_alter_table("signing_keys") as batch:
        batch.drop_column("retired_at")
