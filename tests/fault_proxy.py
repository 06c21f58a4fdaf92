"""A loopback HTTP proxy in front of the real central store that can misbehave on purpose.

What a network and a sick store do to a kiosk, with the real store behind: answer 500 for every
request that carries a given event (a poison event), lose the answer after the store applied the
request (the connection closes before the kiosk hears back), or refuse connections (network
down). Every address is on loopback.
"""

from __future__ import annotations

import http.client
import socket
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Faults:
    poison_ids: set[str] = field(default_factory=set)  # a request naming one answers 500
    lose_answers: int = 0  # lose this many /events answers after the store applied them
    down: bool = False  # connections are closed at once: the store cannot be reached
    poisoned: int = 0  # how many requests got the 500
    lost: int = 0  # how many answers were lost


class FaultProxy:
    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.faults = Faults()
        self._lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_args: object) -> None:
                return  # quiet: the test logs what matters

            def _forward(self) -> None:
                faults = proxy.faults
                if faults.down:
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                if faults.poison_ids and any(i.encode() in body for i in faults.poison_ids):
                    with proxy._lock:
                        faults.poisoned += 1
                    self._answer(500, b'{"detail": "internal error"}')
                    return
                upstream = http.client.HTTPConnection("127.0.0.1", proxy.target_port, timeout=30)
                try:
                    headers = {k: v for k, v in self.headers.items() if k.lower() != "host"}
                    upstream.request(self.command, self.path, body=body or None, headers=headers)
                    response = upstream.getresponse()
                    data = response.read()
                except OSError:
                    self.close_connection = True
                    return
                finally:
                    upstream.close()
                lose = False
                if self.path.endswith("/events") and self.command == "POST":
                    with proxy._lock:
                        if faults.lose_answers > 0:
                            faults.lose_answers -= 1
                            faults.lost += 1
                            lose = True
                if lose:  # applied by the store; the kiosk hears a broken connection
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                self._answer(
                    response.status,
                    data,
                    response.getheader("Content-Type"),
                    response.getheader("Content-Encoding"),
                )

            def _answer(
                self, status: int, data: bytes, kind: str | None = None, coding: str | None = None
            ) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind or "application/json")
                if coding:
                    self.send_header("Content-Encoding", coding)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = _forward
            do_POST = _forward
            do_PUT = _forward
            do_DELETE = _forward

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> FaultProxy:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
