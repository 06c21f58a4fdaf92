"""Merge the branches of the store's schema that grew side by side.

Revision ID: 0006_merge
Revises: 0005_kiosks_tokens, 0005_people_lunch, 0005_guests, 0005_person_pins,
         0005_key_encryption
"""

revision: str = "0006_merge"
down_revision: tuple[str, ...] = (
    "0005_kiosks_tokens",
    "0005_people_lunch",
    "0005_guests",
    "0005_person_pins",
    "0005_key_encryption",
)
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
