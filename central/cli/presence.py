"""``regionlab-central presence --site SITE [--json]``: who is in the building now.

The store's evacuation list: members and guests with an open visit, the desk each holds now or
their zone, and the time they came in, in the site's local time.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from central.cli.context import require_site, transaction
from central.cli.tables import print_table
from central.domain.presence import present_now


def add_commands(commands: Any, database: argparse.ArgumentParser) -> None:
    presence = commands.add_parser(
        "presence", parents=[database], help="who is in the building now (evacuation list)"
    )
    presence.add_argument("--site", required=True)
    presence.add_argument("--json", action="store_true", help="print JSON instead of a table")
    presence.set_defaults(command=_presence)


def _presence(args: argparse.Namespace) -> int:
    with transaction(args) as session:
        require_site(session, args.site)
        people = present_now(session, args.site, args.clock.now())
    rows = [
        {
            "person_id": p.person_id,
            "name": p.name,
            "organisation": p.organisation,
            "kind": p.kind,
            "desk": p.desk,
            "zone": p.zone,
            "checked_in_at": (p.checked_in_local or p.checked_in_at).isoformat(),
        }
        for p in people
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    print_table(
        ("name", "organisation", "kind", "desk", "zone", "in"),
        (
            (
                p.name,
                p.organisation or "",
                p.kind,
                p.desk or "",
                p.zone or "",
                (p.checked_in_local or p.checked_in_at).strftime("%H:%M"),
            )
            for p in people
        ),
    )
    print(f"{len(rows)} in the building at {args.site}")
    return 0
