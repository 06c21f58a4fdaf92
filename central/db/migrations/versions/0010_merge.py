"""Merge the schemas that grew side by side on the console's branches: set-password links
(0009_console_guests) and the People page's search indexes (0009_person_ref).

Revision ID: 0010_merge
Revises: 0009_console_guests, 0009_person_ref
"""

revision: str = "0010_merge"
down_revision: tuple[str, ...] = ("0009_console_guests", "0009_person_ref")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
