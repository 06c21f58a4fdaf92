"""The Today page: who is in now (the evacuation list, with a shared roll call), expected
guests, today's lunch talk and each kiosk's state."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from markupsafe import Markup, escape
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
    language,
    local,
    redirect,
    render,
    require,
    site_in_view,
    sites_for,
    zone_of,
)
from central.web.i18n import translate

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
        lang = language(request)
        rows = evacuation_rows(values["present"], lambda key: translate(key, lang), printing)
        return render(request, template, who, sites=sites, rows=rows, **values)

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


def evacuation_rows(present: list[PresentRow], t: Callable[[str], str], printing: bool) -> Markup:
    """The evacuation list's rows (evacuation.html's ``<tbody>``), each field escaped. Made here
    rather than in a Jinja loop: 500 rows of a dozen fields each cost Jinja ~5 ms of the
    request's CPU (a call, an escape and a yield through four templates per field), this ~1.5.

    A row: the name (and "guest"), organisation, desk and zone or the zone, time in, and the
    roll call's status with (not in the print view) the button that ticks or unticks the
    person; the row's id ``p-<handle>`` is the anchor the tick comes back to, and what
    rollcall.js reads the person's handle from."""
    seen_mark = Markup('<span class="tick">✓ {}</span> <span class="by">({} ').format(
        t("seen"), t("seen_by")
    )
    unseen_mark = Markup('<span class="untick">☐ {}</span>').format(t("not_seen"))
    guest = Markup(" ({})").format(t("guest"))
    desk = escape(t("desk"))
    labels = {
        True: Markup('<span class="label">{}</span>').format(t("unmark")),
        False: Markup('<span class="label">{}</span>').format(t("mark_seen")),
    }
    lines = []
    for p in present:
        ref, name = escape(p.ref), escape(p.name)
        if p.desk:
            where = (
                f"{desk} {escape(p.desk)}, {escape(p.zone)}"
                if p.zone
                else f"{desk} {escape(p.desk)}"
            )
        else:
            where = escape(p.zone) if p.zone else ""
        if p.seen:
            status = f"{seen_mark}{escape(p.seen_by)} {escape(p.seen_at)})</span>"
        else:
            status = unseen_mark
        button = (
            ""
            if printing
            else f' <button type="submit" name="tick" value="{ref}:{0 if p.seen else 1}">'
            f'{labels[p.seen]}<span class="sr"> – {name}</span></button>'
        )
        seen = ' class="seen"' if p.seen else ""
        lines.append(
            f'<tr id="p-{ref}"{seen}><th scope="row">{name}'
            f"{guest if p.guest else ''}</th><td>{escape(p.organisation)}</td><td>{where}</td>"
            f'<td>{escape(p.time_in)}</td><td><span class="status">{status}</span>{button}</td>'
            "</tr>\n"
        )
    return Markup("".join(lines))


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


# Made once: an alias made per request cost more (its columns adapted anew) than the query.
_GUEST, _HOST = aliased(Person, name="guest"), aliased(Person, name="host")


def _expected_guests(session: Session, place: Site, now: datetime) -> list[dict[str, Any]]:
    start, end = desks.day_bounds(place, desks.local_day(place, now))
    guest, host = _GUEST, _HOST
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
