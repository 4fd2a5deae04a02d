"""RDF -> records: reads a report edition back out of its graph.

It exists to prove the mapping loses nothing (records -> RDF -> records is exact) and lets a
user who only has a dump get the JSON records again. It reads only what ``map_report`` writes
for the records; derived triples (numeric values, quarters, document dates) are ignored.
"""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, SKOS

from ..namespaces import MU, SCHEMA, VV
from ..records import (AmountText, Decision, Financing, Indicator, Milestone, Numbered, Project,
                       Report, SourceRef)
from .vocabulary import AMOUNTS, INPUT_AMOUNT, PROSE, ROLES


class _Reader:
    def __init__(self, g: Graph) -> None:
        self.g = g

    def text(self, s: URIRef, p: URIRef) -> str | None:
        v = self.g.value(s, p)
        return None if v is None else str(v)

    def int(self, s: URIRef, p: URIRef) -> int:
        return int(self.g.value(s, p))  # type: ignore[arg-type]

    def ordered(self, s: URIRef, p: URIRef) -> list[URIRef]:
        """The nodes ``s p ?n`` in their printed order (``schema:position``)."""
        return sorted(self.g.objects(s, p), key=lambda n: self.int(n, SCHEMA.position))

    def numbered(self, concept: URIRef) -> Numbered:
        return Numbered(number=int(str(self.g.value(concept, SKOS.notation))),
                        label=str(self.g.value(concept, SKOS.prefLabel)))

    def amount(self, s: URIRef, prop: URIRef) -> int | None:
        node = self.g.value(s, prop)
        if node is None:
            return None
        return int(str(self.g.value(node, SCHEMA.value)))

    def url(self, doc: URIRef) -> str:
        page = self.g.value(doc, FOAF.page) if self.g.value(doc, MU.uuid) is not None else None
        return str(page if page is not None else doc)

    def project(self, s: URIRef) -> Project:
        g, text = self.g, self.text
        agents: dict[str, tuple[str, ...]] = {}
        for field_name, (_prop, role) in ROLES.items():
            assocs = [a for a in g.objects(s, PROV.qualifiedAssociation)
                      if str(g.value(a, PROV.hadRole)).endswith(f"/rol/{role}")]
            assocs.sort(key=lambda a: self.int(a, SCHEMA.position))
            label = FOAF.name if role == "minister" else SKOS.prefLabel
            agents[field_name] = tuple(str(g.value(g.value(a, PROV.agent), label)) for a in assocs)
        status = g.value(s, VV.status)
        span = g.value(s, DCTERMS.source)
        return Project(
            id=str(g.value(s, DCTERMS.identifier)),
            title=str(g.value(s, DCTERMS.title)),
            cluster=self.numbered(g.value(s, VV.cluster)),
            speerpunt=self.numbered(g.value(s, VV.speerpunt)),
            ministers=agents["ministers"], lead_entities=agents["lead_entities"],
            involved_entities=agents["involved_entities"],
            stakeholders=text(s, PROSE["stakeholders"]),
            project_page_url=text(s, FOAF.page),
            description=text(s, DCTERMS.description),
            input=AmountText(text=text(s, VV.input), eur=self.amount(s, INPUT_AMOUNT[0])),
            output=text(s, PROSE["output"]), outcome=text(s, PROSE["outcome"]),
            status=None if status is None else str(g.value(status, SKOS.prefLabel)),
            status_description=text(s, PROSE["status_description"]),
            political_action=text(s, PROSE["political_action"]),
            milestones=tuple(self.milestone(m) for m in self.ordered(s, VV.milestone)),
            indicators=tuple(self.indicator(i) for i in self.ordered(s, VV.indicator)),
            financing=Financing(**{f: self.amount(s, spec[0]) for f, spec in AMOUNTS.items()}),
            decisions=tuple(self.decision(c) for c in self.ordered(s, VV.decisionCitation)),
            linked_projects=tuple(str(g.value(g.value(link, VV.linkTarget), DCTERMS.identifier)
                                      or str(g.value(link, VV.linkTarget)).rsplit("/", 1)[1])
                                  for link in self.ordered(s, VV.projectLink)),
            source=SourceRef(file=str(g.value(span, VV.fileName)),
                             first_line=self.int(span, VV.firstLine),
                             last_line=self.int(span, VV.lastLine)),
        )

    def milestone(self, m: URIRef) -> Milestone:
        status = self.g.value(m, VV.status)
        return Milestone(name=str(self.g.value(m, DCTERMS.title)), timing=self.text(m, VV.timing),
                         status=None if status is None else str(self.g.value(status, SKOS.prefLabel)),
                         description=self.text(m, DCTERMS.description),
                         line=self.int(m, VV.sourceLine))

    def indicator(self, i: URIRef) -> Indicator:
        return Indicator(indicator=str(self.g.value(i, DCTERMS.title)),
                         target=self.text(i, VV.target), timing=self.text(i, VV.timing),
                         realisation=self.text(i, VV.realisation), rate=self.text(i, VV.rate),
                         line=self.int(i, VV.sourceLine))

    def decision(self, c: URIRef) -> Decision:
        members = sorted(((int(str(p)[len(str(RDF)) + 1:]), o) for p, o in self.g.predicate_objects(c)
                          if str(p).startswith(f"{RDF}_")), key=lambda x: x[0])
        urls = tuple(self.url(doc) for _, doc in members)
        return Decision(title=str(self.g.value(c, DCTERMS.title)), url=urls[0] if urls else None,
                        urls=urls, line=self.int(c, VV.sourceLine))


def read_report(graph: Graph) -> Report:
    """The records of the one report edition in ``graph``.

    :raises ValueError: when the graph holds no edition or more than one.
    """
    g = graph
    editions = list(g.subjects(RDF.type, VV.MonitoringReport))
    if len(editions) != 1:
        raise ValueError(f"expected one monitoring report edition in the graph, found {len(editions)}")
    ed = editions[0]
    r = _Reader(g)
    source = g.value(ed, DCTERMS.source)

    def scheme_members(name: str) -> tuple[Numbered, ...]:
        items = [r.numbered(c) for c in g.subjects(SKOS.inScheme, None)
                 if str(g.value(c, SKOS.inScheme)).endswith(f"/conceptscheme/{name}")]
        return tuple(sorted(items, key=lambda n: n.number))

    projects = sorted(g.subjects(RDF.type, VV.Project), key=lambda s: str(g.value(s, DCTERMS.identifier)))
    return Report(
        title=str(g.value(ed, DCTERMS.title)), measured_on=str(g.value(ed, VV.measuredOn)),
        source=str(g.value(source, VV.fileName)),
        speerpunten=scheme_members("speerpunt"), clusters=scheme_members("cluster"),
        projects=tuple(r.project(p) for p in projects),
    )
