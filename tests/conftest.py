"""Fixtures every kind of test shares: a signing key, demo people, passes, a seeded kiosk core."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

# Qt tests run offscreen unless a test deliberately targets a real (Xvfb) display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from kiosk.app import KioskCore
from kiosk.passes import PassClaims, PassKind, SigningKey, new_pass_id
from kiosk.settings import KioskSettings
from tests.fakes import FakeCentral, FakeClock

KARI = "4f1c2d3e-0000-4000-8000-000000000001"
BJORN = "4f1c2d3e-0000-4000-8000-000000000002"
SOLVI = "4f1c2d3e-0000-4000-8000-000000000003"
OLE = "4f1c2d3e-0000-4000-8000-000000000004"
JORGEN = "4f1c2d3e-0000-4000-8000-000000000005"

PEOPLE: list[dict[str, Any]] = [
    {"id": KARI, "name": "Kari Nordmann", "given_name": "Kari", "organisation": "NAV"},
    {"id": BJORN, "name": "Bjørn Åsheim", "given_name": "Bjørn", "organisation": "Skatteetaten"},
    {"id": SOLVI, "name": "Sølvi Kvæven", "given_name": "Sølvi", "organisation": "Bufdir"},
    {"id": OLE, "name": "Ole Hansen", "given_name": "Ole", "organisation": "Lyngdal kommune"},
    {
        "id": JORGEN,
        "name": "Jørgen Dæhli",
        "given_name": "Jørgen",
        "organisation": "Sør politidistrikt",
    },
]


@pytest.fixture(scope="session")
def signing_key() -> SigningKey:
    return SigningKey.generate()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_pass(signing_key: SigningKey, clock: FakeClock) -> Callable[..., str]:
    """A signed pass token; keyword arguments override the claims."""

    def make(
        person_id: str = KARI,
        *,
        site: str = "lyngdal",
        kind: PassKind = PassKind.MEMBER,
        valid_from: datetime | None = None,
        valid_to: datetime | None = None,
        key: SigningKey | None = None,
        pass_id: str | None = None,
    ) -> str:
        key = key or signing_key
        claims = PassClaims(
            pass_id=pass_id or new_pass_id(),
            person_id=person_id,
            site=site,
            kind=kind,
            valid_from=valid_from or clock.now() - timedelta(days=1),
            valid_to=valid_to or clock.now() + timedelta(days=365),
            key_id=key.key_id,
        )
        return key.sign(claims)

    return make


@pytest.fixture
def central(signing_key: SigningKey) -> FakeCentral:
    return FakeCentral(keys=[signing_key], people=[dict(p) for p in PEOPLE])


@pytest.fixture
def kiosk_settings(tmp_path: Path) -> KioskSettings:
    return replace(KioskSettings(), data_dir=tmp_path / "kiosk", site="lyngdal")


@pytest.fixture
def unsynced_core(
    kiosk_settings: KioskSettings, clock: FakeClock, central: FakeCentral
) -> Iterator[KioskCore]:
    """A kiosk core that has never talked to its (fake) central store."""
    core = KioskCore.open(kiosk_settings, clock=clock, transport=central)
    yield core
    core.close()


@pytest.fixture
def kiosk_core(unsynced_core: KioskCore) -> KioskCore:
    """A kiosk core after one successful sync: it knows the demo people and the signing key."""
    assert unsynced_core.sync.sync_once()
    return unsynced_core


@pytest.fixture
def central_server(tmp_path: Path) -> Iterator[Any]:
    """The real central store (SQLite file, demo data) serving on a free loopback port."""
    from tests.processes import CentralServer

    server = CentralServer(
        database_url=f"sqlite:///{tmp_path / 'central.sqlite3'}",
        log_path=tmp_path / "central.log",
    )
    server.prepare()
    server.start()
    yield server
    server.stop()


def make_read_only(core: Any) -> None:
    """From now on every write to the core's local store fails as on a file gone read-only
    ("attempt to write a readonly database"); reads go on."""
    from sqlalchemy import event

    def read_only(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA query_only=ON")

    for engine in core.store.engines:
        engine.pool.dispose()
        event.listen(engine, "connect", read_only)
