"""A runner for the W3C SPARQL 1.1 Protocol and Service Description manifests (``tests/w3c``).

Each protocol test is a list of HTTP requests with the expected status class, result format and
ASK answer. A 4xx satisfies a negative test whatever caused it (a 404 would do), so the runner
also checks that each negative answer is the specific error: the status and a phrase of the
message this endpoint gives for that mistake. A read-only endpoint refuses the update tests;
the runner reports those as "refused" when the refusal says the endpoint is read-only.

Also a script, to run the manifest against any endpoint (``oxigraph serve`` for comparison)::

    python tests/server/w3c_runner.py http://127.0.0.1:8000/sparql
    python tests/server/w3c_runner.py --any-4xx http://127.0.0.1:7878/query \
        http://127.0.0.1:7878/update
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import httpx
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, XSD

W3C = Path(__file__).resolve().parents[1] / "w3c"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")

RESULT_TYPES = {"application/sparql-results+json", "application/sparql-results+xml",
                "text/csv", "text/tab-separated-values"}
RDF_TYPES = {"text/turtle": "turtle", "application/n-triples": "nt",
             "application/rdf+xml": "xml", "application/ld+json": "json-ld"}

# The specific error this endpoint gives for each negative test: (status, phrase in the message).
READ_ONLY = (403, "read-only")
SPECIFIC_ERRORS: dict[str, tuple[int, str]] = {
    "bad_query_method": (405, "GET or POST"),
    "bad_multiple_queries": (400, "2 queries"),
    "bad_query_wrong_media_type": (415, "not 'text/plain'"),
    "bad_query_missing_form_type": (415, "no Content-Type"),
    "bad_query_missing_direct_type": (415, "no Content-Type"),
    "bad_query_non_utf8": (415, "must be UTF-8"),
    "bad_query_syntax": (400, "error at 1:6"),
    "bad_update_get": READ_ONLY,
    "bad_multiple_updates": READ_ONLY,
    "bad_update_wrong_media_type": READ_ONLY,
    "bad_update_missing_form_type": READ_ONLY,
    "bad_update_non_utf8": READ_ONLY,
    "bad_update_syntax": READ_ONLY,
    "bad_update_dataset_conflict": READ_ONLY,
}


@dataclass(frozen=True)
class ProtocolRequest:
    method: str
    path: str
    headers: tuple[tuple[str, str], ...]
    body: bytes | None
    statuses: frozenset[int]   # acceptable status classes: 2, 3, 4
    format: str | None         # "boolean", "tabular" or "RDF"
    boolean: bool | None


@dataclass(frozen=True)
class ProtocolTest:
    name: str
    title: str
    requests: tuple[ProtocolRequest, ...]

    @property
    def updates(self) -> bool:
        """Whether the test is about the update operation (which a read-only endpoint refuses)."""
        return "update" in self.name


@dataclass(frozen=True)
class Outcome:
    name: str
    verdict: str      # "pass", "refused" (an update, refused as read-only) or "fail"
    detail: str = ""


def _local(node: object) -> str:
    return str(node).rsplit("#", 1)[-1]


def _request(g: Graph, node: object) -> ProtocolRequest:
    headers = []
    if (header_list := g.value(node, HT.headers)) is not None:
        for header in Collection(g, header_list):
            headers.append((str(g.value(header, HT.fieldName)),
                            str(g.value(header, HT.fieldValue))))
    body = None
    if (content := g.value(node, HT.body)) is not None:
        encoding = str(g.value(content, CNT.characterEncoding) or "UTF-8")
        body = str(g.value(content, CNT.chars)).encode(encoding)
    response = g.value(node, HT.resp)
    statuses = frozenset(int(_local(s)[len("StatusCode")]) for s in
                         g.objects(response, MF.expectedStatus))
    fmt = g.value(response, MF.expectedFormat)
    boolean = g.value(response, MF.expectedBoolean)
    return ProtocolRequest(str(g.value(node, HT.methodName)), str(g.value(node, HT.absolutePath)),
                           tuple(headers), body, statuses, None if fmt is None else str(fmt),
                           None if boolean is None else bool(boolean.toPython()))


def protocol_tests(manifest: Path = W3C / "protocol" / "manifest.ttl") -> list[ProtocolTest]:
    """The protocol tests, in manifest order."""
    g = Graph().parse(manifest, format="turtle")
    root = next(g.subjects(RDF.type, MF.Manifest))
    tests = []
    for entry in Collection(g, g.value(root, MF.entries)):
        action = g.value(entry, MF.action)
        requests = Collection(g, g.value(action, HT.requests))
        tests.append(ProtocolTest(_local(entry), str(g.value(entry, MF.name)),
                                  tuple(_request(g, r) for r in requests)))
    return tests


def sd_tests(manifest: Path = W3C / "service-description" / "manifest.ttl") -> list[str]:
    """The names of the service description tests, in manifest order."""
    g = Graph().parse(manifest, format="turtle")
    root = next(g.subjects(RDF.type, MF.Manifest))
    return [_local(e) for e in Collection(g, g.value(root, MF.entries))]


def _media_type(response: httpx.Response) -> str:
    return response.headers.get("content-type", "").split(";")[0].strip().lower()


def parse_boolean(response: httpx.Response) -> bool | None:
    """The boolean of an ASK answer in SPARQL JSON or XML, or None if it is not one."""
    media_type = _media_type(response)
    try:
        if media_type == "application/sparql-results+json":
            value = json.loads(response.content).get("boolean")
            return value if isinstance(value, bool) else None
        if media_type == "application/sparql-results+xml":
            element = ElementTree.fromstring(response.content).find(
                "{http://www.w3.org/2005/sparql-results#}boolean")
            return None if element is None else element.text == "true"
    except (ValueError, ElementTree.ParseError):
        return None
    return None


def _check_format(request: ProtocolRequest, response: httpx.Response) -> str:
    media_type = _media_type(response)
    if request.format == "boolean":
        value = parse_boolean(response)
        if value is None:
            return f"expected a boolean answer, got {media_type}: {response.text[:200]!r}"
        if request.boolean is not None and value != request.boolean:
            return f"expected {request.boolean}, got {value}"
    elif request.format == "tabular":
        if media_type not in RESULT_TYPES:
            return f"expected a results table, got {media_type}"
        if media_type == "application/sparql-results+json" and "results" not in response.json():
            return "expected a SELECT answer in JSON"
    elif request.format == "RDF":
        if media_type not in RDF_TYPES:
            return f"expected RDF, got {media_type}"
        try:
            Graph().parse(data=response.content, format=RDF_TYPES[media_type])
        except Exception as e:  # rdflib raises many kinds
            return f"the RDF does not parse: {e}"
    return ""


def run_protocol_test(client: httpx.Client, endpoint: str, test: ProtocolTest,
                      update_endpoint: str | None = None, specific: bool = True) -> Outcome:
    """Send the test's requests in order to ``endpoint`` (which replaces ``/sparql/``).

    ``specific=False`` accepts any 4xx for a negative test, as the manifest alone does (to
    compare with other servers, whose messages differ).
    """
    error = SPECIFIC_ERRORS.get(test.name) if specific else None
    for number, request in enumerate(test.requests):
        # An update test sends the update first, then queries to check what it did.
        target = update_endpoint if test.updates and update_endpoint and not number else endpoint
        url = target + request.path.removeprefix("/sparql/")
        response = client.request(request.method, url, headers=list(request.headers),
                                  content=request.body)
        status_class = response.status_code // 100
        if test.updates and number == 0 and 4 not in request.statuses:
            # An update an endpoint is meant to carry out: a read-only one refuses it.
            if (response.status_code, True) == (READ_ONLY[0], READ_ONLY[1] in response.text):
                return Outcome(test.name, "refused", response.text.strip())
        if status_class not in request.statuses:
            return Outcome(test.name, "fail", f"request {number + 1}: status "
                           f"{response.status_code}, expected {sorted(request.statuses)}xx: "
                           f"{response.text[:300]!r}")
        if error and status_class == 4:
            status, phrase = error
            if response.status_code != status or phrase not in response.text:
                return Outcome(test.name, "fail", f"a 4xx, but not the specific error "
                               f"({status}, {phrase!r}): {response.status_code} "
                               f"{response.text[:300]!r}")
        if status_class == 2 and (problem := _check_format(request, response)):
            return Outcome(test.name, "fail", f"request {number + 1}: {problem}")
    return Outcome(test.name, "pass")


# -- Service description ---------------------------------------------------------------------------

LANGUAGES = {SD.SPARQL10Query, SD.SPARQL11Query, SD.SPARQL11Update}
FEATURES = {SD.DereferencesURIs, SD.UnionDefaultGraph, SD.RequiresDataset, SD.EmptyGraphs,
            SD.BasicFederatedQuery}


def schema_problems(g: Graph) -> Iterator[str]:
    """Where ``g`` breaks the domains, ranges and classes of the Service Description vocabulary."""
    services = set(g.subjects(RDF.type, SD.Service))
    if not services:
        yield "no sd:Service"
    for service in services:
        for endpoint in g.objects(service, SD.endpoint):
            if not isinstance(endpoint, URIRef):
                yield f"sd:endpoint {endpoint!r} is not an IRI"
        for language in g.objects(service, SD.supportedLanguage):
            if language not in LANGUAGES:
                yield f"sd:supportedLanguage {language} is not an sd:Language"
        for feature in g.objects(service, SD.feature):
            if feature not in FEATURES:
                yield f"sd:feature {feature} is not an sd:Feature"
        for fmt in g.objects(service, SD.resultFormat):
            if not isinstance(fmt, URIRef) or not str(fmt).startswith(
                    "http://www.w3.org/ns/formats/"):
                yield f"sd:resultFormat {fmt} is not a W3C format IRI"
        for data in g.objects(service, SD.defaultDataset):
            if (data, RDF.type, SD.Dataset) not in g:
                yield "the sd:defaultDataset is not an sd:Dataset"
            for graph in g.objects(data, SD.defaultGraph):
                if (graph, RDF.type, SD.Graph) not in g:
                    yield "an sd:defaultGraph is not an sd:Graph"
            for named in g.objects(data, SD.namedGraph):
                if (named, RDF.type, SD.NamedGraph) not in g:
                    yield "an sd:namedGraph is not an sd:NamedGraph"
                names = list(g.objects(named, SD.name))
                if len(names) != 1 or not isinstance(names[0], URIRef):
                    yield f"an sd:NamedGraph has names {names}, not one IRI"
                for graph in g.objects(named, SD.graph):
                    if (graph, RDF.type, SD.Graph) not in g:
                        yield "an sd:graph is not an sd:Graph"
    for _, _, count in g.triples((None, VOID.triples, None)):
        if not isinstance(count, Literal) or count.datatype != XSD.integer:
            yield f"void:triples {count!r} is not an xsd:integer"


def run_sd_test(client: httpx.Client, endpoint: str, name: str) -> Outcome:
    """GET the endpoint (asking for RDF) and check what the named SD test checks."""
    response = client.get(endpoint, headers={
        "Accept": "text/turtle, application/rdf+xml;q=0.9, application/n-triples;q=0.8"})
    media_type = _media_type(response)
    if response.status_code != 200 or media_type not in RDF_TYPES:
        return Outcome(name, "fail", f"{response.status_code} {media_type}")
    try:
        g = Graph().parse(data=response.content, format=RDF_TYPES[media_type])
    except Exception as e:  # rdflib raises many kinds
        return Outcome(name, "fail", f"the description does not parse: {e}")
    if name == "has-endpoint-triple" and not any(
            g.triples((None, SD.endpoint, URIRef(endpoint)))):
        return Outcome(name, "fail", f"no sd:endpoint <{endpoint}>")
    if name == "conforms-to-schema" and (problems := list(schema_problems(g))):
        return Outcome(name, "fail", "; ".join(problems))
    return Outcome(name, "pass")


def main(argv: list[str]) -> int:
    specific = "--any-4xx" not in argv
    argv = [a for a in argv if a != "--any-4xx"]
    if not argv or argv[0].startswith("-"):
        print(__doc__)
        return 2
    endpoint, update = argv[0], (argv[1] if len(argv) > 1 else None)
    with httpx.Client(timeout=30) as client:
        outcomes = [run_protocol_test(client, endpoint, t, update, specific)
                    for t in protocol_tests()]
        outcomes += [run_sd_test(client, endpoint, n) for n in sd_tests()]
    for o in outcomes:
        print(f"{o.verdict:8} {o.name}  {o.detail[:160]}")
    verdicts = [o.verdict for o in outcomes]
    print(f"{verdicts.count('pass')} pass, {verdicts.count('refused')} refused (read-only), "
          f"{verdicts.count('fail')} fail, of {len(outcomes)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
