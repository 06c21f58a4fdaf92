"""The operators' desk commands: ``floor import``, ``desk list|assign|conflicts|out-of-use|in-use``,
``booking add``.

Added to ``regionlab-central``'s parser by ``add_commands``; each command runs in one
transaction, so a command that fails half-way changes nothing.
"""

from __future__ import annotations

import argparse
import json
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from central.cli.context import PROG, CliError, require_site, transaction
from central.cli.tables import print_table
from central.db.models import Desk, Floor, Organisation
from central.domain import desks, directory
from central.domain.desk_conflicts import desk_conflicts
from central.domain.desks import day_bounds, local_day, zone_of
from central.domain.floors import ImportProblem, import_files


def add_commands(commands: Any, database: argparse.ArgumentParser) -> None:
    floor = commands.add_parser("floor", help="floors and their plans").add_subparsers(
        required=True, metavar="ACTION"
    )
    floor_import = floor.add_parser(
        "import", parents=[database], help="create or replace a floor from a plan and a desk list"
    )
    floor_import.add_argument("--site", required=True)
    floor_import.add_argument("--name", required=True, help='e.g. "1. etasje"')
    floor_import.add_argument("--level", required=True, type=int)
    floor_import.add_argument("--plan", required=True, type=Path, metavar="FILE.svg|FILE.png")
    floor_import.add_argument(
        "--desks",
        required=True,
        type=Path,
        metavar="FILE.csv|FILE.json",
        help="columns label,x,y,width,height,rotation,zone,equipment,mode (and id to update)",
    )
    floor_import.set_defaults(command=_floor_import)

    desk = commands.add_parser("desk", help="desks").add_subparsers(required=True, metavar="ACTION")
    desk_list = desk.add_parser("list", parents=[database], help="list the desks of a site")
    desk_list.add_argument("--site", required=True)
    desk_list.add_argument("--json", action="store_true", help="print JSON instead of a table")
    desk_list.set_defaults(command=_desk_list)
    conflicts = desk.add_parser(
        "conflicts", parents=[database], help="desk claims that lost, and who had the desk"
    )
    conflicts.add_argument("--site", required=True)
    conflicts.add_argument("--since", help="YYYY-MM-DD, local day (default: today)")
    conflicts.set_defaults(command=_desk_conflicts)
    assign = desk.add_parser("assign", parents=[database], help="make a desk someone's fixed desk")
    assign.add_argument("--site", default="lyngdal")
    assign.add_argument("--desk", required=True, metavar="LABEL")
    holder = assign.add_mutually_exclusive_group(required=True)
    holder.add_argument("--person", metavar="ID_OR_EMAIL")
    holder.add_argument("--organisation", metavar="ID_OR_NAME")
    assign.add_argument("--from", dest="from_date", required=True, metavar="YYYY-MM-DD")
    assign.add_argument(
        "--to",
        dest="to_date",
        metavar="YYYY-MM-DD",
        help="last day (default: until further notice)",
    )
    assign.set_defaults(command=_desk_assign)
    for action, in_use, text in (
        ("out-of-use", False, "take a desk out of use (the kiosks show it so)"),
        ("in-use", True, "put a desk back in use"),
    ):
        use = desk.add_parser(action, parents=[database], help=text)
        use.add_argument("--site", required=True)
        use.add_argument("--desk", required=True, metavar="LABEL")
        use.set_defaults(command=_desk_use, in_use=in_use)

    booking = commands.add_parser("booking", help="desk bookings").add_subparsers(
        required=True, metavar="ACTION"
    )
    booking_add = booking.add_parser("add", parents=[database], help="book a desk for a person")
    booking_add.add_argument("--person", required=True, metavar="ID_OR_EMAIL")
    booking_add.add_argument("--desk", required=True, metavar="LABEL")
    booking_add.add_argument("--date", required=True, metavar="YYYY-MM-DD", help="first day")
    booking_add.add_argument(
        "--to-date", metavar="YYYY-MM-DD", help="last day of a range (one booking per day)"
    )
    booking_add.add_argument("--from", dest="start", default="08:00", metavar="HH:MM")
    booking_add.add_argument(
        "--to", dest="end", metavar="HH:MM", help="end (default: the site's closing time)"
    )
    booking_add.set_defaults(command=_booking_add)


def _floor_import(args: argparse.Namespace) -> int:
    with transaction(args) as session:
        require_site(session, args.site)
        try:
            summary = import_files(
                session,
                site=args.site,
                name=args.name,
                level=args.level,
                plan_path=args.plan,
                desks_path=args.desks,
            )
        except ImportProblem as exc:
            raise CliError(f"{exc} (nothing was changed)") from None
    print(
        f"floor {summary.floor_id}: {summary.created} desks created, {summary.updated} updated, "
        f"{summary.deactivated} taken out of use, {summary.rooms} rooms"
    )
    return 0


def _desk_list(args: argparse.Namespace) -> int:
    with transaction(args) as session:
        require_site(session, args.site)
        floors = {
            f.id: f.name for f in session.scalars(select(Floor).where(Floor.site == args.site))
        }
        rows = [
            {
                "id": d.id,
                "label": d.label,
                "floor": floors.get(d.floor_id or "", ""),
                "zone": d.zone,
                "mode": d.mode,
                "equipment": ";".join(d.equipment or []),
                "active": d.active,
            }
            for d in session.scalars(
                select(Desk).where(Desk.site == args.site).order_by(Desk.label)
            )
        ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    headers = ("label", "floor", "zone", "mode", "equipment", "active")
    print_table(
        headers,
        (
            ["yes" if r[k] is True else "no" if r[k] is False else str(r[k]) for k in headers]
            for r in rows
        ),
    )
    return 0


def _desk_conflicts(args: argparse.Namespace) -> int:
    with transaction(args) as session:
        site = require_site(session, args.site)
        day = _day(args.since, "--since") if args.since else local_day(site, args.clock.now())
        found = desk_conflicts(session, args.site, day_bounds(site, day)[0])
        zone = zone_of(site)
    for c in found:
        holder = c.holder_name or "-"
        print(
            f"{c.at.astimezone(zone):%Y-%m-%d %H:%M}  {c.desk_label:<6}  {c.claimant_name} "
            f"lost ({c.reason}); held by {holder}"
        )
    if not found:
        print("no lost desk claims")
    return 0


def _day(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CliError(f"{what} {text!r} is not a date like 2026-11-27") from None


def _hhmm(text: str, what: str) -> time:
    try:
        return time.fromisoformat(text)
    except ValueError:
        raise CliError(f"{what} {text!r} is not a time like 08:00") from None


def _desk_by_label(session: Session, site: str, label: str) -> Desk:
    desk = session.get(Desk, directory.desk_id(site, label))
    if desk is None:
        raise CliError(f"no desk {label!r} at {site} (see `{PROG} desk list --site {site}`)")
    return desk


def _desk_assign(args: argparse.Namespace) -> int:
    valid_from = _day(args.from_date, "--from")
    last = _day(args.to_date, "--to") if args.to_date else None
    with transaction(args) as session:
        require_site(session, args.site)
        desk = _desk_by_label(session, args.site, args.desk)
        person = organisation = None
        if args.person:
            person = directory.find_person(session, args.person)
            if person is None:
                raise CliError(f"unknown person {args.person!r}")
            holder = person.name
        else:
            text = args.organisation.strip()
            organisation = session.scalars(
                select(Organisation).where(
                    or_(
                        Organisation.id == text,
                        func.lower(Organisation.name) == text.lower(),
                        func.lower(Organisation.short_name) == text.lower(),
                    )
                )
            ).first()
            if organisation is None:
                raise CliError(f"unknown organisation {args.organisation!r}")
            holder = organisation.name
        try:
            desks.assign_desk(
                session,
                desk,
                person=person,
                organisation=organisation,
                valid_from=valid_from,
                valid_until=last + timedelta(days=1) if last else None,
            )
        except desks.DeskRuleError as exc:
            raise CliError(f"{exc} (nothing was changed)") from None
    until = f" to {last}" if last else " until further notice"
    print(f"desk {args.desk} is {holder}'s fixed desk from {valid_from}{until}")
    return 0


def _desk_use(args: argparse.Namespace) -> int:
    with transaction(args) as session:
        require_site(session, args.site)
        desk = _desk_by_label(session, args.site, args.desk)
        changed = desks.set_desk_in_use(session, desk, args.in_use)
    state = "in use" if args.in_use else "out of use"
    print(f"desk {args.desk} is {state}" + ("" if changed else " already"))
    return 0


def _booking_add(args: argparse.Namespace) -> int:
    first = _day(args.date, "--date")
    last = _day(args.to_date, "--to-date") if args.to_date else first
    if last < first:
        raise CliError("--to-date is before --date")
    if (last - first).days > 366:
        raise CliError("book at most a year at a time")
    start_time = _hhmm(args.start, "--from")
    days = 0
    with transaction(args) as session:
        person = directory.find_person(session, args.person)
        if person is None:
            raise CliError(f"unknown person {args.person!r}")
        desk = _desk_by_label(session, person.site, args.desk)
        site = require_site(session, person.site)
        end_time = _hhmm(args.end or site.closing_time, "--to")
        zone = desks.zone_of(site)
        day = first
        while day <= last:
            start = datetime.combine(day, start_time, zone)
            end = datetime.combine(day, end_time, zone)
            try:
                desks.add_booking(session, person, desk, start, end, now=args.clock.now())
            except desks.DeskRuleError as exc:
                raise CliError(f"{day}: {exc} (no bookings were made)") from None
            days += 1
            day += timedelta(days=1)
        name = person.name
    print(f"booked {args.desk} for {name}: {days} day(s), {start_time:%H:%M}–{end_time:%H:%M}")
    return 0
