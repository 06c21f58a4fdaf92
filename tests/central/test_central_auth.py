"""Who may call what: 401 without a known token, 403 for another site or role, 404 for no site."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from central_helpers import CHANGES, EVENTS, PRESENCE, bearer
from fastapi.testclient import TestClient
from sqlalchemy import select

from central.db.engine import SessionFactory
from central.db.models import Token
from central.domain.tokens import SECRET_PREFIX, hash_secret

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
