"""Merge the branches of the local store's schema that grew side by side.

Revision ID: 0004_merge
Revises: 0003_outbox_isolation, 0003_lunch_talks, 0003_guests, 0003_person_pins
"""

revision = "0004_merge"
down_revision = ("0003_outbox_isolation", "0003_lunch_talks", "0003_guests", "0003_person_pins")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
