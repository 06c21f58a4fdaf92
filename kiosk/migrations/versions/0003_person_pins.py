"""People's PIN hashes (for check-out and desk claims by name) and organisation short names.

Revision ID: 0003_person_pins
Revises: 0002_desks
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_person_pins"
down_revision = "0002_desks"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("people") as batch:
        batch.add_column(sa.Column("organisation_short", sa.String(64), nullable=True))
        batch.add_column(sa.Column("pin_hash", sa.String(200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("people") as batch:
        batch.drop_column("pin_hash")
        batch.drop_column("organisation_short")
