"""A NUL (or another control character) in a path or an identifier is refused with a clear
4xx or a per-event rejection, before it reaches the database: PostgreSQL answered such text
with a DataError, which became a 500."""

from __future__ import annotations

from typing import Any

import pytest
from central_helpers import CHANGES, EVENTS, PRESENCE, event
from fastapi.testclient import TestClient

DESK_CONFLICTS = "/api/v1/sites/{site}/desk-conflicts"


@pytest.mark.parametrize("route", [CHANGES, EVENTS, PRESENCE, DESK_CONFLICTS])
@pytest.mark.parametrize("site", ["lyng%00dal", "%00", "lyngdal%0a", "a" * 40])
def test_a_bad_site_in_the_path_is_a_clear_422(
    client: TestClient, admin: dict[str, str], device: dict[str, str], route: str, site: str
) -> None:
    path = route.format(site=site)
    headers = device if route in (CHANGES, EVENTS) else admin
    if route == EVENTS:
        response = client.post(path, headers=headers, json={"events": []})
    else:
        response = client.get(path, headers=headers)
    assert response.status_code == 422, response.text
    assert "site" in response.text


def _desk(kari: str, kind: str, **data: Any) -> dict[str, Any]:
    claim = event(kari, kind, at=event(kari)["at"])
    claim["data"] = {"person_id": kari, "method": "name", **data}
    return claim


@pytest.mark.parametrize(
    ("kind", "data", "reason"),
    [
        ("desk_claim", {"desk_id": "lyngdal-A-\x0010"}, "data.desk_id"),
        ("desk_claim", {"desk_id": "\x00"}, "data.desk_id"),
        ("desk_release", {"desk_id": "lyngdal-A-10\x00"}, "data.desk_id"),
        ("desk_release", {"desk_id": "lyngdal-A-10", "claim_id": "\x00"}, "data.claim_id"),
        ("check_in", {"pass_id": "\x00" * 16}, "data.pass_id"),
        ("check_in", {"person_id": "\x00"}, "data.person_id"),
        ("desk_claim", {"desk_id": "lyngdal-A-10\n"}, "data.desk_id"),
        ("desk_release", {"desk_id": "lyngdal-A-10", "claim_id": "\x01"}, "data.claim_id"),
    ],
)
def test_a_nul_in_an_event_is_rejected_alone(
    client: TestClient,
    device: dict[str, str],
    kari: str,
    kind: str,
    data: dict[str, Any],
    reason: str,
) -> None:
    bad = _desk(kari, kind, **data)
    good = event(kari)
    response = client.post(
        EVENTS.format(site="lyngdal"), headers=device, json={"events": [bad, good]}
    )
    assert response.status_code == 200, response.text
    first, second = response.json()["results"]
    assert first["status"] == "rejected"
    assert reason in first["reason"]
    assert second["status"] == "accepted"


@pytest.mark.parametrize(
    "field", [{"id": "\x00"}, {"type": "check\x00in"}, {"at": "2026-11-27T08:00:00\x00+01:00"}]
)
def test_a_nul_in_an_events_envelope_is_rejected_alone(
    client: TestClient, device: dict[str, str], kari: str, field: dict[str, str]
) -> None:
    bad = {**event(kari), **field}
    response = client.post(
        EVENTS.format(site="lyngdal"), headers=device, json={"events": [bad, event(kari)]}
    )
    assert response.status_code == 200, response.text
    assert [r["status"] for r in response.json()["results"]] == ["rejected", "accepted"]
