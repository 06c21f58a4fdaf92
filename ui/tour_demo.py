"""A demo kiosk for the tour: a temporary data folder, the demo data in its local store.

The central store's own code runs in this process on a temporary SQLite file (schema, sites,
signing key, demo people and desks), and the kiosk core talks to it through ``DemoCentral``, a
transport that calls the store's domain functions where the HTTP client would send a request.
Nothing listens on any port, and the kiosk's local store is filled by its own sync code.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from central import bootstrap, demo
from central.db.engine import make_engine, session_factory
from central.domain import changes, events, passes
from kiosk.app import KioskCore
from kiosk.passes import PassClaims, PassKind, SigningKey, new_pass_id
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
        incoming = [
            events.IncomingEvent(e["id"], e["type"], datetime.fromisoformat(e["at"]), e["data"])
            for e in events_
        ]
        outcomes = events.apply_batch(self._factory, SITE, incoming, self._clock)
        return [{"id": o.id, "status": str(o.status), "reason": o.reason} for o in outcomes]

    def pull_changes(self, since: int, limit: int) -> dict[str, Any]:
        with self._factory() as session:
            rows, more = changes.read(session, SITE, since, limit)
            page = [
                {"seq": r.seq, "entity": r.entity, "op": r.op, "key": r.key, "data": r.data}
                for r in rows
            ]
        return {"changes": page, "cursor": page[-1]["seq"] if page else since, "more": more}

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
        self.central = DemoCentral(root / "central.sqlite3", self.clock)
        base = replace(KioskSettings(), data_dir=root / "kiosk", site=SITE, windowed=True)
        self.core = KioskCore.open(
            replace(base, **settings), clock=self.clock, transport=self.central
        )
        if not self.core.sync.sync_once():
            raise RuntimeError(f"tour: the demo did not load: {self.core.sync.status().problem}")

    def pass_for(self, email: str = DEMO_VISITOR) -> str:
        """A valid member pass for a demo person, signed with the demo store's key."""
        key = self.central.signing_key()
        now = self.clock.now()
        claims = PassClaims(
            pass_id=new_pass_id(),
            person_id=demo.person_id_for(email),
            site=SITE,
            kind=PassKind.MEMBER,
            valid_from=now - timedelta(days=1),
            valid_to=now + timedelta(days=365),
            key_id=key.key_id,
        )
        return key.sign(claims)

    def close(self) -> None:
        self.core.close()
        self.central.close()
        self._folder.cleanup()
