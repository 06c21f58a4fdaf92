"""The day's end as the kiosk sees it: everyone still in at closing time is out.

The central store's closing job checks everyone out at the site's closing time and sends each
one's presence through the feed. A kiosk that was offline then, or whose feed has not come yet,
must not go on treating those people as in: the next morning their scan would offer a
check-out instead of checking them in, and the evacuation list would hold yesterday's people.
So the kiosk applies the same rule to its local presence: a check-in from before the last
closing moment no longer counts. People who check in after closing stay in until the next
day's closing, as in the store (its job closes visits begun before the closing moment).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from kiosk import desk_rules
from kiosk.models import SiteSettings


def site_hours(session: Session, site: str) -> desk_rules.SiteHours:
    """The site's zone and times from the mirror (defaults before the first sync)."""
    row = session.get(SiteSettings, site)
    return desk_rules.SiteHours.parse_or_default(
        row.timezone if row else None,
        row.no_show_release if row else None,
        row.closing_time if row else None,
    )


def last_closing(hours: desk_rules.SiteHours, now: datetime) -> datetime:
    """The latest closing moment at or before ``now`` (today's once it has passed, else
    yesterday's), in UTC."""
    today = desk_rules.local_day(hours.zone, now)
    closing = hours.moment(desk_rules.CLOSING, today)
    if closing <= now:
        return closing
    return hours.moment(desk_rules.CLOSING, today - timedelta(days=1))


def still_in(checked_in: bool, at: datetime, closed_at: datetime) -> bool:
    """Does a presence (in or out, since ``at``) still count as in after the closing at
    ``closed_at``? A check-in from before it was ended by it."""
    return checked_in and at >= closed_at


def closed_out_at(
    hours: desk_rules.SiteHours, checked_in: bool, at: datetime, now: datetime
) -> datetime | None:
    """When today's closing checked this person out, if it did (they were in at closing, by
    the kiosk's own record or the store's closing word in the feed); None otherwise, and on
    the days after (a new day starts fresh)."""
    closed_at = last_closing(hours, now)
    today = desk_rules.local_day(hours.zone, now)
    if desk_rules.local_day(hours.zone, closed_at) != today:
        return None
    closing_before = hours.moment(desk_rules.CLOSING, today - timedelta(days=1))
    if checked_in and closing_before <= at < closed_at:  # in since before today's closing
        return closed_at
    if not checked_in and at == closed_at:  # the store's closing, through the feed
        return closed_at
    return None
