"""Whether a URL to the central store may go out unencrypted: only to this machine.

Plain http to another host lets anyone on the path read device tokens and check-ins; it is
refused unless an operator allows it explicitly (``allow_insecure_http``)."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlparse


def is_loopback_host(host: str) -> bool:
    """``localhost`` or a loopback address (127.0.0.0/8, ::1)."""
    host = host.strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_insecure_remote(url: str) -> bool:
    """Whether ``url`` is plain http to a host other than this machine."""
    parsed = urlparse(url)
    return parsed.scheme == "http" and not is_loopback_host(parsed.hostname or "")


INSECURE_REMOTE = (
    "central URL {url!r} is plain http to another machine: use https, or set "
    "allow_insecure_http to accept that tokens and check-ins travel unencrypted"
)
