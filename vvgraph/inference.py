"""Targeted OWL 2 RL inference: the entailments users query by, kept apart from the data.

What is materialised: for every data triple, what the ontology's own axioms entail from it

- ``owl:inverseOf``: ``p`` and its inverse both ways (``vv:milestone`` / ``vv:milestoneOf``, ...);
- ``rdfs:subPropertyOf`` (transitively): ``vv:budget`` gives ``vv:amount`` and ``schema:amount``,
  ``vv:minister`` gives ``prov:wasAssociatedWith``, ...;
- ``rdfs:subClassOf`` (transitively): a ``vv:Project`` is a ``prov:Activity``, ...;
- ``owl:equivalentProperty`` / ``owl:equivalentClass`` if the ontology has any.

Not materialised: ``rdfs:domain`` / ``rdfs:range`` (the mapping asserts every type it means;
the ontology's union-class ranges would only add anonymous classes), the axioms of the standard
vocabularies (PROV's own hierarchy, ...), and OWL 2 RL's noise (``owl:sameAs`` of every node with
itself, ``rdf:type owl:Thing`` / ``rdfs:Resource``, triples about literals).

How: a full closure of the data does not finish in reasonable time at this size, and it is not
needed. Every rule these axioms trigger (OWL 2 RL prp-spo1, prp-inv1/2, prp-eqp1/2, cax-sco,
cax-eqc1/2, and the scm-* rules on the schema) has exactly one premise about the data; the
others are schema triples. The closure of schema + data is then the union, over the data
triples, of the closures of schema + that one triple, and two triples with the same predicate
(or, for ``rdf:type``, the same class) have the same closure up to renaming their subject and
object. So owlrl computes the OWL-RL closure of a small graph, the ontology's axioms plus one
template triple per predicate and per class the data uses, and each entailment of a template is
instantiated for the data triples it stands for.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

import owlrl
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

# The axioms whose OWL 2 RL rules take one data premise; nothing else is read from the ontology.
AXIOMS = (RDFS.subClassOf, RDFS.subPropertyOf, OWL.inverseOf, OWL.equivalentClass,
          OWL.equivalentProperty)
_CLASS_AXIOMS = (RDFS.subClassOf, OWL.equivalentClass)

# Placeholders for the subject and object of template triple number n; each template has its
# own pair, so the closure cannot mix what two templates entail.
_TEMPLATE = "urn:vvgraph:inference:"


def _placeholders(n: int) -> tuple[URIRef, URIRef]:
    return URIRef(f"{_TEMPLATE}{n}/subject"), URIRef(f"{_TEMPLATE}{n}/object")


def schema_axioms(ontology: Graph) -> Graph:
    """The ontology's class and property axioms between named terms (no class expressions)."""
    axioms = Graph()
    for p in AXIOMS:
        for s, o in ontology.subject_objects(p):
            if isinstance(s, URIRef) and isinstance(o, URIRef):
                axioms.add((s, p, o))
    return axioms


def _terms(axioms: Graph) -> tuple[set[URIRef], set[URIRef]]:
    """The properties and classes the axioms talk about."""
    props: set[URIRef] = set()
    classes: set[URIRef] = set()
    for s, p, o in axioms:
        (classes if p in _CLASS_AXIOMS else props).update((s, o))  # type: ignore[arg-type]
    return props, classes


def _template_closure(axioms: Graph, templates: Iterable[tuple[Node, Node, Node]]) -> Graph:
    """owlrl's OWL-RL closure of the axioms plus the template triples."""
    g = Graph()
    g += axioms
    for t in templates:
        g.add(t)
    # improved_datatypes=False: owlrl would otherwise swap rdflib's global literal conversions
    # for the duration of the call; the templates hold no literals.
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, improved_datatypes=False,
                           axiomatic_triples=False, datatype_axioms=False).expand(g)
    return g


# One entailment of a template: (subject role, predicate, object role or class), where a role is
# "s" or "o", the subject or object of the data triple the template stands for.
Rule = tuple[str, URIRef, "str | URIRef"]


def _entailed(closure: Graph, template: tuple[URIRef, URIRef, URIRef], props: set[URIRef],
              classes: set[URIRef]) -> list[Rule]:
    """What the closure says about the template's subject and object, minus the noise (types
    outside the ontology's hierarchy, owl:sameAs, properties the axioms do not name)."""
    s, _, o = template
    role = {s: "s", o: "o"}
    rules: list[Rule] = []
    for node in (s, o):
        for p, v in closure.predicate_objects(node):
            if (node, p, v) == template:
                continue
            if p == RDF.type:
                if v in classes and v != OWL.Thing:
                    rules.append((role[node], p, v))  # type: ignore[arg-type]
            elif p in props and v in role:
                rules.append((role[node], p, role[v]))  # type: ignore[arg-type]
    return sorted(rules)


def infer(graph: Graph, ontology: Graph) -> Graph:
    """The triples the ontology's inverse, sub-property and sub-class axioms entail from
    ``graph`` that ``graph`` does not already assert. ``graph`` is not changed; the same input
    gives the same triples."""
    axioms = schema_axioms(ontology)
    props, classes = _terms(axioms)
    if not axioms:
        return Graph()

    by_predicate: dict[Node, list[tuple[Node, Node]]] = defaultdict(list)
    by_class: dict[Node, list[Node]] = defaultdict(list)
    for p in props:
        for s, o in graph.subject_objects(p):
            by_predicate[p].append((s, o))
    for c in classes:
        for s in graph.subjects(RDF.type, c):
            by_class[c].append(s)

    keys = [*sorted(by_predicate), *sorted(by_class)]
    templates: dict[Node, tuple[URIRef, URIRef, URIRef]] = {}
    for n, key in enumerate(keys):
        s, o = _placeholders(n)
        templates[key] = (s, key, o) if key in by_predicate else (s, RDF.type, key)  # type: ignore[assignment]
    closure = _template_closure(axioms, templates.values())

    inferred = Graph()
    for p, pairs in by_predicate.items():
        rules = _entailed(closure, templates[p], props, classes)
        for s, o in pairs:
            _instantiate(rules, s, o, graph, inferred)
    for c, members in by_class.items():
        rules = _entailed(closure, templates[c], props, classes)
        for s in members:
            _instantiate(rules, s, None, graph, inferred)
    return inferred


def _instantiate(rules: list[Rule], s: Node, o: Node | None, asserted: Graph, out: Graph) -> None:
    bind = {"s": s, "o": o}
    for rs, p, ro in rules:
        subject, obj = bind[rs], (bind[ro] if ro in bind else ro)
        if subject is None or obj is None:
            continue
        if isinstance(subject, Literal) or not isinstance(subject, (URIRef, BNode)):
            continue  # the inverse of a datatype property: no triple with a literal subject
        triple = (subject, p, obj)
        if triple not in asserted:
            out.add(triple)
