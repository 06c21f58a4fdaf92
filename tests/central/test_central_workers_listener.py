"""``serve --workers N``: connections accepted on the supervisor's listener send at once
(TCP_NODELAY), as a single worker's do; else each answer after a keep-alive connection's first
waits about 40 ms for the client's delayed ACK."""

from __future__ import annotations

import asyncio
import socket

import pytest
import uvicorn

from central.api.workers import tcp_listener


async def nodelay_of_an_accepted_connection(listener: socket.socket) -> int:
    loop = asyncio.get_running_loop()
    accepted: asyncio.Future[int] = loop.create_future()

    class Report(asyncio.Protocol):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            sock = transport.get_extra_info("socket")
            accepted.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            transport.close()

    server = await loop.create_server(Report, sock=listener)
    try:
        host, port = listener.getsockname()[:2]
        _, writer = await asyncio.open_connection(host, port)
        try:
            return await asyncio.wait_for(accepted, 10)
        finally:
            writer.close()
    finally:
        server.close()


@pytest.mark.parametrize("host", ["127.0.0.1", "::1"])
def test_the_workers_listener_is_tcp_and_its_connections_send_without_delay(host: str) -> None:
    if host == "::1" and not socket.has_ipv6:
        pytest.skip("no IPv6 on this machine")
    config = uvicorn.Config("central.api.app:create_app_from_env", factory=True, workers=2)
    config.host, config.port = host, 0
    try:
        listener = tcp_listener(config)
    except SystemExit:
        pytest.skip(f"cannot bind {host} here")
    with listener:
        assert listener.proto == socket.IPPROTO_TCP
        assert listener.get_inheritable()  # the workers still get it
        assert asyncio.run(nodelay_of_an_accepted_connection(listener)) != 0
