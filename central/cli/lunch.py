"""``lunch add|list|cancel``: the site's lunch talks ("faglig lunsj"), in the site's local time.

``lunch list`` is what catering reads: how many signed up for each talk, and its capacity.
"""

from __future__ import annotations

import argparse
import json
from datetime import date, datetime, time
from typing import Any

from central.cli.context import CliError, parse_date, require_site, transaction
from central.cli.tables import print_table
from central.db.models import LunchTalk, Site
from central.domain import desks, lunch


def _parse_time(text: str) -> time:
    try:
        return time.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a time (HH:MM): {text!r}") from None


def add_commands(commands: Any, database: argparse.ArgumentParser) -> None:
    group = commands.add_parser("lunch", help='lunch talks ("faglig lunsj")').add_subparsers(
        required=True, metavar="ACTION"
    )
    add = group.add_parser("add", parents=[database], help="add a lunch talk")
    add.add_argument("--site", required=True)
    add.add_argument("--title", required=True)
    add.add_argument(
        "--date", type=parse_date, metavar="YYYY-MM-DD", help="local day (default: today)"
    )
    add.add_argument("--time", required=True, type=_parse_time, metavar="HH:MM", help="local start")
    add.add_argument(
        "--end", type=_parse_time, metavar="HH:MM", help="local end (default: 45 minutes later)"
    )
    add.add_argument("--room", required=True)
    add.add_argument("--capacity", required=True, type=int, help="seats (lunches to order)")
    add.add_argument("--cluster", help="the competence cluster it is for (optional)")
    add.set_defaults(command=_add)

    listing = group.add_parser(
        "list", parents=[database], help="today's and coming talks, with sign-ups for catering"
    )
    listing.add_argument("--site", required=True)
    listing.add_argument(
        "--from", dest="from_date", type=parse_date, metavar="YYYY-MM-DD", help="default: today"
    )
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    listing.set_defaults(command=_list)

    cancel = group.add_parser("cancel", parents=[database], help="cancel a lunch talk")
    cancel.add_argument("--site", required=True)
    cancel.add_argument("--talk", required=True, metavar="ID", help="as `lunch list` shows it")
    cancel.set_defaults(command=_cancel)


def _add(args: argparse.Namespace) -> int:
    now: datetime = args.clock.now()
    with transaction(args) as session:
        site = require_site(session, args.site)
        day: date = args.date or desks.local_day(site, now)
        starts_at = lunch.local_start(site, day, args.time)
        ends_at = None
        if args.end is not None:
            ends_at = lunch.local_start(site, day, args.end)
            if ends_at <= starts_at:
                raise CliError("--end is before --time")
        try:
            talk = lunch.add_talk(
                session,
                site=site,
                title=args.title,
                starts_at=starts_at,
                ends_at=ends_at,
                room=args.room,
                capacity=args.capacity,
                cluster=args.cluster,
                now=now,
            )
        except lunch.LunchError as exc:
            raise CliError(str(exc)) from None
        row = _row(site, talk)
    print(
        f"lunch talk {row['id']} added: {row['title']}, {row['date']} {row['time']} "
        f"in {row['room']}, {row['capacity']} seats"
    )
    return 0


def _list(args: argparse.Namespace) -> int:
    now: datetime = args.clock.now()
    with transaction(args) as session:
        site = require_site(session, args.site)
        day = args.from_date or desks.local_day(site, now)
        since, _ = desks.day_bounds(site, day)
        rows = [_row(site, talk) for talk in lunch.talks(session, site.code, since=since)]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print(f"no lunch talks at {args.site} from {day.isoformat()}")
        return 0
    headers = ("id", "date", "time", "title", "cluster", "room", "signed up", "capacity", "status")
    print_table(
        headers,
        (
            [
                row["id"],
                row["date"],
                row["time"],
                row["title"],
                row["cluster"] or "",
                row["room"],
                str(row["signed_up"]),
                str(row["capacity"]),
                row["status"],
            ]
            for row in rows
        ),
        right=("signed up", "capacity"),
    )
    return 0


def _cancel(args: argparse.Namespace) -> int:
    now: datetime = args.clock.now()
    with transaction(args) as session:
        site = require_site(session, args.site)
        try:
            talk = lunch.find_talk(session, site.code, args.talk)
        except lunch.LunchError as exc:
            raise CliError(str(exc)) from None
        cancelled = lunch.cancel_talk(session, talk, now=now)
        row = _row(site, talk)
    if not cancelled:
        print(f"lunch talk {row['id']} was cancelled already")
        return 0
    print(f"lunch talk {row['id']} cancelled: {row['title']}, {row['date']} {row['time']}")
    if talk.signed_up:
        print(f"{talk.signed_up} had signed up: tell them")
    return 0


def _row(site: Site, talk: LunchTalk) -> dict[str, Any]:
    zone = desks.zone_of(site)
    start, end = talk.starts_at.astimezone(zone), talk.ends_at.astimezone(zone)
    if talk.cancelled_at is not None:
        status = "cancelled"
    elif talk.signed_up >= talk.capacity:
        status = "full"
    else:
        status = ""
    return {
        "id": talk.id[:8],
        "talk_id": talk.id,
        "date": start.date().isoformat(),
        "time": f"{start:%H:%M}–{end:%H:%M}",
        "title": talk.title,
        "cluster": talk.cluster,
        "room": talk.room,
        "capacity": talk.capacity,
        "signed_up": talk.signed_up,
        "status": status,
    }
