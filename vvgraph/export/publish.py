"""Load the built graph into an external SPARQL 1.1 store (Virtuoso, Fuseki, Oxigraph, ...).

Only the SPARQL 1.1 Update and Query protocols are used (through SPARQLWrapper), because
they are what every store implements the same way; the Graph Store Protocol differs in
path and auth between them. The triples go into a staging graph in chunks small enough for
Virtuoso's request limits, are counted there, and only then replace the edition's graph with
one ``MOVE``: readers of the store never see a half-loaded edition, and a failed load leaves
the previous one in place.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import urlsplit

from SPARQLWrapper import JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from .._exceptions import VvgraphError
from ..config import Settings
from ..pipeline import NQUADS_FILE

CHUNK = 2000  # triples per INSERT DATA request


class PublishError(VvgraphError):
    """The external store refused a request or holds a different number of triples than sent."""


@dataclass(frozen=True, slots=True)
class Published:
    graph: str
    triples: int
    requests: int


def _graph_lines(nquads: Path) -> tuple[str, list[str]]:
    """The edition's graph name and its triples as N-Triples lines, from the N-Quads dump."""
    graph: str | None = None
    lines: list[str] = []
    for n, raw in enumerate(nquads.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        body, _, g = raw.rstrip(" .").rpartition(" ")
        if not g.startswith("<") or not body:
            raise PublishError(f"{nquads}:{n}: expected a quad in a named graph")
        if graph is None:
            graph = g[1:-1]
        elif g[1:-1] != graph:
            raise PublishError(f"{nquads}:{n}: expected one named graph, found <{graph}> and {g}")
        lines.append(body + " .")
    if graph is None:
        raise PublishError(f"{nquads}: no triples to publish")
    return graph, lines


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def check_url(option: str, url: str) -> str:
    """``url`` if it is an absolute http(s) URL with a host, as a store's endpoint must be.

    :raises PublishError: naming the option, the value and what was expected.

    >>> check_url("--endpoint", "http://127.0.0.1:7878/query")
    'http://127.0.0.1:7878/query'
    >>> check_url("--update", "alsonot")
    Traceback (most recent call last):
    ...
    vvgraph.export.publish.PublishError: --update 'alsonot': not a URL (expected http://host[:port]/path or https://...)
    """
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - parsing the port is the check
    except ValueError as e:
        raise PublishError(f"{option} {url!r}: not a URL ({e})") from None
    if parts.scheme not in ("http", "https") or not parts.hostname or any(
            c.isspace() for c in url):
        raise PublishError(f"{option} {url!r}: not a URL (expected http://host[:port]/path or "
                           "https://...)")
    return url


def publish(settings: Settings, *, endpoint: str | None, update: str | None = None,
            user: str | None = None, password: str | None = None, graph_store: str | None = None,
            chunk: int = CHUNK, log: Callable[[str], None] = print) -> Published:
    """Replace the edition's named graph in the store behind ``endpoint`` / ``update``.

    :raises PublishError: when a request fails or the store's count differs from what was sent.
    """
    if not endpoint:
        raise PublishError("--endpoint is required (the store's SPARQL query URL)")
    if graph_store:
        raise PublishError("the Graph Store Protocol is not used; give --update instead")
    check_url("--endpoint", endpoint)
    if update:
        check_url("--update", update)
    nquads = settings.build_dir / NQUADS_FILE
    if not nquads.is_file():
        raise PublishError(f"{nquads} does not exist: run `vvgraph build` first")
    graph, lines = _graph_lines(nquads)
    staging = f"{graph}/staging"

    def client(url: str) -> SPARQLWrapper:
        w = SPARQLWrapper(url)
        if user:
            w.setCredentials(user, password or "")
        return w

    def run_update(text: str) -> None:
        w = client(update or endpoint)
        w.setMethod(POST)
        w.setQuery(text)
        try:
            w.query()
        except (SPARQLWrapperException, OSError) as e:
            raise PublishError(f"update refused by {update or endpoint}: {e}") from None

    def count(g: str) -> int:
        w = client(endpoint)
        w.setReturnFormat(JSON)
        w.setQuery(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}")
        try:
            result = w.queryAndConvert()
        except (SPARQLWrapperException, OSError) as e:
            raise PublishError(f"query refused by {endpoint}: {e}") from None
        return int(result["results"]["bindings"][0]["n"]["value"])  # type: ignore[index]

    requests = 0
    run_update(f"DROP SILENT GRAPH <{staging}>")
    for part in _chunks(lines, chunk):
        run_update(f"INSERT DATA {{ GRAPH <{staging}> {{\n" + "\n".join(part) + "\n} }")
        requests += 1
    staged = count(staging)
    if staged != len(lines):
        raise PublishError(f"the store holds {staged} triples in <{staging}>, {len(lines)} were sent")
    run_update(f"MOVE SILENT GRAPH <{staging}> TO <{graph}>")
    final = count(graph)
    if final != len(lines):
        raise PublishError(f"the store holds {final} triples in <{graph}> after the move, "
                           f"{len(lines)} were sent")
    log(f"published {final} triples to <{graph}> at {endpoint} in {requests} requests")
    return Published(graph, final, requests)
