"""People's PIN hashes, for checking out and claiming desks by name at the kiosk.

Revision ID: 0005_person_pins
Revises: 0004_feed_compaction
Create Date: 2026-11-30 03:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_person_pins"
down_revision: str | None = "0004_feed_compaction"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("people") as batch:
        batch.add_column(sa.Column("pin_hash", sa.String(200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("people") as batch:
        batch.drop_column("pin_hash")
