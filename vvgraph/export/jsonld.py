"""JSON-LD with a published ``@context``: compact, readable, deterministic.

pyoxigraph writes expanded JSON-LD, which is correct but unreadable; users of a catalog expect
``"dct:title"`` keys and a context they can reuse. The dump carries the context inline (so it
parses offline) and the same context is written as ``context.jsonld`` for others to reference.
"""

from __future__ import annotations

import json
from itertools import groupby
from typing import Any, Sequence

import pyoxigraph as ox

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def context(prefixes: dict[str, str]) -> dict[str, Any]:
    return {"@context": dict(sorted(prefixes.items()))}


class JsonLd:
    """Compact JSON-LD (``"dct:title"`` keys, the context inline), with the prefix lookup of
    each IRI remembered: a page export compacts the same few thousand IRIs hundreds of
    thousands of times."""

    def __init__(self, prefixes: dict[str, str]) -> None:
        # Longest namespace first, so a shorter namespace never shadows a longer match.
        self.pairs = sorted(((ns, p) for p, ns in prefixes.items()), key=lambda x: -len(x[0]))
        self.head = json.dumps(context(prefixes)["@context"], ensure_ascii=False, indent=1)
        self.memo: dict[str, str] = {}

    def iri(self, iri: str) -> str:
        found = self.memo.get(iri)
        if found is None:
            found = iri
            for ns, prefix in self.pairs:
                # A local part starting with "//" would read as an absolute IRI.
                if iri.startswith(ns) and len(iri) > len(ns) and not iri[len(ns):].startswith("//"):
                    found = f"{prefix}:{iri[len(ns):]}"
                    break
            self.memo[iri] = found
        return found

    def value(self, term: Any) -> Any:
        if isinstance(term, ox.NamedNode):
            return {"@id": self.iri(term.value)}
        if isinstance(term, ox.BlankNode):
            return {"@id": f"_:{term.value}"}
        if term.language:
            return {"@value": term.value, "@language": term.language}
        if term.datatype.value == XSD_STRING:
            return term.value
        return {"@value": term.value, "@type": self.iri(term.datatype.value)}

    def dumps(self, triples: Sequence[ox.Triple]) -> str:
        """Triples, sorted by subject then predicate, as one document, one node per line
        (diffable; and json's C encoder, used without ``indent``, is ten times faster)."""
        nodes = []
        for subject, group in groupby(triples, key=lambda t: t.subject):
            node: dict[str, Any] = {"@id": self.value(subject)["@id"]}
            for predicate, values in groupby(group, key=lambda t: t.predicate):
                objs = [t.object for t in values]
                if predicate.value == RDF_TYPE and all(isinstance(o, ox.NamedNode) for o in objs):
                    node["@type"] = [self.iri(o.value) for o in objs]
                else:
                    node[self.iri(predicate.value)] = [self.value(o) for o in objs]
            nodes.append(node)
        body = ",\n".join(json.dumps(n, ensure_ascii=False) for n in nodes)
        return f'{{"@context": {self.head},\n"@graph": [\n{body}\n]}}\n'


def dumps(triples: Sequence[ox.Triple], prefixes: dict[str, str]) -> str:
    """Triples (already sorted) as one JSON-LD document with the context inline, so the file
    parses offline; the same context is published as ``context.jsonld``."""
    return JsonLd(prefixes).dumps(triples)
