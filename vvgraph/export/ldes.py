"""The editions as a Linked Data Event Stream (LDES, SEMIC): one member per version of each
project, milestone and indicator, so a harvester (an LDES client, a mu-semtech
ldes-consumer) keeps a copy in sync by reading only what changed.

A version is what the report says about the resource in one edition: its own triples and
those of the nodes it owns (its amounts, roles, links), minus where it was printed (source
lines move between editions without the project changing). A later edition adds a member only
for a resource whose version differs from its latest one. Members never change once
published: a version's IRI is the stable IRI plus ``/versie/<measurement date>``, its owned
nodes are renamed under it, it points at the stable resource with ``dct:isVersionOf`` and
carries the edition's date as ``prov:generatedAtTime``.

The stream is cut into pages of ``page_size`` members in time order; each page links the next
with a ``tree:GreaterThanOrEqualToRelation`` on the timestamp, and the first page (the view)
states the retention policy: the latest ``keep`` versions of each resource. No blank nodes and
no clock: the same editions give the same pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SH, XSD

from ..namespaces import VV
from ..records import Report

LDES = Namespace("https://w3id.org/ldes#")
TREE = Namespace("https://w3id.org/tree#")
FOLDER = "ldes"
VERSIONED = (VV.Project, VV.Milestone, VV.OutputIndicator)
# Where a resource was printed is not part of what the report says about it.
NOT_STATE = {DCTERMS.source, DCTERMS.isReferencedBy, VV.sourceLine}
Pair = tuple[URIRef, object]


@dataclass(frozen=True, slots=True)
class Version:
    stable: URIRef
    measured_on: str
    own: frozenset[Pair]                                # (predicate, object) of the resource
    owned: frozenset[tuple[URIRef, URIRef, object]]     # (node, predicate, object) of its nodes

    @property
    def iri(self) -> URIRef:
        return URIRef(f"{self.stable}/versie/{self.measured_on}")

    def same_as(self, other: "Version") -> bool:
        return self.own == other.own and self.owned == other.owned

    def triples(self) -> list[tuple[URIRef, URIRef, object]]:
        """The member: the version, its renamed nodes, isVersionOf and the timestamp."""
        prefix, renamed = f"{self.stable}/", f"{self.iri}/"
        nodes = {n for n, _, _ in self.owned}

        def rename(term: object) -> object:
            return URIRef(renamed + term[len(prefix):]) if term in nodes else term  # type: ignore[index]

        out = [(self.iri, p, rename(o)) for p, o in self.own]
        out += [(rename(n), p, rename(o)) for n, p, o in self.owned]  # type: ignore[misc]
        out.append((self.iri, DCTERMS.isVersionOf, self.stable))
        out.append((self.iri, PROV.generatedAtTime, timestamp(self.measured_on)))
        return out


def timestamp(measured_on: str) -> Literal:
    return Literal(f"{measured_on}T00:00:00Z", datatype=XSD.dateTime)


def versions(graph: Graph, measured_on: str) -> dict[URIRef, Version]:
    """Every versioned resource of one edition's graph and what the edition says about it."""
    out: dict[URIRef, Version] = {}
    for cls in VERSIONED:
        for s in graph.subjects(RDF.type, cls):
            assert isinstance(s, URIRef)
            own = frozenset((p, o) for p, o in graph.predicate_objects(s) if p not in NOT_STATE)
            prefix = f"{s}/"
            owned = set()
            for p, o in own:
                # Nodes under the resource's IRI are its own, except its milestones and
                # indicators, which are versioned members of their own.
                if isinstance(o, URIRef) and o.startswith(prefix) and \
                        not any((o, RDF.type, c) in graph for c in VERSIONED):
                    owned.update((o, q, v) for q, v in graph.predicate_objects(o) if q not in NOT_STATE)
            out[s] = Version(s, measured_on, own, frozenset(owned))  # type: ignore[arg-type]
    return out


@dataclass(frozen=True, slots=True)
class EventStream:
    members: tuple[Version, ...]   # in time order, then by IRI


def event_stream(editions: list[tuple[Report, Graph]], keep: int = 10) -> EventStream:
    """Members for ``editions`` (any order): a version per resource per edition in which it
    is new or changed, at most the latest ``keep`` per resource (the retention policy)."""
    latest: dict[URIRef, Version] = {}
    members: list[Version] = []
    for report, graph in sorted(editions, key=lambda e: e[0].measured_on):
        for iri, v in sorted(versions(graph, report.measured_on).items()):
            previous = latest.get(iri)
            if previous is None or not previous.same_as(v):
                members.append(v)
                latest[iri] = v
    per_resource: dict[URIRef, list[Version]] = {}
    for v in members:
        per_resource.setdefault(v.stable, []).append(v)
    kept = {v.iri for vs in per_resource.values() for v in vs[-keep:]}
    return EventStream(tuple(sorted((v for v in members if v.iri in kept),
                                    key=lambda v: (v.measured_on, str(v.iri)))))


def pages(stream: EventStream, base: str, page_size: int = 250, keep: int = 10) -> list[Graph]:
    """The stream as pages ``{base}dumps/ldes/<n>.ttl``; the first is the stream's view."""
    if page_size < 1 or keep < 1:
        raise ValueError("page size and retention must be at least 1")
    url = f"{base}dumps/{FOLDER}/"
    es = URIRef(f"{base}id/ldes")
    shape = URIRef(f"{base}id/ldes/vorm")
    chunks = [stream.members[i:i + page_size] for i in range(0, len(stream.members), page_size)] or [()]
    out = []
    for n, chunk in enumerate(chunks, 1):
        g = Graph()
        page = URIRef(f"{url}{n}.ttl")
        g.add((es, RDF.type, LDES.EventStream))
        g.add((es, LDES.versionOfPath, DCTERMS.isVersionOf))
        g.add((es, LDES.timestampPath, PROV.generatedAtTime))
        g.add((es, TREE.shape, shape))
        g.add((es, TREE.view, URIRef(f"{url}1.ttl")))
        g.add((page, RDF.type, TREE.Node))
        if n == 1:
            policy = URIRef(f"{base}id/ldes/bewaarbeleid")
            g.add((page, LDES.retentionPolicy, policy))
            g.add((policy, RDF.type, LDES.LatestVersionSubset))
            g.add((policy, LDES.amount, Literal(str(keep), datatype=XSD.integer)))
            g.add((shape, RDF.type, SH.NodeShape))
            for path in (DCTERMS.isVersionOf, PROV.generatedAtTime):
                prop = URIRef(f"{shape}/{path.split('/')[-1].split('#')[-1]}")
                g.add((shape, SH.property, prop))
                g.add((prop, SH.path, path))
                g.add((prop, SH.minCount, Literal("1", datatype=XSD.integer)))
                g.add((prop, SH.maxCount, Literal("1", datatype=XSD.integer)))
        if n < len(chunks):
            rel = URIRef(f"{page}#volgende")
            g.add((page, TREE.relation, rel))
            g.add((rel, RDF.type, TREE.GreaterThanOrEqualToRelation))
            g.add((rel, TREE.node, URIRef(f"{url}{n + 1}.ttl")))
            g.add((rel, TREE.path, PROV.generatedAtTime))
            g.add((rel, TREE.value, timestamp(chunks[n][0].measured_on)))
        for v in chunk:
            g.add((es, TREE.member, v.iri))
            for t in v.triples():
                g.add(t)  # type: ignore[arg-type]
        out.append(g)
    return out


def write_stream(editions: list[tuple[Report, Graph]], base: str, out_dir: Path,
                 page_size: int = 250, keep: int = 10) -> list[Path]:
    """Write ``ldes/<n>.ttl`` into ``out_dir``; the files written."""
    from .dumps import serialize
    from .terms import sorted_triples

    folder = out_dir / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    prefixes = {"ldes": str(LDES), "tree": str(TREE), "dct": str(DCTERMS), "prov": str(PROV),
                "sh": str(SH), "vv": str(VV), "xsd": str(XSD)}
    for n, g in enumerate(pages(event_stream(editions, keep), base, page_size, keep), 1):
        path = folder / f"{n}.ttl"
        path.write_bytes(serialize(sorted_triples(g), "ttl", prefixes, ""))
        written.append(path)
    return written
