"""The kiosk's core as a child process, driven line by line, so a test can SIGKILL it.

``python -m tests.kiosk_driver DATA_DIR CENTRAL_URL TOKEN`` reads one JSON command per line on
stdin and answers one JSON line on stdout. An event id is in an answer only once the kiosk has
confirmed it (committed durably: what the visitor is told). Commands:

- ``{"op": "check", "person": ID}``: check in, or out if present: ``{"ids": [...]}``
- ``{"op": "claim", "person": ID, "desk": ID}``: a desk claim: ``{"ids": [...], "outcome": ...}``
- ``{"op": "sync"}``: one sync round: ``{"ok": bool}``
- ``{"op": "heal"}``: staff send the set-aside events again: ``{"count": n}``
- ``{"op": "state"}``: ``{"pending": n, "set_aside": m, "people": [...], "desks": [...]}``
"""

from __future__ import annotations

import json
import logging
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from kiosk import outbox
from kiosk.app import KioskCore
from kiosk.clock import SystemClock
from kiosk.models import OutboxEvent, Person
from kiosk.protocol import CheckinMethod
from kiosk.settings import KioskSettings


def _max_seq(core: KioskCore) -> int:
    with core.store.session() as session:
        return int(session.scalar(select(func.max(OutboxEvent.seq))) or 0)


def _ids_after(core: KioskCore, seq: int) -> list[str]:
    with core.store.session() as session:
        return list(
            session.scalars(
                select(OutboxEvent.event_id).where(OutboxEvent.seq > seq).order_by(OutboxEvent.seq)
            )
        )


def handle(core: KioskCore, command: dict[str, Any]) -> dict[str, Any]:
    op = command["op"]
    if op == "check":
        before = _max_seq(core)
        person = command["person"]
        action = (
            core.checkin.check_out if core.checkin.is_present(person) else core.checkin.check_in
        )
        action(person, CheckinMethod.NAME)
        return {"ids": _ids_after(core, before)}
    if op == "claim":
        before = _max_seq(core)
        result = core.desks.claim(command["desk"], command["person"], CheckinMethod.NAME)
        return {"ids": _ids_after(core, before), "outcome": result.outcome.value}
    if op == "sync":
        return {"ok": core.sync.sync_once()}
    if op == "heal":
        return {"count": core.sync.send_set_aside_again()}
    if op == "state":
        with core.store.session() as session:
            pending = outbox.pending_count(session)
            set_aside = outbox.set_aside_count(session)
            people = list(session.scalars(select(Person.id).where(Person.active.is_(True))))
        desks = [d.id for floor in core.desks.floors() for d in core.desks.desks(floor.id)]
        return {"pending": pending, "set_aside": set_aside, "people": people, "desks": desks}
    raise ValueError(f"unknown op {op!r}")


def main(argv: list[str]) -> int:
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    data_dir, url, token = argv
    settings = replace(
        KioskSettings(),
        data_dir=Path(data_dir),
        central_url=url,
        device_token=token,
        site="lyngdal",
        sync_timeout_s=3.0,
    )
    core = KioskCore.open(settings, clock=SystemClock())
    print(json.dumps({"ready": True}), flush=True)
    try:
        for line in sys.stdin:
            try:
                answer = handle(core, json.loads(line))
            except Exception as exc:  # noqa: BLE001 (the test sees it as an answer, and decides)
                answer = {"error": f"{type(exc).__name__}: {exc}"}
            print(json.dumps(answer), flush=True)
    finally:
        core.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
