"""A live endpoint on 127.0.0.1 for the whole session: uvicorn in a thread, real query workers.

It serves the W3C protocol data under the graph names the manifest uses, plus a graph of 300
numbers that makes cross products expensive. Two small HTTP servers stand in for remote SPARQL
endpoints: one on the SERVICE allowlist, one off it; both record every connection they get.
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
import uvicorn

from vvgraph.config import Settings
from vvgraph.server import create_app
from vvgraph.store import LoadedDataset, load_dataset

W3C = Path(__file__).resolve().parents[1] / "w3c"
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


@pytest.fixture(scope="session")
def allowed_remote() -> Iterator[FakeRemote]:
    with fake_remote() as remote:
        yield remote


@pytest.fixture(scope="session")
def forbidden_remote() -> Iterator[FakeRemote]:
    with fake_remote() as remote:
        yield remote


@pytest.fixture(scope="session")
def example_queries(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("queries")
    (folder / "all-documents.rq").write_text(
        "# Every document.\nSELECT ?doc WHERE { ?doc a <http://xmlns.com/foaf/0.1/Document> }\n")
    (folder / "count-numbers.rq").write_text(
        "# How many numbers </script>.\nSELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }\n")
    return folder


@pytest.fixture(scope="session")
def server_settings(example_queries: Path, allowed_remote: FakeRemote) -> Settings:
    return Settings(query_timeout=TIMEOUT, service_timeout=TIMEOUT, workers=2, queue_size=4,
                    max_body=MAX_BODY, max_results=MAX_RESULTS, queries_dir=example_queries,
                    service_allowlist=(allowed_remote.url,))


@pytest.fixture(scope="session")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> LoadedDataset:
    numbers = tmp_path_factory.mktemp("data") / "numbers.ttl"
    numbers.write_text("".join(
        f"<http://example.org/n/{i}> <http://example.org/value> {i} .\n"
        for i in range(NUMBER_COUNT)))
    sources = [(KASEI.format(i), W3C / "protocol" / f"data{i}.nt") for i in (1, 2, 3)]
    return load_dataset([*sources, (NUMBERS, numbers)])


@pytest.fixture(scope="session")
def base_url(server_settings: Settings, dataset: LoadedDataset) -> Iterator[str]:
    with live_server(create_app(server_settings, dataset)) as url:
        yield url


@pytest.fixture(scope="session")
def endpoint(base_url: str) -> str:
    return f"{base_url}/sparql"


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=30) as c:
        yield c
