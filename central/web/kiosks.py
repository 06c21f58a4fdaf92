"""The Kiosks page: each kiosk's state, a provisioning code as a QR on screen, revoke."""

from __future__ import annotations

import base64
import io
import os

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import select

from central.db.models import Kiosk
from central.domain import passes, provisioning, staff
from central.web.console import (
    PREFIX,
    Refused,
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
from central.web.today import kiosk_rows

CENTRAL_URL_ENV = "REGIONLAB_CENTRAL_URL"


def router() -> APIRouter:
    pages = APIRouter(prefix=f"{PREFIX}/kiosks", include_in_schema=False)

    @pages.get("")
    def listing(request: Request, site: str | None = None, revoked: str = "") -> Response:
        who = require(request)
        with factory(request)() as session:
            place = site_in_view(session, who, site)
            rows = kiosk_rows(session, place, clock(request).now())
            sites = [s.code for s in sites_for(session, who)]
        return render(
            request,
            "kiosks.html",
            who,
            site=place,
            sites=sites,
            kiosks=rows,
            made=None,
            error=None,
            # Said only of a kiosk that is revoked: the address cannot put words in the page.
            done=next((k["name"] for k in rows if k["name"] == revoked and k["revoked"]), None),
        )

    @pages.post("/provision")
    async def provision(request: Request) -> Response:
        who = require(request)
        form = await form_of(request, who)
        name = str(form.get("name") or "").strip()[:64] or None
        now = clock(request).now()
        refusal = None
        with factory(request).begin() as session:
            place = site_in_view(session, who, str(form.get("site") or ""))
            site_code = place.code
            try:
                made = provisioning.create_code(session, place.code, now=now, kiosk_name=name)
            except provisioning.KioskError as exc:  # refused before anything is written
                refusal = str(exc)
        if refusal is not None:  # answered after the transaction, which holds SQLite's lock
            return _page(request, who, site_code, error=refusal, status=422)
        with factory(request).begin() as session:
            place = site_in_view(session, who, site_code)
            staff.audit(
                session,
                account_of(session, who),
                "kiosk.provision",
                now=now,
                site=place.code,
                subject=made.kiosk_name,
            )
            zone = zone_of(place)
        text = provisioning.provisioning_text(_central_url(request), made.code)
        image = passes.qr_image(text, box_size=6)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        shown = {
            "name": made.kiosk_name,
            "text": text,
            "until": local(made.expires_at, zone, with_date=True),
            "png": base64.b64encode(buffer.getvalue()).decode(),
        }
        return _page(request, who, place.code, made=shown)

    @pages.post("/{name}/revoke")
    async def revoke(request: Request, name: str) -> Response:
        who = require(request)
        await form_of(request, who)
        now = clock(request).now()
        with factory(request).begin() as session:
            kiosk = session.scalars(select(Kiosk).where(Kiosk.name == name[:64])).first()
            if kiosk is None:
                raise Refused(404, "not_found")
            place = site_in_view(session, who, kiosk.site)
            provisioning.revoke_kiosk(session, kiosk.name, now)
            staff.audit(
                session,
                account_of(session, who),
                "kiosk.revoke",
                now=now,
                site=place.code,
                subject=kiosk.name,
            )
        return redirect(f"{PREFIX}/kiosks?site={place.code}&revoked={kiosk.name}")

    return pages


def _central_url(request: Request) -> str:
    """The address kiosks reach the store at: $REGIONLAB_CENTRAL_URL, else this page's."""
    configured = os.environ.get(CENTRAL_URL_ENV, "").strip()
    return (configured or str(request.base_url)).rstrip("/")


def _page(
    request: Request,
    who: object,
    site: str,
    *,
    made: dict[str, str] | None = None,
    error: str | None = None,
    done: str | None = None,
    status: int = 200,
) -> Response:
    from central.web.console import Staff

    assert isinstance(who, Staff)
    with factory(request)() as session:
        place = site_in_view(session, who, site)
        rows = kiosk_rows(session, place, clock(request).now())
        sites = [s.code for s in sites_for(session, who)]
    return render(
        request,
        "kiosks.html",
        who,
        status=status,
        site=place,
        sites=sites,
        kiosks=rows,
        made=made,
        error=error,
        done=done,
    )
