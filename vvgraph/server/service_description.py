"""The SPARQL 1.1 Service Description of the endpoint, with VoID counts of its graphs.

Clients (and the W3C tests) read it to learn where to send queries, what the endpoint speaks and
which graphs it holds. ``sd:endpoint`` must be the URL clients use, which behind a reverse proxy is
not the one the server sees: ``X-Forwarded-Proto``, ``-Host``, ``-Port`` and ``-Prefix`` say it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pyoxigraph as ox
from starlette.requests import Request

from ..namespaces import RDF, RDFS, SD, VOID
from ..store import GRAPH_FORMATS, SOLUTION_FORMATS, LoadedDataset

FORMATS = "http://www.w3.org/ns/formats/"
# W3C's IRIs for the formats the endpoint writes (https://www.w3.org/ns/formats/).
FORMAT_IRIS = {
    "application/sparql-results+json": FORMATS + "SPARQL_Results_JSON",
    "application/sparql-results+xml": FORMATS + "SPARQL_Results_XML",
    "text/csv": FORMATS + "SPARQL_Results_CSV",
    "text/tab-separated-values": FORMATS + "SPARQL_Results_TSV",
    "text/turtle": FORMATS + "Turtle",
    "application/n-triples": FORMATS + "N-Triples",
    "application/ld+json": FORMATS + "JSON-LD",
    "application/rdf+xml": FORMATS + "RDF_XML",
}
PREFIXES = {"sd": str(SD), "void": str(VOID), "formats": FORMATS, "rdfs": str(RDFS)}


def _first(value: str | None) -> str | None:
    """The client-side value of a header a chain of proxies may have appended to."""
    if not value:
        return None
    return value.split(",")[0].strip() or None


def endpoint_url(request: Request) -> str:
    """The absolute URL a client used to reach this request's path, as seen before any proxy.

    >>> from starlette.requests import Request
    >>> scope = {"type": "http", "scheme": "http", "server": ("127.0.0.1", 8000),
    ...          "path": "/sparql", "query_string": b"", "root_path": "",
    ...          "headers": [(b"host", b"127.0.0.1:8000"), (b"x-forwarded-proto", b"https"),
    ...                      (b"x-forwarded-host", b"data.example.org"),
    ...                      (b"x-forwarded-prefix", b"/veerkracht")]}
    >>> endpoint_url(Request(scope))
    'https://data.example.org/veerkracht/sparql'
    """
    headers = request.headers
    scheme = _first(headers.get("x-forwarded-proto")) or request.url.scheme
    host = _first(headers.get("x-forwarded-host")) or headers.get("host") or request.url.netloc
    port = _first(headers.get("x-forwarded-port"))
    if port and ":" not in host.rsplit("]", 1)[-1] and port != {"http": "80", "https": "443"}.get(
            scheme):
        host = f"{host}:{port}"
    prefix = (_first(headers.get("x-forwarded-prefix")) or "").rstrip("/")
    return f"{scheme}://{host}{prefix}{request.url.path}"


def _triples(endpoint: str, dataset: LoadedDataset,
             allowlist: Sequence[str]) -> Iterator[ox.Triple]:
    def iri(value: object) -> ox.NamedNode:
        return ox.NamedNode(str(value))

    def count(node: ox.BlankNode, n: int) -> ox.Triple:
        return ox.Triple(node, iri(VOID.triples), ox.Literal(str(n), datatype=iri(
            "http://www.w3.org/2001/XMLSchema#integer")))

    a = iri(RDF.type)
    service = ox.NamedNode(endpoint)
    yield ox.Triple(service, a, iri(SD.Service))
    yield ox.Triple(service, iri(SD.endpoint), service)
    yield ox.Triple(service, iri(SD.supportedLanguage), iri(SD.SPARQL11Query))
    for media_type in (*SOLUTION_FORMATS, *GRAPH_FORMATS):
        yield ox.Triple(service, iri(SD.resultFormat), iri(FORMAT_IRIS[media_type]))
    yield ox.Triple(service, iri(SD.feature), iri(SD.UnionDefaultGraph))
    if allowlist:
        yield ox.Triple(service, iri(SD.feature), iri(SD.BasicFederatedQuery))
    note = ("Read-only. The default graph is the union of all named graphs. "
            + ("SERVICE calls only to: " + ", ".join(allowlist) if allowlist
               else "No SERVICE calls."))
    yield ox.Triple(service, iri(RDFS.comment), ox.Literal(note, language="en"))
    data, default = ox.BlankNode(), ox.BlankNode()
    yield ox.Triple(service, iri(SD.defaultDataset), data)
    yield ox.Triple(data, a, iri(SD.Dataset))
    yield ox.Triple(data, iri(SD.defaultGraph), default)
    yield ox.Triple(default, a, iri(SD.Graph))
    yield count(default, dataset.triples)
    for graph in dataset.graphs:
        named, description = ox.BlankNode(), ox.BlankNode()
        yield ox.Triple(data, iri(SD.namedGraph), named)
        yield ox.Triple(named, a, iri(SD.NamedGraph))
        yield ox.Triple(named, iri(SD.name), ox.NamedNode(graph.iri))
        yield ox.Triple(named, iri(SD.graph), description)
        yield ox.Triple(description, a, iri(SD.Graph))
        yield count(description, graph.triples)


def service_description(endpoint: str, dataset: LoadedDataset, allowlist: Sequence[str],
                        media_type: str) -> bytes:
    """The service description of ``endpoint`` in ``media_type`` (one of ``GRAPH_FORMATS``)."""
    body = ox.serialize(_triples(endpoint, dataset, allowlist), format=GRAPH_FORMATS[media_type],
                        prefixes=PREFIXES)
    assert body is not None  # no output file given: the bytes are returned
    return body
