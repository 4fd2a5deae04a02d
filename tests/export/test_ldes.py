"""The LDES feed of editions: one member per version of each project, milestone and
indicator; a later edition adds members only for what changed; pages linked by relations with
a retention policy and the members' shape; replicated in full by the npm ``ldes-client`` from a
live vvgraph server. The later edition is the labelled fixture in ``fixtures/`` (derived from
the real report by a few line edits; never a published report)."""

from __future__ import annotations

import json
import math
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest
from live_endpoint import live_server
from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDF

from vvgraph.config import Settings, bundled_report
from vvgraph.export.ldes import LDES, TREE, event_stream, pages, write_stream
from vvgraph.extract import parse_report
from vvgraph.pipeline import map_graph
from vvgraph.records import Report
from vvgraph.server import create_app
from vvgraph.store import load_dataset

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
FIXTURE = HERE / "fixtures" / "derived-edition-2022-12-01.json"
CLIENT = ROOT / "build" / "npm" / "ldes" / "node_modules" / "ldes-client" / "dist" / "bin" / "cli.js"


@pytest.fixture(scope="module")
def derived(tmp_path_factory) -> Report:
    """The real report with the fixture's line edits applied (each checked against the text)."""
    spec = json.loads(FIXTURE.read_text(encoding="utf-8"))
    lines = bundled_report().read_text(encoding="utf-8").split("\n")
    for e in spec["edits"]:
        assert lines[e["line"] - 1] == e["old"], f"fixture line {e['line']} no longer matches"
        lines[e["line"] - 1] = e["new"]
    path = tmp_path_factory.mktemp("derived") / spec["file_name"]
    path.write_text("\n".join(lines), encoding="utf-8")
    return parse_report(path)


@pytest.fixture(scope="module")
def editions(report, derived):
    s = Settings()
    return [(report, map_graph(s, report)), (derived, map_graph(s, derived))]


def _project_state(p):
    return replace(p, source=None, milestones=(), indicators=(),
                   decisions=tuple(replace(d, line=0) for d in p.decisions))


def changed(old: Report, new: Report) -> set[str]:
    """What the later edition says differently, from the records: the stable IRIs' paths."""
    before = {p.id: p for p in old.projects}
    out = set()
    for p in new.projects:
        q = before.get(p.id)
        if q is None or _project_state(p) != _project_state(q):
            out.add(f"project/{p.id}")
        for kind, mine, theirs in (("mijlpaal", p.milestones, q.milestones if q else ()),
                                   ("indicator", p.indicators, q.indicators if q else ())):
            for n, row in enumerate(mine, 1):
                if n > len(theirs) or replace(row, line=0) != replace(theirs[n - 1], line=0):
                    out.add(f"project/{p.id}/{kind}/{n}")
    return out


def test_the_fixture_is_a_later_edition(derived, report):
    assert derived.measured_on == "2022-12-01" > report.measured_on
    assert len(derived.projects) == len(report.projects)


def test_first_edition_has_a_member_for_every_resource(editions, report):
    stream = event_stream(editions[:1])
    expected = len(report.projects) + sum(len(p.milestones) + len(p.indicators) for p in report.projects)
    assert len(stream.members) == expected
    assert len({v.iri for v in stream.members}) == expected


def test_later_edition_adds_exactly_what_changed(editions, report, derived):
    stream = event_stream(editions)
    added = {str(v.stable).split("/id/", 1)[1] for v in stream.members if v.measured_on == derived.measured_on}
    expected = changed(report, derived)
    assert added == expected
    # The fixture changes two project statuses, two milestone statuses and one amount.
    assert len(expected) == 5
    assert len(stream.members) == len(event_stream(editions[:1]).members) + 5
    # A version keeps what the edition says: the new status, under the version's own IRI.
    vv001 = next(v for v in stream.members if str(v.iri).endswith("project/VV001/versie/2022-12-01"))
    assert (DCTERMS.isVersionOf, vv001.stable) in set(
        (p, o) for s, p, o in vv001.triples() if s == vv001.iri)


def test_retention_keeps_the_latest_versions(editions, derived):
    stream = event_stream(editions, keep=1)
    kept = {v.stable: v.measured_on for v in stream.members}
    assert len(kept) == len(stream.members)          # one version per resource
    assert sum(m == derived.measured_on for m in kept.values()) == 5


def test_pages_are_linked_and_describe_the_stream(editions):
    stream = event_stream(editions)
    graphs = pages(stream, "http://example.org/", page_size=300)
    assert len(graphs) == math.ceil(len(stream.members) / 300)
    es = URIRef("http://example.org/id/ldes")
    members = [m for g in graphs for m in g.objects(es, TREE.member)]
    assert len(members) == len(set(members)) == len(stream.members)
    first = graphs[0]
    view = first.value(es, TREE.view)
    assert view == URIRef("http://example.org/dumps/ldes/1.ttl")
    assert first.value(es, LDES.versionOfPath) == DCTERMS.isVersionOf
    assert (first.value(view, LDES.retentionPolicy), RDF.type, LDES.LatestVersionSubset) in first
    assert first.value(es, TREE.shape) is not None
    for n, g in enumerate(graphs[:-1], 1):
        rel = g.value(URIRef(f"http://example.org/dumps/ldes/{n}.ttl"), TREE.relation)
        assert g.value(rel, TREE.node) == URIRef(f"http://example.org/dumps/ldes/{n + 1}.ttl")
    assert all(not any(isinstance(t, ox.BlankNode) for t in triple) for g in graphs for triple in g)


def test_ldes_client_replicates_every_member_from_a_live_server(editions, built, tmp_path):
    """npm ldes-client (installed by make install) against vvgraph's own server, which serves
    the pages under /dumps/ldes/."""
    node = shutil.which("node")
    assert node and CLIENT.is_file(), "node and build/npm/ldes (make install) are needed"
    dumps = tmp_path / "build"
    dumps.mkdir()
    shutil.copy(built.out_dir / "vvgraph.nq", dumps / "vvgraph.nq")
    settings = Settings(build_dir=dumps)
    stream = event_stream(editions)
    with live_server(create_app(settings, load_dataset([(None, dumps / "vvgraph.nq")]))) as url:
        write_stream(editions, f"{url}/", dumps, page_size=500)
        run = subprocess.run([node, str(CLIENT), f"{url}/dumps/ldes/1.ttl"], capture_output=True,
                             timeout=300, text=True)
    assert run.returncode == 0, run.stderr[-2000:]
    # One member after the other, in N-Triples but for bare numbers (Turtle).
    triples = ox.parse(run.stdout.encode(), format=ox.RdfFormat.TURTLE)
    got = {t.subject.value for t in triples
           if t.predicate == ox.NamedNode(str(DCTERMS.isVersionOf))}
    assert got == {str(v.iri) for v in stream.members}


def test_what_changed_since_the_previous_edition(editions, report, derived, tmp_path):
    """queries/ldes/changes-since-previous-edition.rq over the written feed."""
    write_stream(editions, "http://example.org/", tmp_path, page_size=400)
    store = ox.Store()
    for page in sorted((tmp_path / "ldes").glob("*.ttl")):
        store.load(path=str(page), format=ox.RdfFormat.TURTLE)
    query = (ROOT / "queries" / "ldes" / "changes-since-previous-edition.rq").read_text(encoding="utf-8")
    rows = list(store.query(query))
    assert {r["resource"].value.split("/id/", 1)[1] for r in rows} == changed(report, derived)
    for r in rows:
        assert r["previous"].value == r["resource"].value + f"/versie/{report.measured_on}"
        assert r["edition"].value.startswith(derived.measured_on)
