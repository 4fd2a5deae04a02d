"""Every dump parses back, with rdflib and with an independent parser, to the built graph."""

from __future__ import annotations

import json
import os
import warnings
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, URIRef

from vvgraph.export.terms import to_ox

RDFLIB_FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "rdf": "xml"}
RAPPER_FORMATS = {"ttl": "turtle", "nt": "ntriples", "rdf": "rdfxml", "trig": "trig", "nq": "nquads"}
OX_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD,
              "rdf": ox.RdfFormat.RDF_XML, "trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS}


@pytest.fixture(scope="module")
def expected(graph) -> set[ox.Triple]:
    return {ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in graph}


def _rdflib(target, path: Path, fmt: str):
    """rdflib 7.6's own JSON-LD and TriG parsers call its deprecated ConjunctiveGraph /
    default_context API; those warnings are rdflib's business, not a defect of the dump."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"rdflib\.")
        return target.parse(data=path.read_bytes(), format=fmt)


def _triples(quads) -> set[ox.Triple]:
    return {ox.Triple(q.subject, q.predicate, q.object) for q in quads}


@pytest.mark.parametrize("ext", sorted(RDFLIB_FORMATS))
def test_rdflib_reads_each_triple_dump_back(built, graph, ext):
    g = _rdflib(Graph(), built.out_dir / f"vvgraph.{ext}", RDFLIB_FORMATS[ext])
    assert len(g) == len(graph)
    assert set(g) == set(graph)  # no blank nodes, so set equality is isomorphism


@pytest.mark.parametrize("ext", ["trig", "nq"])
def test_rdflib_reads_the_quad_dumps_into_the_edition_graph(built, graph, ext):
    ds = Dataset()
    _rdflib(ds, built.out_dir / f"vvgraph.{ext}", {"trig": "trig", "nq": "nquads"}[ext])
    named = ds.graph(URIRef(built.edition_graph))
    assert set(named) == set(graph)
    assert len(ds.default_graph) == 0


@pytest.mark.parametrize("ext", sorted(OX_FORMATS))
def test_pyoxigraph_reads_each_dump_back(built, expected, ext):
    quads = list(ox.parse(path=str(built.out_dir / f"vvgraph.{ext}"), format=OX_FORMATS[ext]))
    assert _triples(quads) == expected
    if ext in ("trig", "nq"):
        assert {q.graph_name for q in quads} == {ox.NamedNode(built.edition_graph)}


@pytest.mark.parametrize("ext", sorted(RAPPER_FORMATS))
def test_rapper_reads_each_dump_back(built, expected, ext):
    """Raptor (C, Debian raptor2-utils) shares no code with rdflib or Oxigraph."""
    rapper = shutil.which("rapper")
    assert rapper, "rapper is missing: `make test` installs raptor2-utils"
    out = subprocess.run([rapper, "-q", "-i", RAPPER_FORMATS[ext], "-o", "nquads",
                          str(built.out_dir / f"vvgraph.{ext}")],
                         check=True, capture_output=True).stdout
    assert _triples(ox.parse(out, format=ox.RdfFormat.N_QUADS)) == expected


def test_ntriples_dump_is_sorted(built):
    lines = (built.out_dir / "vvgraph.nt").read_bytes().splitlines()
    assert lines == sorted(lines) and len(lines) == len(set(lines))


def test_jsonld_uses_the_published_context(built):
    doc = json.loads((built.out_dir / "vvgraph.jsonld").read_text(encoding="utf-8"))
    ctx = json.loads((built.out_dir / "context.jsonld").read_text(encoding="utf-8"))
    assert doc["@context"] == ctx["@context"]
    assert ctx["@context"]["dossier"] == "https://data.vlaanderen.be/ns/dossier#"
    project = next(n for n in doc["@graph"] if n["@id"].endswith("/id/project/VV001"))
    assert project["@type"] == ["vv:Project"]
    assert project["dct:identifier"] == ["VV001"]


def test_two_builds_are_byte_identical(built, tmp_path):
    """A second build in another process, with another hash seed, writes the same bytes."""
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-m", "vvgraph", "build", "--no-validate", "-o", str(tmp_path)],
                   check=True, env=env, capture_output=True)
    ours = sorted(p.relative_to(built.out_dir) for p in built.out_dir.rglob("*")
                  if p.is_file() and "validation" not in p.parts)
    theirs = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")
                    if p.is_file() and "validation" not in p.parts)
    assert ours == theirs
    for rel in ours:
        assert (built.out_dir / rel).read_bytes() == (tmp_path / rel).read_bytes(), rel


def test_build_writes_every_advertised_file(built):
    names = {p.name for p in built.files}
    for name in ("vvgraph.ttl", "vvgraph.nt", "vvgraph.jsonld", "vvgraph.rdf", "vvgraph.trig",
                 "vvgraph.nq", "context.jsonld", "records.json", "catalog.ttl", "void.ttl"):
        assert name in names
        assert (built.out_dir / name).stat().st_size > 0
    assert any(Path(p).parent.name == "ontology" for p in built.files)


def test_published_code_lists_and_shapes_resolve_to_the_data_base(built, graph):
    """The hand-written files use relative IRIs; as published they must name the same concepts
    as the graph does, read by a parser that knows nothing of our base."""
    concepts = Graph().parse(data=(built.out_dir / "ontology" / "concepts.ttl").read_text(encoding="utf-8"),
                             format="turtle")
    status = URIRef("https://w3id.org/vlaamse-veerkracht/id/concept/projectstatus/gerealiseerd")
    assert (status, None, None) in concepts and (status, None, None) in graph
    for shapes in (built.out_dir / "shapes").glob("*.ttl"):
        for term in Graph().parse(data=shapes.read_text(encoding="utf-8"), format="turtle").all_nodes():
            assert not str(term).startswith("file:"), (shapes.name, term)
