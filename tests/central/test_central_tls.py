"""``serve`` refuses plain http on a non-loopback address unless told ``--insecure-http``, and
serves https with a certificate; the kiosk's client verifies it with its own CA file.

The refusals are checked without binding or connecting: no traffic leaves loopback."""

from __future__ import annotations

import argparse
import datetime as dt
import ipaddress
import subprocess
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from central.cli import main, store
from central.cli.context import CliError
from kiosk.central_client import HttpCentralClient, TransportError
from tests.processes import PYTHON, central_cli, free_port, wait_until


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().err


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.10", "::"])
def test_serve_refuses_plain_http_on_a_remote_address(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, host: str
) -> None:
    database = tmp_path / "c.db"
    code, err = run(
        capsys, "serve", "--host", host, "--allow-remote", "--database-url", f"sqlite:///{database}"
    )
    assert code == 2
    assert "refusing plain http" in err and "--insecure-http" in err and "--ssl-certfile" in err
    assert not database.exists()  # refused before anything was opened or bound


def test_serve_wants_both_halves_of_a_certificate(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, err = run(
        capsys,
        "serve",
        "--ssl-certfile",
        str(tmp_path / "no.pem"),
        "--database-url",
        f"sqlite:///{tmp_path / 'c.db'}",
    )
    assert code == 2 and "go together" in err


def _self_signed(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "regionlab test store")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "store.pem", folder / "store.key"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@pytest.mark.integration
def test_the_store_serves_https_and_the_kiosk_verifies_it_with_its_ca_file(
    tmp_path: Path,
) -> None:
    cert, key = _self_signed(tmp_path)
    url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    central_cli(url, "init", "--demo")
    token = central_cli(url, "token", "create", "--site", "lyngdal", "--role", "device")
    port = free_port()
    with (tmp_path / "serve.log").open("wb") as log:
        process = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "central.cli",
                "serve",
                "--database-url",
                url,
                "--port",
                str(port),
                "--ssl-certfile",
                str(cert),
                "--ssl-keyfile",
                str(key),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base = f"https://127.0.0.1:{port}"
    try:
        trusting = HttpCentralClient(base, "lyngdal", token, ca_file=str(cert))

        def answers() -> bool:
            try:
                return bool(trusting.pull_changes(0, 10)["changes"])
            except TransportError:
                return False

        wait_until(answers, 30, "the store to answer over https")
        doubting = HttpCentralClient(base, "lyngdal", token, timeout_s=5)
        with pytest.raises(TransportError):
            doubting.pull_changes(0, 10)  # the system's CAs do not know this certificate
        trusting.close()
        doubting.close()
    finally:
        # Killed, not stopped: the refused handshake's socket lives on in the exception
        # pytest keeps, and uvicorn would wait for it before exiting. Nothing here to flush.
        process.kill()
        process.wait(10)


def test_insecure_http_is_allowed_only_when_said(tmp_path: Path) -> None:
    # The check alone: nothing is bound to a non-loopback address in a test.
    def args(**given: object) -> argparse.Namespace:
        base: dict[str, object] = {
            "host": "192.0.2.10",
            "allow_remote": True,
            "ssl_certfile": None,
            "ssl_keyfile": None,
            "insecure_http": False,
        }
        return argparse.Namespace(**{**base, **given})

    with pytest.raises(CliError, match="refusing plain http"):
        store._check_transport(args())
    assert store._check_transport(args(insecure_http=True)) == {}
    assert store._check_transport(args(host="127.0.0.1", allow_remote=False)) == {}
    cert, key = _self_signed(tmp_path)
    assert store._check_transport(args(ssl_certfile=str(cert), ssl_keyfile=str(key))) == {
        "ssl_certfile": str(cert),
        "ssl_keyfile": str(key),
    }
