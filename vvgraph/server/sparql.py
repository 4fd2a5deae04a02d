"""The SPARQL 1.1 Protocol endpoint at ``/sparql``: queries only, read-only, with limits.

One handler reads the request into an operation following the protocol to the letter (each way of
getting it wrong has its own 4xx answer, which is what the W3C tests check), chooses the answer
format before running anything (so a 406 or a 304 costs no query) and hands the query to a
worker. A GET without a query gets the service description, or the query page in a browser.
"""

from __future__ import annotations

import hashlib
import html
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path
from typing import Protocol
from urllib.parse import parse_qsl, quote

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from ..config import Settings
from ..store import (
    GRAPH_FORMATS,
    QUERY_FORMS,
    SOLUTION_FORMATS,
    UPDATE_KEYWORDS,
    LoadedDataset,
    QueryJob,
    calls_service,
    operation_keyword,
)
from .negotiation import negotiate, split_media_type
from .service_description import endpoint_url, service_description
from .answers import AnswerCache
from .errors import HttpError
from .fairness import ClientGate, FairShare
from .guard import QueryLimits, check_query
from .workers import WorkerPool

PATHS = ("/sparql", "/sparql/")
YASGUI_PATH = "/sparql-ui"
FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"
READ_ONLY = "this SPARQL endpoint is read-only: it answers queries, never updates"

# What a client may ask for, canonical types first (they win a tie such as */*), then the names
# clients also use for them; an alias is answered in the canonical type.
SOLUTION_OFFERS = {**{t: t for t in SOLUTION_FORMATS},
                   "application/json": "application/sparql-results+json",
                   "application/xml": "application/sparql-results+xml",
                   "text/xml": "application/sparql-results+xml"}
GRAPH_OFFERS = {**{t: t for t in GRAPH_FORMATS},
                "application/x-turtle": "text/turtle",
                "text/plain": "application/n-triples",
                "application/x-json+ld": "application/ld+json",
                "application/json": "application/ld+json",
                "application/xml": "application/rdf+xml",
                "text/xml": "application/rdf+xml"}
# ``format=``/``output=`` words (Virtuoso's, SPARQLWrapper's, YASGUI's): (for SELECT/ASK, for
# CONSTRUCT/DESCRIBE).
FORMAT_WORDS: dict[str, tuple[str | None, str | None]] = {
    "json": ("application/sparql-results+json", "application/ld+json"),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "csv": ("text/csv", None),
    "tsv": ("text/tab-separated-values", None),
    "turtle": (None, "text/turtle"), "ttl": (None, "text/turtle"), "n3": (None, "text/turtle"),
    "nt": (None, "application/n-triples"), "ntriples": (None, "application/n-triples"),
    "n-triples": (None, "application/n-triples"),
    "json-ld": (None, "application/ld+json"), "jsonld": (None, "application/ld+json"),
    "rdf": (None, "application/rdf+xml"), "rdf+xml": (None, "application/rdf+xml"),
    "rdfxml": (None, "application/rdf+xml"),
}


class ProtocolError(HttpError):
    """A request the SPARQL Protocol does not allow; ``status`` is its HTTP answer."""


class ReadOnly(ProtocolError):
    """An update, however it was sent."""

    status = 403


class MethodNotAllowed(ProtocolError):
    """A method other than GET, HEAD, POST or OPTIONS."""

    status = 405


class NotAcceptable(ProtocolError):
    """No format the client accepts fits the answer; the message lists the ones that do."""

    status = 406


class BodyTooLarge(ProtocolError):
    status = 413


class UnsupportedMediaType(ProtocolError):
    """A POST body that is neither a form nor a SPARQL query (or not UTF-8)."""

    status = 415


@dataclass(frozen=True, slots=True)
class Operation:
    """What a protocol request asks: a query (``None``: just the endpoint) and its dataset."""

    query: str | None
    default_graphs: tuple[str, ...] | None
    named_graphs: tuple[str, ...] | None
    formats: tuple[str, ...]


# -- Reading the request ---------------------------------------------------------------------------

def _params(text: str) -> list[tuple[str, str]]:
    try:
        return parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise ProtocolError("the parameters are not percent-encoded UTF-8") from None


def _get_all(params: Sequence[tuple[str, str]], name: str) -> list[str]:
    return [value for key, value in params if key == name]


def _refuse_updates(params: Sequence[tuple[str, str]]) -> None:
    if any(key in ("update", "using-graph-uri", "using-named-graph-uri") for key, _ in params):
        raise ReadOnly(READ_ONLY)


def _looks_like_update(text: str) -> bool:
    """Whether an untyped body is an update, direct or as a form (to say "read-only" rather
    than "wrong media type" to someone who tried to write)."""
    try:
        if operation_keyword(text) in UPDATE_KEYWORDS:
            return True
    except (ValueError, OverflowError):   # an escape naming no character: not an update either
        return False
    try:
        return any(key == "update" for key, _ in parse_qsl(text, keep_blank_values=True))
    except ValueError:
        return False


async def _body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge(f"the request body is over the limit of {limit} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge(f"the request body is over the limit of {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _utf8(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ProtocolError(f"the query is not valid UTF-8 (byte {e.start})") from None


def _charset_is_utf8(params: frozenset[tuple[str, str]]) -> bool:
    return all(value in ("utf-8", "utf8", "us-ascii") for name, value in params
               if name == "charset")


async def read_operation(request: Request, max_body: int) -> Operation:
    """Read a protocol request, refusing what the SPARQL 1.1 Protocol does not allow.

    :raises ProtocolError: with the status that names the mistake.
    """
    url_params = _params(request.scope.get("query_string", b"").decode("latin-1"))
    _refuse_updates(url_params)
    params = url_params
    if request.method == "POST":
        media_type, type_params = split_media_type(request.headers.get("content-type", ""))
        body = await _body(request, max_body)
        if media_type == UPDATE:
            raise ReadOnly(READ_ONLY)
        if media_type == FORM:
            if not _charset_is_utf8(type_params):
                raise UnsupportedMediaType("form data must be UTF-8")
            params = url_params + _params(_utf8(body))
            _refuse_updates(params)
        elif media_type == QUERY:
            if not _charset_is_utf8(type_params):
                raise UnsupportedMediaType(f"a {QUERY} body must be UTF-8, not "
                                           + dict(type_params).get("charset", "?"))
            if _get_all(url_params, "query"):
                raise ProtocolError(f"a {QUERY} request carries its query in the body, "
                                    "not also in the URL")
            params = url_params + [("query", _utf8(body))]
        else:
            if _looks_like_update(body.decode("utf-8", errors="replace")):
                raise ReadOnly(READ_ONLY)
            raise UnsupportedMediaType(
                f"a POST body must be {QUERY} or {FORM}, not "
                + (repr(media_type) if media_type else "untyped (no Content-Type)"))
    elif request.method not in ("GET", "HEAD"):
        raise MethodNotAllowed(f"{READ_ONLY}; send queries with GET or POST, not "
                               f"{request.method}", {"Allow": "GET, HEAD, POST, OPTIONS"})
    queries = _get_all(params, "query")
    if len(queries) > 1:
        raise ProtocolError(f"the request has {len(queries)} queries; send exactly one")
    if request.method == "POST" and not queries:
        raise ProtocolError("the request has no query")
    default_graphs = tuple(_get_all(params, "default-graph-uri"))
    named_graphs = tuple(_get_all(params, "named-graph-uri"))
    dataset_given = bool(default_graphs or named_graphs)
    return Operation(
        query=queries[0] if queries else None,
        default_graphs=default_graphs if dataset_given else None,
        named_graphs=named_graphs if dataset_given else None,
        formats=tuple(_get_all(params, "format") + _get_all(params, "output")))


# -- Choosing the answer's format ------------------------------------------------------------------

def _supported(offers: Mapping[str, str]) -> str:
    return ", ".join(dict.fromkeys(offers.values()))


def answer_type(operation: Operation, keyword: str | None, accept: str | None) -> str:
    """The media type of the answer: from ``format``/``output`` if given, else from ``Accept``.

    :raises NotAcceptable: if the client accepts no format that fits the query form.
    """
    graph = keyword in ("CONSTRUCT", "DESCRIBE")
    offers = GRAPH_OFFERS if graph else SOLUTION_OFFERS
    form = f"{keyword} query" if keyword in QUERY_FORMS else "query"
    if operation.formats:
        for word in operation.formats:
            word = word.strip().lower()
            choice = (negotiate(word, list(offers)) if "/" in word
                      else FORMAT_WORDS.get(word, (None, None))[graph])
            if choice:
                return offers.get(choice, choice)
        raise NotAcceptable(f"format={','.join(operation.formats)} does not fit the answer to "
                            f"this {form}; supported: {_supported(offers)}")
    choice = negotiate(accept, list(offers))
    if choice is None:
        raise NotAcceptable(f"no format in 'Accept: {accept}' fits the answer to this {form}; "
                            f"supported: {_supported(offers)}")
    return offers[choice]


def content_type(media_type: str) -> str:
    """The Content-Type header for ``media_type``: text types say their charset."""
    return f"{media_type}; charset=utf-8" if media_type.startswith("text/") else media_type


# -- Caching ---------------------------------------------------------------------------------------

def _etag_matches(header: str, etag: str) -> bool:
    """Weak comparison (RFC 9110 8.8.3.2), as If-None-Match asks."""
    opaque = etag.removeprefix("W/")
    return any(tag.strip() == "*" or tag.strip().removeprefix("W/") == opaque
               for tag in header.split(","))


def not_modified(request: Request, etag: str, dataset: LoadedDataset) -> bool:
    """Whether a conditional GET may be answered 304 (If-None-Match wins over
    If-Modified-Since, RFC 9110 13.2.2)."""
    if request.method not in ("GET", "HEAD"):
        return False
    if (tags := request.headers.get("if-none-match")) is not None:
        return _etag_matches(tags, etag)
    if (since := request.headers.get("if-modified-since")) is not None:
        try:
            return dataset.modified <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
    return False


def cache_headers(etag: str, dataset: LoadedDataset) -> dict[str, str]:
    """Caching headers of an answer that changes only when the data does (a new build)."""
    return {"ETag": etag, "Last-Modified": format_datetime(dataset.modified, usegmt=True),
            "Cache-Control": "public, no-cache", "Vary": "Accept"}


def _etag(dataset: LoadedDataset, *parts: object) -> str:
    digest = hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()[:16]
    return f'W/"{dataset.version}-{digest}"'


# -- The query page --------------------------------------------------------------------------------

def yasgui_dir(settings: Settings) -> Path | None:
    """The YASGUI build installed from npm at setup (``make install``), if it is there."""
    root = Path(settings.vendor_dir)
    folder = root / "@triply" / "yasgui" / "build"
    return folder if (folder / "yasgui.min.js").is_file() else None


def examples(settings: Settings) -> list[tuple[str, str]]:
    """The example queries of ``queries/``: (name, text), in file name order."""
    folder = Path(settings.queries_dir)
    if not folder.is_dir():
        return []
    return [(path.stem, path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.rq"))]


_DEFAULT_QUERY = "SELECT * WHERE {\n  ?s ?p ?o\n} LIMIT 10"
_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SPARQL endpoint</title>
{head}
<style>
body {{ font-family: system-ui, sans-serif; margin: 1rem 2rem; }}
textarea {{ width: 100%; font-family: monospace; }}
</style>
</head>
<body>
<h1>SPARQL endpoint</h1>
<p>Query this graph at <code>{endpoint}</code> with any SPARQL 1.1 client (GET or POST, read-only).
The <a href="{sd_link}">service description</a> lists its graphs and formats.</p>
<div id="yasgui"></div>
<form id="plain" method="get" action="{action}">
<p>Examples:
{example_links}</p>
<p><textarea id="query" name="query" rows="18" spellcheck="false">{first}</textarea></p>
<p><label for="format">Answer as</label>
<select id="format" name="format">
<option value="json">SPARQL JSON (SELECT/ASK) or JSON-LD</option>
<option value="xml">SPARQL XML (SELECT/ASK) or RDF/XML</option>
<option value="csv">CSV (SELECT)</option>
<option value="tsv">TSV (SELECT)</option>
<option value="turtle">Turtle (CONSTRUCT/DESCRIBE)</option>
<option value="nt">N-Triples (CONSTRUCT/DESCRIBE)</option>
</select>
<button type="submit">Run query</button></p>
</form>
{script}
</body>
</html>
"""

_SCRIPT = """<script src="{base}/yasgui.min.js"></script>
<script>
(function () {{
  var examples = {examples};
  document.getElementById("plain").hidden = true;
  var yasgui = new Yasgui(document.getElementById("yasgui"), {{
    requestConfig: {{ endpoint: {endpoint}, method: "POST" }},
    copyEndpointOnNewTab: false,
    persistenceId: null,
    populateFromUrl: false,
    autoAddOnInit: examples.length === 0
  }});
  examples.forEach(function (example, i) {{
    yasgui.addTab(i === 0, {{ name: example[0], yasqe: {{ value: example[1] }} }});
  }});
}})();
</script>"""


def query_page(settings: Settings, endpoint: str, assets: Path | None) -> str:
    """The HTML query editor: YASGUI when its ``assets`` were installed, else a plain form that
    works without JavaScript. Both start with the examples from ``queries/``."""
    queries = examples(settings)
    links = " ".join(
        f'<a href="?query={quote(text)}&amp;format=json" title="{html.escape(text)}">'
        f"{html.escape(name)}</a>" for name, text in queries)
    head = script = ""
    if assets is not None:
        head = f'<link rel="stylesheet" href="{YASGUI_PATH}/yasgui.min.css">'
        data = json.dumps(queries).replace("</", "<\\/")
        script = _SCRIPT.format(base=YASGUI_PATH, examples=data,
                                endpoint=json.dumps(endpoint).replace("</", "<\\/"))
    return _PAGE.format(head=head, script=script, endpoint=html.escape(endpoint),
                        sd_link="?format=turtle", action=html.escape(endpoint),
                        example_links=links or "(none)",
                        first=html.escape(queries[0][1] if queries else _DEFAULT_QUERY))


# -- Answers for people ---------------------------------------------------------------------------

class PeoplePages(Protocol):
    """Lays out the query page and answers as HTML (:class:`vvgraph.server.pages.QueryPages`)."""

    def form(self, request: Request, endpoint_path: str) -> str: ...

    def answer(self, request: Request, endpoint_path: str, query: str, keyword: str,
               body: bytes) -> str: ...


# What the worker answers when a person asked for HTML: (SELECT/ASK, CONSTRUCT/DESCRIBE).
HTML_SOURCE = ("application/sparql-results+json", "application/n-triples")


def wants_html(operation: Operation, accept: str | None) -> bool:
    """Whether a query's answer should be a page: ``format=html``, or a browser's ``Accept``
    that prefers HTML to every answer format (``*/*`` alone never does).

    >>> op = Operation("ASK {}", None, None, ())
    >>> wants_html(op, "text/html,application/xhtml+xml,*/*;q=0.8"), wants_html(op, "*/*")
    (True, False)
    """
    if operation.formats:
        return [w.strip().lower() for w in operation.formats] == ["html"]
    offers = [*SOLUTION_OFFERS, *GRAPH_OFFERS, "text/html"]
    return negotiate(accept, offers) == "text/html"


# -- The route -------------------------------------------------------------------------------------

SD_OFFERS = {**GRAPH_OFFERS, "text/html": "text/html"}


def create_router(settings: Settings, dataset: LoadedDataset, pool: WorkerPool,
                  people: PeoplePages | None = None) -> APIRouter:
    """The ``/sparql`` routes, answering from ``dataset`` through ``pool``; ``people`` lays
    out the query page and HTML answers for browsers (else the plain form, and 406)."""
    router = APIRouter()
    allowlist = tuple(settings.service_allowlist)
    max_bytes = settings.max_result_bytes
    assets = yasgui_dir(settings)
    answers = AnswerCache(settings.answer_cache_bytes)
    limits = QueryLimits(settings.max_query_chars, settings.max_query_depth)
    gate = ClientGate(FairShare(settings.client_concurrency, settings.client_failures,
                                settings.client_window), lambda: pool.idle)

    def describe(request: Request, operation: Operation) -> Response:
        endpoint = endpoint_url(request)
        if operation.formats:   # a format word or type names an RDF format, as for DESCRIBE
            media_type = answer_type(operation, "DESCRIBE", None)
        else:
            choice = negotiate(request.headers.get("accept"), list(SD_OFFERS))
            if choice is None:
                raise NotAcceptable("the service description is available as "
                                    + _supported(SD_OFFERS))
            media_type = SD_OFFERS[choice]
        # The page changes with the example queries too, so its tag is that of its text.
        page = None if media_type != "text/html" else (
            people.form(request, request.url.path) if people is not None
            else query_page(settings, endpoint, assets))
        etag = _etag(dataset, endpoint, media_type, allowlist, page)
        headers = cache_headers(etag, dataset)
        if not_modified(request, etag, dataset):
            return Response(status_code=304, headers=headers)
        if page is not None:
            return HTMLResponse(page, headers=headers)
        body = service_description(endpoint, dataset, allowlist, media_type)
        return Response(body, media_type=content_type(media_type), headers=headers)

    async def sparql(request: Request) -> Response:
        operation = await read_operation(request, settings.max_body)
        if operation.query is None:
            return describe(request, operation)
        check_query(operation.query, limits)   # before anything parses it
        keyword = operation_keyword(operation.query)
        if keyword in UPDATE_KEYWORDS:
            raise ReadOnly(READ_ONLY)
        as_html = people is not None and keyword in QUERY_FORMS and wants_html(
            operation, request.headers.get("accept"))
        media_type = (HTML_SOURCE[keyword in ("CONSTRUCT", "DESCRIBE")] if as_html
                      else answer_type(operation, keyword, request.headers.get("accept")))
        etag = _etag(dataset, operation.query, operation.default_graphs,
                     operation.named_graphs, media_type, *(["text/html"] if as_html else []))
        headers = cache_headers(etag, dataset)
        if not_modified(request, etag, dataset):
            return Response(status_code=304, headers=headers)
        timeout = settings.query_timeout
        if calls_service(operation.query):
            # pyoxigraph has no timeout of its own for SERVICE calls: the worker's is used.
            timeout = min(timeout, settings.service_timeout)
        answer = answers.get(etag)
        headers["X-Cache"] = "hit" if answer is not None else "miss"
        if answer is None:
            job = QueryJob(operation.query, media_type, operation.default_graphs,
                           operation.named_graphs, base_iri=settings.base,
                           max_results=settings.max_results, max_bytes=max_bytes)
            async with gate.admit(request.client.host if request.client else "?"):
                answer = await pool.run(job, timeout)
            answers.put(etag, answer)
        if request.method == "POST":
            headers = {"Vary": "Accept", "X-Cache": headers["X-Cache"]}
        if as_html and people is not None:
            return HTMLResponse(people.answer(request, request.url.path, operation.query, keyword,
                                              answer.body), headers={**headers, "Vary": "Accept"})
        return Response(answer.body, media_type=content_type(answer.media_type), headers=headers)

    async def options(request: Request) -> Response:
        return Response(status_code=204, headers={"Allow": "GET, HEAD, POST, OPTIONS"})

    # Plain Starlette routes: the handler reads the request itself, and FastAPI's parameter
    # machinery would only add latency to every query.
    for path in PATHS:
        router.add_route(path, sparql, methods=["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"],
                         include_in_schema=False)
        router.add_route(path, options, methods=["OPTIONS"], include_in_schema=False)
    return router

