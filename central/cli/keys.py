"""``key rotate|list|retire``: the keys that sign passes."""

from __future__ import annotations

import argparse
from typing import Any

from central.cli.context import CliError, transaction
from central.cli.tables import print_table
from central.domain import signing_keys as keys


def add_commands(commands: Any, database: argparse.ArgumentParser) -> None:
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


def _key_rotate(args: argparse.Namespace) -> int:
    with transaction(args) as session:
        record = keys.rotate(session, now=args.clock.now())
    print(f"key {record.key_id} now signs new passes; older keys still verify until retired")
    return 0


def _key_list(args: argparse.Namespace) -> int:
    with transaction(args) as session:
        infos = keys.list_keys(session, now=args.clock.now())
    rows = [
        [
            info.key_id,
            f"{info.created_at:%Y-%m-%d %H:%M}",
            "retired" if info.retired_at else "active" if info.active else "verifies",
            str(info.valid_passes),
            f"{info.last_expiry:%Y-%m-%d}" if info.last_expiry else "-",
        ]
        for info in infos
    ]
    headers = ("key_id", "created", "state", "valid_passes", "last_expiry")
    print_table(headers, rows, right={"valid_passes"})
    return 0


def _key_retire(args: argparse.Namespace) -> int:
    with transaction(args) as session:
        try:
            record = keys.retire(session, args.key_id, force=args.force, now=args.clock.now())
        except (LookupError, ValueError) as exc:
            raise CliError(str(exc)) from None
    print(f"key {record.key_id} retired: kiosks forget it at their next sync")
    return 0
