"""A demo kiosk for the tour: a temporary data folder, the demo data in its local store.

The central store's own code runs in this process on a temporary SQLite file (schema, sites,
signing key, demo people and desks), and the kiosk core talks to it through ``DemoCentral``, a
transport that calls the store's domain functions where the HTTP client would send a request.
Nothing listens on any port, and the kiosk's local store is filled by its own sync code.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

from central import bootstrap, demo
from central.db.engine import make_engine, session_factory
from central.domain import changes, events, passes
from kiosk.app import KioskCore
from kiosk.desks import DeskState
from kiosk.passes import PassClaims, PassKind, SigningKey, new_pass_id
from kiosk.protocol import CheckinMethod
from kiosk.settings import KioskSettings

SITE = "lyngdal"
# A Wednesday morning in Lyngdal: the demo's bookings for "today" are on the map.
DEMO_TIME = datetime(2026, 11, 25, 8, 40, tzinfo=UTC)
DEMO_VISITOR = "kari.nordmann@nav.no"


@dataclass
class FixedClock:
    """The tour's time: the same on every run, so the images can be compared."""

    at: datetime = DEMO_TIME

    def now(self) -> datetime:
        return self.at


class DemoCentral:
    """The kiosk's transport, answered by the central store's code in this process."""

    def __init__(self, database: Path, clock: FixedClock) -> None:
        self._engine = make_engine(f"sqlite:///{database}")
        bootstrap.initialise(self._engine, clock, with_demo=True)
        self._factory = session_factory(self._engine)
        self._clock = clock

    def push_events(
        self, events_: Sequence[dict[str, Any]], timeout_s: float | None = None
    ) -> list[dict[str, Any]]:
        del timeout_s  # in-process: the answer is there at once
        incoming = [events.IncomingEvent(e["id"], e["type"], e["at"], e["data"]) for e in events_]
        outcomes = events.apply_batch(self._factory, SITE, incoming, self._clock)
        return [{"id": o.id, "status": str(o.status), "reason": o.reason} for o in outcomes]

    def pull_changes(self, since: int, limit: int) -> dict[str, Any]:
        """The page the store's API would send, built by the same function."""
        with self._factory() as session:
            rows, more = changes.read(session, SITE, since, limit)
            body = changes.page_json(rows, rows[-1].seq if rows else since, more)
        page: dict[str, Any] = json.loads(body)
        return page

    def signing_key(self) -> SigningKey:
        with self._factory() as session:
            key = passes.active_signing_key(session)
        assert key is not None  # bootstrap made one
        return key

    def close(self) -> None:
        self._engine.dispose()


class DemoKiosk:
    """A kiosk core on a temporary data folder holding the demo; ``close()`` removes it all."""

    def __init__(self, **settings: Any) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="regionlab-tour-")
        root = Path(self._folder.name)
        self.clock = FixedClock()
        self._used: set[str] = set()
        self.central = DemoCentral(root / "central.sqlite3", self.clock)
        base = replace(KioskSettings(), data_dir=root / "kiosk", site=SITE, windowed=True)
        self.core = KioskCore.open(
            replace(base, **settings), clock=self.clock, transport=self.central
        )
        if not self.core.sync.sync_once():
            raise RuntimeError(f"tour: the demo did not load: {self.core.sync.status().problem}")

    def pass_for(
        self, email: str = DEMO_VISITOR, *, site: str = SITE, expired: bool = False
    ) -> str:
        """A member pass for a demo person, signed with the demo store's key: valid for a year
        from yesterday, or (``expired``) one that ended yesterday."""
        return self.pass_of(demo.person_id_for(email), site=site, expired=expired)

    def pass_of(self, person_id: str, *, site: str = SITE, expired: bool = False) -> str:
        key = self.central.signing_key()
        now = self.clock.now()
        start, end = (now - timedelta(days=1), now + timedelta(days=365))
        if expired:
            start, end = now - timedelta(days=366), now - timedelta(days=1)
        claims = PassClaims(
            pass_id=new_pass_id(),
            person_id=person_id,
            site=site,
            kind=PassKind.MEMBER,
            valid_from=start,
            valid_to=end,
            key_id=key.key_id,
        )
        return key.sign(claims)

    def newcomer(self) -> str:
        """A demo person of this site who has not been checked in or out by the tour yet (a
        second scan soon after a check-out asks a question; a welcome should not)."""
        people = json.loads(
            resources.files("central").joinpath("demo", "people.json").read_text("utf-8")
        )
        for person in people:
            person_id = demo.person_id_for(person["email"])
            if person_id in self._used or self.core.checkin.is_present(person_id):
                continue
            self._used.add(person_id)
            if self.core.checkin.identify_pass(self.pass_of(person_id)).person is not None:
                return person_id
        raise RuntimeError("tour: no demo person left to welcome")

    def set_visitor_present(self, present: bool, email: str = DEMO_VISITOR) -> None:
        """Check the demo visitor in or out, so the next scan of their pass says the other."""
        person = demo.person_id_for(email)
        if self.core.checkin.is_present(person) != present:
            record = self.core.checkin.check_in if present else self.core.checkin.check_out
            record(person, CheckinMethod.NAME)

    def free_desk(self) -> str:
        """A desk anyone may take now (the first free one by label)."""
        for floor in self.core.desks.floors():
            statuses = self.core.desks.statuses(floor.id)
            for desk in sorted(self.core.desks.desks(floor.id), key=lambda d: d.label):
                if statuses[desk.id].state is DeskState.FREE:
                    return desk.id
        raise RuntimeError("tour: the demo has no free desk")

    def close(self) -> None:
        self.core.close()
        self.central.close()
        self._folder.cleanup()
