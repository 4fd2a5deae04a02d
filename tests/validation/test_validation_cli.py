"""`vvgraph validate FILE`: exit codes, the summary, the report files, and that removing any
required property from any node makes it fail naming that node."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF
from validation_helpers import copy_of

from vvgraph.cli import main
from vvgraph.config import Settings
from vvgraph.namespaces import SH
from vvgraph.validation import load_shapes


def _required() -> list[tuple[URIRef, URIRef, bool]]:
    """(target class, property, inverse?) of every structural property shape with sh:minCount,
    read from the shapes themselves, so a new required property is tested as soon as it exists."""
    shapes = load_shapes(Settings())
    out = set()
    for node_shape, cls in shapes.subject_objects(SH.targetClass):
        for ps in shapes.objects(node_shape, SH.property):
            severity = shapes.value(ps, SH.severity, default=SH.Violation)
            min_count = shapes.value(ps, SH.minCount)
            if severity != SH.Violation or min_count is None or int(min_count) < 1:
                continue
            path = shapes.value(ps, SH.path)
            if isinstance(path, BNode):
                out.add((cls, shapes.value(path, SH.inversePath), True))
            else:
                out.add((cls, path, False))
    return sorted(out)


REQUIRED = _required()


def _short(term: URIRef) -> str:
    return str(term).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _write(g: Graph, path: Path) -> Path:
    g.serialize(path, format="nt", encoding="utf-8")
    return path


def test_there_are_required_properties_for_every_structural_class():
    classes = {c for c, _, _ in REQUIRED}
    assert len(REQUIRED) >= 40
    assert {_short(c) for c in classes} >= {"Project", "Milestone", "OutputIndicator", "DecisionCitation",
                                          "ProjectLink", "SourceSpan", "MonitoringReport", "MonetaryAmount",
                                          "Stuk", "Organization", "Person", "Association", "Concept",
                                          "ProperInterval", "Instant"}


@pytest.mark.parametrize("cls, prop, inverse", REQUIRED,
                         ids=[f"{_short(c)}-{'^' if i else ''}{_short(p)}" for c, p, i in REQUIRED])
def test_removing_a_required_property_fails_naming_the_node(small_graph, tmp_path, capsys, cls, prop, inverse):
    g = copy_of(small_graph)
    candidates = sorted(n for n in g.subjects(RDF.type, cls)
                        if (g.value(predicate=prop, object=n) if inverse else g.value(n, prop)) is not None)
    assert candidates, f"no {cls} with {prop} in the small graph"
    node = candidates[0]
    if inverse:
        g.remove((None, prop, node))
    else:
        g.remove((node, prop, None))
    rc = main(["validate", str(_write(g, tmp_path / "broken.nt")), "-o", str(tmp_path / "out")])
    out = capsys.readouterr().out
    assert rc == 1
    assert f"<{node}>" in out
    assert "MinCountConstraintComponent" in out


def test_a_valid_file_exits_zero_and_writes_the_reports(small_graph, tmp_path, capsys):
    out_dir = tmp_path / "reports"
    rc = main(["validate", str(_write(small_graph, tmp_path / "ok.nt")), "-o", str(out_dir)])
    out = capsys.readouterr().out
    assert rc == 0
    assert "0 violation(s)" in out
    assert sorted(p.name for p in out_dir.iterdir()) == ["data-quality.html", "data-quality.md",
                                                         "validation-report.ttl"]
    report = Graph().parse(out_dir / "validation-report.ttl", format="turtle")
    assert (None, SH.conforms, Literal(True)) in report


def test_a_turtle_or_nquads_file_is_read_too(small_graph, tmp_path, capsys):
    ttl = tmp_path / "g.ttl"
    small_graph.serialize(ttl, format="turtle")
    assert main(["validate", str(ttl), "-o", str(tmp_path / "a")]) == 0
    nt = small_graph.serialize(format="nt", encoding="utf-8").decode()
    nq = tmp_path / "g.nq"   # the edition in a named graph, as `vvgraph build` writes it
    nq.write_text("".join(line.rstrip().removesuffix(".") + "<https://example.org/edition> .\n"
                          for line in nt.splitlines() if line.strip()), encoding="utf-8")
    assert main(["validate", str(nq), "-o", str(tmp_path / "b")]) == 0
    capsys.readouterr()


def test_bad_input_exits_two(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "missing.ttl"), "-o", str(tmp_path / "o")]) == 2
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is <not turtle", encoding="utf-8")
    assert main(["validate", str(bad), "-o", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert "missing.ttl" in err and "bad.ttl" in err


def test_the_summary_counts_per_severity_and_shape(small_graph, tmp_path, capsys):
    g = copy_of(small_graph)
    project = sorted(g.subjects(RDF.type, URIRef("https://w3id.org/vlaamse-veerkracht/ns#Project")))[0]
    g.remove((project, URIRef("http://purl.org/dc/terms/title"), None))
    assert main(["validate", str(_write(g, tmp_path / "g.nt")), "-o", str(tmp_path / "o")]) == 1
    out = capsys.readouterr().out
    assert "1 violation(s)" in out
    assert "Violation" in out and "Warning" in out
    assert f"<{project}> dct:title" in out


def test_without_a_file_it_validates_the_bundled_report(tmp_path, capsys, report):
    assert main(["validate", "-o", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "0 violation(s)" in out and report.source in out
    assert (tmp_path / "data-quality.html").is_file()
