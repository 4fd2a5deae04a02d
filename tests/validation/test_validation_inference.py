"""Targeted inference: what the ontology's inverse, sub-property and sub-class axioms entail,
checked against a naive forward chainer written here and against owlrl's own closure of a
slice of the data; nothing else (no noise), the asserted graph untouched, same output twice."""

from __future__ import annotations

import owlrl
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from vvgraph.inference import infer
from vvgraph.namespaces import VV


@pytest.fixture(scope="module")
def inferred(graph, ontology) -> Graph:
    return infer(graph, ontology)


def _named(ontology: Graph, p: URIRef) -> list[tuple[URIRef, URIRef]]:
    return [(s, o) for s, o in ontology.subject_objects(p) if isinstance(s, URIRef) and isinstance(o, URIRef)]


def _naive_closure(data: Graph, ontology: Graph) -> set[tuple]:
    """Forward chaining to a fixpoint with the three rules, written without owlrl."""
    inverse = {}
    for p, q in _named(ontology, OWL.inverseOf):
        inverse.setdefault(p, set()).add(q)
        inverse.setdefault(q, set()).add(p)
    sup_p: dict = {}
    for p, q in _named(ontology, RDFS.subPropertyOf):
        sup_p.setdefault(p, set()).add(q)
    sup_c: dict = {}
    for c, d in _named(ontology, RDFS.subClassOf):
        sup_c.setdefault(c, set()).add(d)
    relevant = set(inverse) | set(sup_p)
    known = {t for t in data if t[1] in relevant or (t[1] == RDF.type and t[2] in sup_c)}
    todo = list(known)
    while todo:
        s, p, o = todo.pop()
        new = []
        if p == RDF.type:
            new += [(s, RDF.type, d) for d in sup_c.get(o, ())]
        else:
            new += [(s, q, o) for q in sup_p.get(p, ())]
            if not isinstance(s, Literal) and not isinstance(o, Literal):
                new += [(o, q, s) for q in inverse.get(p, ())]
        for t in new:
            if t not in known:
                known.add(t)
                todo.append(t)
    return known - set(data)


def test_inference_equals_a_naive_forward_chainer(graph, ontology, inferred):
    assert set(inferred) == _naive_closure(graph, ontology)


def test_inverses_are_materialised(graph, ontology, inferred):
    pairs = _named(ontology, OWL.inverseOf)
    assert len(pairs) >= 8
    both = set(graph) | set(inferred)
    for p, q in pairs:
        for s, o in graph.subject_objects(p):
            assert (o, q, s) in both, (p, q, s, o)
        for s, o in graph.subject_objects(q):
            assert (o, p, s) in both, (q, p, s, o)
    # the ones users ask for by name
    for prop in (VV.milestoneOf, VV.indicatorOf, VV.citedBy, VV.ministerOf, VV.leadEntityOf,
                 VV.linkedFrom, VV.citationOf):
        assert (None, prop, None) in inferred, prop
    assert len(list(inferred.triples((None, VV.milestoneOf, None)))) == len(list(graph.subjects(RDF.type, VV.Milestone)))


def test_super_properties_and_classes_are_materialised(graph, inferred):
    amounts = {o for p in (VV.budget, VV.budgetUpdate, VV.commitments, VV.payments, VV.inputAmount,
                           VV.euRecoveryFund, VV.brexitFund, VV.reactEU, VV.flemishRecoveryMeans,
                           VV.regularMeans) for o in graph.objects(None, p)}
    assert {o for o in inferred.objects(None, VV.amount)} == amounts
    assert (None, URIRef("http://schema.org/amount"), None) in inferred   # vv:amount's own super-property
    for project in graph.subjects(RDF.type, VV.Project):
        assert (project, RDF.type, URIRef("http://www.w3.org/ns/prov#Activity")) in inferred
        for minister in graph.objects(project, VV.minister):
            assert (project, URIRef("http://www.w3.org/ns/prov#wasAssociatedWith"), minister) in inferred


def test_no_noise(graph, ontology, inferred):
    named_props = {t for p in (OWL.inverseOf, RDFS.subPropertyOf) for pair in _named(ontology, p) for t in pair}
    named_classes = {t for pair in _named(ontology, RDFS.subClassOf) for t in pair}
    for s, p, o in inferred:
        assert isinstance(s, (URIRef, BNode)) and not isinstance(s, Literal)
        assert p != OWL.sameAs
        assert p in named_props or (p == RDF.type and o in named_classes), (s, p, o)
        assert o not in (RDFS.Resource, OWL.Thing, OWL.Class, RDF.Property)
        assert not str(s).startswith("urn:vvgraph:inference:") and not str(o).startswith("urn:vvgraph:inference:")
        assert (s, p, o) not in graph


def test_the_asserted_graph_is_untouched_and_output_deterministic(small_graph, ontology):
    before = sorted(small_graph)
    first = infer(small_graph, ontology)
    second = infer(small_graph, ontology)
    assert sorted(small_graph) == before
    assert len(first) > 0
    assert sorted(first) == sorted(second)


def test_owlrl_closure_of_a_slice_gives_the_same_entailments(small_graph, ontology):
    """owlrl's full OWL-RL closure of the axioms plus the relevant data triples of a few real
    projects, filtered of its noise, is exactly what the targeted inference returns."""
    axioms = Graph()
    for p in (RDFS.subClassOf, RDFS.subPropertyOf, OWL.inverseOf):
        for s, o in _named(ontology, p):
            axioms.add((s, p, o))
    props = {t for s, p, o in axioms if p != RDFS.subClassOf for t in (s, o)}
    classes = {t for s, p, o in axioms if p == RDFS.subClassOf for t in (s, o)}
    data = [t for t in small_graph if t[1] in props or (t[1] == RDF.type and t[2] in classes)]
    g = Graph()
    g += axioms
    for t in data:
        g.add(t)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, improved_datatypes=False).expand(g)
    schema_terms = props | classes
    expected = {(s, p, o) for s, p, o in g
                if (s, p, o) not in small_graph and (s, p, o) not in axioms and s not in schema_terms
                and not isinstance(s, Literal)
                and (p in props or (p == RDF.type and o in classes and o != OWL.Thing))}
    assert expected
    assert set(infer(small_graph, ontology)) == expected


def test_an_empty_ontology_infers_nothing(small_graph):
    assert len(infer(small_graph, Graph())) == 0
