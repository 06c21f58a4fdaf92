"""Mirroring the store's floors, desks, rooms, bookings, claims and fixed desks (and the site's
desk times) into the kiosk's local store. Used by ``kiosk.mirror.apply_changes``."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from kiosk.models import (
    BookingRow,
    DeskAssignmentRow,
    DeskClaimRow,
    DeskRow,
    FloorRow,
    RoomRow,
    SiteSettings,
)
from kiosk.protocol import Entity, parse_time


class BadDeskChange(ValueError):
    """A desk change whose content does not add up (kiosk.mirror reports it as BadChange)."""


def _site(session: Session, key: str, data: Mapping[str, Any]) -> None:
    zones = data.get("cluster_zones") or {}
    if not isinstance(zones, Mapping):
        raise BadDeskChange("cluster_zones is not an object")
    session.merge(
        SiteSettings(
            code=key,
            timezone=str(data.get("timezone") or "Europe/Oslo"),
            no_show_release=str(data.get("no_show_release") or "10:00"),
            closing_time=str(data.get("closing_time") or "17:00"),
            cluster_zones={str(k): str(v) for k, v in zones.items()},
        )
    )


def _floor(session: Session, key: str, data: Mapping[str, Any]) -> None:
    plan = base64.b64decode(str(data["plan"]), validate=True) if data.get("plan") else None
    sha = hashlib.sha256(plan).hexdigest() if plan is not None else ""
    if plan is not None and data.get("plan_sha256") not in (None, sha):
        raise BadDeskChange(f"floor {key}: the plan does not match its sha256")
    session.merge(
        FloorRow(
            id=key,
            site=str(data["site"]),
            name=str(data["name"]),
            level=int(data["level"]),
            plan=plan,
            plan_type=str(data.get("plan_type") or "svg"),
            plan_sha256=sha,
            width=float(data["width"]),
            height=float(data["height"]),
        )
    )


def _desk(session: Session, key: str, data: Mapping[str, Any]) -> None:
    equipment = data.get("equipment") or []
    if not isinstance(equipment, list):
        raise BadDeskChange(f"desk {key}: equipment is not a list")
    session.merge(
        DeskRow(
            id=key,
            site=str(data["site"]),
            floor_id=data.get("floor_id"),
            label=str(data["label"]),
            zone=str(data["zone"]),
            x=float(data.get("x") or 0.0),
            y=float(data.get("y") or 0.0),
            width=float(data.get("width") or 0.0),
            height=float(data.get("height") or 0.0),
            rotation=float(data.get("rotation") or 0.0),
            equipment=[str(item) for item in equipment],
            mode=str(data.get("mode") or "drop_in"),
            active=bool(data.get("active", True)),
        )
    )


def _room(session: Session, key: str, data: Mapping[str, Any]) -> None:
    session.merge(
        RoomRow(
            id=key,
            floor_id=str(data["floor_id"]),
            name=str(data["name"]),
            kind=str(data.get("kind") or "room"),
            x=float(data["x"]),
            y=float(data["y"]),
            width=float(data["width"]),
            height=float(data["height"]),
        )
    )


def _booking(session: Session, key: str, data: Mapping[str, Any]) -> None:
    session.merge(
        BookingRow(
            id=key,
            desk_id=str(data["desk_id"]),
            person_id=str(data["person_id"]),
            start_at=parse_time(str(data["start"])),
            end_at=parse_time(str(data["end"])),
            status=str(data["status"]),
        )
    )


def _claim(session: Session, key: str, data: Mapping[str, Any]) -> None:
    # The store's word replaces a provisional claim made here (same id: the event's).
    session.merge(
        DeskClaimRow(
            id=key,
            desk_id=str(data["desk_id"]),
            person_id=str(data["person_id"]),
            start_at=parse_time(str(data["start"])),
            until=parse_time(str(data["until"])),
            status=str(data["status"]),
            provisional=False,
        )
    )


def _assignment(session: Session, key: str, data: Mapping[str, Any]) -> None:
    until = data.get("valid_until")
    session.merge(
        DeskAssignmentRow(
            id=key,
            desk_id=str(data["desk_id"]),
            person_id=data.get("person_id"),
            organisation_id=data.get("organisation_id"),
            valid_from=date.fromisoformat(str(data["valid_from"])),
            valid_until=date.fromisoformat(str(until)) if until else None,
        )
    )


UPSERTS: dict[str, Callable[[Session, str, Mapping[str, Any]], None]] = {
    Entity.SITE: _site,
    Entity.FLOOR: _floor,
    Entity.DESK: _desk,
    Entity.ROOM: _room,
    Entity.BOOKING: _booking,
    Entity.DESK_CLAIM: _claim,
    Entity.DESK_ASSIGNMENT: _assignment,
}
DELETES: dict[str, Any] = {
    Entity.SITE: SiteSettings.code,
    Entity.FLOOR: FloorRow.id,
    Entity.DESK: DeskRow.id,
    Entity.ROOM: RoomRow.id,
    Entity.BOOKING: BookingRow.id,
    Entity.DESK_CLAIM: DeskClaimRow.id,
    Entity.DESK_ASSIGNMENT: DeskAssignmentRow.id,
}
