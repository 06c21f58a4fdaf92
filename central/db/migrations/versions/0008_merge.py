"""Merge the staff console's and the pilot reports' schemas, which grew side by side.

Revision ID: 0008_merge
Revises: 0007_reports, 0007_staff
"""

revision: str = "0008_merge"
down_revision: tuple[str, ...] = ("0007_reports", "0007_staff")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
