"""The built catalog against the official DCAT-AP 3.0.0 SHACL shapes (a copy, see the README
beside it): a portal that validates before it harvests must accept it."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SH, SKOS

SHAPES = Path(__file__).resolve().parent / "dcat-ap-3.0.0" / "dcat-ap-SHACL.ttl"
VCARD_FN = URIRef("http://www.w3.org/2006/vcard/ns#fn")
LABELS = (RDFS.label, SKOS.prefLabel, DCTERMS.title, FOAF.name, VCARD_FN)
# Values that are addresses of the data itself (range rdfs:Resource in DCAT-AP).
ADDRESSES = {RDF.type, DCAT.accessURL, DCAT.downloadURL, DCAT.endpointURL}


@pytest.fixture(scope="module")
def catalog(built) -> Graph:
    return Graph().parse(built.out_dir / "catalog.ttl", format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


def violations(data: Graph, shapes: Graph) -> list[str]:
    _, report, _ = validate(data, shacl_graph=shapes, inference="rdfs")
    return sorted(f"{report.value(r, SH.focusNode)} {report.value(r, SH.resultPath)}: "
                  f"{report.value(r, SH.resultMessage)}"
                  for r in report.subjects(SH.resultSeverity, SH.Violation))


def test_catalog_conforms_to_dcat_ap_3(catalog, shapes):
    assert violations(catalog, shapes) == []


def test_the_shapes_do_catch_an_untyped_licence(catalog, shapes):
    """The same check fails once one referenced resource loses its class."""
    licence = next(catalog.objects(None, DCTERMS.license))
    damaged = Graph()
    for t in catalog:
        if not (t[0] == licence and t[1] == RDF.type):
            damaged.add(t)
    found = violations(damaged, shapes)
    assert found and all("license" in v for v in found)


def test_every_referenced_resource_is_typed_and_labelled(catalog):
    pointed = {o for _, p, o in catalog if isinstance(o, URIRef) and p not in ADDRESSES}
    untyped = sorted(str(o) for o in pointed if (o, RDF.type, None) not in catalog)
    unlabelled = sorted(str(o) for o in pointed
                        if not any((o, lp, None) in catalog for lp in LABELS))
    assert (untyped, unlabelled) == ([], [])


def test_csv_tables_are_distributions(built, catalog):
    csvs = sorted(p.name for p in (built.out_dir / "csv").glob("*.csv"))
    assert len(csvs) >= 12
    advertised = {str(u).split("/dumps/", 1)[1] for u in catalog.objects(None, DCAT.downloadURL)}
    assert {f"csv/{n}" for n in csvs} | {"csv/csv-metadata.json"} <= advertised
