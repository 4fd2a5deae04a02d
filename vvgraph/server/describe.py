"""What the linked-data pages know: the dataset indexed by subject and by object, the
description of one resource as triples, and those triples in each RDF format.

A resource is every IRI under ``{base}id/`` that the data mentions, as subject or object; an IRI
with a fragment belongs to the resource before the ``#``. Its description is its own triples,
those of the nodes it owns (IRIs that continue its own with ``/`` or ``#``: a project's
milestones, amounts, roles), the triples that point at it (a document's citing projects), and
one label for each resource of ours that those triples mention, so a client that fetches one
document can show names rather than IRIs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

import pyoxigraph as ox

from ..export import jsonld
from ..namespaces import PREFIXES

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SKOS_PREF_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
DCT_TITLE = "http://purl.org/dc/terms/title"
FOAF_NAME = "http://xmlns.com/foaf/0.1/name"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
LABELS = (SKOS_PREF_LABEL, DCT_TITLE, FOAF_NAME, RDFS_LABEL)

HTML = "text/html"
# Media type -> file extension, in the order a client without preferences gets them.
MEDIA_TYPES: dict[str, str] = {
    HTML: "html",
    "text/turtle": "ttl",
    "application/ld+json": "jsonld",
    "application/n-triples": "nt",
    "application/rdf+xml": "rdf",
}
EXTENSIONS: dict[str, str] = {ext: media for media, ext in MEDIA_TYPES.items()}
RDF_MEDIA_TYPES = tuple(m for m in MEDIA_TYPES if m != HTML)
FORMAT_NAMES = {"text/turtle": "Turtle", "application/ld+json": "JSON-LD",
                "application/n-triples": "N-Triples", "application/rdf+xml": "RDF/XML"}
_OX_FORMATS = {"text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES,
               "application/rdf+xml": ox.RdfFormat.RDF_XML}

Term = ox.NamedNode | ox.BlankNode | ox.Literal


def _key(triple: ox.Triple) -> tuple[str, int, str, str]:
    """rdf:type first in each subject's block, then by predicate and object."""
    return (triple.subject.value, 0 if triple.predicate.value == RDF_TYPE else 1,
            triple.predicate.value, str(triple.object))


JsonLd = jsonld.JsonLd


def serialize(triples: Sequence[ox.Triple], media_type: str,
              prefixes: dict[str, str] | None = None, *, writer: JsonLd | None = None) -> bytes:
    """``triples`` (grouped by subject, as :meth:`Resources.describe` gives them) in one of
    the RDF media types of ``MEDIA_TYPES``.

    :raises ValueError: for a media type that is not an RDF format.

    >>> t = ox.Triple(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("x"))
    >>> serialize([t], "application/n-triples")
    b'<http://e/a> <http://e/p> "x" .\\n'
    """
    if media_type == "application/ld+json":
        writer = writer or JsonLd(PREFIXES if prefixes is None else prefixes)
        return writer.dumps(triples).encode()
    prefixes = PREFIXES if prefixes is None else prefixes
    try:
        fmt = _OX_FORMATS[media_type]
    except KeyError:
        raise ValueError(f"not an RDF media type: {media_type!r}") from None
    return ox.serialize(triples, format=fmt, prefixes=prefixes)


def _prefer(literals: list[ox.Literal], language: str) -> ox.Literal | None:
    for wanted in (language, "", None):
        for lit in literals:
            if wanted is None or (lit.language or "") == wanted:
                return lit
    return None


class Resources:
    """Every triple of a dataset, indexed for the pages.

    ``base`` is the data base URI; resources are the IRIs under ``{base}id/``.
    """

    def __init__(self, triples: Iterable[ox.Triple], base: str) -> None:
        self.base = base
        self.id_space = f"{base}id/"
        self.writer = JsonLd(PREFIXES)
        ordered = sorted(set(triples), key=_key)
        self.triples = ordered
        # subject -> predicate -> objects, and object -> predicate -> subjects.
        self.props: dict[str, dict[str, list[Term]]] = defaultdict(lambda: defaultdict(list))
        self.refs: dict[str, dict[str, list[Term]]] = defaultdict(lambda: defaultdict(list))
        self._out: dict[str, list[ox.Triple]] = defaultdict(list)
        self._in: dict[str, list[ox.Triple]] = defaultdict(list)
        mentioned: set[str] = set()
        for t in ordered:
            s = t.subject.value
            self._out[s].append(t)
            self.props[s][t.predicate.value].append(t.object)
            if isinstance(t.subject, ox.NamedNode):
                mentioned.add(s)
            if isinstance(t.object, ox.NamedNode):
                o = t.object.value
                self._in[o].append(t)
                self.refs[o][t.predicate.value].append(t.subject)
                mentioned.add(o)
        self.props.default_factory = None
        self.refs.default_factory = None
        self.resources: list[str] = sorted({iri.split("#", 1)[0] for iri in mentioned
                                            if iri.startswith(self.id_space)}
                                           - {self.id_space})
        known = set(self.resources)
        # resource -> the subjects it owns (its IRI + "/" or "#" + more), deepest last.
        self._owned: dict[str, list[str]] = defaultdict(list)
        for s in sorted(self._out):
            if not s.startswith(self.id_space):
                continue
            head, hash_, _ = s.partition("#")
            if hash_ and head in known:
                self._owned[head].append(s)
            path = head
            while (cut := path.rfind("/")) > len(self.id_space):
                path = path[:cut]
                if path in known:
                    self._owned[path].append(s)
        self._labels: dict[str, str] = {}
        for s, by_prop in self.props.items():
            for p in LABELS:
                lits = [o for o in by_prop.get(p, ()) if isinstance(o, ox.Literal)]
                if lits:
                    chosen = _prefer(lits, "nl")
                    if chosen is not None:
                        self._labels[s] = chosen.value
                        break
        self._label_triples: dict[str, ox.Triple] = {}
        for t in ordered:
            if t.predicate.value in LABELS and t.subject.value not in self._label_triples \
                    and isinstance(t.object, ox.Literal) and t.object.value == self._labels.get(
                        t.subject.value):
                self._label_triples[t.subject.value] = t
        self.known = known

    # -- Building ------------------------------------------------------------------------------
    @classmethod
    def from_store(cls, store: ox.Store, base: str, extra: Iterable[ox.Triple] = ()) -> Resources:
        """The union of all graphs in ``store`` (plus ``extra`` triples)."""
        quads = store.quads_for_pattern(None, None, None, None)
        triples = (ox.Triple(q.subject, q.predicate, q.object) for q in quads)
        return cls([*triples, *extra], base)

    @classmethod
    def from_files(cls, paths: Iterable[Path], base: str) -> Resources:
        """The triples of RDF files (a quad file's graphs are merged)."""
        return cls(read_triples(paths), base)

    # -- Reading -------------------------------------------------------------------------------
    def __contains__(self, iri: str) -> bool:
        return iri in self.known

    def __len__(self) -> int:
        return len(self.resources)

    def objects(self, subject: str, predicate: str) -> list[Term]:
        return self.props.get(subject, {}).get(predicate, [])

    def first(self, subject: str, predicate: str) -> Term | None:
        values = self.objects(subject, predicate)
        return values[0] if values else None

    def text(self, subject: str, predicate: str, language: str = "nl") -> str | None:
        """The literal value of ``predicate``, in ``language`` if there is a choice."""
        lits = [o for o in self.objects(subject, predicate) if isinstance(o, ox.Literal)]
        chosen = _prefer(lits, language) if lits else None
        return chosen.value if chosen is not None else None

    def iris(self, subject: str, predicate: str) -> list[str]:
        return [o.value for o in self.objects(subject, predicate) if isinstance(o, ox.NamedNode)]

    def subjects(self, predicate: str, obj: str) -> list[str]:
        return [s.value for s in self.refs.get(obj, {}).get(predicate, [])]

    def types(self, iri: str) -> list[str]:
        return self.iris(iri, RDF_TYPE)

    def of_type(self, cls: str) -> list[str]:
        return sorted(self.subjects(RDF_TYPE, cls))

    def label(self, iri: str) -> str | None:
        return self._labels.get(iri)

    def outgoing(self, iri: str) -> list[ox.Triple]:
        return self._out.get(iri, [])

    def incoming(self, iri: str) -> list[ox.Triple]:
        return self._in.get(iri, [])

    def owned(self, iri: str) -> list[str]:
        return self._owned.get(iri, [])

    def owner(self, iri: str) -> str | None:
        """The resource whose IRI this one continues (a milestone's project), if any."""
        path = iri.split("#", 1)[0]
        if path != iri and path in self.known:
            return path
        while (cut := path.rfind("/")) > len(self.id_space):
            path = path[:cut]
            if path in self.known:
                return path
        return None

    def resource_of(self, iri: str) -> str | None:
        """The resource whose document describes ``iri`` (itself, or the part before ``#``)."""
        head = iri.split("#", 1)[0]
        return head if head in self.known else None

    def describe(self, iri: str) -> list[ox.Triple]:
        """The triples of the document about ``iri``: its own first, then those of the nodes it
        owns, the links into it and the labels of the resources they mention."""
        own = list(self.outgoing(iri))
        rest: list[ox.Triple] = []
        for child in self.owned(iri):
            rest.extend(self.outgoing(child))
        rest.extend(self.incoming(iri))
        seen = set(own)
        body = [t for t in dict.fromkeys(rest) if t not in seen]
        mentioned: list[str] = []
        for t in own + body:
            for term in (t.subject, t.object):
                if isinstance(term, ox.NamedNode) and term.value != iri:
                    mentioned.append(term.value)
        labels = [self._label_triples[m] for m in dict.fromkeys(mentioned) if m in self._label_triples]
        seen.update(body)
        body.extend(t for t in labels if t not in seen)
        body.sort(key=_key)
        return own + body

    def serialize(self, iri: str, media_type: str,
                  triples: Sequence[ox.Triple] | None = None) -> bytes:
        """The document about ``iri`` (its :meth:`describe` triples, unless given) as
        ``media_type``."""
        return serialize(self.describe(iri) if triples is None else triples, media_type,
                         writer=self.writer)

    def jsonld(self, triples: Sequence[ox.Triple]) -> str:
        return self.writer.dumps(triples)


def read_triples(paths: Iterable[Path]) -> list[ox.Triple]:
    """Every triple of the given RDF files, whatever graph a quad file puts it in."""
    triples: list[ox.Triple] = []
    for path in paths:
        fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".").lower())
        if fmt is None:
            raise ValueError(f"{path}: unknown RDF file extension")
        for item in ox.parse(path=path, format=fmt):
            if isinstance(item, ox.Quad):
                triples.append(ox.Triple(item.subject, item.predicate, item.object))
            else:
                triples.append(item)
    return triples
