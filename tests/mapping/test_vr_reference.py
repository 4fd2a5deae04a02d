"""Kaleidos document names in the graph: parsed by Kaleidos' grammar into their parts, the
ones that do not follow it kept as printed and reported by validation as warnings."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH

from vvgraph.mapping.vr_reference import parse
from vvgraph.namespaces import VV

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name, parts", [
    # The example of the design notes: meeting 18-12-2020, case 1581, piece 1, second version.
    ("VR 2020 1812 DOC.1581/1BIS", (date(2020, 12, 18), False, "DOC", 1581, 1, 2)),
    ("VR 2021 0705 VV DOC.0046", (date(2021, 5, 7), True, "DOC", 46, None, 1)),
    ("VR 2020 2711 MED.0378", (date(2020, 11, 27), False, "MED", 378, None, 1)),
    ("VR 2021 0204 DEC.0131/12QUATER", (date(2021, 4, 2), False, "DEC", 131, 12, 4)),
    ("VR 2022 0101 VV DOC.0001/1DUODECIES", (date(2022, 1, 1), True, "DOC", 1, 1, 12)),
])
def test_kaleidos_grammar(name, parts):
    n = parse(name)
    assert n is not None
    assert (n.meeting, n.vlaamse_veerkracht, n.document_type, n.case_number, n.piece, n.version) == parts


@pytest.mark.parametrize("name", [
    "VR2021 1607 VV DOC.0113/1bis",       # no space after VR, lower-case suffix
    "VR 2021 1607 VV DOC.113/1",          # case number of three digits
    "VR 2021 3113 DOC.0001",              # day 31 of month 13
    "VR 2021 1607 NOT.0001",              # unknown type
    "VR 2021 1607 DOC.0001/1234",         # piece of four digits
    "VR 2021 1607 DOC.0001/1XYZ",         # unknown suffix
])
def test_names_outside_the_grammar(name):
    assert parse(name) is None


def test_every_printed_name_is_in_the_graph(graph, report):
    """Counted from the paragraphs with a pattern of this test's own."""
    printed = re.compile(r"VR ?\d{4} ?\d{4}(?: ?VV)? ?(?:DOC|DEC|MED)\.?\d+(?:[/-]\d+)?(?:[A-Za-z]{3,})?", re.I)
    names = [m for p in report.projects for d in p.decisions for m in printed.findall(d.title)]
    parsed = {str(graph.value(n, RDFS.label)) for n in graph.subjects(RDF.type, VV.VrDocumentName)}
    unparsed = [str(o) for o in graph.objects(None, VV.unparsedVrReference)]
    assert parsed | set(unparsed) == set(names)
    assert len(unparsed) + sum(1 for _ in graph.subject_objects(VV.vrDocumentName)) == len(names)
    assert "VR2021 1607 VV DOC.0113/1bis" in unparsed
    for node in graph.subjects(RDF.type, VV.VrDocumentName):
        words = str(graph.value(node, RDFS.label)).split()
        year, daymonth = words[1], words[2]
        assert str(graph.value(node, VV.meetingDate)) == f"{year}-{daymonth[2:]}-{daymonth[:2]}"
        assert graph.value(node, VV.vlaamseVeerkrachtMeeting).toPython() == (words[3] == "VV")
        assert str(graph.value(node, VV.documentType)) == words[-1][:3]


def test_unparseable_reference_is_a_warning():
    ns = "https://example.org/"
    g = Graph()
    c = URIRef(ns + "citation")
    g.add((c, RDF.type, VV.DecisionCitation))
    g.add((c, VV.unparsedVrReference, Literal("VR2021 1607 VV DOC.0113/1bis")))
    shapes = Graph().parse(ROOT / "shapes" / "consistency.ttl", format="turtle")
    _, report, _ = validate(g, shacl_graph=shapes)
    results = [r for r in report.subjects(RDF.type, SH.ValidationResult)
               if report.value(r, SH.resultPath) == VV.unparsedVrReference]
    assert len(results) == 1
    assert report.value(results[0], SH.resultSeverity) == SH.Warning
    assert report.value(results[0], SH.focusNode) == c
