"""``token create|list|revoke``: API tokens for kiosks and staff screens."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import Any

from central.cli.context import CliError, require_site, transaction
from central.cli.tables import print_table
from central.db.models import TokenRole
from central.domain import tokens


def add_commands(commands: Any, database: argparse.ArgumentParser) -> None:
    token = commands.add_parser("token", help="API tokens").add_subparsers(
        required=True, metavar="ACTION"
    )
    create = token.add_parser("create", parents=[database], help="make a token, print its secret")
    create.add_argument("--site", required=True)
    create.add_argument("--role", required=True, choices=[str(r) for r in TokenRole])
    create.add_argument("--label", default="")
    create.add_argument(
        "--expires-in", metavar="DURATION", help="refuse it after this long: 90d, 12h or 2w"
    )
    create.set_defaults(command=_token_create)

    listing = token.add_parser(
        "list", parents=[database], help="every token: id, site, kiosk, use, expiry (no secrets)"
    )
    listing.add_argument("--site")
    listing.set_defaults(command=_token_list)

    revoke = token.add_parser(
        "revoke", parents=[database], help="refuse a token from its next request on"
    )
    revoke.add_argument("id", type=int, metavar="ID", help="the id `token list` shows")
    revoke.set_defaults(command=_token_revoke)


def _token_create(args: argparse.Namespace) -> int:
    now = args.clock.now()
    expires_at = None
    if args.expires_in is not None:
        try:
            expires_at = now + tokens.parse_duration(args.expires_in)
        except ValueError as exc:
            raise CliError(str(exc)) from None
    with transaction(args) as session:
        require_site(session, args.site)
        secret = tokens.create_token(
            session, args.site, args.role, args.label, now=now, expires_at=expires_at
        )
    print(secret)
    return 0


def when(moment: datetime | None) -> str:
    return "-" if moment is None else moment.strftime("%Y-%m-%d %H:%M UTC")


def _token_list(args: argparse.Namespace) -> int:
    with transaction(args) as session:
        if args.site is not None:
            require_site(session, args.site)
        rows = tokens.list_tokens(session, args.site)
    print_table(
        ("ID", "SITE", "ROLE", "KIOSK/LABEL", "CREATED", "LAST USED", "EXPIRES", "REVOKED"),
        (
            (
                str(t.id),
                t.site,
                t.role,
                t.kiosk or t.label or "-",
                when(t.created_at),
                when(t.last_used_at),
                when(t.expires_at),
                when(t.revoked_at),
            )
            for t in rows
        ),
        right=("ID",),
    )
    return 0


def _token_revoke(args: argparse.Namespace) -> int:
    with transaction(args) as session:
        try:
            token = tokens.revoke_token(session, args.id, args.clock.now())
        except tokens.UnknownToken as exc:
            raise CliError(str(exc)) from None
        print(f"token {token.id} ({token.site}, {token.role}) revoked at {when(token.revoked_at)}")
    return 0
