"""How the kiosk words a desk for the visitor: "B-12 er din til kl. 17:00", "Din pult i dag"."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QCoreApplication

from kiosk.desks import Desk, DeskConflict
from ui.time_display import format_time, is_midnight


def desk_yours_title(desk: Desk, until: datetime | None) -> str:
    """E.g. "B-12 er din til kl. 17:00"; until midnight is "the rest of the day"."""
    if until is not None and is_midnight(until):
        return QCoreApplication.translate("DeskFlow", "%1 er din resten av dagen").replace(
            "%1", desk.label
        )
    if until is not None:
        return (
            QCoreApplication.translate("DeskFlow", "%1 er din til kl. %2")
            .replace("%1", desk.label)
            .replace("%2", format_time(until))
        )
    return QCoreApplication.translate("DeskFlow", "%1 er din").replace("%1", desk.label)


def todays_desk_line(desk: Desk) -> str:
    return QCoreApplication.translate("DeskFlow", "Din pult i dag: %1").replace("%1", desk.label)


def conflict_notice(conflicts: Sequence[DeskConflict]) -> str:
    """Word the provisional claims the store gave to someone else (from
    ``DeskService.take_conflict_notices``, which counts them as told); "" for none."""
    if not conflicts:
        return ""
    labels = ", ".join(conflict.desk.label for conflict in conflicts)
    return QCoreApplication.translate(
        "DeskFlow",
        "Pulten %1 som du tok mens kiosken var frakoblet, hadde noen andre allerede fått. "
        "Velg gjerne en ny pult.",
    ).replace("%1", labels)
