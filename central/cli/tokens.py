"""``token create``: API tokens for kiosks and staff screens."""

from __future__ import annotations

import argparse
from typing import Any

from central.cli.context import require_site, transaction
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
    create.set_defaults(command=_token_create)


def _token_create(args: argparse.Namespace) -> int:
    with transaction(args) as session:
        require_site(session, args.site)
        secret = tokens.create_token(
            session, args.site, args.role, args.label, now=args.clock.now()
        )
    print(secret)
    return 0
