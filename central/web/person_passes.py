"""A person's QR passes on the People page: issue one (shown to print), revoke them all."""

from __future__ import annotations

import base64
import io
from collections.abc import Callable

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from central.db.models import PassRecord, Person, Site
from central.domain import passes, staff
from central.web.console import (
    PREFIX,
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
    zone_of,
)


def pass_rows(session: Session, person: Person) -> list[dict[str, str | bool]]:
    place = session.get(Site, person.site)
    assert place is not None  # a person's site is a foreign key
    zone = zone_of(place)
    records = session.scalars(
        select(PassRecord)
        .where(PassRecord.person_id == person.id)
        .order_by(PassRecord.issued_at.desc())
        .limit(20)
    )
    return [
        {
            "id": r.pass_id,
            "valid": passes.validity_text(r.valid_from, r.valid_to, zone),
            "revoked": local(r.revoked_at, zone, with_date=True) if r.revoked_at else "",
        }
        for r in records
    ]


def add_routes(pages: APIRouter, find: Callable[[Session, Staff, str], Person]) -> None:
    """On the People router: ``find(session, who, id)`` is a person the staff member may see
    (404 otherwise)."""

    @pages.post("/{person_id}/pass")
    async def issue(request: Request, person_id: str) -> Response:
        who = require(request)
        await form_of(request, who)
        now = clock(request).now()
        with factory(request).begin() as session:
            person = find(session, who, person_id)
            place = site_in_view(session, who, person.site)
            try:
                issued = passes.issue_member_pass(session, person, now=now)
            except ValueError:  # a guest, or deactivated: refused before anything is written
                return redirect(f"{PREFIX}/people/{person.id}?pass_refused=1")
            lines = passes.caption(person, place.name, issued.record, zone_of(place))
            staff.audit(
                session,
                account_of(session, who),
                "pass.issue",
                now=now,
                site=place.code,
                subject=person.id,
                detail=issued.record.pass_id,
            )
            name = person.name
        buffer = io.BytesIO()
        passes.render_image(issued.token, lines).save(buffer, format="PNG")
        return render(
            request,
            "pass.html",
            who,
            name=name,
            person_id=person_id,
            png=base64.b64encode(buffer.getvalue()).decode(),
            lines=lines,
        )

    @pages.post("/{person_id}/passes/revoke")
    async def revoke(request: Request, person_id: str) -> Response:
        who = require(request)
        await form_of(request, who)
        now = clock(request).now()
        with factory(request).begin() as session:
            person = find(session, who, person_id)
            revoked = passes.revoke_person_passes(session, person, now=now)
            staff.audit(
                session,
                account_of(session, who),
                "pass.revoke",
                now=now,
                site=person.site,
                subject=person.id,
                detail=f"{len(revoked)} passes",
            )
        return redirect(f"{PREFIX}/people/{person_id}?saved=1")
