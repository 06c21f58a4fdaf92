"""``staff add``: an account for the staff console (/staff/): its password from stdin, or a
one-time set-password link (printed, and e-mailed when a mail server is configured).
``staff link``: a new such link for an existing account (a forgotten password, an expired
first link); the account's earlier unused links stop working.
``staff disable``/``staff enable``: an account that cannot log in (its sessions end at once,
its unused links stop working), and back. ``staff list``: the accounts, nothing secret."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime
from email.message import EmailMessage
from typing import Any

from sqlalchemy.orm import Session

from central.cli.context import CliError, operator, transaction
from central.cli.tables import print_table
from central.db.models import StaffAccount
from central.domain import directory, invitation_mail, staff, staff_links

CONSOLE_URL_ENV = "REGIONLAB_CONSOLE_URL"
DEFAULT_CONSOLE_URL = "http://127.0.0.1:8470"


def add_commands(commands: Any, database: argparse.ArgumentParser) -> None:
    group = commands.add_parser("staff", help="staff console accounts").add_subparsers(
        required=True, metavar="ACTION"
    )
    add = group.add_parser(
        "add",
        parents=[database],
        help="add a staff console account; the password is read from standard input, or "
        "(none given, or --link) a one-time set-password link is made",
    )
    add.add_argument("--site", required=True, help="the account's own site")
    add.add_argument("--email", required=True)
    add.add_argument("--role", required=True, choices=[str(r) for r in staff.StaffRole])
    add.add_argument(
        "--link",
        action="store_true",
        help="read no password: print a set-password link (valid 72 h, once) and e-mail it "
        f"when ${invitation_mail.HOST_ENV} is set",
    )
    _console_url_option(add)
    add.set_defaults(command=_add)
    link = group.add_parser(
        "link",
        parents=[database],
        help="a new set-password link (valid 72 h, once) for an existing account, e-mailed "
        f"when ${invitation_mail.HOST_ENV} is set; its earlier unused links stop working; "
        "the password stays until the link is used",
    )
    link.add_argument("--email", required=True, help="the account's e-mail address")
    _console_url_option(link)
    link.set_defaults(command=_link)
    for name, command, text in (
        (
            "disable",
            _disable,
            "disable an account: it cannot log in, its console sessions end at once and its "
            "unused set-password links stop working",
        ),
        ("enable", _enable, "enable a disabled account again, with the password it had"),
    ):
        switch = group.add_parser(name, parents=[database], help=text)
        switch.add_argument("--email", required=True, help="the account's e-mail address")
        switch.set_defaults(command=command)
    listing = group.add_parser(
        "list",
        parents=[database],
        help="the accounts: e-mail, role, site, enabled or disabled (no password, no link)",
    )
    listing.set_defaults(command=_list)


def _console_url_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--console-url",
        metavar="URL",
        help=f"the console's address for the link (default ${CONSOLE_URL_ENV}, "
        f"else {DEFAULT_CONSOLE_URL})",
    )


def _read_password() -> str:
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass("Password (empty: make a set-password link): ")
    return sys.stdin.readline().rstrip("\r\n")


def _console_base(args: argparse.Namespace) -> str:
    base: str = args.console_url or os.environ.get(CONSOLE_URL_ENV) or DEFAULT_CONSOLE_URL
    if not base.startswith(("http://", "https://")):
        raise CliError(f"not a console address: {base!r} (http://... or https://...)")
    return base


def _mail_settings() -> invitation_mail.SmtpSettings | None:
    try:
        return invitation_mail.configured()
    except invitation_mail.MailError as exc:
        raise CliError(str(exc)) from None


def _add(args: argparse.Namespace) -> int:
    password = None if args.link else (_read_password() or None)
    base = _console_base(args)
    settings = _mail_settings()
    now = args.clock.now()
    with transaction(args) as session:
        try:
            account = staff.add_account(
                session,
                site=args.site,
                email=args.email,
                role=args.role,
                password=password,
                now=now,
            )
        except (staff.StaffError, directory.UnknownSite) as exc:
            raise CliError(str(exc)) from None
        way = "password" if password is not None else "set-password link"
        _audit(session, "staff.add", account, now, f"role {account.role}, {way}")
        print(f"staff account {account.email} ({account.role}, {account.site}) added")
        if password is not None:
            return 0
        token = staff_links.make_link(session, account, now=now)
        url = staff_links.url_of(base, token)
        expires = now + staff_links.LIFETIME
        message = staff_links.compose(account, url, expires, settings) if settings else None
        address = account.email
    # Printed after the commit: a link that is shown works.
    return _hand_out(url, expires, message, settings, address)


def _link(args: argparse.Namespace) -> int:
    base = _console_base(args)
    settings = _mail_settings()
    now = args.clock.now()
    with transaction(args) as session:
        try:
            account, token = staff_links.renew(session, args.email, now=now)
        except staff.StaffError as exc:
            raise CliError(str(exc)) from None
        _audit(session, "staff.link", account, now, "new set-password link")
        url = staff_links.url_of(base, token)
        expires = now + staff_links.LIFETIME
        message = (
            staff_links.compose(account, url, expires, settings, renewed=True) if settings else None
        )
        address = account.email
    # After the commit: the earlier links are gone and the one shown works.
    print(f"earlier unused set-password links of {address} no longer work")
    return _hand_out(url, expires, message, settings, address)


def _disable(args: argparse.Namespace) -> int:
    with transaction(args) as session:
        try:
            now = args.clock.now()
            done = staff.disable(session, args.email, now=now)
        except staff.StaffError as exc:
            raise CliError(str(exc)) from None
        if not done.already:
            _audit(session, "staff.disable", done.account, now, f"{done.sessions} session(s) ended")
        address = done.account.email
    # After the commit: what is printed has happened.
    state = "was disabled already" if done.already else "disabled: it cannot log in"
    print(
        f"staff account {address} {state}; {done.sessions} console session(s) ended, "
        f"{done.links} unused set-password link(s) no longer work"
    )
    return 0


def _enable(args: argparse.Namespace) -> int:
    with transaction(args) as session:
        try:
            account, was_disabled = staff.enable(session, args.email)
        except staff.StaffError as exc:
            raise CliError(str(exc)) from None
        if was_disabled:
            _audit(session, "staff.enable", account, args.clock.now())
        address, with_password = account.email, staff.has_password(account)
    if not was_disabled:
        print(f"staff account {address} was enabled already")
    else:
        print(f"staff account {address} enabled: it can log in again with its password")
    if not with_password:
        print(f"it has no password yet: `staff link --email {address}` makes a set-password link")
    return 0


def _audit(
    session: Session, action: str, account: StaffAccount, now: datetime, detail: str | None = None
) -> None:
    """The audit line of a change to a console account, by the operator at this terminal."""
    staff.audit(
        session,
        staff.CommandLine(operator()),
        action,
        now=now,
        site=account.site,
        subject=account.email,
        detail=detail,
    )


def _list(args: argparse.Namespace) -> int:
    with transaction(args) as session:
        rows = [
            (a.email, a.role, a.site, "enabled" if a.disabled_at is None else "disabled")
            for a in staff.list_accounts(session)
        ]
    if not rows:
        print("no staff accounts")
        return 0
    print_table(("EMAIL", "ROLE", "SITE", "STATE"), rows)
    return 0


def _hand_out(
    url: str,
    expires: datetime,
    message: EmailMessage | None,
    settings: invitation_mail.SmtpSettings | None,
    address: str,
) -> int:
    print(f"set-password link (works once, until {expires:%Y-%m-%d %H:%M} UTC):\n{url}")
    if settings is None or message is None:
        print(f"not e-mailed: no mail server configured (${invitation_mail.HOST_ENV})")
        return 0
    try:
        invitation_mail.send(message, settings)
    except invitation_mail.MailError as exc:
        print(f"warning: the link was NOT e-mailed: {exc}", file=sys.stderr)
        return 0
    print(f"e-mailed to {address}")
    return 0
