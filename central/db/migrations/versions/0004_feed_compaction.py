"""The changes feed keeps the latest row of each entity: an index to find an entity's rows, and
the history written before this version compacted away.

Revision ID: 0004_feed_compaction
Revises: 0003
Create Date: 2026-11-29 23:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004_feed_compaction"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_changes_entity_key", "changes", ["entity", "key"])
    # The latest row per entity and audience (site; NULL is every site, and groups as one)
    # stays. A kiosk whose cursor is behind a removed row finds the newer one further on.
    op.execute(
        "DELETE FROM changes WHERE seq NOT IN "
        "(SELECT MAX(seq) FROM changes GROUP BY entity, key, site)"
    )
    # Deletes were written with an empty object; the feed now sends them with null data
    # (central.domain.changes.page_json), so the stored {} stays as it is.


def downgrade() -> None:
    op.drop_index("ix_changes_entity_key", table_name="changes")
