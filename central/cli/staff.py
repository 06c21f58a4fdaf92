"""``staff add``: an account for the staff console (/staff/), its password from stdin."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from central.cli.context import CliError, transaction
from central.domain import directory, staff


def add_commands(commands: Any, database: argparse.ArgumentParser) -> None:
    group = commands.add_parser("staff", help="staff console accounts").add_subparsers(
        required=True, metavar="ACTION"
    )
    add = group.add_parser(
        "add",
        parents=[database],
        help="add a staff console account; the password is read from standard input",
    )
    add.add_argument("--site", required=True, help="the account's own site")
    add.add_argument("--email", required=True)
    add.add_argument("--role", required=True, choices=[str(r) for r in staff.StaffRole])
    add.set_defaults(command=_add)


def _read_password() -> str:
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass("Password: ")
    return sys.stdin.readline().rstrip("\r\n")


def _add(args: argparse.Namespace) -> int:
    password = _read_password()
    with transaction(args) as session:
        try:
            account = staff.add_account(
                session,
                site=args.site,
                email=args.email,
                role=args.role,
                password=password,
                now=args.clock.now(),
            )
        except (staff.StaffError, directory.UnknownSite) as exc:
            raise CliError(str(exc)) from None
        print(f"staff account {account.email} ({account.role}, {account.site}) added")
    return 0
