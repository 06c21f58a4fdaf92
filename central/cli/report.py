"""``regionlab-central report``: the pilot's report for a site or all sites and a period, as a
PDF and/or CSV files (aggregates only, small counts suppressed); and the demo's history."""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from sqlalchemy import select

from central.cli.context import CliError, parse_date, require_site, transaction
from central.db.models import Organisation, Site, Visit
from central.demo import history
from central.domain.reports import csv_export, pdf, tables, words


def add_commands(commands: Any, database: argparse.ArgumentParser) -> None:
    report = commands.add_parser(
        "report",
        parents=[database],
        help="the pilot's report (aggregates only) as PDF and/or CSV",
    )
    report.add_argument("--site", required=True, metavar="SITE|all")
    report.add_argument("--from", dest="first", required=True, type=parse_date, metavar="DATE")
    report.add_argument("--to", dest="last", required=True, type=parse_date, metavar="DATE")
    report.add_argument("--pdf", type=Path, metavar="FILE", help="write the PDF report here")
    report.add_argument("--csv", type=Path, metavar="DIR", help="write one CSV per table here")
    report.add_argument(
        "--lang",
        choices=words.LANGUAGES,
        default=words.DEFAULT,
        help="the summary's and the PDF's language: nb (bokmål, the default), nn (nynorsk) "
        "or en (English); the figures are the same in each",
    )
    report.set_defaults(command=_report)

    kind = commands.add_parser(
        "organisation-kind",
        parents=[database],
        help="list the organisations' kinds, or set one's (state, county, municipality, other)",
    )
    kind.add_argument("organisation", nargs="?", help="its id or short name")
    kind.add_argument("kind", nargs="?", choices=KINDS)
    kind.set_defaults(command=_organisation_kind)


KINDS = ("state", "county", "municipality", "other")


def _organisation_kind(args: argparse.Namespace) -> int:
    """The reports group organisations by kind; the demo's have theirs, others start as other."""
    with transaction(args) as session:
        if args.organisation is None:
            for each in session.scalars(select(Organisation).order_by(Organisation.name)):
                print(f"{each.kind:<13} {each.id:<32} {each.name}")
            return 0
        if args.kind is None:
            raise CliError("give the kind too: state, county, municipality or other")
        org = session.get(Organisation, args.organisation) or session.scalar(
            select(Organisation).where(Organisation.short_name == args.organisation)
        )
        if org is None:
            raise CliError(f"no organisation {args.organisation!r}")
        org.kind = args.kind
        print(f"{org.name}: {args.kind}")
    return 0


def _report(args: argparse.Namespace) -> int:
    if args.last < args.first:
        raise CliError("--to is before --from")
    if (args.last - args.first).days > 3 * 366:
        raise CliError("the period is longer than three years")
    started = time.perf_counter()
    with transaction(args) as session:
        if args.site == "all":
            sites = list(session.scalars(select(Site.code).order_by(Site.code)))
        else:
            sites = [require_site(session, args.site).code]
        report = tables.build(session, sites, args.first, args.last)
    computed = time.perf_counter() - started
    for line in tables.summarise(report, args.lang):
        print(line)
    try:
        if args.csv:
            written = csv_export.write(report, args.csv)
            print(f"CSV: {len(written)} tables in {args.csv}")
        if args.pdf:
            pdf.write(report, args.pdf, args.lang)
            print(f"PDF: {args.pdf}")
    except OSError as exc:
        raise CliError(f"could not write the report: {exc.strerror or exc}") from None
    print(f"({computed:.2f} s to compute, {time.perf_counter() - started:.2f} s in all)")
    return 0


def demo_history(args: argparse.Namespace) -> None:
    """``init --demo --history-days N``: the history, once (skipped if there already is one)."""
    if args.history_days < 1 or args.history_days > 3 * 366:
        raise CliError("--history-days must be 1 to 1098")
    now = args.clock.now()
    with transaction(args) as session:
        if session.scalar(select(Visit.id).where(Visit.checked_in_at < now).limit(1)) is not None:
            print("history: the store already has visits; none added")
            return
        summary = history.generate(session, now=now, days=args.history_days, extra_members=40)
    print(
        f"history: {summary.days} days, {summary.visits} visits, {summary.claims} desk claims, "
        f"{summary.bookings} bookings, {summary.guests} guests, {summary.talks} lunch talks "
        f"({summary.signups} sign-ups); {summary.cells} report cells"
    )
