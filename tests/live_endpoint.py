"""Helpers for the live endpoint tests: a uvicorn server in a thread, and stand-in remote
SPARQL endpoints that record every request they get."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import uvicorn

W3C = Path(__file__).resolve().parent / "w3c"
KASEI = "http://kasei.us/2009/09/sparql/data/data{}.rdf"
NUMBERS = "http://example.org/numbers"
NUMBER_COUNT = 300
TIMEOUT = 2.0        # seconds: the session server's query limit
MAX_RESULTS = 1000
MAX_BODY = 20_000


@contextmanager
def live_server(app: object) -> Iterator[str]:
    """Serve ``app`` on a free loopback port in a thread; yields its base URL."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))  # type: ignore[arg-type]
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        for _ in range(600):
            if server.started or not thread.is_alive():
                break
            threading.Event().wait(0.05)
        assert server.started, "the test server did not start"
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(30)
        sock.close()


@dataclass
class FakeRemote:
    """A stand-in remote SPARQL endpoint that answers one solution and notes each request."""

    url: str
    requests: list[str] = field(default_factory=list)


@contextmanager
def fake_remote() -> Iterator[FakeRemote]:
    remote = FakeRemote("")
    answer = json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": [
        {"x": {"type": "literal", "value": "from the remote"}}]}}).encode()

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            remote.requests.append(f"{self.command} {self.path} {self.rfile.read(length)!r}")
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        do_GET = do_POST = _answer

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    remote.url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield remote
    finally:
        server.shutdown()
        server.server_close()
