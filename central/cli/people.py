"""``person list``: the people of a site."""

from __future__ import annotations

import argparse
import json
from typing import Any

from central.cli import person_pin
from central.cli.context import require_site, transaction
from central.cli.tables import print_table
from central.db.models import Person
from central.domain import directory


def add_commands(commands: Any, database: argparse.ArgumentParser) -> None:
    person = commands.add_parser("person", help="people").add_subparsers(
        required=True, metavar="ACTION"
    )
    listing = person.add_parser("list", parents=[database], help="list the people of a site")
    listing.add_argument("--site", required=True)
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    listing.set_defaults(command=_person_list)
    person_pin.add_command(person, database)


def _person_list(args: argparse.Namespace) -> int:
    with transaction(args) as session:
        require_site(session, args.site)
        rows = [_person_row(p) for p in directory.people_of_site(session, args.site)]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    headers = ("id", "name", "email", "organisation", "cluster", "kind")
    print_table(headers, ([row[k] or "" for k in headers] for row in rows))
    return 0


def _person_row(person: Person) -> dict[str, str | None]:
    return {
        "id": person.id,
        "name": person.name,
        "email": person.email,
        "organisation": person.organisation.name if person.organisation else None,
        "cluster": person.cluster,
        "kind": person.kind,
    }
