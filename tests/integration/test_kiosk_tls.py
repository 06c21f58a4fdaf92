"""The kiosk verifies the store's TLS certificate: a store with a certificate of its own CA is
refused until the kiosk is given that CA (``ca_file``); then provisioning and sync work."""

from __future__ import annotations

import datetime as dt
import ipaddress
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from central.api.app import create_app
from central.bootstrap import initialise
from central.db.engine import make_engine, session_factory
from central.domain import provisioning as central_provisioning
from kiosk.central_client import HttpCentralClient, TransportError
from kiosk.clock import SystemClock
from kiosk.provisioning import ProvisioningFailed, exchange, parse_code
from tests.processes import free_port, wait_until


def _certificate(folder: Path) -> tuple[Path, Path]:
    """A CA, and a certificate for 127.0.0.1 signed by it: (ca.pem, server.pem with key)."""
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "RegionLab test CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    server = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    ca_path = folder / "ca.pem"
    ca_path.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_path = folder / "server.pem"
    cert_path.write_bytes(
        server.public_bytes(serialization.Encoding.PEM)
        + key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return ca_path, cert_path


@pytest.fixture
def tls_store(tmp_path: Path) -> Iterator[tuple[str, Path, str]]:
    """The real API over TLS on loopback: (its https URL, the CA file, a provisioning code)."""
    ca_path, cert_path = _certificate(tmp_path)
    engine = make_engine(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    initialise(engine, SystemClock(), with_demo=False)
    with session_factory(engine).begin() as session:
        code = central_provisioning.create_code(session, "lyngdal", now=SystemClock().now()).code
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(engine, SystemClock()),
            host="127.0.0.1",
            port=port,
            log_level="warning",
            ssl_certfile=str(cert_path),
        )
    )
    thread = threading.Thread(target=server.run, name="uvicorn-tls", daemon=True)
    thread.start()
    wait_until(lambda: server.started, 30, "uvicorn with TLS to start")
    yield f"https://127.0.0.1:{port}", ca_path, code
    server.should_exit = True
    thread.join(30)
    engine.dispose()


def test_the_store_is_trusted_only_with_its_ca(tls_store: tuple[str, Path, str]) -> None:
    url, ca_path, code = tls_store
    parsed = parse_code(f"RLP1 {url.upper()} {code}")
    with pytest.raises(ProvisioningFailed) as refused:
        exchange(parsed)  # the system's CAs do not know this one
    assert refused.value.reason == "tls"
    done = exchange(parsed, ca_file=str(ca_path))
    assert done.site == "lyngdal" and done.central_url == url

    untrusting = HttpCentralClient(url, "lyngdal", done.device_token)
    with pytest.raises(TransportError):
        untrusting.pull_changes(0, 10)
    untrusting.close()
    client = HttpCentralClient(url, "lyngdal", done.device_token, ca_file=str(ca_path))
    try:
        assert isinstance(client.pull_changes(0, 10)["changes"], list)
    finally:
        client.close()
