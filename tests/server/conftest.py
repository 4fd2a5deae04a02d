"""A live endpoint on 127.0.0.1 for the whole session: uvicorn in a thread, real query workers.

It serves the W3C protocol data under the graph names the manifest uses, plus a graph of 300
numbers that makes cross products expensive. Two small HTTP servers stand in for remote SPARQL
endpoints: one on the SERVICE allowlist, one off it; both record every connection they get.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from live_endpoint import (
    KASEI,
    MAX_BODY,
    MAX_RESULTS,
    NUMBER_COUNT,
    NUMBERS,
    TIMEOUT,
    W3C,
    FakeRemote,
    fake_remote,
    live_server,
)

from vvgraph.config import Settings
from vvgraph.server import create_app
from vvgraph.store import LoadedDataset, load_dataset


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
    # Every test client is 127.0.0.1, so the per-client fairness is opened wide here (its own
    # tests make their own servers), and loopback is the trusted proxy of the X-Forwarded tests.
    return Settings(query_timeout=TIMEOUT, service_timeout=TIMEOUT, workers=2, queue_size=4,
                    max_body=MAX_BODY, max_results=MAX_RESULTS, queries_dir=example_queries,
                    service_allowlist=(allowed_remote.url,), client_concurrency=1000,
                    client_failures=1000, trusted_proxies=("127.0.0.1",))


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
