"""The real ``regionlab-central serve`` in a subprocess on a free loopback port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from central_helpers import CHANGES, EVENTS, PRESENCE, bearer, event, now

from central import demo
from central.cli import main

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out.strip()


@pytest.fixture
def server(
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> Iterator[dict[str, Any]]:
    """A served database with demo data, and a device and an admin token of lyngdal."""
    cli(capsys, "init", "--demo", "--database-url", database_url)
    device, admin = (
        cli(
            capsys,
            *f"token create --site lyngdal --role {role}".split(),
            "--database-url",
            database_url,
        )
        for role in ("device", "admin")
    )
    port = free_port()
    log = tmp_path / "serve.log"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    }
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "central.cli",
                *f"serve --port {port}".split(),
                "--database-url",
                database_url,
            ],
            cwd=tmp_path,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, log.read_text()
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the server did not come up"
            time.sleep(0.05)
        yield {"url": base, "device": bearer(device), "admin": bearer(admin), "log": log}
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


@pytest.mark.integration
def test_a_kiosk_session_against_the_real_server(server: dict[str, Any]) -> None:
    kari = demo.person_id_for("kari.nordmann@nav.no")
    with httpx.Client(base_url=server["url"], timeout=10) as http:
        assert http.get("/healthz").json() == {"status": "ok"}
        assert http.get("/openapi.json").json()["info"]["title"] == "RegionLab central store"
        assert http.get(CHANGES.format(site="lyngdal")).status_code == 401

        page = http.get(CHANGES.format(site="lyngdal"), headers=server["device"]).json()
        assert any(c["key"] == kari for c in page["changes"])

        # Dated now: the served store's scheduler catches up on past closings as it starts, and
        # would end a visit dated days ago whenever it got there after the check-in.
        check_in = event(kari, at=now().isoformat(), method="qr", pass_id="0123456789abcdef")
        response = http.post(
            EVENTS.format(site="lyngdal"), headers=server["device"], json={"events": [check_in]}
        )
        assert response.json()["results"] == [
            {"id": check_in["id"], "status": "accepted", "reason": None}
        ]
        present = http.get(PRESENCE.format(site="lyngdal"), headers=server["admin"]).json()
        assert [p["name"] for p in present] == ["Kari Nordmann"]

        after = http.get(
            CHANGES.format(site="lyngdal"),
            params={"since": page["cursor"]},
            headers=server["device"],
        ).json()
        # (the site's here-today counts may follow a check-in: not what this test is about)
        assert [
            (c["entity"], c["data"]["checked_in"])
            for c in after["changes"]
            if c["entity"] != "here_today"
        ] == [("presence", True)]


@pytest.mark.integration
def test_concurrent_posts_of_one_event_store_it_once(server: dict[str, Any]) -> None:
    kari = demo.person_id_for("kari.nordmann@nav.no")
    same = event(kari, at=now().isoformat())  # after every closing the scheduler catches up
    barrier = threading.Barrier(8)
    statuses: list[str] = []

    def post() -> None:
        with httpx.Client(base_url=server["url"], timeout=30) as http:
            barrier.wait()
            response = http.post(
                EVENTS.format(site="lyngdal"), headers=server["device"], json={"events": [same]}
            )
            statuses.append(response.json()["results"][0]["status"])

    threads = [threading.Thread(target=post) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == ["accepted"] + ["duplicate"] * 7
    with httpx.Client(base_url=server["url"], timeout=10) as http:
        present = http.get(PRESENCE.format(site="lyngdal"), headers=server["admin"]).json()
        changes = http.get(CHANGES.format(site="lyngdal"), headers=server["device"]).json()
    assert len(present) == 1
    assert len([c for c in changes["changes"] if c["entity"] == "presence"]) == 1


@pytest.mark.integration
def test_serve_on_a_taken_port_fails_in_one_line(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "central.cli",
                "serve",
                "--port",
                str(port),
                "--database-url",
                f"sqlite:///{tmp_path / 'c.sqlite3'}",
            ],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == (
        f"regionlab-central: error: cannot serve on 127.0.0.1:{port}"
    )
