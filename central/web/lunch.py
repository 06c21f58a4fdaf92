"""The Lunch talks page: the site's upcoming and past talks, create, edit, cancel, and the
number signed up for catering. Names of who signed up are shown only when staff open the list
(a POST, audited). Every change goes through ``central.domain.lunch``, as ``lunch add|cancel``
do, so the kiosks get the new talk, the edit, or the cancellation through the changes feed.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from central.db.models import Cluster, LunchTalk, Site
from central.domain import desks, lunch, staff
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
from central.web.i18n import CATALOGUE

PAST_SHOWN = 50
DONE = ("created", "saved", "cancelled")
FIELDS = ("title", "date", "start", "end", "room", "capacity", "cluster")


class Problem(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def router() -> APIRouter:
    pages = APIRouter(prefix=f"{PREFIX}/lunch", include_in_schema=False)

    @pages.get("")
    def listing(request: Request, site: str | None = None, done: str = "") -> Response:
        who = require(request)
        return _listing(request, who, site, done=done if done in DONE else None)

    @pages.post("/new")
    async def create(request: Request) -> Response:
        who = require(request)
        form = await form_of(request, who)
        fields = _fields(form)
        now = clock(request).now()
        problem = None
        with factory(request).begin() as session:
            place = site_in_view(session, who, str(form.get("site") or ""))
            code = place.code
            try:
                values = _values(place, fields)
                talk = lunch.add_talk(session, site=place, now=now, **values)
                staff.audit(
                    session,
                    account_of(session, who),
                    "lunch.create",
                    now=now,
                    site=code,
                    subject=talk.id,
                )
            except Problem as exc:
                problem = exc.key
            except lunch.LunchError as exc:
                problem = _key(exc)
        if problem is not None:
            return _listing(request, who, code, problem=problem, fields=fields, status=422)
        return redirect(f"{PREFIX}/lunch?site={code}&done=created")

    @pages.get("/{talk_id}")
    def edit_form(request: Request, talk_id: str) -> Response:
        who = require(request)
        with factory(request)() as session:
            talk = _talk(session, who, talk_id)
            place = site_in_view(session, who, talk.site)
            return _edit_page(request, who, place, talk, _fields_of(place, talk), None)

    @pages.post("/{talk_id}")
    async def save(request: Request, talk_id: str) -> Response:
        who = require(request)
        form = await form_of(request, who)
        fields = _fields(form)
        now = clock(request).now()
        problem = None
        with factory(request).begin() as session:
            talk = _talk(session, who, talk_id)
            place = site_in_view(session, who, talk.site)
            code = place.code
            try:
                lunch.edit_talk(session, talk, now=now, **_values(place, fields))
                staff.audit(
                    session,
                    account_of(session, who),
                    "lunch.edit",
                    now=now,
                    site=code,
                    subject=talk.id,
                )
            except Problem as exc:
                problem = exc.key
            except lunch.LunchError as exc:
                problem = _key(exc)
        if problem is not None:
            with factory(request)() as session:
                talk = _talk(session, who, talk_id)
                place = site_in_view(session, who, talk.site)
                return _edit_page(request, who, place, talk, fields, problem, 422)
        return redirect(f"{PREFIX}/lunch?site={code}&done=saved")

    _talk_actions(pages)
    return pages


def _talk_actions(pages: APIRouter) -> None:
    @pages.post("/{talk_id}/cancel")
    async def cancel(request: Request, talk_id: str) -> Response:
        who = require(request)
        await form_of(request, who)
        now = clock(request).now()
        with factory(request).begin() as session:
            talk = _talk(session, who, talk_id)
            place = site_in_view(session, who, talk.site)
            if lunch.cancel_talk(session, talk, now=now):
                staff.audit(
                    session,
                    account_of(session, who),
                    "lunch.cancel",
                    now=now,
                    site=place.code,
                    subject=talk.id,
                    detail=f"{talk.signed_up} signed up",
                )
            code = place.code
        return redirect(f"{PREFIX}/lunch?site={code}&done=cancelled")

    @pages.post("/{talk_id}/signups")
    async def signups(request: Request, talk_id: str) -> Response:
        who = require(request)
        await form_of(request, who)
        now = clock(request).now()
        with factory(request).begin() as session:
            talk = _talk(session, who, talk_id)
            place = site_in_view(session, who, talk.site)
            zone = zone_of(place)
            people = [
                {
                    "name": person.name,
                    "organisation": person.organisation.name if person.organisation else "",
                    "at": local(at, zone, with_date=True),
                }
                for person, at in lunch.signups(session, talk)
            ]
            staff.audit(
                session,
                account_of(session, who),
                "lunch.signups_open",
                now=now,
                site=place.code,
                subject=talk.id,
                detail=f"{len(people)} names",
            )
            row = _row(place, talk, now)
        return render(request, "lunch_signups.html", who, site=place, talk=row, people=people)


def _talk(session: Session, who: Staff, talk_id: str) -> LunchTalk:
    try:
        key = str(uuid.UUID(talk_id))
    except ValueError:
        raise Refused(404, "not_found") from None
    talk = session.get(LunchTalk, key)
    if talk is None:
        raise Refused(404, "not_found")
    site_in_view(session, who, talk.site)  # another site's talk: 404
    return talk


def _key(exc: lunch.LunchError) -> str:
    key = "lunch_cancelled_already" if exc.reason == "cancelled" else f"lunch_{exc.reason}"
    return key if key in CATALOGUE else "lunch_rule"


def _fields(form: Any) -> dict[str, str]:
    return {name: str(form.get(name) or "").strip()[:300] for name in FIELDS}


def _values(place: Site, fields: dict[str, str]) -> dict[str, Any]:
    """The form's fields as ``add_talk``/``edit_talk`` take them; Problem for one unreadable."""
    try:
        day = date.fromisoformat(fields["date"][:10])
    except ValueError:
        raise Problem("lunch_date_bad") from None
    if not date(2000, 1, 1) <= day <= date(2199, 12, 31):
        raise Problem("lunch_date_bad")
    try:
        start = time.fromisoformat(fields["start"][:8])
        end = time.fromisoformat(fields["end"][:8]) if fields["end"] else None
    except ValueError:
        raise Problem("lunch_time_bad") from None
    text = fields["capacity"]
    if not text.isdigit() or len(text) > 6:
        raise Problem("lunch_capacity_bad")
    starts_at = lunch.local_start(place, day, start)
    ends_at = lunch.local_start(place, day, end) if end is not None else None
    return {
        "title": fields["title"],
        "starts_at": starts_at,
        "ends_at": ends_at,
        "room": fields["room"],
        "capacity": int(text),
        "cluster": fields["cluster"] or None,
    }


def _fields_of(place: Site, talk: LunchTalk) -> dict[str, str]:
    zone = zone_of(place)
    start, end = talk.starts_at.astimezone(zone), talk.ends_at.astimezone(zone)
    return {
        "title": talk.title,
        "date": start.date().isoformat(),
        "start": f"{start:%H:%M}",
        "end": f"{end:%H:%M}",
        "room": talk.room,
        "capacity": str(talk.capacity),
        "cluster": talk.cluster or "",
    }


def _row(place: Site, talk: LunchTalk, now: datetime) -> dict[str, Any]:
    zone = zone_of(place)
    start, end = talk.starts_at.astimezone(zone), talk.ends_at.astimezone(zone)
    if talk.cancelled_at is not None:
        state = "cancelled"
    elif talk.ends_at <= now:
        state = "lunch_held"
    elif talk.signed_up >= talk.capacity:
        state = "lunch_full"
    else:
        state = "lunch_open"
    return {
        "id": talk.id,
        "date": f"{start:%d.%m.%Y}",
        "time": f"{start:%H:%M}–{end:%H:%M}",
        "title": talk.title,
        "room": talk.room,
        "cluster": talk.cluster or "",
        "capacity": talk.capacity,
        "signed_up": talk.signed_up,
        "state": state,
        "cancelled": talk.cancelled_at is not None,
        "over": talk.ends_at <= now,
    }


def _listing(
    request: Request,
    who: Staff,
    site: str | None,
    *,
    done: str | None = None,
    problem: str | None = None,
    fields: dict[str, str] | None = None,
    status: int = 200,
) -> Response:
    now = clock(request).now()
    with factory(request)() as session:
        place = site_in_view(session, who, site)
        upcoming = [_row(place, t, now) for t in lunch.talks(session, place.code, since=now)]
        past = [
            _row(place, t, now)
            for t in lunch.past_talks(session, place.code, before=now, limit=PAST_SHOWN)
        ]
        sites = [s.code for s in sites_for(session, who)]
        today = desks.local_day(place, now)
    return render(
        request,
        "lunch.html",
        who,
        status=status,
        site=place,
        sites=sites,
        upcoming=upcoming,
        past=past,
        done=done,
        problem=problem,
        fields=fields or {"date": today.isoformat(), "start": "11:30", "end": "12:15"},
        clusters=[str(c) for c in Cluster],
        today=today.isoformat(),
    )


def _edit_page(
    request: Request,
    who: Staff,
    place: Site,
    talk: LunchTalk,
    fields: dict[str, str],
    problem: str | None,
    status: int = 200,
) -> Response:
    return render(
        request,
        "lunch_edit.html",
        who,
        status=status,
        site=place,
        talk=_row(place, talk, clock(request).now()),
        fields=fields,
        problem=problem,
        clusters=[str(c) for c in Cluster],
    )
