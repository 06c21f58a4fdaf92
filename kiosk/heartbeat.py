"""What a kiosk tells the store about itself with every request: its version and how many
events wait in its outbox (and, from kiosks that set failing events aside, how many are set
aside). Request headers, so no extra round trip; the store shows them in ``kiosk list``."""

from __future__ import annotations

from collections.abc import Callable
from importlib import metadata

VERSION_HEADER = "X-Kiosk-Version"
WAITING_HEADER = "X-Kiosk-Events-Waiting"
SET_ASIDE_HEADER = "X-Kiosk-Events-Set-Aside"


def kiosk_version() -> str:
    try:
        return metadata.version("regionlab-kiosk")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def heartbeat_headers(
    waiting: Callable[[], int], set_aside: Callable[[], int | None] | None = None
) -> Callable[[], dict[str, str]]:
    """A function giving the headers for the next request, counts read at that moment."""
    version = kiosk_version()

    def headers() -> dict[str, str]:
        values = {VERSION_HEADER: version, WAITING_HEADER: str(max(0, waiting()))}
        aside = set_aside() if set_aside is not None else None
        if aside is not None:
            values[SET_ASIDE_HEADER] = str(max(0, aside))
        return values

    return headers
