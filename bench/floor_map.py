"""Floor map speed: a generated floor with 1,000 desks.

- status update: a full status dict for all 1,000 desks is applied to the scene (10 % of the
  desks changed, and the worst case where every desk changed), then the view repaints; timed
  from the call to the end of the viewport's paint.
- open: building the map screen on the generated floor (scene with 1,000 desk items, legend,
  floor buttons), showing it and its first paint; and opening it again (scene cached).

The desks come from an in-memory source with the ``DeskService`` read methods, so this
measures the UI; the local store's reads are the core's own concern.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from datetime import UTC, datetime

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kiosk.desks import Desk, DeskMode, DeskState, DeskStatus, Floor, Room
from kiosk.resources import resource_path

PLAN = resource_path("resources", "floorplans", "lister-1-etasje.svg")
STATES = list(DeskState)


class GeneratedFloor:
    """One floor, ``count`` desks on a grid, random states: what the map screen reads."""

    def __init__(self, count: int, seed: int = 7) -> None:
        self.random = random.Random(seed)
        columns = 40
        rows = -(-count // columns)
        width, height = columns * 60.0 + 40, rows * 44.0 + 40
        plan = PLAN if PLAN.is_file() else None
        self.floor = Floor("gen", "bench", "1. etasje", 1, plan, width, height)
        zones = ["Sone A", "Sone B", "Sone C", "Stillesone"]
        self._desks = [
            Desk(
                f"d{i}",
                f"{'ABCS'[i % 4]}-{i:03d}",
                "gen",
                20 + (i % columns) * 60.0,
                20 + (i // columns) * 44.0,
                52.0,
                34.0,
                0.0,
                zones[(i % columns) * 4 // columns],
                ("screen",),
                DeskMode.DROP_IN,
            )
            for i in range(count)
        ]
        self._by_id = {d.id: d for d in self._desks}
        self.current = {d.id: self._status(d.id) for d in self._desks}

    def _status(self, desk_id: str) -> DeskStatus:
        state = self.random.choice(STATES)
        return DeskStatus(desk_id, state, datetime(2026, 11, 27, 16, tzinfo=UTC), False)

    def churn(self, fraction: float) -> dict[str, DeskStatus]:
        """A full update in which ``fraction`` of the desks changed state."""
        update = dict(self.current)
        for desk in self.random.sample(self._desks, round(len(self._desks) * fraction)):
            old = update[desk.id].state
            state = self.random.choice([s for s in STATES if s is not old])
            update[desk.id] = DeskStatus(desk.id, state, None, False)
        self.current = update
        return update

    # The read side of DeskService --------------------------------------------------------------
    def floors(self) -> list[Floor]:
        return [self.floor]

    def rooms(self, floor_id: str) -> list[Room]:  # noqa: ARG002 - DeskService's; one floor
        return []

    def desks(self, floor_id: str) -> list[Desk]:  # noqa: ARG002 - DeskService's; one floor
        return list(self._desks)

    def desk(self, desk_id: str) -> Desk | None:
        return self._by_id.get(desk_id)

    # DeskService's signature; there is one floor.
    def statuses(self, floor_id: str | None = None) -> dict[str, DeskStatus]:  # noqa: ARG002
        return dict(self.current)


def _timed_paint(view: object) -> Callable[[], float | None]:
    """Wrap the view's viewport paint to note when each paint ended."""
    from PySide6.QtCore import QEvent, QObject

    painted: list[float] = []

    class Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                # Let the view paint now, then note the time; swallow the original event.
                watched.removeEventFilter(self)
                try:
                    from PySide6.QtWidgets import QApplication

                    QApplication.sendEvent(watched, event)
                finally:
                    watched.installEventFilter(self)
                painted.append(time.perf_counter())
                return True
            return False

    watch = Watch()
    view.viewport().installEventFilter(watch)  # type: ignore[attr-defined]
    view._bench_watch = watch  # type: ignore[attr-defined]

    def last() -> float | None:
        value = painted[-1] if painted else None
        painted.clear()
        return value

    return last


def bench_floor_map(
    report: Callable[[str, list[float]], None], updates: int = 200, openings: int = 20
) -> None:
    from PySide6.QtWidgets import QApplication

    from ui import theme
    from ui.screens.floor_map import FloorMapScreen

    app = QApplication.instance() or QApplication([])
    source = GeneratedFloor(1000)

    # Opening the map screen: build, show, first paint.
    opens: list[float] = []
    for _ in range(openings):
        started = time.perf_counter()
        screen = FloorMapScreen(source)  # type: ignore[arg-type]
        screen.setStyleSheet(theme.style_sheet())
        screen.resize(1280, 800)
        last_paint = _timed_paint(screen.view)
        screen.show()
        deadline = started + 10
        painted = None
        while painted is None and time.perf_counter() < deadline:
            app.processEvents()
            painted = last_paint()
        assert painted is not None, "the map never painted"
        opens.append((painted - started) * 1000)
        screen.close()
        screen.deleteLater()
        app.processEvents()
    report("open map screen, 1000 desks (build+paint)", opens)

    screen = FloorMapScreen(source)  # type: ignore[arg-type]
    screen.setStyleSheet(theme.style_sheet())
    screen.resize(1280, 800)
    screen.show()
    app.processEvents()
    scene = screen.view.floor_scene()
    assert scene is not None and len(scene.desk_items) == 1000
    last_paint = _timed_paint(screen.view)

    reopen: list[float] = []
    for _ in range(openings):
        screen.hide()
        app.processEvents()
        started = time.perf_counter()
        screen.reload()
        screen.show()
        painted = None
        while painted is None:
            app.processEvents()
            painted = last_paint()
        reopen.append((painted - started) * 1000)
    report("reopen map screen, 1000 desks (cached)", reopen)

    for fraction, name in ((0.1, "10% changed"), (1.0, "all changed")):
        timings: list[float] = []
        for _ in range(updates):
            update = source.churn(fraction)
            app.processEvents()
            last_paint()
            started = time.perf_counter()
            changed = scene.apply_statuses(update)
            painted = None
            while painted is None:
                app.processEvents()
                painted = last_paint()
            assert changed > 0
            timings.append((painted - started) * 1000)
        report(f"status update + repaint, 1000 desks, {name}", timings)
    screen.close()
    screen.deleteLater()
    app.processEvents()


def main() -> None:
    from bench.__main__ import report

    bench_floor_map(report)


if __name__ == "__main__":
    main()
