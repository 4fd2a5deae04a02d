"""pyoxigraph, the query engine: loading graphs into a store and answering one query.

rdflib stays the modelling library; SPARQL runs on pyoxigraph, which answers the queries on a
graph of this size 30-80 times faster. pyoxigraph's ``SyntaxError`` and ``OSError`` are turned
into vvgraph's errors here and nowhere else.

Three things pyoxigraph does not do for a public endpoint are done here: it calls any
``SERVICE`` IRI over HTTP (so every ``SERVICE`` is checked against an allowlist first), it ignores
``FROM`` when asked for a union default graph (so the union is only asked for queries without a
dataset clause), and it has no result size limit (so answers are counted and capped).
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, cast

import pyoxigraph as ox

from ._exceptions import QueryError, StoreError

Source = tuple[str | None, Path]
"""A file to load and the named graph to load it into; ``None`` keeps the graphs a quad file
(N-Quads, TriG) names itself."""

SOLUTION_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
# Fewest bytes one solution takes in each format ("\n" in TSV, "\r\n" in CSV, "{}," in JSON,
# "<result></result>" in XML): an answer shorter than limit * this cannot be over the limit,
# so only long answers are counted.
_MIN_ROW_BYTES = {"application/sparql-results+json": 3, "application/sparql-results+xml": 17,
                  "text/csv": 2, "text/tab-separated-values": 1}


class ServiceNotAllowed(QueryError):
    """The query calls a ``SERVICE`` that is not in the allowlist (or one it cannot check)."""


class ServiceFailed(StoreError):
    """An allowed ``SERVICE`` endpoint could not be reached or gave a bad answer."""


class ResultTooLarge(StoreError):
    """The answer has more rows or triples (or bytes) than the endpoint hands out at once."""


# -- Loading -------------------------------------------------------------------------------------

def load_store(sources: Iterable[Source], store: ox.Store | None = None) -> ox.Store:
    """Load every source into ``store`` (a new in-memory store by default).

    The format follows the file extension (``.nt``, ``.nq``, ``.ttl``, ``.trig``, ``.jsonld``,
    ``.rdf``...); a triple format needs a graph IRI.

    :raises StoreError: if a file is missing, unreadable, of an unknown kind or not valid RDF.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.nt").write_text("<http://a> <http://b> <http://c> .\\n")
    >>> len(load_store([("http://g", d / "a.nt")]))
    1
    >>> load_store([("http://g", d / "missing.nt")])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    vvgraph._exceptions.StoreError: cannot load .../missing.nt: ...
    """
    store = ox.Store() if store is None else store
    for graph, path in sources:
        path = Path(path)
        fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".").lower())
        if fmt is None:
            raise StoreError(f"cannot load {path}: unknown RDF file extension {path.suffix!r}")
        if graph is None and not fmt.supports_datasets:
            raise StoreError(f"cannot load {path}: a {fmt.name} file needs a graph IRI (IRI=FILE)")
        try:
            target = None if graph is None else ox.NamedNode(graph)
            store.load(path=path, format=fmt, to_graph=target)
        except (SyntaxError, OSError, ValueError) as e:
            raise StoreError(f"cannot load {path}: {e}") from e
    return store


@dataclass(frozen=True, slots=True)
class GraphInfo:
    """A named graph of the dataset and its size, for the service description (VoID)."""

    iri: str
    triples: int


@dataclass(frozen=True, slots=True)
class LoadedDataset:
    """The graphs an endpoint answers from: an in-process store, where its data came from (so
    query workers can load the same), and what changes only when the data does (for caching)."""

    store: ox.Store
    sources: tuple[Source, ...]
    graphs: tuple[GraphInfo, ...]
    version: str            # hash of the loaded files: the data's ETag
    modified: datetime      # newest file time: the data's Last-Modified

    @property
    def triples(self) -> int:
        """Size of the union default graph, counted once per graph as VoID does."""
        return sum(g.triples for g in self.graphs)


def load_dataset(sources: Sequence[Source]) -> LoadedDataset:
    """Load ``sources`` and describe them.

    :raises StoreError: as :func:`load_store`.
    """
    sources = tuple((g, Path(p)) for g, p in sources)
    store = load_store(sources)
    digest = hashlib.sha256()
    newest = 0.0
    for graph, path in sources:
        digest.update(f"{graph}\0".encode())
        try:
            digest.update(path.read_bytes())
            newest = max(newest, path.stat().st_mtime)
        except OSError as e:  # pragma: no cover - the file was just loaded
            raise StoreError(f"cannot read {path}: {e}") from e
    counts: dict[str, int] = {}
    for quad in store.quads_for_pattern(None, None, None, None):
        if isinstance(quad.graph_name, ox.NamedNode):
            counts[quad.graph_name.value] = counts.get(quad.graph_name.value, 0) + 1
    return LoadedDataset(
        store=store, sources=sources,
        graphs=tuple(GraphInfo(iri, n) for iri, n in sorted(counts.items())),
        version=digest.hexdigest()[:20],
        modified=datetime.fromtimestamp(int(newest), tz=timezone.utc))


# -- Reading query text without running it ---------------------------------------------------------

_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# Strings, IRIs and comments, in the order a SPARQL lexer meets them; what is left is keywords,
# variables, prefixed names and punctuation.
_OPAQUE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n\r]|\\.)*"|\'(?:[^\'\\\n\r]|\\.)*\''
    r'|<[^<>"{}|^`\\\s]*>|#[^\n\r]*', re.DOTALL)
_PROLOGUE_AND_FORM = re.compile(
    r"\s*(?:(?:BASE|PREFIX\s+[^\s:]*:)\s*)*([A-Za-z]+)", re.IGNORECASE)
# The keyword, not a variable (?from, $from) or a prefixed name (ex:from, from:x) spelt alike.
_DATASET_CLAUSE = re.compile(r"(?<![?$:\w-])FROM(?![\w:-])", re.IGNORECASE)
_SERVICE = re.compile(r"service", re.IGNORECASE)

QUERY_FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})
UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY",
                             "MOVE", "ADD", "WITH"})


def unescape_codepoints(text: str) -> str:
    r"""Apply SPARQL's ``\u``/``\U`` escapes, which the grammar reads before anything else
    (``\u0053ERVICE`` is the keyword SERVICE).

    >>> unescape_codepoints(r"\u0053ERVICE")
    'SERVICE'
    """
    if "\\u" not in text and "\\U" not in text:
        return text
    return _CODEPOINT.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def _bare(text: str) -> str:
    return _OPAQUE.sub(" ", unescape_codepoints(text))


def operation_keyword(text: str) -> str | None:
    """The keyword that starts a SPARQL operation after its prologue, upper-cased: the query form
    (``SELECT``, ``ASK``...) or an update's first keyword (``INSERT``, ``CLEAR``...).

    Lexical, so cheap enough for every request; the parser still has the last word.

    >>> operation_keyword("PREFIX ex: <http://e/> # SELECT\\n ask { ?s ex:p 'x' }")
    'ASK'
    >>> operation_keyword("BASE <http://e/> CLEAR ALL")
    'CLEAR'
    >>> operation_keyword("{") is None
    True
    """
    match = _PROLOGUE_AND_FORM.match(_bare(text))
    return match.group(1).upper() if match else None


def declares_dataset(query: str) -> bool:
    """Whether the query has a ``FROM`` or ``FROM NAMED`` clause.

    >>> declares_dataset('SELECT * FROM <http://g> { ?s ?p "FROM" }')
    True
    >>> declares_dataset('SELECT * { ?s ?p "FROM" } # FROM')
    False
    >>> declares_dataset('SELECT ?from { ?from ex:from $from }')
    False
    """
    return bool(_DATASET_CLAUSE.search(_bare(query)))


def calls_service(query: str) -> bool:
    """Whether the text could contain a ``SERVICE`` call (a cheap over-approximation)."""
    return bool(_SERVICE.search(unescape_codepoints(query)))


@functools.lru_cache(maxsize=256)
def service_iris(query: str) -> tuple[str | None, ...]:
    """The IRIs of every ``SERVICE`` the query calls, ``None`` for a ``SERVICE ?variable``.

    Uses rdflib's SPARQL parser, since pyoxigraph does not expose its algebra, and only when the
    text mentions "service" at all, since it takes milliseconds (tens for a long query: the
    answers are kept for queries that come again, as the examples of the query page do).

    :raises ServiceNotAllowed: if the query mentions SERVICE but rdflib cannot parse it, so its
        calls cannot be checked.

    >>> service_iris('PREFIX t: <https://t.example/> SELECT * { SERVICE t:sparql { ?s ?p ?o } }')
    ('https://t.example/sparql',)
    >>> service_iris('SELECT * { ?s ?p "service" }')
    ()
    """
    if not calls_service(query):
        return ()
    from rdflib.plugins.sparql.algebra import translateQuery, traverse
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.term import URIRef

    try:
        algebra = translateQuery(parseQuery(query)).algebra
    except Exception as e:  # rdflib raises pyparsing's and its own errors
        raise ServiceNotAllowed(f"the query mentions SERVICE, but its calls could not be checked "
                                f"({type(e).__name__}: {e})") from e
    found: list[str | None] = []

    def visit(node: object) -> None:
        if getattr(node, "name", None) == "ServiceGraphPattern":
            term = getattr(node, "term", None)
            found.append(str(term) if isinstance(term, URIRef) else None)

    traverse(algebra, visitPre=visit)
    return tuple(found)


def check_services(query: str, allowlist: Sequence[str]) -> bool:
    """Refuse a query that would make the server call an endpoint outside ``allowlist``.

    :returns: whether the query calls any (allowed) service.
    :raises ServiceNotAllowed: for a SERVICE outside the allowlist or named by a variable.
    """
    iris = service_iris(query)
    for iri in iris:
        if iri is None:
            raise ServiceNotAllowed("SERVICE with a variable is not allowed: this endpoint only "
                                    "calls the services it lists: " + ", ".join(allowlist))
        if iri not in allowlist:
            raise ServiceNotAllowed(f"SERVICE <{iri}> is not allowed: this endpoint only calls "
                                    + (", ".join(allowlist) or "no services"))
    return bool(iris)


# -- Answering -------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class QueryJob:
    """One query with its protocol dataset and the answer format the client accepts.

    ``default_graphs``/``named_graphs`` are ``None`` unless the request named them; then the
    default graph is the union of all graphs (unless the query has its own ``FROM``).
    ``media_type`` is the format for the answer's kind, chosen before running (from the query
    form); the other kind's default is used if the guess was wrong.
    """

    query: str
    media_type: str
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    base_iri: str | None = None
    max_results: int = 100_000
    max_bytes: int = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Answer:
    """A serialized query answer."""

    media_type: str
    body: bytes
    count: int | None   # rows or triples when counted; None when short enough not to need it


class _CappedBuffer:
    """A write target that stops the serializer once the answer is over ``limit`` bytes, so a
    huge answer is abandoned instead of filling the worker's memory."""

    def __init__(self, limit: int) -> None:
        self._parts: list[bytes] = []
        self._size = 0
        self._limit = limit

    def write(self, data: bytes) -> int:
        self._size += len(data)
        if self._size > self._limit:
            raise ResultTooLarge(f"the answer is over {self._limit // (1024 * 1024)} MiB; "
                                 "ask for less (LIMIT/OFFSET, fewer variables)")
        self._parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        """pyoxigraph flushes its writer at the end."""

    def getvalue(self) -> bytes:
        return b"".join(self._parts)


def count_solutions(body: bytes, media_type: str) -> int:
    """Count the solutions in a serialized SELECT answer (exactly, whatever the values hold).

    >>> count_solutions(b'?a\\n"x\\\\ny"\\n<http://z>\\n', "text/tab-separated-values")
    2
    >>> count_solutions(b'a\\r\\n"x\\r\\ny"\\r\\n', "text/csv")
    1
    """
    if media_type == "text/tab-separated-values":   # newlines in values are escaped
        return body.count(b"\n") - 1
    if media_type == "application/sparql-results+xml":  # "<" in values is escaped
        return body.count(b"<result>") + body.count(b"<result/>")
    if media_type == "text/csv":
        return sum(1 for _ in csv.reader(io.StringIO(body.decode("utf-8"), newline=""))) - 1
    return len(json.loads(body)["results"]["bindings"])


def _capped_triples(triples: Iterator[ox.Triple], limit: int) -> Iterator[ox.Triple]:
    for n, triple in enumerate(triples, 1):
        if n > limit:
            raise ResultTooLarge(f"the answer has more than {limit} triples; ask for less")
        yield triple


def _dataset_options(job: QueryJob) -> dict[str, object]:
    if job.default_graphs is None and job.named_graphs is None:
        # pyoxigraph's union flag would override the query's own FROM clauses.
        return {} if declares_dataset(job.query) else {"use_default_graph_as_union": True}
    try:
        return {"default_graph": [ox.NamedNode(g) for g in job.default_graphs or ()],
                "named_graphs": [ox.NamedNode(g) for g in job.named_graphs or ()]}
    except ValueError as e:
        raise QueryError(f"invalid graph IRI in default-graph-uri/named-graph-uri: {e}") from e


_POSITION = re.compile(r"error at (\d+):(\d+)")


def _query_error(error: SyntaxError) -> QueryError:
    message = str(error)
    match = _POSITION.search(message)
    if match:
        return QueryError(f"syntax error: {message}", line=int(match.group(1)),
                          column=int(match.group(2)))
    return QueryError(f"syntax error: {message}")


def run_query(store: ox.Store, job: QueryJob, allowlist: Sequence[str] = ()) -> Answer:
    """Run ``job`` on ``store`` and serialize its answer.

    :raises QueryError: if the query is not valid SPARQL 1.1.
    :raises ServiceNotAllowed: if it calls a SERVICE outside ``allowlist``.
    :raises ServiceFailed: if an allowed SERVICE fails.
    :raises ResultTooLarge: if the answer has more than ``job.max_results`` rows or triples.
    :raises StoreError: if the store cannot be read.

    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("http://s"), ox.NamedNode("http://p"), ox.Literal("o"),
    ...                   ox.NamedNode("http://g")))
    >>> run_query(store, QueryJob("ASK { ?s ?p 'o' }", "application/sparql-results+json")).body
    b'{"head":{},"boolean":true}'
    """
    uses_service = check_services(job.query, allowlist)
    options = _dataset_options(job)
    try:
        result = store.query(job.query, base_iri=job.base_iri, **options)  # type: ignore[arg-type]
        buffer = _CappedBuffer(job.max_bytes)
        sink = cast(IO[bytes], buffer)  # pyoxigraph only calls write() and flush()
        if isinstance(result, ox.QueryTriples):
            media_type = job.media_type if job.media_type in GRAPH_FORMATS else "text/turtle"
            ox.serialize(_capped_triples(result, job.max_results), sink,
                         GRAPH_FORMATS[media_type])
            return Answer(media_type, buffer.getvalue(), None)
        media_type = (job.media_type if job.media_type in SOLUTION_FORMATS
                      else "application/sparql-results+json")
        result.serialize(sink, SOLUTION_FORMATS[media_type])
    except SyntaxError as e:
        raise _query_error(e) from e
    except OSError as e:
        if uses_service:
            raise ServiceFailed(f"a SERVICE call failed: {e}") from e
        raise StoreError(f"the store could not answer: {e}") from e
    body = buffer.getvalue()
    if isinstance(result, ox.QueryBoolean) or len(body) < _MIN_ROW_BYTES[media_type] * (
            job.max_results + 1):
        return Answer(media_type, body, None)
    count = count_solutions(body, media_type)
    if count > job.max_results:
        raise ResultTooLarge(f"the answer has {count} rows, more than the {job.max_results} "
                             "this endpoint returns at once; use LIMIT and OFFSET")
    return Answer(media_type, body, count)
