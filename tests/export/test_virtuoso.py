"""``vvgraph publish`` into a real Virtuoso and a real Oxigraph: the same triples arrive, and
every offline query of ``queries/`` answers the same on Virtuoso as on vvgraph's endpoint."""

from __future__ import annotations

import json
import re
import urllib.parse
import urllib.request
from collections import Counter
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest
from live_endpoint import live_server
from vvgraph.config import Settings
from vvgraph.export.publish import publish
from vvgraph.server import create_app, report_sources
from vvgraph.store import load_dataset

from virtuoso_server import virtuoso

QUERIES = Path(__file__).resolve().parents[2] / "queries"
OFFLINE = sorted(q for q in QUERIES.glob("*.rq")
                 if "# Needs internet:" not in q.read_text(encoding="utf-8"))


def select(endpoint: str, query: str) -> dict:
    req = urllib.request.Request(endpoint, data=urllib.parse.urlencode({"query": query}).encode(),
                                 headers={"Accept": "application/sparql-results+json",
                                          "Content-Type": "application/x-www-form-urlencoded"})
    return json.loads(urllib.request.urlopen(req, timeout=120).read())


def count(endpoint: str, graph: str) -> int:
    data = select(endpoint, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    return int(data["results"]["bindings"][0]["n"]["value"])


@pytest.fixture(scope="module")
def store(built, tmp_path_factory) -> str:
    with virtuoso(tmp_path_factory.mktemp("virtuoso")) as endpoint:
        publish(Settings(build_dir=built.out_dir), endpoint=endpoint, update=endpoint,
                log=lambda _m: None)
        yield endpoint


@pytest.fixture(scope="module")
def vvgraph_endpoint(built) -> str:
    settings = Settings(build_dir=built.out_dir)
    with live_server(create_app(settings, load_dataset(report_sources(settings)))) as url:
        yield f"{url}/sparql"


def test_same_triple_count_in_virtuoso_and_oxigraph(built, store, oxigraph_server):
    publish(Settings(build_dir=built.out_dir), endpoint=f"{oxigraph_server}/query",
            update=f"{oxigraph_server}/update", log=lambda _m: None)
    sent = sum(1 for line in (built.out_dir / "vvgraph.nt").read_text(encoding="utf-8").splitlines()
               if line.strip())
    assert count(store, built.edition_graph) == count(f"{oxigraph_server}/query", built.edition_graph) == sent


def _value(term: dict | None) -> object:
    """A term compared by value: engines write decimals and integers differently, and divide
    to different precisions (Virtuoso to 15 digits), so numbers are compared to 9 decimals."""
    if term is None:
        return None
    value = term["value"]
    if value == "" and term["type"] == "literal" and "datatype" not in term and "xml:lang" not in term:
        # GROUP_CONCAT over nothing: "" in Virtuoso (as the spec says), unbound in Oxigraph.
        return None
    if term["type"] in ("literal", "typed-literal") and "datatype" in term:
        kind = term["datatype"].rsplit("#", 1)[-1]
        if kind in ("integer", "decimal", "double", "float", "int", "long"):
            try:
                return Decimal(value).quantize(Decimal("1e-9")).normalize()
            except InvalidOperation:
                return value
        if kind == "boolean":
            return value in ("true", "1")
    if "xml:lang" in term:
        return (value, term["xml:lang"].lower())
    if re.fullmatch(r"VV\d{3}( VV\d{3})+", value):
        # GROUP_CONCAT of project codes: SPARQL leaves the order to the engine.
        return tuple(sorted(value.split()))
    return value


def answers(data: dict) -> Counter:
    names = data["head"]["vars"]
    return Counter(tuple((n, _value(row.get(n))) for n in names) for row in data["results"]["bindings"])


@pytest.mark.parametrize("path", OFFLINE, ids=[p.stem for p in OFFLINE])
def test_every_offline_query_answers_the_same(store, vvgraph_endpoint, path):
    """A query may need Virtuoso's dialect; its variant lives in queries/virtuoso/ and the
    query file says so."""
    text = path.read_text(encoding="utf-8")
    variant = QUERIES / "virtuoso" / path.name
    if variant.is_file():
        assert f"queries/virtuoso/{path.name}" in text
    expected = select(vvgraph_endpoint, text)
    got = select(store, (variant if variant.is_file() else path).read_text(encoding="utf-8"))
    assert expected["results"]["bindings"], "the query has an answer to compare"
    assert answers(got) == answers(expected)
