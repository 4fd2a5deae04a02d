"""Real clients against the live endpoint: SPARQLWrapper in every result format it knows, and
rdflib's SPARQLStore. Warnings are errors, so a client grumbling about a content type fails."""

from __future__ import annotations

from xml.dom.minidom import Document

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import FOAF, RDF
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, N3, POST, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

DOCS = f"SELECT ?doc WHERE {{ ?doc a <{FOAF.Document}> }} ORDER BY ?doc"
DOC_IRIS = [f"http://kasei.us/2009/09/sparql/data/data{i}.rdf" for i in (1, 2, 3)]
CONSTRUCT = f"CONSTRUCT {{ ?doc a <{FOAF.Document}> }} WHERE {{ ?doc a <{FOAF.Document}> }}"


def _client(endpoint: str, query: str, fmt: str, method: str | None = None) -> SPARQLWrapper:
    client = SPARQLWrapper(endpoint)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    if method:
        client.setMethod(method)
    return client


@pytest.mark.parametrize("method", ["GET", POST])
def test_select_json(endpoint: str, method: str) -> None:
    result = _client(endpoint, DOCS, JSON, method).queryAndConvert()
    assert [b["doc"]["value"] for b in result["results"]["bindings"]] == DOC_IRIS


def test_select_xml(endpoint: str) -> None:
    document = _client(endpoint, DOCS, XML).queryAndConvert()
    assert isinstance(document, Document)
    assert [u.firstChild.data for u in document.getElementsByTagName("uri")] == DOC_IRIS


@pytest.mark.parametrize("fmt, separator", [(CSV, ","), (TSV, "\t")])
def test_select_csv_and_tsv(endpoint: str, fmt: str, separator: str) -> None:
    text = _client(endpoint, DOCS, fmt).queryAndConvert().decode()
    lines = text.splitlines()
    assert lines[0] in ("doc", "?doc") and len(lines) == 4
    assert all(iri in text for iri in DOC_IRIS)


@pytest.mark.parametrize("fmt", [JSON, XML])
def test_ask(endpoint: str, fmt: str) -> None:
    result = _client(endpoint, f"ASK {{ <{DOC_IRIS[0]}> a ?type }}", fmt).queryAndConvert()
    if fmt == JSON:
        assert result["boolean"] is True
    else:
        assert result.getElementsByTagName("boolean")[0].firstChild.data == "true"


# rdflib's own JSON-LD parser warns about rdflib's own deprecated class.
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize("fmt", [XML, RDFXML, TURTLE, N3, JSONLD])
def test_construct(endpoint: str, fmt: str) -> None:
    result = _client(endpoint, CONSTRUCT, fmt).queryAndConvert()
    if isinstance(result, bytes):   # SPARQLWrapper hands Turtle and N3 over as text
        result = Graph().parse(data=result, format="turtle")
    assert set(result.subjects(RDF.type, FOAF.Document)) == {URIRef(i) for i in DOC_IRIS}


def test_describe(endpoint: str) -> None:
    text = _client(endpoint, "DESCRIBE <http://example.org/n/7>", TURTLE).queryAndConvert()
    graph = Graph().parse(data=text, format="turtle")
    assert set(graph.objects(URIRef("http://example.org/n/7"))) == {Literal(7)}


def test_rdflib_sparqlstore(endpoint: str) -> None:
    graph = Graph(store=SPARQLStore(endpoint))
    rows = list(graph.query(DOCS))
    assert [str(row[0]) for row in rows] == DOC_IRIS
    assert set(graph.subjects(RDF.type, FOAF.Document)) == {URIRef(i) for i in DOC_IRIS}
    assert bool(graph.query(f"ASK {{ <{DOC_IRIS[1]}> a <{FOAF.Document}> }}").askAnswer)
