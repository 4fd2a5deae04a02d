"""HTTP behaviour of the endpoint beyond the W3C manifest: formats, errors, caching, CORS, gzip,
limits on request and answer size, and the service description behind a proxy."""

from __future__ import annotations

import csv
import io
import json

import httpx
import pytest
from live_endpoint import MAX_BODY, MAX_RESULTS, NUMBER_COUNT, NUMBERS
from rdflib import Graph, URIRef
from w3c_runner import SD, VOID

DOCS = "SELECT ?doc WHERE { ?doc a <http://xmlns.com/foaf/0.1/Document> } ORDER BY ?doc"
ORIGIN = {"Origin": "https://yasgui.example"}


def test_select_in_each_result_format_by_accept(client: httpx.Client, endpoint: str) -> None:
    answers = {}
    for media_type in ("application/sparql-results+json", "application/sparql-results+xml",
                       "text/csv", "text/tab-separated-values"):
        r = client.get(endpoint, params={"query": DOCS}, headers={"Accept": media_type})
        assert r.status_code == 200 and r.headers["content-type"].startswith(media_type)
        answers[media_type] = r.text
    bindings = json.loads(answers["application/sparql-results+json"])["results"]["bindings"]
    assert [b["doc"]["value"][-9:] for b in bindings] == ["data1.rdf", "data2.rdf", "data3.rdf"]
    assert list(csv.reader(io.StringIO(answers["text/csv"])))[1:] == [
        [f"http://kasei.us/2009/09/sparql/data/data{i}.rdf"] for i in (1, 2, 3)]
    assert answers["text/tab-separated-values"].splitlines()[0] == "?doc"
    assert answers["application/sparql-results+xml"].count("<result>") == 3


# rdflib's own JSON-LD parser warns about rdflib's own deprecated class.
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize("word, media_type", [
    ("json", "application/ld+json"), ("xml", "application/rdf+xml"), ("turtle", "text/turtle"),
    ("nt", "application/n-triples"), ("application/n-triples", "application/n-triples")])
def test_construct_format_parameter_wins_over_accept(client: httpx.Client, endpoint: str,
                                                     word: str, media_type: str) -> None:
    query = "CONSTRUCT { ?doc a <http://example.org/Doc> } WHERE { ?doc a ?type }"
    r = client.get(endpoint, params={"query": query, "format": word},
                   headers={"Accept": "text/csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith(media_type)
    rdf_format = {"application/ld+json": "json-ld", "application/rdf+xml": "xml",
                  "text/turtle": "turtle", "application/n-triples": "nt"}[media_type]
    assert len(Graph().parse(data=r.content, format=rdf_format)) == 3


def test_not_acceptable_lists_the_supported_types(client: httpx.Client, endpoint: str) -> None:
    r = client.get(endpoint, params={"query": "ASK {}"}, headers={"Accept": "image/png"})
    assert r.status_code == 406
    assert "application/sparql-results+json" in r.text and "text/tab-separated-values" in r.text
    r = client.get(endpoint, params={"query": "DESCRIBE <http://x>", "format": "csv"})
    assert r.status_code == 406 and "text/turtle" in r.text


def test_syntax_error_gives_the_parser_message_and_position(client: httpx.Client,
                                                            endpoint: str) -> None:
    r = client.post(endpoint, content="SELECT * WHERE {\n  ?s ?p \n}",
                    headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 400 and "error at 3:" in r.text and "expected" in r.text


@pytest.mark.parametrize("request_args", [
    {"method": "GET", "params": {"query": "INSERT DATA { <a:s> <a:p> <a:o> }"}},
    {"method": "POST", "data": {"query": "PREFIX x: <a:> DROP ALL"}},
    {"method": "POST", "content": "LOAD <http://example.org/data.ttl>",
     "headers": {"Content-Type": "application/sparql-query"}},
    {"method": "POST", "data": {"update": "CLEAR ALL"}},
    {"method": "GET", "params": {"query": "ASK {}", "using-graph-uri": "http://g"}},
], ids=["get-query-insert", "form-query-drop", "direct-load", "form-update", "using-graph"])
def test_any_update_is_refused_as_read_only(client: httpx.Client, endpoint: str,
                                            request_args: dict) -> None:
    r = client.request(url=endpoint, **request_args)
    assert r.status_code == 403 and "read-only" in r.text
    assert client.get(endpoint, params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True


def test_dataset_parameters_name_the_stores_graphs(client: httpx.Client, endpoint: str) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    def count(**params: object) -> int:
        r = client.get(endpoint, params={"query": query, **params})
        return int(r.json()["results"]["bindings"][0]["n"]["value"])
    assert count() == NUMBER_COUNT + 3                       # the union of all graphs
    assert count(**{"default-graph-uri": NUMBERS}) == NUMBER_COUNT
    assert count(**{"named-graph-uri": NUMBERS}) == 0        # empty default graph then
    assert count(**{"default-graph-uri": "http://nowhere.example/"}) == 0
    r = client.get(endpoint, params={"query": f"SELECT (COUNT(*) AS ?n) FROM <{NUMBERS}> "
                                              "WHERE { ?s ?p ?o }"})
    assert r.json()["results"]["bindings"][0]["n"]["value"] == str(NUMBER_COUNT)


def test_cors_on_answers_and_errors(client: httpx.Client, endpoint: str, base_url: str) -> None:
    for r in (client.get(endpoint, params={"query": "ASK {}"}, headers=ORIGIN),
              client.get(endpoint, params={"query": "ASK {"}, headers=ORIGIN),
              client.get(endpoint, params={"query": "ASK {}"},
                         headers={**ORIGIN, "Accept": "image/png"}),
              client.post(endpoint, content=b"x", headers=ORIGIN),
              client.get(f"{base_url}/no-such-page", headers=ORIGIN)):
        assert r.headers.get("access-control-allow-origin") == "*", (r.status_code, r.text)
    preflight = client.options(endpoint, headers={
        **ORIGIN, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert preflight.status_code == 200
    assert "POST" in preflight.headers["access-control-allow-methods"]


def test_vary_etag_and_304(client: httpx.Client, endpoint: str) -> None:
    params = {"query": DOCS}
    first = client.get(endpoint, params=params)
    assert "Accept" in first.headers["vary"]
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    again = client.get(endpoint, params=params, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    assert client.get(endpoint, params=params,
                      headers={"If-Modified-Since": modified}).status_code == 304
    other_format = client.get(endpoint, params=params, headers={
        "If-None-Match": etag, "Accept": "text/csv"})
    assert other_format.status_code == 200 and other_format.headers["etag"] != etag
    other_query = client.get(endpoint, params={"query": "ASK {}"},
                             headers={"If-None-Match": etag})
    assert other_query.status_code == 200


def test_gzip(client: httpx.Client, endpoint: str) -> None:
    query = "SELECT * WHERE { ?s ?p ?o } LIMIT 200"
    r = client.get(endpoint, params={"query": query}, headers={"Accept-Encoding": "gzip"})
    assert r.headers["content-encoding"] == "gzip"
    assert len(r.json()["results"]["bindings"]) == 200
    plain = client.get(endpoint, params={"query": query}, headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers


def test_request_body_limit(client: httpx.Client, endpoint: str) -> None:
    query = "ASK {}" + " " * MAX_BODY
    r = client.post(endpoint, content=query, headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 413 and str(MAX_BODY) in r.text


def test_result_limit_is_reported_not_truncated(client: httpx.Client, endpoint: str) -> None:
    over = "SELECT ?a ?b WHERE { ?a ?p ?x . ?b ?q ?y } LIMIT %d" % (MAX_RESULTS + 1)
    for accept in ("application/sparql-results+json", "text/csv", "text/tab-separated-values",
                   "application/sparql-results+xml"):
        r = client.get(endpoint, params={"query": over}, headers={"Accept": accept})
        assert r.status_code == 422 and f"{MAX_RESULTS + 1} rows" in r.text, accept
    at_limit = over.replace(f"LIMIT {MAX_RESULTS + 1}", f"LIMIT {MAX_RESULTS}")
    r = client.get(endpoint, params={"query": at_limit}, headers={"Accept": "text/csv"})
    assert r.status_code == 200 and len(r.text.splitlines()) == MAX_RESULTS + 1
    triples = "CONSTRUCT { ?a <http://e/p> ?b } WHERE { ?a ?p ?x . ?b ?q ?y }"
    r = client.get(endpoint, params={"query": triples})
    assert r.status_code == 422 and f"more than {MAX_RESULTS} triples" in r.text


def test_service_description_behind_a_proxy(client: httpx.Client, endpoint: str) -> None:
    r = client.get(endpoint, headers={"Accept": "text/turtle", "X-Forwarded-Proto": "https",
                                      "X-Forwarded-Host": "data.example.org, proxy.internal",
                                      "X-Forwarded-Prefix": "/veerkracht"})
    g = Graph().parse(data=r.content, format="turtle")
    assert list(g.objects(None, SD.endpoint)) == [
        URIRef("https://data.example.org/veerkracht/sparql")]


def test_service_description_counts_each_graph(client: httpx.Client, endpoint: str) -> None:
    g = Graph().parse(data=client.get(endpoint, headers={"Accept": "text/turtle"}).content,
                      format="turtle")
    counts = {str(g.value(named, SD.name)): g.value(g.value(named, SD.graph), VOID.triples)
              for named in g.objects(None, SD.namedGraph)}
    assert {k: int(v) for k, v in counts.items()} == {
        NUMBERS: NUMBER_COUNT, **{f"http://kasei.us/2009/09/sparql/data/data{i}.rdf": 1
                                  for i in (1, 2, 3)}}
    service = next(g.subjects(SD.endpoint, None))
    default = g.value(g.value(service, SD.defaultDataset), SD.defaultGraph)
    assert int(g.value(default, VOID.triples)) == NUMBER_COUNT + 3


def test_head_answers_headers_only(client: httpx.Client, endpoint: str) -> None:
    r = client.head(endpoint, params={"query": "ASK {}"})
    assert r.status_code == 200 and r.content == b""
    assert r.headers["content-type"] == "application/sparql-results+json"
