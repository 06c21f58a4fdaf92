"""The guests' part of the HTTP API: a kiosk asks whether a returning guest is known."""

from __future__ import annotations

from fastapi import APIRouter, BackgroundTasks
from pydantic import BaseModel, Field

from central.api.auth import AUTH_ERRORS, DeviceCaller, SiteCode
from central.db.engine import SessionFactory
from central.domain import guests
from kiosk.clock import Clock
from kiosk.protocol import API_PREFIX


class GuestLookup(BaseModel):
    contact: str = Field(
        min_length=1, max_length=254, description="A phone number or e-mail, as typed"
    )


class ReturningGuest(BaseModel):
    person_id: str
    display: str = Field(description='Masked for the screen: "Ola H. · Statsbygg"')
    name: str = Field(description="In full, for the guest's own badge only")
    organisation: str


class GuestLookupAnswer(BaseModel):
    guest: ReturningGuest | None


def router(reads: SessionFactory, clock: Clock) -> APIRouter:
    routes = APIRouter()

    @routes.post(
        f"{API_PREFIX}/sites/{{site}}/guests/lookup",
        response_model=GuestLookupAnswer,
        responses=AUTH_ERRORS,
    )
    def lookup_guest(site: SiteCode, body: GuestLookup, _caller: DeviceCaller) -> GuestLookupAnswer:
        """A guest of ``site`` seen in the last 30 days with this phone or e-mail, so they only
        confirm who they are; ``guest`` null when there is none (or the contact is not one).
        Kiosks hold no guests' contacts: they ask here, online only."""
        with reads() as session:
            found = guests.find_returning(session, site, body.contact, clock.now())
        return GuestLookupAnswer(guest=ReturningGuest(**found) if found is not None else None)

    return routes


def tell_hosts_after(background: BackgroundTasks, factory: SessionFactory, clock: Clock) -> None:
    """If the events just applied brought a guest, e-mail the host once the kiosk has its
    answer: the kiosk never waits on a mail server."""
    if guests.notices_waiting():
        background.add_task(guests.send_notices, factory, clock.now())
