"""The operators' command line: ``regionlab-central init|serve|token|person|pass|key|invite``."""

from __future__ import annotations

import argparse
import ipaddress
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PIL import Image
from sqlalchemy import Engine
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from . import (
    auth,
    bootstrap,
    desk_cli,
    directory,
    invitation_mail,
    invitations,
    pass_sheets,
    passes,
)
from . import signing_keys as keys
from .db import ENV_VAR, database_url, make_engine, migrate, schema_is_current, session_factory
from .models import PassRecord, Person, PersonKind, Site, TokenRole

PROG = "regionlab-central"
DEFAULT_PORT = 8470


class CliError(Exception):
    """A problem to report in one line, with exit code 2."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, or a usage error argparse has already explained
        return exc.code if isinstance(exc.code, int) else 2
    command: Callable[[argparse.Namespace], int] = args.command
    try:
        return command(args)
    except CliError as exc:
        return _fail(str(exc))
    except (ArgumentError, NoSuchModuleError) as exc:
        return _fail(f"bad database URL: {exc}")
    except OperationalError as exc:
        return _fail(f"database unreachable: {_first_line(exc.orig or exc)}")
    except SQLAlchemyError as exc:
        return _fail(f"database error: {_first_line(exc)}")
    except KeyboardInterrupt:
        return 130


def _fail(message: str) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return 2


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def _parser() -> argparse.ArgumentParser:
    database = argparse.ArgumentParser(add_help=False)
    database.add_argument(
        "--database-url",
        metavar="URL",
        help=f"SQLAlchemy URL (default: ${ENV_VAR}, else sqlite:///data/central.sqlite3)",
    )
    parser = argparse.ArgumentParser(prog=PROG, description="RegionLab central store.")
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")

    init = commands.add_parser("init", parents=[database], help="create or migrate the database")
    init.add_argument("--demo", action="store_true", help="also load the demo data")
    init.set_defaults(command=_init)

    serve = commands.add_parser("serve", parents=[database], help="run the HTTP API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT)
    serve.add_argument(
        "--allow-remote", action="store_true", help="allow a host other than loopback"
    )
    serve.set_defaults(command=_serve)

    token = commands.add_parser("token", help="API tokens").add_subparsers(
        required=True, metavar="ACTION"
    )
    create = token.add_parser("create", parents=[database], help="make a token, print its secret")
    create.add_argument("--site", required=True)
    create.add_argument("--role", required=True, choices=[str(r) for r in TokenRole])
    create.add_argument("--label", default="")
    create.set_defaults(command=_token_create)

    person = commands.add_parser("person", help="people").add_subparsers(
        required=True, metavar="ACTION"
    )
    listing = person.add_parser("list", parents=[database], help="list the people of a site")
    listing.add_argument("--site", required=True)
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    listing.set_defaults(command=_person_list)

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
    sheet.set_defaults(command=_pass_sheet)
    revoke = pass_.add_parser(
        "revoke", parents=[database], help="revoke a pass, or all of a person's"
    )
    which = revoke.add_mutually_exclusive_group(required=True)
    which.add_argument("--pass-id")
    which.add_argument("--person", metavar="ID_OR_EMAIL", help="revoke every pass of this person")
    revoke.set_defaults(command=_pass_revoke)

    key = commands.add_parser("key", help="pass signing keys").add_subparsers(
        required=True, metavar="ACTION"
    )
    rotate = key.add_parser("rotate", parents=[database], help="make a new key sign new passes")
    rotate.set_defaults(command=_key_rotate)
    key_list = key.add_parser("list", parents=[database], help="list the signing keys")
    key_list.set_defaults(command=_key_list)
    retire = key.add_parser(
        "retire", parents=[database], help="stop kiosks accepting passes signed with a key"
    )
    retire.add_argument("--key-id", required=True)
    retire.add_argument(
        "--force", action="store_true", help="even while valid passes were signed with it"
    )
    retire.set_defaults(command=_key_retire)

    invite = commands.add_parser(
        "invite", parents=[database], help="invite a guest: a pass for the day, sent by e-mail"
    )
    invite.add_argument("--email", required=True, help="the guest's e-mail address")
    invite.add_argument("--host", required=True, metavar="ID_OR_EMAIL", help="who invites")
    invite.add_argument("--date", required=True, type=_date, metavar="YYYY-MM-DD")
    invite.add_argument("--days", type=int, default=1, help="days from --date (default 1)")
    invite.add_argument("--name", help="the guest's full name (default: from the address)")
    invite.add_argument(
        "--smtp-host", help=f"mail server (default ${invitation_mail.HOST_ENV}, else 127.0.0.1)"
    )
    invite.add_argument(
        "--smtp-port",
        type=int,
        help=f"mail server port (default ${invitation_mail.PORT_ENV}, else 25)",
    )
    invite.add_argument("--smtp-from", help=f"sender (default ${invitation_mail.FROM_ENV})")
    invite.set_defaults(command=_invite)
    desk_cli.add_commands(commands, database)
    return parser


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


@contextmanager
def _engine(args: argparse.Namespace, *, need_schema: bool = True) -> Iterator[Engine]:
    engine = make_engine(database_url(args.database_url))
    try:
        if need_schema and not schema_is_current(engine):
            raise CliError(f"the database is not initialised or out of date: run `{PROG} init`")
        yield engine
    finally:
        engine.dispose()


@contextmanager
def _transaction(args: argparse.Namespace) -> Iterator[Session]:
    with _engine(args) as engine, session_factory(engine).begin() as session:
        yield session


def _site(session: Session, code: str) -> Site:
    try:
        return directory.require_site(session, code)
    except directory.UnknownSite as exc:
        raise CliError(str(exc)) from None


def _init(args: argparse.Namespace) -> int:
    with _engine(args, need_schema=False) as engine:
        summary = bootstrap.initialise(engine, with_demo=args.demo)
        url = engine.url.render_as_string(hide_password=True)
    print(f"database ready: {url}")
    if summary is not None:
        print(
            f"demo data: {summary.organisations} organisations, {summary.people} people, "
            f"{summary.desks} desks ({summary.changed} created or updated)"
        )
    return 0


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _serve(args: argparse.Namespace) -> int:
    if not _is_loopback(args.host) and not args.allow_remote:
        raise CliError(f"refusing to listen on {args.host}: pass --allow-remote to mean it")
    if not 0 < args.port < 65536:
        raise CliError(f"bad port {args.port}")
    import uvicorn

    from .api import create_app
    from .scheduler import SchedulerThread

    with _engine(args, need_schema=False) as engine:
        migrate(engine)
        # No-show release and closing time run in here, catching up at start: no cron job.
        scheduler = SchedulerThread(session_factory(engine))
        scheduler.start()
        try:
            uvicorn.run(create_app(engine), host=args.host, port=args.port, log_level="info")
        except SystemExit as exc:  # uvicorn exits so when it cannot bind; it logged why
            if exc.code:
                raise CliError(f"cannot serve on {args.host}:{args.port}") from None
        finally:
            scheduler.stop()
    return 0


def _token_create(args: argparse.Namespace) -> int:
    with _transaction(args) as session:
        _site(session, args.site)
        secret = auth.create_token(session, args.site, args.role, args.label)
    print(secret)
    return 0


def _person_list(args: argparse.Namespace) -> int:
    with _transaction(args) as session:
        _site(session, args.site)
        rows = [_person_row(p) for p in directory.people_of_site(session, args.site)]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    headers = {k: k for k in ("id", "name", "email", "organisation", "cluster", "kind")}
    table = [headers, *({k: v or "" for k, v in row.items()} for row in rows)]
    widths = {k: max(len(r[k]) for r in table) for k in headers}
    for row in table:
        print("  ".join(row[k].ljust(widths[k]) for k in headers).rstrip())
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


def _zone(name: str) -> tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return datetime.now().astimezone().tzinfo or ZoneInfo("UTC")


def _pass_issue(args: argparse.Namespace) -> int:
    with _transaction(args) as session:
        person = directory.find_person(session, args.person)
        if person is None:
            raise CliError(f"unknown person {args.person!r}")
        try:
            issued = passes.issue_member_pass(session, person, days=args.days)
        except (ValueError, LookupError) as exc:
            raise CliError(str(exc)) from None
        site = _site(session, person.site)
        zone = _zone(site.timezone)
        start = issued.record.valid_from.astimezone(zone)
        end = issued.record.valid_to.astimezone(zone)
        caption = [person.name, site.name, f"Gyldig / Valid {start:%d.%m.%Y}–{end:%d.%m.%Y}"]
        if args.png is not None:
            try:
                passes.render_png(issued.token, caption, args.png)
            except OSError as exc:
                raise CliError(f"cannot write {args.png}: {exc.strerror or exc}") from None
        if args.pdf is not None:
            card = _card(person, site.name, issued.record, issued.token, zone)
            _write_pdf([pass_sheets.single_page(card, args.page)], args.pdf)
    print(issued.token)
    return 0


def _card(
    person: Person, site_name: str, record: PassRecord, token: str, zone: tzinfo
) -> pass_sheets.Card:
    lines = passes.caption(person, site_name, record, zone)[1:]
    if person.organisation is not None:
        lines.insert(0, person.organisation.name)
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
    _site(session, args.site)
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
    with _transaction(args) as session:
        people = _sheet_people(session, args)
        if not people:
            raise CliError("nobody to print a pass for")
        cards = []
        for person in people:
            try:
                issued = passes.issue_member_pass(session, person, days=args.days)
            except (ValueError, LookupError) as exc:
                raise CliError(str(exc)) from None
            site = _site(session, person.site)
            cards.append(
                _card(person, site.name, issued.record, issued.token, _zone(site.timezone))
            )
        pages = pass_sheets.sheet_pages(cards)
        _write_pdf(pages, args.pdf)  # before the commit: no passes without their sheet
    print(f"{len(cards)} passes on {len(pages)} page(s): {args.pdf}")
    return 0


def _pass_revoke(args: argparse.Namespace) -> int:
    with _transaction(args) as session:
        if args.person is not None:
            person = directory.find_person(session, args.person)
            if person is None:
                raise CliError(f"unknown person {args.person!r}")
            records = passes.revoke_person_passes(session, person)
        else:
            try:
                records = [passes.revoke_pass(session, args.pass_id)]
            except LookupError as exc:
                raise CliError(str(exc)) from None
    if args.person is not None and not records:
        print(f"{args.person} has no passes that are not revoked already")
    for record in records:
        print(f"pass {record.pass_id} revoked at {record.revoked_at:%Y-%m-%d %H:%M:%S %Z}")
    return 0


def _key_rotate(args: argparse.Namespace) -> int:
    with _transaction(args) as session:
        record = keys.rotate(session)
    print(f"key {record.key_id} now signs new passes; older keys still verify until retired")
    return 0


def _key_list(args: argparse.Namespace) -> int:
    with _transaction(args) as session:
        infos = keys.list_keys(session)
    print("key_id    created           state     valid_passes  last_expiry")
    for info in infos:
        state = "retired" if info.retired_at else "active" if info.active else "verifies"
        last = f"{info.last_expiry:%Y-%m-%d}" if info.last_expiry else "-"
        print(
            f"{info.key_id:<8}  {info.created_at:%Y-%m-%d %H:%M}  {state:<8}  "
            f"{info.valid_passes:>12}  {last}"
        )
    return 0


def _key_retire(args: argparse.Namespace) -> int:
    with _transaction(args) as session:
        try:
            record = keys.retire(session, args.key_id, force=args.force)
        except (LookupError, ValueError) as exc:
            raise CliError(str(exc)) from None
    print(f"key {record.key_id} retired: kiosks forget it at their next sync")
    return 0


def _invite(args: argparse.Namespace) -> int:
    try:
        settings = invitation_mail.SmtpSettings.resolve(
            args.smtp_host, args.smtp_port, args.smtp_from
        )
    except invitation_mail.MailError as exc:
        raise CliError(str(exc)) from None
    # The guest, the pass and the invitation commit first, with no network in the transaction
    # (it holds the feed's lock); a failed e-mail then leaves the invitation marked unsent.
    with _transaction(args) as session:
        try:
            prepared = invitations.prepare(
                session,
                email=args.email,
                host_ref=args.host,
                first_day=args.date,
                days=args.days,
                name=args.name,
            )
        except (invitations.InvitationError, directory.UnknownSite, LookupError) as exc:
            raise CliError(str(exc)) from None
        message = invitation_mail.compose(prepared, settings)
        pass_id = prepared.record.pass_id
    try:
        invitation_mail.send(message, settings)
    except invitation_mail.MailError as exc:
        return _fail(
            f"invitation NOT sent: {exc}\n"
            f"  the guest and pass {pass_id} are saved; to send it, run the same "
            f"`{PROG} invite` command again (it reuses that pass),\n"
            f"  or withdraw it with `{PROG} pass revoke --pass-id {pass_id}`"
        )
    with _transaction(args) as session:
        invitations.mark_sent(session, pass_id)
    again = "" if prepared.new else " again (the same pass as before)"
    print(
        f"invitation sent{again} to {args.email.strip()} for "
        f"{invitation_mail.days_text(prepared.first_day, prepared.days)}: pass {pass_id}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
