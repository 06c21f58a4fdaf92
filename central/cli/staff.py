"""``staff add``: an account for the staff console (/staff/): its password from stdin, or a
one-time set-password link (printed, and e-mailed when a mail server is configured)."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from central.cli.context import CliError, transaction
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
    add.add_argument(
        "--console-url",
        metavar="URL",
        help=f"the console's address for the link (default ${CONSOLE_URL_ENV}, "
        f"else {DEFAULT_CONSOLE_URL})",
    )
    add.set_defaults(command=_add)


def _read_password() -> str:
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass("Password (empty: make a set-password link): ")
    return sys.stdin.readline().rstrip("\r\n")


def _add(args: argparse.Namespace) -> int:
    password = None if args.link else (_read_password() or None)
    base = args.console_url or os.environ.get(CONSOLE_URL_ENV) or DEFAULT_CONSOLE_URL
    if not base.startswith(("http://", "https://")):
        raise CliError(f"not a console address: {base!r} (http://... or https://...)")
    try:
        settings = invitation_mail.configured()
    except invitation_mail.MailError as exc:
        raise CliError(str(exc)) from None
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
        print(f"staff account {account.email} ({account.role}, {account.site}) added")
        if password is not None:
            return 0
        token = staff_links.make_link(session, account, now=now)
        url = staff_links.url_of(base, token)
        expires = now + staff_links.LIFETIME
        message = staff_links.compose(account, url, expires, settings) if settings else None
        address = account.email
    # Printed after the commit: a link that is shown works.
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
