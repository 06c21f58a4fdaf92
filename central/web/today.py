"""The Today page: who is in now (the evacuation list, with a shared roll call), expected
guests, today's lunch talk and each kiosk's state."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import exists, select
from sqlalchemy.orm import Session, aliased

from central.db.models import Invitation, PassRecord, Person, Site, Visit
from central.domain import desks, lunch, presence, provisioning, staff
from central.web import handles
from central.web.console import (
    PREFIX,
    Refused,
    Staff,
    account_of,
    clock,
    factory,
    form_of,
    local,
    redirect,
    render,
    require,
    site_in_view,
    sites_for,
    zone_of,
)

# A kiosk syncs every few seconds while it runs; not heard of for this long, it is offline.
ONLINE_WITHIN = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class PresentRow:
    """One line of the evacuation list. Objects, not dicts: Jinja reads an attribute first,
    and a dict's missing attribute raised (and cost) an exception per field, 500 rows over."""

    ref: str  # the person's handle for this session: in the form and the row's anchor
    name: str
    organisation: str
    guest: bool
    desk: str | None
    zone: str | None
    time_in: str
    seen: bool
    seen_by: str
    seen_at: str


def router() -> APIRouter:
    pages = APIRouter(prefix=PREFIX, include_in_schema=False)

    @pages.get("/today")
    def today(request: Request, site: str | None = None, print: str = "") -> Response:
        who = require(request)
        now = clock(request).now()
        printing = print == "1"
        with factory(request).begin() as session:
            place = site_in_view(session, who, site)
            values = _today(session, who, place, now, printing=printing)
            staff.audit(
                session,
                account_of(session, who),
                "evacuation_list.print" if printing else "evacuation_list.open",
                now=now,
                site=place.code,
                detail=f"{len(values['present'])} in",
            )
            sites = [s.code for s in sites_for(session, who)]
        template = "today_print.html" if printing else "today.html"
        return render(request, template, who, sites=sites, **values)

    @pages.get("/today/rollcall.json")
    def roll_call_state(request: Request, site: str | None = None) -> Response:
        """The ticks of today's roll call, for the page's small script to show others' ticks
        without a reload: people's handles (of this session) and who ticked them, no names."""
        who = require(request)
        now = clock(request).now()
        with factory(request)() as session:
            place = site_in_view(session, who, site)
            zone = zone_of(place)
            marks = staff.tick_marks(session, place.code, desks.local_day(place, now))
        seen = {
            handles.handle(who.secret, person): f"{email} {local(at, zone)}"
            for person, (email, at) in marks.items()
        }
        return JSONResponse({"seen": seen}, headers={"Cache-Control": "no-store"})

    @pages.post("/today/rollcall")
    async def roll_call(request: Request) -> Response:
        who = require(request)
        form = await form_of(request, who)
        now = clock(request).now()
        with factory(request).begin() as session:
            place = site_in_view(session, who, str(form.get("site") or ""))
            day = desks.local_day(place, now)
            # The list's buttons send "tick" = "<handle>:1" (seen) or ":0"; "person" and
            # "seen" as separate fields are taken too.
            ref, _, flag = str(form.get("tick") or "").partition(":")
            if not ref:
                ref, flag = str(form.get("person") or ""), str(form.get("seen") or "")
            person_id = handles.person_id(who.secret, ref)
            if person_id is None or session.get(Person, person_id) is None:
                raise Refused(404, "not_found")
            seen = flag == "1"
            staff.set_tick(
                session,
                account_of(session, who),
                site=place.code,
                day=day,
                person_id=person_id,
                seen=seen,
                now=now,
            )
            staff.audit(
                session,
                account_of(session, who),
                "roll_call.tick" if seen else "roll_call.untick",
                now=now,
                site=place.code,
                subject=person_id,
            )
        return redirect(f"{PREFIX}/today?site={place.code}#p-{ref}")

    return pages


def _today(
    session: Session, who: Staff, place: Site, now: datetime, *, printing: bool
) -> dict[str, Any]:
    zone = zone_of(place)
    day = desks.local_day(place, now)
    marks = staff.tick_marks(session, place.code, day)
    present = []
    for p in presence.present_now(session, place.code, now):
        mark = marks.get(p.person_id)
        present.append(
            PresentRow(
                ref=handles.handle(who.secret, p.person_id),
                name=p.name,
                organisation=p.organisation or "",
                guest=p.kind == "guest",
                desk=p.desk,
                zone=p.zone,
                time_in=(p.checked_in_local or p.checked_in_at.astimezone(zone)).strftime("%H:%M"),
                seen=mark is not None,
                seen_by=mark[0] if mark is not None else "",
                seen_at=local(mark[1], zone) if mark is not None else "",
            )
        )
    values: dict[str, Any] = {
        "site": place,
        "day": day.strftime("%d.%m.%Y"),
        "now": local(now, zone),
        "present": present,
        "seen_count": sum(1 for p in present if p.seen),
    }
    if printing:
        return values
    values["guests"] = _expected_guests(session, place, now)
    values["talks"] = _talks_today(session, place, now)
    values["kiosks"] = _kiosks(session, place, now)
    return values


def _expected_guests(session: Session, place: Site, now: datetime) -> list[dict[str, Any]]:
    start, end = desks.day_bounds(place, desks.local_day(place, now))
    guest, host = aliased(Person), aliased(Person)
    arrived = exists().where(
        Visit.person_id == guest.id, Visit.site == place.code, Visit.checked_in_at >= start
    )
    rows = session.execute(
        select(guest.id, guest.name, host.name, arrived)
        .select_from(Invitation)
        .join(PassRecord, PassRecord.pass_id == Invitation.pass_id)
        .join(guest, guest.id == Invitation.guest_id)
        .join(host, host.id == Invitation.host_id)
        .where(
            PassRecord.site == place.code,
            PassRecord.revoked_at.is_(None),
            PassRecord.valid_from < end,
            PassRecord.valid_to > start,
        )
        .order_by(guest.name)
    ).all()
    seen: set[str] = set()
    guests = []
    for guest_id, name, host_name, came in rows:
        if guest_id in seen:
            continue
        seen.add(guest_id)
        guests.append({"name": name, "host": host_name, "arrived": bool(came)})
    return guests


def _talks_today(session: Session, place: Site, now: datetime) -> list[dict[str, Any]]:
    zone = zone_of(place)
    start, end = desks.day_bounds(place, desks.local_day(place, now))
    return [
        {
            "title": talk.title,
            "time": f"{local(talk.starts_at, zone)}–{local(talk.ends_at, zone)}",
            "room": talk.room,
            "signed_up": talk.signed_up,
            "capacity": talk.capacity,
            "cancelled": talk.cancelled_at is not None,
        }
        for talk in lunch.talks(session, place.code, since=start)
        if talk.starts_at < end
    ]


def kiosk_rows(session: Session, place: Site, now: datetime) -> list[dict[str, Any]]:
    """Each kiosk of ``place`` as ``regionlab-central kiosk list`` shows it, with its state."""
    zone = zone_of(place)
    rows = []
    for k in provisioning.list_kiosks(session, place.code):
        if k.revoked_at is not None:
            state = "revoked"
        elif k.last_seen_at is not None and now - k.last_seen_at <= ONLINE_WITHIN:
            state = "online"
        else:
            state = "offline"
        rows.append(
            {
                "name": k.name,
                "state": state,
                "last_seen": local(k.last_seen_at, zone, with_date=True),
                "version": k.version or "",
                "waiting": "–" if k.events_waiting is None else str(k.events_waiting),
                "set_aside": "–" if k.events_set_aside is None else str(k.events_set_aside),
                "revoked": k.revoked_at is not None,
            }
        )
    return rows


_kiosks = kiosk_rows
