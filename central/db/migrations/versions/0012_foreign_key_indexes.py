"""Indexes on the columns that refer to rows retention deletes: deleting an event record, or a
person, makes the database look for rows still referring to it (the foreign key check), and
without an index that look is a scan of the whole table per deleted row. Retention's first run
on a store with 180 days of visits took 14 s, nearly all of it scanning ``visits`` once per
deleted event record, with every kiosk write waiting behind it.

Revision ID: 0012_foreign_key_indexes
Revises: 0011_visits_by_day
"""

from alembic import op

revision: str = "0012_foreign_key_indexes"
down_revision: str = "0011_visits_by_day"
branch_labels = None
depends_on = None

# desk_assignments.person_id has its index since 0009_person_ref.
INDEXES = [
    ("visits", "person_id"),
    ("visits", "check_in_event_id"),
    ("visits", "check_out_event_id"),
    ("invitations", "host_id"),
    ("guest_arrivals", "host_id"),
]


def upgrade() -> None:
    for table, column in INDEXES:
        op.create_index(op.f(f"ix_{table}_{column}"), table, [column])


def downgrade() -> None:
    for table, column in reversed(INDEXES):
        op.drop_index(op.f(f"ix_{table}_{column}"), table_name=table)
