"""Fixtures every kind of test shares: a signing key, demo people, passes, a seeded kiosk core.

And three guards for every test:

- markers by what a test uses, applied here so they cannot be forgotten: a test under
  ``tests/ui`` or using ``qtbot`` is ``gui``; under ``tests/integration`` or using a real store
  process (``central_server``) is ``integration``; under ``tests/e2e`` is ``e2e``;
- a test that ``make test-fast`` selects (not ``gui``, ``integration`` or ``e2e``) fails if it
  starts a process or creates a Qt application: the fast loop stays fast and headless;
- a WARNING or ERROR log record fails the test unless the test states it with ``expect_log``.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

# Qt tests run offscreen unless a test deliberately targets a real (Xvfb) display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The store keys token hashes with a secret kept outside its database (a file beside a SQLite
# database by default); tests copy databases around, so they share one secret, stated here
# and inherited by the processes they start. tests/central/test_central_tokens.py unsets it.
os.environ.setdefault("REGIONLAB_TOKEN_SECRET", "test-token-secret-" + "0" * 32)

import pytest

from kiosk.app import KioskCore
from kiosk.passes import PassClaims, PassKind, SigningKey, new_pass_id
from kiosk.settings import KioskSettings
from tests.fakes import FakeCentral, FakeClock

TESTS = Path(__file__).resolve().parent
_MARK_BY_DIRECTORY = {"ui": "gui", "integration": "integration", "e2e": "e2e"}
_MARK_BY_FIXTURE = {
    "qtbot": "gui",
    "qapp": "gui",
    "central_server": "integration",
    "contract_server": "integration",
}
# Only tests with one of these markers may start a process; the others run in test-fast.
_MAY_START_PROCESSES = {"gui", "integration", "e2e"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        path = Path(str(item.path)).resolve()
        names: set[str] = set()
        if TESTS in path.parents:
            top = path.relative_to(TESTS).parts[0]
            if top in _MARK_BY_DIRECTORY:
                names.add(_MARK_BY_DIRECTORY[top])
        for fixture in getattr(item, "fixturenames", ()):
            if fixture in _MARK_BY_FIXTURE:
                names.add(_MARK_BY_FIXTURE[fixture])
        for name in sorted(names - {m.name for m in item.iter_markers()}):
            item.add_marker(getattr(pytest.mark, name))


@pytest.fixture(autouse=True)
def _own_kiosk_config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never the user's real config folder (a provisioned kiosk's settings and token): each
    test gets an empty one (kiosk.provisioning.config_dir), inherited by its processes."""
    monkeypatch.setenv("REGIONLAB_CONFIG_DIR", str(tmp_path / "kiosk-config"))


@pytest.fixture(autouse=True)
def _no_process_or_qt_unless_marked(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """``make test-fast`` promises no processes and no Qt: a test that needs them says so."""
    marks = {mark.name for mark in request.node.iter_markers()}
    if not marks & _MAY_START_PROCESSES:

        def refuse(self: subprocess.Popen[Any], args: Any, *rest: Any, **kwargs: Any) -> None:
            pytest.fail(
                f"{request.node.nodeid} starts a process ({args!r}); mark it integration",
                pytrace=False,
            )

        monkeypatch.setattr(subprocess.Popen, "_execute_child", refuse)
    had_qt_app = _qt_application_exists()
    yield
    if "gui" not in marks and not had_qt_app and _qt_application_exists():
        pytest.fail(f"{request.node.nodeid} created a Qt application; mark it gui", pytrace=False)


def _qt_application_exists() -> bool:
    qt_core = sys.modules.get("PySide6.QtCore")
    return qt_core is not None and qt_core.QCoreApplication.instance() is not None


@dataclass
class ExpectedLog:
    logger: str
    level: int
    pattern: str
    seen: int = 0

    def matches(self, record: logging.LogRecord) -> bool:
        in_logger = record.name == self.logger or record.name.startswith(self.logger + ".")
        return (
            in_logger
            and record.levelno == self.level
            and re.search(self.pattern, record.getMessage()) is not None
        )


@dataclass
class LogExpectations:
    """What a test states it will log at WARNING or above; each statement must come true."""

    expected: list[ExpectedLog] = field(default_factory=list)
    anything: bool = False

    def __call__(self, logger: str, level: int = logging.WARNING, pattern: str = "") -> None:
        """Expect at least one record of ``logger`` (or a child) at ``level`` whose message
        matches the regular expression ``pattern``."""
        self.expected.append(ExpectedLog(logger, level, pattern))


@pytest.fixture
def expect_log() -> LogExpectations:
    """``expect_log("kiosk.sync", logging.WARNING, "cannot reach")`` in a test that logs so."""
    return LogExpectations()


@pytest.fixture
def allow_log_errors(expect_log: LogExpectations) -> None:
    """Any WARNING/ERROR goes. Only for a test whose records cannot be stated (say why)."""
    expect_log.anything = True


@pytest.fixture(autouse=True)
def _fail_on_unexpected_log_warnings(
    caplog: pytest.LogCaptureFixture, expect_log: LogExpectations
) -> Iterator[None]:
    yield
    if expect_log.anything:
        return
    unexpected = []
    for record in (r for when in ("setup", "call") for r in caplog.get_records(when)):
        if record.levelno < logging.WARNING:
            continue
        stated = [e for e in expect_log.expected if e.matches(record)]
        for statement in stated:
            statement.seen += 1
        if not stated:
            unexpected.append(f"{record.levelname} {record.name}: {record.getMessage()}")
    assert not unexpected, f"unexpected log warnings: {unexpected}"
    unmet = [e for e in expect_log.expected if not e.seen]
    assert not unmet, f"expected log records that never came: {unmet}"


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
