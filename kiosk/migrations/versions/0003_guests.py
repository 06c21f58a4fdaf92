"""Guest badges: this kiosk's own key for signing the badges it prints.

Revision ID: 0003_guests
Revises: 0002_desks
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_guests"
down_revision = "0002_desks"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "badge_keys",
        sa.Column("key_id", sa.String(8), primary_key=True),
        sa.Column("private_key", sa.LargeBinary(32), nullable=False),
        sa.Column("public_key", sa.LargeBinary(32), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("badge_keys")
