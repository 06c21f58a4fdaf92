"""Talking to the central store over HTTP (requests). The sync engine's only network door.

``requests`` is imported by the first request, on the sync thread, not when the kiosk starts:
it costs about a quarter of a second that the start screen should not wait for.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from kiosk.protocol import API_PREFIX
from kiosk.url_security import INSECURE_REMOTE, is_insecure_remote

if TYPE_CHECKING:
    import requests


class TransportError(Exception):
    """The central store could not be reached or gave an answer we cannot use."""

    def __init__(
        self,
        message: str,
        status_code: int | None = None,
        *,
        in_flight: bool = False,
        answered: bool | None = None,
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        # True when the store sent a response (a status other than 200, or a body the kiosk
        # cannot use): it is up, and what it failed may be the request's content.
        self.answered = status_code is not None if answered is None else answered
        # True when the request reached the store and we stopped waiting for its answer (a
        # read timeout): the store may still be applying it, so it must not be sent again yet.
        self.in_flight = in_flight

    @property
    def refused_content(self) -> bool:
        """The store understood the request and refused what was in it (not a network fault)."""
        return self.status_code in (400, 413, 422)


class Unauthorised(TransportError):
    """The store refused this kiosk's token (401/403): revoked or wrong, not an outage."""


class CentralTransport(Protocol):
    def push_events(
        self, events: Sequence[dict[str, Any]], timeout_s: float | None = None
    ) -> list[dict[str, Any]]:
        """Send a batch; return one result per event, in order. ``timeout_s`` overrides the
        transport's own timeout for this call. Raises TransportError (Unauthorised on 401/403)."""
        ...

    def pull_changes(self, since: int, limit: int) -> dict[str, Any]:
        """One page of the changes feed after ``since``. Raises TransportError."""
        ...


class HttpCentralClient:
    def __init__(
        self,
        base_url: str,
        site: str,
        token: str,
        *,
        timeout_s: float = 5.0,
        session: requests.Session | None = None,
        ca_file: str = "",
        report: Callable[[], dict[str, str]] | None = None,
        allow_insecure_http: bool = False,
    ) -> None:
        if is_insecure_remote(base_url) and not allow_insecure_http:
            raise ValueError(INSECURE_REMOTE.format(url=base_url))
        self._ca_file = ca_file
        self._base = f"{base_url.rstrip('/')}{API_PREFIX}/sites/{site}"
        self._timeout = timeout_s
        self._token = token
        # TLS is verified (the system's CAs, or ca_file's); report() adds the kiosk's
        # heartbeat headers (kiosk.heartbeat) to each request.
        self._ca_file = ca_file
        self._report = report
        self._http: requests.Session | None = session
        self._http_lock = threading.Lock()
        if session is not None:
            self._prepare(session)

    def _prepare(self, session: requests.Session) -> None:
        session.headers["Authorization"] = f"Bearer {self._token}"
        session.trust_env = False  # never route loopback traffic through a proxy
        session.verify = self._ca_file or True  # its own CA (e.g. self-signed), or the system's

    def _session(self) -> requests.Session:
        with self._http_lock:
            if self._http is None:
                import requests

                self._http = requests.Session()
                self._prepare(self._http)
            return self._http

    def push_events(
        self, events: Sequence[dict[str, Any]], timeout_s: float | None = None
    ) -> list[dict[str, Any]]:
        body = self._request("POST", "/events", timeout_s=timeout_s, json={"events": list(events)})
        results = body.get("results")
        if not isinstance(results, list) or len(results) != len(events):
            raise TransportError("the store's answer does not match the batch", answered=True)
        for sent, result in zip(events, results, strict=True):
            if not isinstance(result, dict) or result.get("id") != sent["id"]:
                raise TransportError("the store answered for another event", answered=True)
        return results

    def pull_changes(self, since: int, limit: int) -> dict[str, Any]:
        body = self._request("GET", "/changes", params={"since": since, "limit": limit})
        if not isinstance(body.get("changes"), list) or not isinstance(body.get("cursor"), int):
            raise TransportError("the store's changes page is malformed", answered=True)
        return body

    def find_guest(self, contact: str, timeout_s: float | None = None) -> dict[str, Any] | None:
        """A recent guest of this site by normalised phone or e-mail, or None (``GuestFinder``
        in ``kiosk.guests``). POST, so the contact stays out of URLs and access logs."""
        body = self._request(
            "POST", "/guests/lookup", timeout_s=timeout_s, json={"contact": contact}
        )
        guest = body.get("guest")
        if guest is not None and not isinstance(guest, dict):
            raise TransportError("the store's guest answer is malformed")
        return guest

    def close(self) -> None:
        if self._http is not None:
            self._http.close()

    def _request(
        self, method: str, path: str, *, timeout_s: float | None = None, **kwargs: Any
    ) -> dict[str, Any]:
        timeout = self._timeout if timeout_s is None else timeout_s
        http = self._session()
        import requests  # already loaded by _session(): a dictionary look-up

        if self._report is not None:
            kwargs["headers"] = self._report()
        try:
            response = http.request(method, self._base + path, timeout=timeout, **kwargs)
        except requests.ReadTimeout as exc:
            raise TransportError(
                "the central store did not answer in time", in_flight=True
            ) from exc
        except requests.RequestException as exc:
            raise TransportError(
                f"cannot reach the central store: {exc.__class__.__name__}"
            ) from exc
        if response.status_code in (401, 403):
            raise Unauthorised(
                f"the central store refused this kiosk ({response.status_code})",
                response.status_code,
            )
        if response.status_code != 200:
            raise TransportError(
                f"the central store answered {response.status_code}", response.status_code
            )
        try:
            body = response.json()
        except ValueError as exc:
            raise TransportError(
                "the central store answered with something not JSON", answered=True
            ) from exc
        if not isinstance(body, dict):
            raise TransportError(
                "the central store answered with something not an object", answered=True
            )
        return body
