"""The DCAT-AP catalog and VoID description state true facts about the files and the graph."""

from __future__ import annotations

import hashlib
from collections import Counter

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, VOID

SPDX = "http://spdx.org/rdf/terms#"


@pytest.fixture(scope="module")
def catalog(built) -> Graph:
    return Graph().parse(built.out_dir / "catalog.ttl", format="turtle")


@pytest.fixture(scope="module")
def void(built) -> Graph:
    return Graph().parse(built.out_dir / "void.ttl", format="turtle")


def test_every_distribution_matches_its_file(built, catalog):
    dists = list(catalog.subjects(RDF.type, DCAT.Distribution))
    for d in dists:
        url = str(catalog.value(d, DCAT.downloadURL))
        name = url.split("/dumps/", 1)[1]
        path = built.out_dir / name
        assert path.is_file(), name
        assert int(catalog.value(d, DCAT.byteSize)) == path.stat().st_size
        checksum = catalog.value(d, URIRef(SPDX + "checksum"))
        assert str(catalog.value(checksum, URIRef(SPDX + "checksumValue"))) == \
            hashlib.sha256(path.read_bytes()).hexdigest()
        assert catalog.value(d, DCAT.mediaType) is not None
        assert catalog.value(d, DCTERMS.license) is not None


def test_every_dump_is_a_distribution(built, catalog):
    advertised = {str(u).split("/dumps/", 1)[1] for u in catalog.objects(None, DCAT.downloadURL)}
    written = {str(p.relative_to(built.out_dir)) for p in built.files} - {"catalog.ttl"}
    assert written - advertised == {"void.ttl"}


def test_dataset_is_the_edition(built, catalog):
    ds = URIRef(built.edition_graph)
    assert (ds, RDF.type, DCAT.Dataset) in catalog
    assert catalog.value(ds, DCTERMS.publisher) is not None
    period = catalog.value(ds, DCTERMS.temporal)
    assert str(catalog.value(period, DCAT.endDate)) == "2022-06-01"


def test_void_counts_agree_with_the_dump(built, void):
    """Counted again here with Oxigraph over the N-Triples dump, not with the builder's code."""
    triples = list(ox.parse(path=str(built.out_dir / "vvgraph.nt"), format=ox.RdfFormat.N_TRIPLES))
    ds = URIRef(built.edition_graph)
    assert int(void.value(ds, VOID.triples)) == len(triples)
    assert int(void.value(ds, VOID.distinctSubjects)) == len({t.subject for t in triples})
    rdf_type = ox.NamedNode(str(RDF.type))
    classes = Counter(t.object.value for t in triples if t.predicate == rdf_type)
    for part in void.objects(ds, VOID.classPartition):
        cls = str(void.value(part, VOID["class"]))
        assert int(void.value(part, VOID.entities)) == classes[cls], cls
    assert classes["https://w3id.org/vlaamse-veerkracht/ns#Project"] == 180
