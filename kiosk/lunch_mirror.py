"""Mirroring the store's lunch talks and its "here today" counts into the kiosk's local store.
Used by ``kiosk.mirror.apply_changes``, like ``kiosk.desk_mirror``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kiosk.models import Base, HereTodayRow, LunchTalkRow
from kiosk.protocol import Entity

if TYPE_CHECKING:
    from kiosk import wire

Row = dict[str, Any]


def _talk(key: str, data: wire.LunchTalkData) -> Row:
    if data.ends_at <= data.starts_at:
        raise ValueError("ends before it starts")
    return {
        "id": key,
        "title": data.title,
        "starts_at": data.starts_at,
        "ends_at": data.ends_at,
        "cluster": data.cluster,
        "room": data.room,
        "capacity": data.capacity,
        "signed_up": data.signed_up,
    }


def _here_today(key: str, data: wire.HereTodayData) -> Row:
    return {
        "site": key,
        "day": data.day,
        "by_organisation": dict(data.by_organisation),
        "by_cluster": dict(data.by_cluster),
    }


TABLES: dict[str, tuple[type[Base], Callable[[str, Any], Row]]] = {
    Entity.LUNCH_TALK: (LunchTalkRow, _talk),
    Entity.HERE_TODAY: (HereTodayRow, _here_today),
}
