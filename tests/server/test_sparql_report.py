"""The endpoint over the real graph: the report's edition graph built by the pipeline, and the
example queries of ``queries/`` through SPARQLWrapper, as a user of the query page runs them."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from live_endpoint import live_server
from rdflib import Graph, URIRef
from SPARQLWrapper import JSON, SPARQLWrapper
from w3c_runner import SD, VOID

from vvgraph.config import Settings
from vvgraph.server import create_app
from vvgraph.store import load_dataset

EXAMPLES = sorted(Settings().queries_dir.glob("*.rq"))


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Any]]:
    from vvgraph.pipeline import build
    from vvgraph.server import report_sources

    settings = Settings(build_dir=tmp_path_factory.mktemp("build"))
    result = build(settings, validate=False)
    with live_server(create_app(settings, load_dataset(report_sources(settings)))) as url:
        yield f"{url}/sparql", result


def test_the_edition_graph_is_described_with_its_size(report: tuple[str, Any]) -> None:
    endpoint, result = report
    g = Graph().parse(data=httpx.get(endpoint, headers={"Accept": "text/turtle"}).content,
                      format="turtle")
    named = next(g.subjects(SD.name, URIRef(result.edition_graph)))
    assert int(g.value(g.value(named, SD.graph), VOID.triples)) == len(result.graph)


def test_there_are_example_queries() -> None:
    assert len(EXAMPLES) >= 5


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_each_example_query_answers(report: tuple[str, Any], path: Path) -> None:
    client = SPARQLWrapper(report[0])
    client.setQuery(path.read_text(encoding="utf-8"))
    client.setReturnFormat(JSON)
    answer = client.queryAndConvert()
    assert answer["head"]["vars"] and answer["results"]["bindings"]


def test_inferred_triples_are_served_in_their_own_graph(report: tuple[str, Any]) -> None:
    """Every asserted vv:decisionDocument has its inverse vv:citedBy in the inferred graph,
    and none in the edition's graph."""
    endpoint, result = report
    vv = "https://w3id.org/vlaamse-veerkracht/ns#"
    asserted = {(str(o), str(s)) for s, o in result.graph.subject_objects(URIRef(vv + "decisionDocument"))}

    def pairs(graph: str) -> set[tuple[str, str]]:
        client = SPARQLWrapper(endpoint)
        client.setQuery(f"SELECT ?d ?p WHERE {{ GRAPH <{graph}> {{ ?d <{vv}citedBy> ?p }} }}")
        client.setReturnFormat(JSON)
        rows = client.queryAndConvert()["results"]["bindings"]
        return {(r["d"]["value"], r["p"]["value"]) for r in rows}

    assert asserted and pairs(result.edition_graph + "/afgeleid") == asserted
    assert pairs(result.edition_graph) == set()


def test_serve_reuses_a_build_only_when_it_is_fresh(tmp_path: Path) -> None:
    from vvgraph.server import _fresh_build, report_sources

    settings = Settings(build_dir=tmp_path)
    nquads = tmp_path / "vvgraph.nq"
    assert not _fresh_build(settings, nquads)
    nquads.write_text(f"<{settings.base}id/x> <http://p> <http://o> <{settings.base}id/g> .\n")
    assert report_sources(settings) == [(None, nquads)]          # no second build
    assert not _fresh_build(settings.with_(base="https://elsewhere.example/"), nquads)
    os.utime(nquads, (0, 0))                                     # older than its inputs
    assert not _fresh_build(settings, nquads)
