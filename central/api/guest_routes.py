"""The guests' part of the HTTP API: a kiosk asks whether a returning guest is known.

The answer names a guest (masked, and in full for their badge), so the lookup must not serve
as a way to test phone numbers or e-mail addresses one after another at a public kiosk: each
kiosk (its device token) may ask ``LOOKUPS_PER_KIOSK`` times in any ``LOOKUP_WINDOW_S``
seconds; beyond that the store answers 429 with ``Retry-After`` before it looks anything up,
the same answer whether or not the contact is known.
"""

from __future__ import annotations

import math

from fastapi import APIRouter, BackgroundTasks, HTTPException, status
from pydantic import BaseModel, Field

from central.api.auth import AUTH_ERRORS, DeviceCaller, SiteCode
from central.api.limits import WindowLimiter
from central.api.schemas import Problem
from central.db.engine import SessionFactory
from central.domain import guests
from kiosk.clock import Clock
from kiosk.protocol import API_PREFIX

# A guest at the kiosk asks once (twice after a typo); guests arriving together take a minute or
# more each to fill in the form. Ten a minute leaves room for them and little for a harvest.
LOOKUPS_PER_KIOSK = 10
LOOKUP_WINDOW_S = 60.0


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
    limiter = WindowLimiter(LOOKUPS_PER_KIOSK, LOOKUP_WINDOW_S)  # per app: each kiosk's lookups

    @routes.post(
        f"{API_PREFIX}/sites/{{site}}/guests/lookup",
        response_model=GuestLookupAnswer,
        responses={
            **AUTH_ERRORS,
            429: {"model": Problem, "description": "This kiosk asked too often: see Retry-After"},
        },
    )
    def lookup_guest(site: SiteCode, body: GuestLookup, caller: DeviceCaller) -> GuestLookupAnswer:
        """A guest of ``site`` seen in the last 30 days with this phone or e-mail, so they only
        confirm who they are; ``guest`` null when there is none (or the contact is not one).
        Kiosks hold no guests' contacts: they ask here, online only. Each kiosk may ask
        ten times a minute; beyond that the answer is 429, whatever the contact."""
        wait_s = limiter.take(f"token-{caller.token_id}")
        if wait_s > 0:
            raise HTTPException(
                status.HTTP_429_TOO_MANY_REQUESTS,
                "too many guest lookups from this kiosk: try again shortly",
                headers={"Retry-After": str(max(1, math.ceil(wait_s)))},
            )
        with reads() as session:
            found = guests.find_returning(session, site, body.contact, clock.now())
        return GuestLookupAnswer(guest=ReturningGuest(**found) if found is not None else None)

    return routes


def tell_hosts_after(background: BackgroundTasks, factory: SessionFactory, clock: Clock) -> None:
    """If the events just applied brought a guest, e-mail the host once the kiosk has its
    answer: the kiosk never waits on a mail server."""
    if guests.notices_waiting():
        background.add_task(guests.send_notices, factory, clock.now())
