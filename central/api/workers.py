"""Several worker processes answering on one listening socket (``serve --workers N``).

uvicorn's supervisor binds that socket itself and leaves its ``proto`` at 0. Connections
accepted on it inherit the 0, and asyncio turns TCP_NODELAY on only for a socket that says
IPPROTO_TCP. With Nagle's algorithm left on, the last part of each answer on a keep-alive
connection waits for the client's delayed ACK: about 40 ms on Linux, on every request after a
connection's first (uvicorn issue #3149). A single worker is not affected: asyncio binds its
listener from getaddrinfo, which says IPPROTO_TCP. The listener here says it too."""

from __future__ import annotations

import socket
from typing import Any

import uvicorn
from uvicorn.supervisors import Multiprocess


def tcp_listener(config: uvicorn.Config) -> socket.socket:
    """The supervisor's listening socket, bound as uvicorn binds it, marked as TCP."""
    bound = config.bind_socket()
    if bound.family in (socket.AF_INET, socket.AF_INET6) and bound.proto != socket.IPPROTO_TCP:
        # The same descriptor (still bound, listening and inheritable), told what it is.
        return socket.socket(bound.family, bound.type, socket.IPPROTO_TCP, fileno=bound.detach())
    return bound


def run_workers(app: str, workers: int, **options: Any) -> None:
    """``uvicorn.run(app, factory=True, workers=workers, **options)``, on ``tcp_listener``."""
    config = uvicorn.Config(app, factory=True, workers=workers, **options)
    Multiprocess(config, sockets=[tcp_listener(config)]).run()
