"""The vocabulary's page at ``/ns``."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..describe import FORMAT_NAMES, MEDIA_TYPES, RDF_MEDIA_TYPES, RDF_TYPE, Resources
from .core import Page, ViewCore
from .formatting import date_nl, script_json
from .links import Links
from .vocabulary import _V, DCT, OWL, RDFS, VV_NS


class OntologyViews(ViewCore):
    """The vocabulary's page at ``/ns``."""

    # -- Ontology --------------------------------------------------------------------------------
    def ontology_page(self, links: Links) -> Page:
        """``/ns``: the vocabulary's header and every term, each under its own anchor."""
        o = self.ontology
        ctx = self.base_context(links, "Vocabularium Vlaamse Veerkracht")
        ctx.update(page_kind="ontology", ns=_V, classes=[], properties=[], header={},
                   alternates=[{"media_type": m, "name": FORMAT_NAMES[m], "href": links.ns(MEDIA_TYPES[m])}
                               for m in RDF_MEDIA_TYPES])
        if o is None:
            return Page("ontology.html", ctx)
        ctx["jsonld"] = script_json(o.jsonld(o.triples))
        usage_p = Counter(t.predicate.value for t in self.r.triples)
        usage_c = Counter(t.object.value for t in self.r.triples if t.predicate.value == RDF_TYPE
                          and isinstance(t.object, ox.NamedNode))

        def refs(subject: str, prop: str) -> list[dict[str, Any]]:
            return [self.link(x, links, self.curie(x)) for x in o.iris(subject, prop)]

        header = VV_NS
        ctx["header"] = {"title": o.text(header, DCT + "title") or "",
                         "description": o.text(header, DCT + "description") or "",
                         "version": o.text(header, OWL + "versionInfo") or "",
                         "modified": date_nl(o.text(header, DCT + "modified")),
                         "license": o.iris(header, DCT + "license"),
                         "see_also": o.iris(header, RDFS + "seeAlso")}
        for s in sorted(o.props):
            if not s.startswith(_V) or s == _V:
                continue
            types = o.types(s)
            term = {"id": s[len(_V):], "iri": s, "curie": self.curie(s),
                    "label_nl": o.text(s, RDFS + "label", "nl") or "",
                    "label_en": o.text(s, RDFS + "label", "en") or "",
                    "comment_nl": o.text(s, RDFS + "comment", "nl") or "",
                    "comment_en": o.text(s, RDFS + "comment", "en") or "",
                    "kind": ", ".join(self.curie(t) for t in types),
                    "super": refs(s, RDFS + "subClassOf") + refs(s, RDFS + "subPropertyOf"),
                    "domain": refs(s, RDFS + "domain"), "range": refs(s, RDFS + "range"),
                    "inverse": refs(s, OWL + "inverseOf"),
                    "uses": usage_c.get(s, 0) + usage_p.get(s, 0)}
            if OWL + "Class" in types or RDFS + "Class" in types:
                ctx["classes"].append(term)
            else:
                ctx["properties"].append(term)
        return Page("ontology.html", ctx)




def load_ontology(path: Path | None) -> Resources | None:
    """The ontology document, its relative IRIs (if any) resolved against the vocabulary's."""
    if path is None:
        return None
    triples = [ox.Triple(q.subject, q.predicate, q.object)
               for q in ox.parse(path=path, format=ox.RdfFormat.TURTLE, base_iri=VV_NS)]
    return Resources(triples, base="urn:vvgraph:none/")

