"""``pass issue|sheet|revoke``: members' QR passes, as PNG, PDF page or sheet."""

from __future__ import annotations

import argparse
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PIL import Image
from sqlalchemy.orm import Session

from central.cli.context import CliError, require_site, transaction
from central.db.models import PassRecord, Person, PersonKind
from central.domain import directory, pass_sheets, passes, person_pins


def add_commands(commands: Any, database: argparse.ArgumentParser) -> None:
    pass_ = commands.add_parser("pass", help="QR passes").add_subparsers(
        required=True, metavar="ACTION"
    )
    issue = pass_.add_parser("issue", parents=[database], help="sign a member pass, print it")
    issue.add_argument("--person", required=True, metavar="ID_OR_EMAIL")
    issue.add_argument("--png", type=Path, metavar="FILE", help="also write the QR code here")
    issue.add_argument("--days", type=int, default=365, help="days of validity (default 365)")
    issue.add_argument("--pdf", type=Path, metavar="FILE", help="also write a printable page")
    issue.add_argument(
        "--page", choices=sorted(pass_sheets.PAGES), default="a6", help="page size of --pdf"
    )
    issue.add_argument("--new-pin", action="store_true", help=_NEW_PIN_HELP)
    issue.set_defaults(command=_pass_issue)
    sheet = pass_.add_parser(
        "sheet", parents=[database], help="sign member passes for many people, print a PDF sheet"
    )
    who = sheet.add_mutually_exclusive_group(required=True)
    who.add_argument("--site", help="every active member of this site")
    who.add_argument(
        "--people", type=Path, metavar="FILE", help="a file with one id or e-mail a line"
    )
    sheet.add_argument(
        "--organisation", metavar="NAME", help="with --site: only this organisation (id or name)"
    )
    sheet.add_argument("--pdf", type=Path, metavar="FILE", required=True)
    sheet.add_argument("--days", type=int, default=365, help="days of validity (default 365)")
    sheet.add_argument("--new-pins", action="store_true", help=_NEW_PIN_HELP)
    sheet.set_defaults(command=_pass_sheet)
    revoke = pass_.add_parser(
        "revoke", parents=[database], help="revoke a pass, or all of a person's"
    )
    which = revoke.add_mutually_exclusive_group(required=True)
    which.add_argument("--pass-id")
    which.add_argument("--person", metavar="ID_OR_EMAIL", help="revoke every pass of this person")
    revoke.set_defaults(command=_pass_revoke)


_NEW_PIN_HELP = (
    "also give each person a new random PIN for name actions at the kiosk, printed on the pass "
    "(the only place it is shown; the store keeps its hash)"
)


def _new_pin(session: Session, person: Person, wanted: bool) -> str | None:
    return person_pins.set_pin(session, person) if wanted else None


def _zone(name: str, now: datetime) -> tzinfo:
    """The site's time zone; the machine's own if the name is unknown here."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return now.astimezone().tzinfo or ZoneInfo("UTC")


def _pass_issue(args: argparse.Namespace) -> int:
    with transaction(args) as session:
        person = directory.find_person(session, args.person)
        if person is None:
            raise CliError(f"unknown person {args.person!r}")
        try:
            issued = passes.issue_member_pass(session, person, days=args.days, now=args.clock.now())
        except (ValueError, LookupError) as exc:
            raise CliError(str(exc)) from None
        site = require_site(session, person.site)
        zone = _zone(site.timezone, args.clock.now())
        start = issued.record.valid_from.astimezone(zone)
        end = issued.record.valid_to.astimezone(zone)
        caption = [person.name, site.name, f"Gyldig / Valid {start:%d.%m.%Y}–{end:%d.%m.%Y}"]
        if args.png is not None:
            try:
                passes.render_png(issued.token, caption, args.png)
            except OSError as exc:
                raise CliError(f"cannot write {args.png}: {exc.strerror or exc}") from None
        pin = _new_pin(session, person, args.new_pin)
        if args.pdf is not None:
            card = _card(person, site.name, issued.record, issued.token, zone, pin)
            _write_pdf([pass_sheets.single_page(card, args.page)], args.pdf)
    print(issued.token)
    if pin is not None:
        print(f"PIN: {pin}" + (f" (on {args.pdf})" if args.pdf is not None else ""))
    return 0


def _card(
    person: Person,
    site_name: str,
    record: PassRecord,
    token: str,
    zone: tzinfo,
    pin: str | None = None,
) -> pass_sheets.Card:
    lines = passes.caption(person, site_name, record, zone)[1:]
    if person.organisation is not None:
        lines.insert(0, person.organisation.name)
    if pin is not None:
        lines.append(f"PIN (sjekk ut med navn / check out by name): {pin}")
    return pass_sheets.Card(token, person.name, lines)


def _write_pdf(pages: list[Image.Image], path: Path) -> None:
    try:
        pass_sheets.write_pdf(pages, path)
    except OSError as exc:
        raise CliError(f"cannot write {path}: {exc.strerror or exc}") from None


def _sheet_people(session: Session, args: argparse.Namespace) -> list[Person]:
    if args.people is not None:
        if args.organisation:
            raise CliError("--organisation goes with --site, not --people")
        try:
            refs = args.people.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise CliError(f"cannot read {args.people}: {exc}") from None
        people = []
        for number, ref in enumerate(refs, start=1):
            ref = ref.split("#", 1)[0].strip()
            if not ref:
                continue
            person = directory.find_person(session, ref)
            if person is None:
                raise CliError(f"{args.people}:{number}: unknown person {ref!r}")
            people.append(person)
        return people
    require_site(session, args.site)
    people = [
        p
        for p in directory.people_of_site(session, args.site)
        if p.kind == PersonKind.MEMBER and p.active
    ]
    if args.organisation:
        wanted = args.organisation.strip().casefold()
        people = [
            p
            for p in people
            if p.organisation is not None
            and wanted
            in (
                p.organisation.id.casefold(),
                p.organisation.name.casefold(),
                p.organisation.short_name.casefold(),
            )
        ]
    return people


def _pass_sheet(args: argparse.Namespace) -> int:
    with transaction(args) as session:
        people = _sheet_people(session, args)
        if not people:
            raise CliError("nobody to print a pass for")
        cards = []
        for person in people:
            try:
                issued = passes.issue_member_pass(
                    session, person, days=args.days, now=args.clock.now()
                )
            except (ValueError, LookupError) as exc:
                raise CliError(str(exc)) from None
            site = require_site(session, person.site)
            cards.append(
                _card(
                    person,
                    site.name,
                    issued.record,
                    issued.token,
                    _zone(site.timezone, args.clock.now()),
                    _new_pin(session, person, args.new_pins),
                )
            )
        pages = pass_sheets.sheet_pages(cards)
        _write_pdf(pages, args.pdf)  # before the commit: no passes without their sheet
    print(f"{len(cards)} passes on {len(pages)} page(s): {args.pdf}")
    return 0


def _pass_revoke(args: argparse.Namespace) -> int:
    with transaction(args) as session:
        if args.person is not None:
            person = directory.find_person(session, args.person)
            if person is None:
                raise CliError(f"unknown person {args.person!r}")
            records = passes.revoke_person_passes(session, person, now=args.clock.now())
        else:
            try:
                records = [passes.revoke_pass(session, args.pass_id, now=args.clock.now())]
            except LookupError as exc:
                raise CliError(str(exc)) from None
    if args.person is not None and not records:
        print(f"{args.person} has no passes that are not revoked already")
    for record in records:
        print(f"pass {record.pass_id} revoked at {record.revoked_at:%Y-%m-%d %H:%M:%S %Z}")
    return 0
