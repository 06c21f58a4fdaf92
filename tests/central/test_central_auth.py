"""Who may call what: 401 without a known token, 403 for another site or role, 404 for no site."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from central_helpers import CHANGES, EVENTS, PRESENCE, add_legacy_token, bearer, now
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event, select

from central.api.app import create_app
from central.api.auth import DeviceCaller
from central.db.engine import SessionFactory
from central.db.models import Kiosk, Token
from central.domain import tokens
from central.domain.tokens import SECRET_PREFIX, hash_secret
from kiosk.clock import SystemClock
from kiosk.heartbeat import SET_ASIDE_HEADER, VERSION_HEADER, WAITING_HEADER

ENDPOINTS = {
    "changes": ("GET", CHANGES, {"device", "admin"}),
    "events": ("POST", EVENTS, {"device"}),
    "presence": ("GET", PRESENCE, {"admin"}),
}


def call(client: TestClient, endpoint: str, site: str, headers: dict[str, str]) -> int:
    method, path, _ = ENDPOINTS[endpoint]
    body: dict[str, list[object]] | None = {"events": []} if method == "POST" else None
    return client.request(method, path.format(site=site), headers=headers, json=body).status_code


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_missing_or_unknown_token_is_401(client: TestClient, endpoint: str) -> None:
    method, path, _ = ENDPOINTS[endpoint]
    for headers in (
        {},
        bearer("rlk_not-a-real-token"),
        bearer("nonsense"),
        {"Authorization": "Basic dXNlcjpwYXNz"},
        {"Authorization": "Bearer"},
    ):
        response = client.request(method, path.format(site="lyngdal"), headers=headers)
        assert response.status_code == 401, headers
        assert response.headers["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("role", ["device", "admin"])
def test_token_of_each_role_for_each_endpoint(
    client: TestClient, make_token: Callable[[str, str], str], endpoint: str, role: str
) -> None:
    headers = bearer(make_token("lyngdal", role))
    allowed = role in ENDPOINTS[endpoint][2]
    assert call(client, endpoint, "lyngdal", headers) == (200 if allowed else 403)
    assert call(client, endpoint, "narvik", headers) == 403  # another site
    assert call(client, endpoint, "atlantis", headers) == 404  # no such site


def test_unknown_site_without_token_is_401_not_404(client: TestClient) -> None:
    assert call(client, "changes", "atlantis", {}) == 401


def test_tokens_are_stored_hashed(
    factory: SessionFactory, make_token: Callable[[str, str], str]
) -> None:
    secret = make_token("stadt", "device")
    assert secret.startswith(SECRET_PREFIX)
    assert len(secret) > 40
    with factory() as session:
        stored = session.scalars(select(Token).where(Token.site == "stadt")).one()
        assert stored.secret_hash == hash_secret(session, secret)  # keyed: see test_central_tokens
    assert secret not in {stored.secret_hash, stored.label}


# --- what authorising a request costs the database --------------------------------------------

PROBE = "/api/v1/sites/{site}/auth-probe"


@pytest.fixture
def probed(engine: Engine) -> Iterator[tuple[TestClient, list[str]]]:
    """The real app with a route that only authorises a device token (GET, and POST through
    BodyLimits), and every statement sent to the database (the background writer's included)."""
    app = create_app(engine, SystemClock())

    def probe(caller: DeviceCaller) -> dict[str, object]:
        return {"site": caller.site, "token": caller.token_id}

    app.add_api_route(PROBE, probe, methods=["GET", "POST"])
    statements: list[str] = []

    def sent(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        if statement.split(None, 1)[0].upper() not in ("BEGIN", "COMMIT", "ROLLBACK"):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", sent)
    try:
        with TestClient(app) as client:
            yield client, statements
    finally:
        event.remove(engine, "before_cursor_execute", sent)


def settled(client: TestClient) -> None:
    assert client.app.state.token_use.wait_idle(30)  # type: ignore[attr-defined]


def test_an_authorised_request_costs_one_statement_and_a_wrong_site_two(
    probed: tuple[TestClient, list[str]], make_token: Callable[[str, str], str]
) -> None:
    client, statements = probed
    headers = bearer(make_token("lyngdal", "device"))
    url = PROBE.format(site="lyngdal")
    assert client.get(url, headers=headers).status_code == 200  # first use: noted behind
    settled(client)
    for method in ("GET", "POST", "GET"):
        statements.clear()
        body = {"any": "thing"} if method == "POST" else None
        assert client.request(method, url, headers=headers, json=body).status_code == 200
        settled(client)
        assert len(statements) == 1, (method, statements)
        assert "tokens" in statements[0] and "kiosks" in statements[0]
    for site, answer in (("narvik", 403), ("atlantis", 404)):  # another site: is there one?
        for method in ("GET", "POST"):
            statements.clear()
            response = client.request(method, PROBE.format(site=site), headers=headers, json={})
            assert response.status_code == answer, (site, method, response.text)
            settled(client)
            assert len(statements) == 2, (site, method, statements)


def test_a_kiosk_reporting_nothing_new_costs_one_statement_and_no_write(
    probed: tuple[TestClient, list[str]],
    factory: SessionFactory,
    make_token: Callable[[str, str], str],
) -> None:
    client, statements = probed
    secret = make_token("lyngdal", "device")
    with factory.begin() as session:
        token = session.scalars(select(Token).where(Token.last_used_at.is_(None))).one()
        session.add(Kiosk(site="lyngdal", name="lyngdal-9", token_id=token.id, created_at=now()))
    url = PROBE.format(site="lyngdal")
    report = {VERSION_HEADER: "2.0", WAITING_HEADER: "3", SET_ASIDE_HEADER: "0"}
    assert client.get(url, headers={**bearer(secret), **report}).status_code == 200
    settled(client)
    statements.clear()
    assert client.get(url, headers={**bearer(secret), **report}).status_code == 200
    settled(client)
    assert len(statements) == 1, statements  # the same report: nothing to note
    assert client.get(url, headers={**bearer(secret), WAITING_HEADER: "4"}).status_code == 200
    settled(client)
    with factory() as session:
        kiosk = session.scalars(select(Kiosk).where(Kiosk.name == "lyngdal-9")).one()
        assert (kiosk.version, kiosk.events_waiting, kiosk.events_set_aside) == ("2.0", 4, 0)


def test_a_legacy_token_sending_a_body_is_found_and_rekeyed(
    probed: tuple[TestClient, list[str]], factory: SessionFactory
) -> None:
    client, _ = probed
    secret = tokens.new_secret()
    add_legacy_token(factory, secret)
    url = PROBE.format(site="lyngdal")
    assert client.post(url, headers=bearer(secret), json={}).status_code == 200
    settled(client)
    with factory() as session:
        stored = session.scalars(select(Token).where(Token.label == "old kiosk")).one()
        assert (stored.hash_scheme, stored.secret_hash) == ("hmac", hash_secret(session, secret))
    assert client.post(url, headers=bearer(secret), json={}).status_code == 200


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_the_token_is_judged_before_the_site_and_the_site_before_the_role(
    probed: tuple[TestClient, list[str]],
    factory: SessionFactory,
    make_token: Callable[[str, str], str],
    method: str,
) -> None:
    client, _ = probed
    revoked = make_token("lyngdal", "device")
    with factory.begin() as session:
        for token in session.scalars(select(Token).where(Token.site == "lyngdal")):
            token.revoked_at = now()
    admin = make_token("lyngdal", "admin")

    def answer(site: str, secret: str) -> tuple[int, str]:
        response = client.request(method, PROBE.format(site=site), headers=bearer(secret), json={})
        return response.status_code, response.json()["detail"]

    assert answer("atlantis", revoked) == (401, "token revoked")
    assert answer("atlantis", admin) == (404, "unknown site 'atlantis'")
    assert answer("narvik", admin) == (403, "the token is for another site")
    assert answer("lyngdal", admin) == (403, "this needs a device token")
