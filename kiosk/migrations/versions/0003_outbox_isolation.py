"""The outbox sets aside an event the store keeps failing: its failures, and when it was set aside.

Revision ID: 0003_outbox_isolation
Revises: 0002_desks
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_outbox_isolation"
down_revision = "0002_desks"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch_op:
        batch_op.add_column(
            sa.Column("failures", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(sa.Column("set_aside_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch_op:
        batch_op.drop_column("set_aside_at")
        batch_op.drop_column("failures")
