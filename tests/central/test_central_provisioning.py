"""One-time provisioning codes: print one, exchange it once for a device token, see the kiosk
in ``kiosk list`` with what it reports, end it with ``kiosk revoke``."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from central_helpers import CHANGES, bearer
from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy import Engine

from central.api.app import create_app
from central.api.provisioning import MAX_FAILURES
from central.cli import main
from central.domain import provisioning
from kiosk.heartbeat import SET_ASIDE_HEADER, VERSION_HEADER, WAITING_HEADER
from tests.fakes import FakeClock
from tests.qr_codes import qr_texts

PROVISION = "/api/v1/provision"


def run(
    capsys: pytest.CaptureFixture[str], *argv: str, clock: FakeClock | None = None
) -> tuple[int, str, str]:
    code = main(list(argv), clock=clock)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def provision(
    capsys: pytest.CaptureFixture[str], url: str, *extra: str, clock: FakeClock | None = None
) -> str:
    code, out, err = run(
        capsys,
        "kiosk",
        "provision",
        "--site",
        "lyngdal",
        "--database-url",
        url,
        "--central-url",
        "http://127.0.0.1:8470",
        *extra,
        clock=clock,
    )
    assert (code, err) == (0, ""), err
    return out.strip()


def test_a_code_is_exchanged_once_for_a_working_device_token(
    engine: Engine, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    url = engine.url.render_as_string(hide_password=False)
    text = provision(capsys, url, "--png", str(tmp_path / "code.png"))
    prefix, store, code = text.split(" ")
    assert (prefix, store) == ("RLP1", "HTTP://127.0.0.1:8470")
    assert provisioning.alphanumeric(text) and len(text) < 60  # short enough to type
    assert qr_texts(Image.open(tmp_path / "code.png")) == [text]
    with TestClient(create_app(engine, FakeClock())) as client:
        # Typed by hand: lower case, look-alike letters, no dashes all still work.
        typed = code.replace("-", "").lower().replace("0", "o").replace("1", "l")
        answer = client.post(PROVISION, json={"code": typed, "version": "0.1.0"})
        assert answer.status_code == 200, answer.text
        body = answer.json()
        assert (body["site"], body["kiosk_name"]) == ("lyngdal", "lyngdal-1")
        token = body["device_token"]
        headers = {**bearer(token), VERSION_HEADER: "0.1.0", WAITING_HEADER: "3"}
        assert client.get(CHANGES.format(site="lyngdal"), headers=headers).status_code == 200
        again = client.post(PROVISION, json={"code": code})
        assert again.status_code == 410
        assert again.json() == {
            "detail": "this provisioning code has been used already",
            "reason": "used",
        }
    code_, out, _ = run(capsys, "kiosk", "list", "--site", "lyngdal", "--database-url", url)
    assert code_ == 0
    header, row = out.splitlines()
    assert header.split() == [
        "NAME",
        "LAST",
        "SEEN",
        "VERSION",
        "WAITING",
        "SET",
        "ASIDE",
        "REVOKED",
    ]
    cells = row.split()
    assert cells[0] == "lyngdal-1" and "0.1.0" in cells and cells[-2:] == ["-", "-"]
    assert cells[-3] == "3"  # events waiting, as reported


def test_an_expired_code_and_an_unknown_one_are_refused_with_a_reason(
    engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    url = engine.url.render_as_string(hide_password=False)
    clock = FakeClock()
    code = provision(capsys, url, clock=clock).split(" ")[2]
    later = FakeClock(clock.now() + timedelta(hours=24, seconds=1))
    with TestClient(create_app(engine, later)) as client:
        expired = client.post(PROVISION, json={"code": code})
        assert (expired.status_code, expired.json()["reason"]) == (410, "expired")
        unknown = client.post(PROVISION, json={"code": "ABCD-EFGH-JKMN-PQRS"})
        assert (unknown.status_code, unknown.json()["reason"]) == (404, "unknown")
        nonsense = client.post(PROVISION, json={"code": "hello\x00"})
        assert (nonsense.status_code, nonsense.json()["reason"]) == (404, "unknown")
        assert client.post(PROVISION, json={"code": ""}).status_code == 422


def test_guessing_is_rate_limited(engine: Engine, capsys: pytest.CaptureFixture[str]) -> None:
    url = engine.url.render_as_string(hide_password=False)
    good = provision(capsys, url).split(" ")[2]
    with TestClient(create_app(engine, FakeClock())) as client:
        for _ in range(MAX_FAILURES):
            assert client.post(PROVISION, json={"code": "0000-0000-0000-0000"}).status_code == 404
        blocked = client.post(PROVISION, json={"code": good})
        assert blocked.status_code == 429  # even the right code, until the window moves on
        assert "try again" in blocked.json()["detail"]
        assert blocked.headers["Retry-After"] == "600"


def test_kiosk_revoke_ends_the_kiosk_on_its_next_request(
    engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    url = engine.url.render_as_string(hide_password=False)
    code = provision(capsys, url, "--name", "inngang").split(" ")[2]
    with TestClient(create_app(engine, FakeClock())) as client:
        token = client.post(PROVISION, json={"code": code}).json()["device_token"]
        assert client.get(CHANGES.format(site="lyngdal"), headers=bearer(token)).status_code == 200
        code_, out, _ = run(capsys, "kiosk", "revoke", "inngang", "--database-url", url)
        assert code_ == 0 and "revoked" in out
        refused = client.get(CHANGES.format(site="lyngdal"), headers=bearer(token))
        assert (refused.status_code, refused.json()["detail"]) == (401, "token revoked")
    _, out, _ = run(capsys, "token", "list", "--site", "lyngdal", "--database-url", url)
    assert "inngang" in out
    code_, _, err = run(capsys, "kiosk", "revoke", "nobody", "--database-url", url)
    assert code_ == 2 and "no kiosk named 'nobody'" in err
    code_, _, err = run(
        capsys,
        "kiosk",
        "provision",
        "--site",
        "lyngdal",
        "--name",
        "inngang",
        "--database-url",
        url,
    )
    assert code_ == 2 and "exists already" in err
    code_, _, err = run(
        capsys,
        "kiosk",
        "provision",
        "--site",
        "lyngdal",
        "--central-url",
        "ftp://x",
        "--database-url",
        url,
    )
    assert code_ == 2 and "not an http(s) URL" in err


def test_set_aside_count_is_kept_when_a_kiosk_reports_it(
    engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    url = engine.url.render_as_string(hide_password=False)
    code = provision(capsys, url).split(" ")[2]
    with TestClient(create_app(engine, FakeClock())) as client:
        token = client.post(PROVISION, json={"code": code}).json()["device_token"]
        headers = {**bearer(token), WAITING_HEADER: "7", SET_ASIDE_HEADER: "2"}
        assert client.get(CHANGES.format(site="lyngdal"), headers=headers).status_code == 200
        for bad in (
            {WAITING_HEADER: "-5", VERSION_HEADER: "x" * 100},
            {WAITING_HEADER: "²".encode("latin-1"), SET_ASIDE_HEADER: "99999999999"},  # type: ignore[dict-item]
            {WAITING_HEADER: "", VERSION_HEADER: ""},
        ):
            headers = {**bearer(token), **bad}
            assert client.get(CHANGES.format(site="lyngdal"), headers=headers).status_code == 200
    _, out, _ = run(capsys, "kiosk", "list", "--site", "lyngdal", "--database-url", url)
    cells = out.splitlines()[1].split()
    assert cells[-3:-1] == ["7", "2"]  # the bad values were ignored, not stored
