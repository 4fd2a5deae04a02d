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
from typing import Any

import uvicorn

W3C = Path(__file__).resolve().parent / "w3c"
KASEI = "http://kasei.us/2009/09/sparql/data/data{}.rdf"
NUMBERS = "http://example.org/numbers"
NUMBER_COUNT = 300
TIMEOUT = 2.0        # seconds: the session server's query limit
MAX_RESULTS = 1000
MAX_BODY = 20_000


# Debian's Chromium (no downloaded browser); without the background-networking flags it
# keeps trying to reach Google's hosts, which this machine's closed network refuses.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@contextmanager
def chromium() -> Iterator[Any]:
    """One headless Chromium driven by Playwright, closed afterwards."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def build_dumps(report: Any, out: Path) -> Any:
    """The dumps of ``report`` (often a few of its projects) in ``out``, as a BuildResult,
    without validation or the other build files: what a live page test needs to serve."""
    from vvgraph.config import Settings
    from vvgraph.export.dumps import write_dumps
    from vvgraph.export.terms import sorted_triples
    from vvgraph.mapping.uris import Uris
    from vvgraph.namespaces import PREFIXES
    from vvgraph.pipeline import BuildResult, map_graph

    settings = Settings()
    graph = map_graph(settings, report)
    edition = str(Uris(settings.base).edition(report.measured_on))
    files = write_dumps(sorted_triples(graph), out, PREFIXES, edition)
    return BuildResult(out, report, graph, edition, files)


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
