"""The console's People and Today pages at 50,000 members: indexes for the list's order, for
a search by the start of a name, a family name or an e-mail address, and for the fixed desks
of the people in the building.

The People list is ordered by family then given name (lower case) within a site and read a
page at a time; the search matches prefixes. On PostgreSQL the prefix indexes use
``text_pattern_ops`` so that ``LIKE 'kari%'`` can use them whatever the database's collation;
SQLite gets plain expression indexes (it serves one small site). Expression indexes are not
declared in central.db.models: this migration is where they live.

Revision ID: 0009_person_ref
Revises: 0008_merge
"""

from alembic import op

revision: str = "0009_person_ref"
down_revision: str = "0008_merge"
branch_labels = None
depends_on = None

_INDEXES = {
    "ix_people_site_sort": "people (site, lower(family_name), lower(given_name), id)",
    "ix_people_name_prefix": "people (site, lower(name){ops})",
    "ix_people_family_prefix": "people (site, lower(family_name){ops})",
    "ix_people_email_prefix": "people (lower(email){ops})",
    "ix_desk_assignments_person_id": "desk_assignments (person_id)",
}


def upgrade() -> None:
    ops = " text_pattern_ops" if op.get_bind().dialect.name == "postgresql" else ""
    for name, columns in _INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON {columns.format(ops=ops)}")


def downgrade() -> None:
    for name in _INDEXES:
        op.execute(f"DROP INDEX {name}")
