"""``kiosk provision|list|revoke``: setting up kiosks with one-time codes, and ending them."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from central.cli.context import CliError, require_site, transaction
from central.cli.tables import print_table
from central.cli.tokens import when
from central.domain import passes, provisioning

DEFAULT_CENTRAL_URL = "http://127.0.0.1:8470"
CENTRAL_URL_ENV = "REGIONLAB_CENTRAL_URL"


def add_commands(commands: Any, database: argparse.ArgumentParser) -> None:
    kiosk = commands.add_parser("kiosk", help="kiosks: provision, list, revoke").add_subparsers(
        required=True, metavar="ACTION"
    )
    provision = kiosk.add_parser(
        "provision",
        parents=[database],
        help="print a one-time code (valid 24 h) that sets up a new kiosk",
    )
    provision.add_argument("--site", required=True)
    provision.add_argument(
        "--central-url",
        metavar="URL",
        help=f"the address kiosks reach this store at (default ${CENTRAL_URL_ENV}, "
        f"else {DEFAULT_CENTRAL_URL})",
    )
    provision.add_argument("--name", help="the kiosk's name (default SITE-N)")
    provision.add_argument("--png", type=Path, metavar="FILE", help="also write the code as a QR")
    provision.set_defaults(command=_provision)

    listing = kiosk.add_parser(
        "list", parents=[database], help="each kiosk: last seen, version, events waiting"
    )
    listing.add_argument("--site", required=True)
    listing.set_defaults(command=_list)

    revoke = kiosk.add_parser("revoke", parents=[database], help="end a kiosk (revoke its token)")
    revoke.add_argument("name", metavar="NAME")
    revoke.set_defaults(command=_revoke)


def _central_url(given: str | None) -> str:
    url = (given or os.environ.get(CENTRAL_URL_ENV) or DEFAULT_CENTRAL_URL).strip()
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname or " " in url:
        raise CliError(f"not an http(s) URL: {url!r}")
    return url.rstrip("/")


def _provision(args: argparse.Namespace) -> int:
    url = _central_url(args.central_url)
    with transaction(args) as session:
        require_site(session, args.site)
        try:
            made = provisioning.create_code(
                session, args.site, now=args.clock.now(), kiosk_name=args.name
            )
        except provisioning.KioskError as exc:
            raise CliError(str(exc)) from None
    text = provisioning.provisioning_text(url, made.code)
    if args.png is not None:
        if not provisioning.alphanumeric(text):
            raise CliError("--png needs a central URL without lower-case letters in its path")
        caption = [f"{made.kiosk_name} ({args.site})", f"valid until {when(made.expires_at)}"]
        try:
            passes.render_png(text, caption, args.png)
        except OSError as exc:
            raise CliError(f"cannot write {args.png}: {exc.strerror or exc}") from None
    print(text)
    return 0


def _list(args: argparse.Namespace) -> int:
    with transaction(args) as session:
        require_site(session, args.site)
        kiosks = provisioning.list_kiosks(session, args.site)

    def count(value: int | None) -> str:
        return "-" if value is None else str(value)

    print_table(
        ("NAME", "LAST SEEN", "VERSION", "WAITING", "SET ASIDE", "REVOKED"),
        (
            (
                k.name,
                when(k.last_seen_at),
                k.version or "-",
                count(k.events_waiting),
                count(k.events_set_aside),
                when(k.revoked_at),
            )
            for k in kiosks
        ),
        right=("WAITING", "SET ASIDE"),
    )
    return 0


def _revoke(args: argparse.Namespace) -> int:
    with transaction(args) as session:
        try:
            kiosk = provisioning.revoke_kiosk(session, args.name, args.clock.now())
        except provisioning.KioskError as exc:
            raise CliError(str(exc)) from None
        print(f"kiosk {kiosk.name} ({kiosk.site}) revoked: its token is refused from now on")
    return 0
