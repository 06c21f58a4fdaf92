"""``person list|import``: the people of a site, and bringing them in from the office's list."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from central.cli import person_pin
from central.cli.context import CliError, require_site, transaction
from central.cli.tables import print_table
from central.db.models import Person
from central.domain import directory, person_import

# How many bad rows the import prints; the rest are counted.
MAX_BAD_SHOWN = 50


def add_commands(commands: Any, database: argparse.ArgumentParser) -> None:
    person = commands.add_parser("person", help="people").add_subparsers(
        required=True, metavar="ACTION"
    )
    listing = person.add_parser("list", parents=[database], help="list the people of a site")
    listing.add_argument("--site", required=True)
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    listing.set_defaults(command=_person_list)
    importing = person.add_parser(
        "import",
        parents=[database],
        help="add and update the members of a site from a CSV or XLSX file",
        description="Columns name, e-mail, organisation and cluster (navn, e-post, "
        "organisasjon, klynge); comma or semicolon; UTF-8 or Windows-1252. People are matched "
        "by e-mail. Nothing is imported while a row is bad, unless --skip-bad.",
    )
    importing.add_argument("--site", required=True)
    importing.add_argument("file", type=Path, metavar="FILE")
    importing.add_argument(
        "--deactivate-missing",
        action="store_true",
        help="the file is the full list: deactivate the site's members who are not in it",
    )
    importing.add_argument(
        "--skip-bad", action="store_true", help="import the good rows and leave the bad ones out"
    )
    importing.add_argument(
        "--create-organisations",
        action="store_true",
        help="create organisations the store does not know yet, instead of refusing the rows",
    )
    importing.add_argument(
        "--dry-run", action="store_true", help="say what the import would do; change nothing"
    )
    importing.set_defaults(command=_person_import)
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


def _person_import(args: argparse.Namespace) -> int:
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise CliError(f"cannot read {args.file}: {exc.strerror or exc}") from None
    try:
        rows = person_import.read_rows(data, args.file.name)
    except person_import.ImportFileError as exc:
        raise CliError(f"{args.file.name}: {exc}") from None
    with transaction(args) as session:  # plan_import only reads: all or nothing below
        site = require_site(session, args.site)
        plan = person_import.plan_import(
            session,
            site,
            rows,
            deactivate_missing=args.deactivate_missing,
            create_organisations=args.create_organisations,
        )
        _print_plan(args.file.name, plan)
        if plan.bad and not args.skip_bad:
            print("nothing imported: correct the rows above, or import with --skip-bad")
            return 2
        if args.dry_run:
            print("dry run: nothing was changed")
            return 0
        person_import.apply_plan(session, plan, skip_bad=args.skip_bad)
    left_out = f", {len(plan.bad)} bad row(s) left out" if plan.bad else ""
    print(f"imported{left_out}")
    return 0


def _print_plan(filename: str, plan: person_import.ImportPlan) -> None:
    print(f"{filename}: {plan.rows} row(s) for {plan.site}")
    print(
        f"  added {len(plan.added)}, updated {len(plan.updated)}, unchanged {plan.unchanged}, "
        f"deactivated {len(plan.deactivated)}, bad {len(plan.bad)}"
    )
    for org_id, name in plan.new_organisations.items():
        print(f"  new organisation: {name} ({org_id})")
    for bad in plan.bad[:MAX_BAD_SHOWN]:
        print(f"  line {bad.line}: {bad.reason}")
    if len(plan.bad) > MAX_BAD_SHOWN:
        print(f"  ... and {len(plan.bad) - MAX_BAD_SHOWN} more bad row(s)")
