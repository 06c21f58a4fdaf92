"""Importing a floor: its plan (SVG or PNG), the rooms drawn on it and the desks placed on it.

Everything is checked before anything is written, and the caller's transaction holds all the
writes, so a file with one bad row changes nothing. Rooms come from the SVG itself: every
element with a ``data-room`` attribute and x/y/width/height (a ``rect``) is a room named by it,
with ``data-kind`` (meeting, lunch, entrance, ...) if given.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import struct
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.db.models import Desk, DeskMode, Floor, Room
from central.domain import changes, desks, directory
from kiosk.protocol import ChangeOp, Entity

MAX_PLAN_BYTES = 5 * 1024 * 1024
_LABEL = re.compile(r"[A-Za-z0-9ÆØÅæøå][A-Za-z0-9ÆØÅæøå_-]{0,15}")
_SVG_NS = "{http://www.w3.org/2000/svg}"
EPSILON = 1e-6


class ImportProblem(ValueError):
    """The floor's files are wrong; the message names the file, the row and what to fix."""


@dataclass(frozen=True)
class Plan:
    data: bytes
    kind: str  # "svg" | "png"
    width: float
    height: float
    rooms: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class DeskRow:
    row: int  # 1-based data row in the file, for messages
    id: str | None
    label: str
    x: float
    y: float
    width: float
    height: float
    rotation: float
    zone: str
    equipment: tuple[str, ...]
    mode: str
    active: bool = True  # False: drawn on the plan but out of use


@dataclass(frozen=True)
class ImportSummary:
    floor_id: str
    created: int
    updated: int
    deactivated: int
    rooms: int


# --- the plan --------------------------------------------------------------------------------


def _number(text: str | None) -> float | None:
    if text is None:
        return None
    match = re.fullmatch(r"\s*([-+]?\d+(?:\.\d+)?)\s*(px)?\s*", text)
    return float(match.group(1)) if match else None


def read_plan(data: bytes, name: str) -> Plan:
    """Check an SVG or PNG plan and find its size (plan units) and the rooms drawn on it."""
    if len(data) > MAX_PLAN_BYTES:
        raise ImportProblem(f"plan {name} is larger than {MAX_PLAN_BYTES // 1024 // 1024} MB")
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return _read_png(data, name)
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise ImportProblem(f"plan {name} is not a valid SVG file: {exc}") from None
    if root.tag not in (f"{_SVG_NS}svg", "svg"):
        raise ImportProblem(f"plan {name} is neither SVG nor PNG (root element {root.tag!r})")
    width, height = _svg_size(root, name)
    return Plan(data, "svg", width, height, _svg_rooms(root, name))


def _read_png(data: bytes, name: str) -> Plan:
    if len(data) < 24 or data[12:16] != b"IHDR":
        raise ImportProblem(f"plan {name} is not a valid PNG file")
    width, height = struct.unpack(">II", data[16:24])
    if not width or not height:
        raise ImportProblem(f"plan {name}: the PNG has no size")
    return Plan(data, "png", float(width), float(height), ())


def _svg_size(root: ElementTree.Element, name: str) -> tuple[float, float]:
    """The viewBox's size, else the width and height attributes."""
    width = height = None
    view_box = root.get("viewBox")
    if view_box:
        parts = re.split(r"[\s,]+", view_box.strip())
        values = [_number(p) for p in parts]
        if len(values) == 4 and all(v is not None for v in values):
            width, height = values[2], values[3]
    if width is None or height is None:
        width, height = _number(root.get("width")), _number(root.get("height"))
    if not width or not height or width <= 0 or height <= 0:
        raise ImportProblem(f"plan {name}: the SVG needs a viewBox (or width and height)")
    return float(width), float(height)


def _svg_rooms(root: ElementTree.Element, name: str) -> tuple[dict[str, Any], ...]:
    """The elements marked ``data-room``, each with its rectangle."""
    rooms = []
    for element in root.iter():
        room_name = element.get("data-room")
        if room_name is None:
            continue
        geometry = [_number(element.get(k)) for k in ("x", "y", "width", "height")]
        numbers = [v for v in geometry if v is not None]
        if len(numbers) != len(geometry):
            raise ImportProblem(f"plan {name}: room {room_name!r} needs x, y, width and height")
        x, y, w, h = numbers
        rooms.append(
            {
                "name": room_name.strip(),
                "kind": element.get("data-kind", "room"),
                "x": x,
                "y": y,
                "width": w,
                "height": h,
            }
        )
    return tuple(rooms)


# --- the desk list ------------------------------------------------------------------------------

COLUMNS = ("label", "x", "y", "width", "height", "rotation", "zone", "equipment", "mode")


def read_desk_rows(text: str, name: str) -> list[DeskRow]:
    """Parse a desk list: CSV with a header row, or JSON (a list of objects)."""
    records: list[dict[str, Any]]
    if name.lower().endswith(".json") or text.lstrip().startswith("["):
        try:
            loaded = json.loads(text)
        except ValueError as exc:
            raise ImportProblem(f"{name} is not valid JSON: {exc}") from None
        if not isinstance(loaded, list) or not all(isinstance(r, dict) for r in loaded):
            raise ImportProblem(f"{name} must hold a JSON list of desk objects")
        records = loaded
    else:
        reader = csv.DictReader(io.StringIO(text))
        missing = [
            c
            for c in ("label", "x", "y", "width", "height", "zone")
            if c not in (reader.fieldnames or [])
        ]
        if missing:
            raise ImportProblem(f"{name}: the header lacks the column(s) {', '.join(missing)}")
        records = list(reader)
    if not records:
        raise ImportProblem(f"{name} lists no desks")
    return [_desk_row(record, number, name) for number, record in enumerate(records, start=1)]


def _desk_row(record: dict[str, Any], number: int, name: str) -> DeskRow:
    where = f"{name} row {number}"
    label = str(record.get("label") or "").strip()
    if not _LABEL.fullmatch(label):
        raise ImportProblem(f"{where}: label {label!r} must be 1–16 letters, digits, - or _")
    values = {}
    for column in ("x", "y", "width", "height", "rotation"):
        raw = record.get(column)
        if raw in (None, "") and column == "rotation":
            raw = 0
        try:
            values[column] = float(raw)  # type: ignore[arg-type]  # None fails: the except below
        except (TypeError, ValueError):
            raise ImportProblem(f"{where} ({label}): {column} {raw!r} is not a number") from None
        if not math.isfinite(values[column]):
            raise ImportProblem(f"{where} ({label}): {column} is not a finite number")
    if values["width"] <= 0 or values["height"] <= 0:
        raise ImportProblem(f"{where} ({label}): width and height must be above 0")
    zone = str(record.get("zone") or "").strip()
    if not zone:
        raise ImportProblem(f"{where} ({label}): zone is empty")
    equipment_raw = record.get("equipment") or []
    if isinstance(equipment_raw, str):
        equipment_raw = [e for e in re.split(r"[;|]", equipment_raw)]
    if not isinstance(equipment_raw, list):
        raise ImportProblem(f"{where} ({label}): equipment must be a list or text with ;")
    equipment = tuple(str(e).strip() for e in equipment_raw if str(e).strip())
    mode = str(record.get("mode") or DeskMode.DROP_IN).strip().lower().replace("-", "_")
    if mode not in set(DeskMode):
        raise ImportProblem(f"{where} ({label}): mode {mode!r} is not one of {', '.join(DeskMode)}")
    desk_id = str(record.get("id") or "").strip() or None
    active_raw = record.get("active", True)
    active = (
        active_raw
        if isinstance(active_raw, bool)
        else str(active_raw).strip().lower() not in ("0", "false", "no", "nei")
    )
    return DeskRow(
        number,
        desk_id,
        label,
        values["x"],
        values["y"],
        values["width"],
        values["height"],
        values["rotation"],
        zone,
        equipment,
        mode,
        active,
    )


# --- geometry ------------------------------------------------------------------------------------


def corners(
    x: float, y: float, width: float, height: float, rotation: float
) -> list[tuple[float, float]]:
    """The rectangle's corners after turning it ``rotation`` degrees about its centre."""
    cx, cy = x + width / 2, y + height / 2
    angle = math.radians(rotation)
    cos, sin = math.cos(angle), math.sin(angle)
    result = []
    for px, py in ((x, y), (x + width, y), (x + width, y + height), (x, y + height)):
        dx, dy = px - cx, py - cy
        result.append((cx + dx * cos - dy * sin, cy + dx * sin + dy * cos))
    return result


def _overlap(a: Sequence[tuple[float, float]], b: Sequence[tuple[float, float]]) -> bool:
    """Separating axis test for two convex quadrilaterals; touching edges do not overlap."""
    for polygon in (a, b):
        for i in range(4):
            (x1, y1), (x2, y2) = polygon[i], polygon[(i + 1) % 4]
            axis = (y1 - y2, x2 - x1)
            pa = [axis[0] * px + axis[1] * py for px, py in a]
            pb = [axis[0] * px + axis[1] * py for px, py in b]
            scale = max(1.0, math.hypot(*axis))
            if max(pa) <= min(pb) + EPSILON * scale or max(pb) <= min(pa) + EPSILON * scale:
                return False
    return True


def check_layout(rows: Sequence[DeskRow], plan: Plan, name: str) -> None:
    labels: dict[str, int] = {}
    shapes = []
    for row in rows:
        if row.label in labels:
            raise ImportProblem(
                f"{name} row {row.row}: label {row.label} is also on row {labels[row.label]}"
            )
        labels[row.label] = row.row
        shape = corners(row.x, row.y, row.width, row.height, row.rotation)
        if any(
            px < -EPSILON
            or py < -EPSILON
            or px > plan.width + EPSILON
            or py > plan.height + EPSILON
            for px, py in shape
        ):
            raise ImportProblem(
                f"{name} row {row.row}: desk {row.label} lies (partly) outside the plan, "
                f"which is {plan.width:g} × {plan.height:g}"
            )
        shapes.append((row, shape))
    # Sort by left edge so only neighbours in x are compared: fine for thousands of desks.
    shapes.sort(key=lambda item: min(p[0] for p in item[1]))
    for i, (row, shape) in enumerate(shapes):
        right = max(p[0] for p in shape)
        for other, other_shape in shapes[i + 1 :]:
            if min(p[0] for p in other_shape) >= right:
                break
            if _overlap(shape, other_shape):
                first, second = sorted((row, other), key=lambda r: r.row)
                raise ImportProblem(
                    f"{name}: desks {first.label} (row {first.row}) and {second.label} "
                    f"(row {second.row}) overlap"
                )


# --- writing ---------------------------------------------------------------------------------


def _slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.casefold().replace("ø", "o").replace("æ", "ae"))
    ascii_text = folded.encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "etasje"


def _match_rows(
    rows: Sequence[DeskRow],
    existing: dict[str, Desk],
    site: str,
    floor_id: str,
    desks_name: str,
) -> list[tuple[DeskRow, Desk | None]]:
    """Pair each row with the desk it updates (None: a new desk); ImportProblem on a clash."""
    by_label = {d.label: d for d in existing.values()}
    planned: list[tuple[DeskRow, Desk | None]] = []
    for row in rows:
        if row.id is not None:
            desk = existing.get(row.id)
            if desk is None:
                raise ImportProblem(
                    f"{desks_name} row {row.row}: no desk has the id {row.id!r} at {site}; "
                    "leave the id out to create a desk"
                )
            holder = by_label.get(row.label)
            if holder is not None and holder.id != desk.id:
                raise ImportProblem(
                    f"{desks_name} row {row.row}: label {row.label} belongs to desk {holder.id}"
                )
        else:
            desk = by_label.get(row.label)
        if desk is not None and desk.floor_id not in (None, floor_id) and desk.active:
            raise ImportProblem(
                f"{desks_name} row {row.row}: desk {row.label} is on another floor "
                f"({desk.floor_id}); move it there or choose another label"
            )
        planned.append((row, desk))
    return planned


def import_floor(
    session: Session,
    *,
    site: str,
    name: str,
    level: int,
    plan: Plan,
    rows: Sequence[DeskRow],
    desks_name: str = "desk list",
) -> ImportSummary:
    """Create or replace a floor and its desks; raises ImportProblem before writing anything."""
    directory.require_site(session, site)
    check_layout(rows, plan, desks_name)
    changes.lock_feed(session)
    floor = session.scalars(select(Floor).where(Floor.site == site, Floor.name == name)).first()
    floor_id = floor.id if floor is not None else f"{site}-{_slug(name)}"
    existing = {d.id: d for d in session.scalars(select(Desk).where(Desk.site == site))}
    planned = _match_rows(rows, existing, site, floor_id, desks_name)

    if floor is None:
        floor = Floor(id=floor_id, site=site, name=name)
        session.add(floor)
    floor.level, floor.plan, floor.plan_type = level, plan.data, plan.kind
    floor.width, floor.height = plan.width, plan.height
    session.flush()
    changes.append(session, Entity.FLOOR, floor.id, desks.floor_data(floor), site=site)

    old_rooms = session.scalars(select(Room).where(Room.floor_id == floor.id)).all()
    for room in old_rooms:
        session.delete(room)
        changes.append(session, Entity.ROOM, room.id, None, site=site, op=ChangeOp.DELETE)
    session.flush()
    for number, spec in enumerate(plan.rooms, start=1):
        room = Room(id=f"{floor.id}-r{number}", site=site, floor_id=floor.id, **spec)
        session.add(room)
        session.flush()
        changes.append(session, Entity.ROOM, room.id, desks.room_data(room), site=site)

    created = updated = 0
    kept: set[str] = set()
    for row, desk in planned:
        if desk is None:
            desk = Desk(id=directory.desk_id(site, row.label), site=site)
            session.add(desk)
            created += 1
        else:
            updated += 1
        desk.label, desk.zone, desk.floor_id = row.label, row.zone, floor.id
        desk.x, desk.y, desk.width, desk.height = row.x, row.y, row.width, row.height
        desk.rotation, desk.equipment, desk.mode = row.rotation, list(row.equipment), row.mode
        desk.active = row.active
        kept.add(desk.id)
        session.flush()
        changes.append(session, Entity.DESK, desk.id, changes.desk_data(desk), site=site)
    deactivated = 0
    for desk in existing.values():
        if desk.floor_id == floor.id and desk.id not in kept and desk.active:
            desk.active = False
            deactivated += 1
            session.flush()
            changes.append(session, Entity.DESK, desk.id, changes.desk_data(desk), site=site)
    return ImportSummary(floor.id, created, updated, deactivated, len(plan.rooms))


def import_files(
    session: Session, *, site: str, name: str, level: int, plan_path: Path, desks_path: Path
) -> ImportSummary:
    """Read both files, then ``import_floor``. File trouble is an ImportProblem too."""
    try:
        plan_bytes = plan_path.read_bytes()
        desk_text = desks_path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ImportProblem(f"cannot read {exc.filename}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise ImportProblem(f"{desks_path} is not UTF-8 text") from None
    plan = read_plan(plan_bytes, plan_path.name)
    rows = read_desk_rows(desk_text, desks_path.name)
    return import_floor(
        session,
        site=site,
        name=name,
        level=level,
        plan=plan,
        rows=rows,
        desks_name=desks_path.name,
    )


def floors_of_site(session: Session, site: str) -> Iterable[Floor]:
    return session.scalars(select(Floor).where(Floor.site == site).order_by(Floor.level))
