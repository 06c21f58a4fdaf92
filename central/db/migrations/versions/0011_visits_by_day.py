"""An index on visits by site and check-in time: "who came to this site today" (the kiosks'
here-today counts, read after a batch brings someone new, and whether a person of a batch has
come today) and the reports' day ranges read a day's visits instead of every visit kept.

Revision ID: 0011_visits_by_day
Revises: 0010_merge
"""

from alembic import op

revision: str = "0011_visits_by_day"
down_revision: str = "0010_merge"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_visits_site_checked_in", "visits", ["site", "checked_in_at"])


def downgrade() -> None:
    op.drop_index("ix_visits_site_checked_in", table_name="visits")
