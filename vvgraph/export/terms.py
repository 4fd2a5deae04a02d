"""rdflib terms -> pyoxigraph terms, and the one sort order every dump uses.

rdflib is the modelling library; pyoxigraph writes the dumps (an order of magnitude faster,
and it keeps the order it is given, which makes byte-identical output a matter of sorting).
"""

from __future__ import annotations

from typing import Iterable

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def _key(triple: tuple[Node, Node, Node]) -> tuple[str, int, str, str, str, str]:
    s, p, o = triple
    # rdf:type first in each subject's block, as people write Turtle by hand; objects by kind,
    # then value, then language or datatype, so equal strings in different forms stay apart.
    tag = (getattr(o, "language", None) or str(getattr(o, "datatype", None) or ""))
    return (str(s), 0 if p == RDF.type else 1, str(p), type(o).__name__, str(o), tag)


def sorted_triples(graph: Graph | Iterable[tuple[Node, Node, Node]]) -> list[ox.Triple]:
    return [ox.Triple(to_ox(s), to_ox(p), to_ox(o))  # type: ignore[arg-type]
            for s, p, o in sorted(graph, key=_key)]


def as_quads(triples: list[ox.Triple], graph_name: str) -> list[ox.Quad]:
    g = ox.NamedNode(graph_name)
    return [ox.Quad(t.subject, t.predicate, t.object, g) for t in triples]
