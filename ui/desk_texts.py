"""How the kiosk words a desk for the visitor: "B-12 er din til kl. 17:00", "Din pult i dag"."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kiosk.desks import Desk, DeskService


def desk_yours_title(desk: Desk, until_text: str | None) -> str:
    if until_text:
        return (
            QCoreApplication.translate("DeskFlow", "%1 er din til kl. %2")
            .replace("%1", desk.label)
            .replace("%2", until_text)
        )
    return QCoreApplication.translate("DeskFlow", "%1 er din").replace("%1", desk.label)


def todays_desk_line(desk: Desk) -> str:
    return QCoreApplication.translate("DeskFlow", "Din pult i dag: %1").replace("%1", desk.label)


def conflict_notice(desks: DeskService, person_id: str) -> str:
    """Tell the person once about provisional claims the store gave to someone else."""
    conflicts = desks.unresolved_conflicts(person_id)
    if not conflicts:
        return ""
    desks.acknowledge_conflicts(person_id)
    labels = ", ".join(conflict.desk.label for conflict in conflicts)
    return QCoreApplication.translate(
        "DeskFlow",
        "Pulten %1 som du tok mens kiosken var frakoblet, hadde noen andre allerede fått. "
        "Velg gjerne en ny pult.",
    ).replace("%1", labels)
