"""Mirroring the store's floors, desks, rooms, bookings, claims and fixed desks (and the site's
desk times) into the kiosk's local store. Used by ``kiosk.mirror.apply_changes``.

Each function turns one validated feed entity (``kiosk.wire``) into the row of its local table;
the mirror writes a page's rows in bulk. A function raises ValueError for content that is
well-formed but does not add up; the mirror logs and skips that one entity.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kiosk.models import (
    Base,
    BookingRow,
    DeskAssignmentRow,
    DeskClaimRow,
    DeskRow,
    FloorRow,
    RoomRow,
    SiteSettings,
)
from kiosk.protocol import Entity

if TYPE_CHECKING:
    from kiosk import wire

Row = dict[str, Any]


def _site(key: str, data: wire.SiteData) -> Row:
    return {
        "code": key,
        "timezone": data.timezone,
        "no_show_release": data.no_show_release,
        "closing_time": data.closing_time,
        "cluster_zones": dict(data.cluster_zones),
    }


def _floor(key: str, data: wire.FloorData) -> Row:
    plan = base64.b64decode(data.plan, validate=True) if data.plan else None
    sha = hashlib.sha256(plan).hexdigest() if plan is not None else ""
    if plan is not None and data.plan_sha256 not in (None, sha):
        raise ValueError("the plan does not match its sha256")
    return {
        "id": key,
        "site": data.site,
        "name": data.name,
        "level": data.level,
        "plan": plan,
        "plan_type": data.plan_type,
        "plan_sha256": sha,
        "width": data.width,
        "height": data.height,
    }


def _desk(key: str, data: wire.DeskData) -> Row:
    return {
        "id": key,
        "site": data.site,
        "floor_id": data.floor_id,
        "label": data.label,
        "zone": data.zone,
        "x": data.x,
        "y": data.y,
        "width": data.width,
        "height": data.height,
        "rotation": data.rotation,
        "equipment": list(data.equipment),
        "mode": data.mode,
        "active": data.active,
    }


def _room(key: str, data: wire.RoomData) -> Row:
    return {
        "id": key,
        "floor_id": data.floor_id,
        "name": data.name,
        "kind": data.kind,
        "x": data.x,
        "y": data.y,
        "width": data.width,
        "height": data.height,
    }


def _booking(key: str, data: wire.BookingData) -> Row:
    return {
        "id": key,
        "desk_id": data.desk_id,
        "person_id": data.person_id,
        "start_at": data.start,
        "end_at": data.end,
        "status": data.status,
    }


def _claim(key: str, data: wire.DeskClaimData) -> Row:
    # The store's word replaces a provisional claim made here (same id: the event's).
    return {
        "id": key,
        "desk_id": data.desk_id,
        "person_id": data.person_id,
        "start_at": data.start,
        "until": data.until,
        "status": data.status,
        "provisional": False,
    }


def _assignment(key: str, data: wire.DeskAssignmentData) -> Row:
    return {
        "id": key,
        "desk_id": data.desk_id,
        "person_id": data.person_id,
        "organisation_id": data.organisation_id,
        "valid_from": data.valid_from,
        "valid_until": data.valid_until,
    }


# entity -> (its local table, the row of one entity)
TABLES: dict[str, tuple[type[Base], Callable[[str, Any], Row]]] = {
    Entity.SITE: (SiteSettings, _site),
    Entity.FLOOR: (FloorRow, _floor),
    Entity.DESK: (DeskRow, _desk),
    Entity.ROOM: (RoomRow, _room),
    Entity.BOOKING: (BookingRow, _booking),
    Entity.DESK_CLAIM: (DeskClaimRow, _claim),
    Entity.DESK_ASSIGNMENT: (DeskAssignmentRow, _assignment),
}
