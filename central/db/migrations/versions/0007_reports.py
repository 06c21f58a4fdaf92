"""Reports: the aggregates they read (report_cells), the kind of each organisation and the day
each person was first seen (new vs returning users).

Revision ID: 0007_reports
Revises: 0006_merge
"""

import sqlalchemy as sa
from alembic import op

revision: str = "0007_reports"
down_revision: str = "0006_merge"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_cells",
        sa.Column("site", sa.String(32), nullable=False),
        sa.Column("period", sa.String(8), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("measure", sa.String(32), nullable=False),
        sa.Column("key", sa.String(140), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("people", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["site"], ["sites.code"], name=op.f("fk_report_cells_site_sites")),
        sa.PrimaryKeyConstraint(
            "site", "period", "start", "measure", "key", name=op.f("pk_report_cells")
        ),
    )
    with op.batch_alter_table("organisations") as batch:
        batch.add_column(sa.Column("kind", sa.String(16), nullable=False, server_default="other"))
    with op.batch_alter_table("people") as batch:
        batch.add_column(sa.Column("first_seen_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("people") as batch:
        batch.drop_column("first_seen_on")
    with op.batch_alter_table("organisations") as batch:
        batch.drop_column("kind")
    op.drop_table("report_cells")
