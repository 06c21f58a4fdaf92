"""Join the two schema branches made side by side: floors/desks and invitations/key retirement.

Revision ID: 0003
Revises: 0002_floors, 0002_invitations
"""

revision: str = "0003"
down_revision: tuple[str, ...] = ("0002_floors", "0002_invitations")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
