"""A loopback HTTP proxy in front of the real central store that can misbehave on purpose.

What a network and a sick store do to a kiosk, with the real store behind: answer 500 for every
request that carries a given event (a poison event), lose the answer after the store applied the
request (the connection closes before the kiosk hears back), answer slowly after the store
applied it (a store under load), or refuse connections (network down). Every address is on loopback.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Faults:
    poison_ids: set[str] = field(default_factory=set)  # a request naming one answers 500
    lose_answers: int = 0  # lose this many /events answers after the store applied them
    fail_next: int = 0  # the next this many /events posts answer 500 (a sick store)
    down: bool = False  # connections are closed at once: the store cannot be reached
    slow_s: float = 0.0  # a slow store: each /events answer comes this long after it applied
    poisoned: int = 0  # how many requests got the 500
    event_posts: int = 0  # how many /events posts reached the store
    lost: int = 0  # how many answers were lost


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    proxy: FaultProxy  # set on the subclass each proxy makes

    def log_message(self, *_args: object) -> None:
        return  # quiet: the test logs what matters

    def _forward(self) -> None:
        try:
            self._forward_or_fail()
        except OSError:  # the kiosk hung up (killed, or gave up waiting): as in life
            self.close_connection = True

    def _forward_or_fail(self) -> None:
        proxy = self.proxy
        if proxy.faults.down:
            self._hang_up()
            return
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        events = self.command == "POST" and self.path.endswith("/events")
        if (events and proxy.take("fail_next")) or proxy.poisoned_by(body):
            self._answer(500, b'{"detail": "internal error"}')
            return
        if events:
            proxy.count_post()
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
        if events and proxy.faults.slow_s > 0:
            time.sleep(proxy.faults.slow_s)  # applied; the answer is on its way, slowly
        if events and proxy.take("lose_answers"):
            proxy.faults.lost += 1
            self._hang_up()  # applied by the store; the kiosk hears a broken connection
            return
        self._answer(
            response.status,
            data,
            response.getheader("Content-Type"),
            response.getheader("Content-Encoding"),
        )

    def _hang_up(self) -> None:
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    def _answer(
        self, status: int, data: bytes, kind: str | None = None, coding: str | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind or "application/json")
        if coding:
            self.send_header("Content-Encoding", coding)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        try:
            self.wfile.write(data)
        except OSError:  # the kiosk went away (killed) before its answer: as in life
            self.close_connection = True

    do_GET = _forward
    do_POST = _forward
    do_PUT = _forward
    do_DELETE = _forward


class FaultProxy:
    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.faults = Faults()
        self._lock = threading.Lock()
        handler = type("Handler", (_Handler,), {"proxy": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def take(self, counter: str) -> bool:
        """Use one of a counted fault (``fail_next``, ``lose_answers``): True if one was left."""
        with self._lock:
            left = int(getattr(self.faults, counter))
            if left > 0:
                setattr(self.faults, counter, left - 1)
            return left > 0

    def count_post(self) -> None:
        with self._lock:
            self.faults.event_posts += 1

    def poisoned_by(self, body: bytes) -> bool:
        with self._lock:
            hit = any(i.encode() in body for i in self.faults.poison_ids)
            self.faults.poisoned += hit
            return hit

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> FaultProxy:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
