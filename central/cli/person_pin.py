"""``person pin``: staff set or reset a person's PIN for name actions at the kiosk."""

from __future__ import annotations

import argparse
from typing import Any

from central.cli.context import CliError, require_site, transaction
from central.domain import directory, person_pins


def add_command(person: Any, database: argparse.ArgumentParser) -> None:
    """Add ``pin`` to the ``person`` command group."""
    pin = person.add_parser(
        "pin",
        parents=[database],
        help="set or reset a person's PIN (check-out and desk claims by name at the kiosk)",
    )
    pin.add_argument("--site", required=True)
    pin.add_argument("person", metavar="PERSON", help="the person's id or e-mail")
    how = pin.add_mutually_exclusive_group(required=True)
    how.add_argument("--pin", help="the new PIN, 4 to 6 digits")
    how.add_argument(
        "--generate", action="store_true", help="make a random 6-digit PIN and print it once"
    )
    pin.set_defaults(command=_person_pin)


def _person_pin(args: argparse.Namespace) -> int:
    with transaction(args) as session:
        require_site(session, args.site)
        person = directory.find_person(session, args.person)
        if person is None or person.site != args.site:
            raise CliError(f"no person {args.person!r} at {args.site}")
        try:
            pin = person_pins.set_pin(session, person, None if args.generate else args.pin)
        except ValueError as exc:
            raise CliError(f"{exc} (digits only, e.g. --pin 4711)") from None
        name = person.name
    if args.generate:
        print(f"PIN for {name}: {pin}")
        print("Shown only now: give it to the person. Only its hash is stored.")
    else:
        print(f"PIN for {name} set. It reaches the kiosks of {args.site} at their next sync.")
    return 0
