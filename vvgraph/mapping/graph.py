"""Records -> RDF: the report edition as one named graph on standard vocabularies.

Everything the records hold is stated, so ``read_report`` can give the records back exactly:
prose as ``@nl`` literals, amounts as ``xsd:decimal`` in ``schema:MonetaryAmount`` nodes,
printed order as ``schema:position``. Where the report prints a code (a status, a quarter, a
document-view link) the graph also links the resource it stands for, so queries need no
string matching. No blank nodes: every node has a URI from ``uris``, which keeps dumps
byte-identical between runs and every node dereferenceable.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS, TIME, XSD

from ..namespaces import BESLUIT, DOSSIER, M8G, MU, PERSON, SCHEMA, VV
from ..records import Financing, Project, Report
from .numbers import VR_REFERENCE, number_value, object_id_time, rate_value
from .uris import Uris, document_view_id, quarter_key, slug
from .vocabulary import AMOUNTS, INPUT_AMOUNT, PROSE, ROLES
from .vr_reference import describe as describe_vr_names

FLEMISH_GOVERNMENT = URIRef(
    "http://themis.vlaanderen.be/id/bestuursorgaan/7f2c82aa-75ac-40f8-a6c3-9fe539163025")


def nl(text: str) -> Literal:
    return Literal(text, lang="nl")


def decimal(value: object) -> Literal:
    return Literal(str(value), datatype=XSD.decimal)


def integer(value: int) -> Literal:
    return Literal(str(value), datatype=XSD.integer)


class ConceptIndex:
    """Status labels as the report prints them -> the concepts of ``ontology/concepts.ttl``.

    A label the code list does not know still gets a concept (outside the scheme), so the
    graph keeps what the report says and SHACL's ``sh:in`` reports it.
    """

    def __init__(self, concepts: Graph, uris: Uris) -> None:
        self.uris = uris
        self.by_label: dict[tuple[str, str], URIRef] = {}
        for concept, scheme in concepts.subject_objects(SKOS.inScheme):
            name = str(scheme).rsplit("/", 1)[1]
            for label in concepts.objects(concept, SKOS.prefLabel):
                if getattr(label, "language", None) == "nl":
                    self.by_label[(name, str(label))] = URIRef(concept)

    def lookup(self, scheme: str, label: str) -> tuple[URIRef, bool]:
        """The concept for ``label`` and whether the code list knows it."""
        known = self.by_label.get((scheme, label))
        if known is not None:
            return known, True
        return self.uris.concept(scheme, slug(label) or "leeg"), False


def load_concepts(ontology_dir: Path, base: str) -> Graph:
    """The static code lists, their relative IRIs resolved against the data base."""
    g = Graph()
    g.parse(ontology_dir / "concepts.ttl", format="turtle", publicID=base)
    return g


class _Mapper:
    def __init__(self, report: Report, uris: Uris, concepts: ConceptIndex, graph: Graph) -> None:
        self.report, self.uris, self.concepts, self.g = report, uris, concepts, graph
        self.add = graph.add
        # Shared resources (people, organisations, quarters, documents) are described once.
        self.described: set[URIRef] = set()

    def first_time(self, node: URIRef) -> bool:
        if node in self.described:
            return False
        self.described.add(node)
        return True

    # -- the edition and its code lists -----------------------------------------------------
    def edition(self) -> URIRef:
        r, u, add = self.report, self.uris, self.add
        ed = u.edition(r.measured_on)
        src = u.source_file(r.source)
        add((ed, RDF.type, VV.MonitoringReport))
        add((ed, RDF.type, DCAT.Dataset))
        add((ed, RDF.type, PROV.Entity))
        add((ed, DCTERMS.title, nl(r.title)))
        add((ed, VV.measuredOn, Literal(r.measured_on, datatype=XSD.date)))
        add((ed, DCTERMS.publisher, FLEMISH_GOVERNMENT))
        add((ed, DCTERMS.source, src))
        add((ed, PROV.wasDerivedFrom, src))
        add((ed, VV.monitors, u.plan()))
        add((src, RDF.type, FOAF.Document))
        add((src, DCTERMS.format, URIRef("https://www.iana.org/assignments/media-types/text/plain")))
        add((src, VV.fileName, Literal(r.source)))
        add((u.plan(), RDF.type, PROV.Plan))
        add((u.plan(), DCTERMS.title, nl("Vlaamse Veerkracht")))
        add((FLEMISH_GOVERNMENT, RDF.type, ORG.Organization))
        add((FLEMISH_GOVERNMENT, RDF.type, BESLUIT.Bestuursorgaan))
        add((FLEMISH_GOVERNMENT, SKOS.prefLabel, nl("Vlaamse Regering")))
        return ed

    def numbered(self, scheme: str, items: tuple, broader: dict[int, int] | None = None) -> None:
        for item in items:
            c = self.uris.concept(scheme, f"{item.number:02d}")
            self.add((c, RDF.type, SKOS.Concept))
            self.add((c, SKOS.inScheme, self.uris.scheme(scheme)))
            self.add((c, SKOS.topConceptOf, self.uris.scheme(scheme)))
            self.add((c, SKOS.notation, Literal(f"{item.number:02d}")))
            self.add((c, SKOS.prefLabel, nl(item.label)))
            if broader and item.number in broader:
                self.add((c, SKOS.broader, self.uris.concept("speerpunt", f"{broader[item.number]:02d}")))

    def cluster_speerpunt(self) -> dict[int, int]:
        """A cluster is narrower than a speerpunt only where all its projects agree on one
        (cluster 35, "Extra relanceprojecten", spans six)."""
        seen: dict[int, set[int]] = {}
        for p in self.report.projects:
            seen.setdefault(p.cluster.number, set()).add(p.speerpunt.number)
        return {c: next(iter(s)) for c, s in seen.items() if len(s) == 1}

    # -- one project ------------------------------------------------------------------------
    def project(self, p: Project, edition: URIRef) -> None:
        u, add = self.uris, self.add
        s = u.project(p.id)
        add((s, RDF.type, VV.Project))
        add((s, DCTERMS.identifier, Literal(p.id)))
        add((s, DCTERMS.title, nl(p.title)))
        add((s, DCTERMS.isPartOf, u.plan()))
        add((s, VV.cluster, u.concept("cluster", f"{p.cluster.number:02d}")))
        add((s, VV.speerpunt, u.concept("speerpunt", f"{p.speerpunt.number:02d}")))
        self.agents(s, p)
        for name, prop in PROSE.items():
            value = getattr(p, name)
            if value is not None:
                add((s, prop, nl(value)))
        if p.description is not None:
            add((s, DCTERMS.description, nl(p.description)))
        if p.project_page_url is not None:
            add((s, FOAF.page, URIRef(p.project_page_url)))
        if p.input.text is not None:
            add((s, VV.input, nl(p.input.text)))
        if p.input.eur is not None:
            self.amount(s, p.id, INPUT_AMOUNT, p.input.eur)
        if p.status is not None:
            add((s, VV.status, self.concepts.lookup("projectstatus", p.status)[0]))
        self.financing(s, p.id, p.financing)
        self.milestones(s, p)
        self.indicators(s, p)
        self.decisions(s, p)
        for n, other in enumerate(p.linked_projects, 1):
            link, target = u.project_link(p.id, n), u.project(other)
            add((s, VV.linkedProject, target))
            add((s, VV.projectLink, link))
            add((link, RDF.type, VV.ProjectLink))
            add((link, SCHEMA.position, integer(n)))
            add((link, VV.linkTarget, target))
        self.provenance(s, p, edition)

    def agents(self, s: URIRef, p: Project) -> None:
        u, add = self.uris, self.add
        for field_name, (prop, role) in ROLES.items():
            for n, name in enumerate(getattr(p, field_name), 1):
                agent = self.agent(role, name)
                assoc = u.association(p.id, role, n)
                add((s, prop, agent))
                add((s, PROV.qualifiedAssociation, assoc))
                add((assoc, RDF.type, PROV.Association))
                add((assoc, PROV.agent, agent))
                add((assoc, PROV.hadRole, u.concept("rol", role)))
                add((assoc, SCHEMA.position, integer(n)))

    def agent(self, role: str, name: str) -> URIRef:
        """A minister is a person, the other roles are public organisations."""
        u, add = self.uris, self.add
        agent = u.person(name) if role == "minister" else u.organisation(name)
        if not self.first_time(agent):
            return agent
        if role == "minister":
            add((agent, RDF.type, PERSON.Person))
            add((agent, RDF.type, FOAF.Person))
            add((agent, FOAF.name, Literal(name)))
        else:
            add((agent, RDF.type, ORG.Organization))
            add((agent, RDF.type, M8G.PublicOrganisation))
            add((agent, SKOS.prefLabel, nl(name)))
        return agent

    def amount(self, s: URIRef, code: str, spec: tuple[URIRef, str, str, str], eur: int) -> None:
        prop, kind, scheme, concept = spec
        a = self.uris.amount(code, kind)
        self.add((s, prop, a))
        self.add((a, RDF.type, SCHEMA.MonetaryAmount))
        self.add((a, SCHEMA.value, decimal(eur)))
        self.add((a, SCHEMA.currency, Literal("EUR")))
        self.add((a, DCTERMS.type, self.uris.concept(scheme, concept)))

    def financing(self, s: URIRef, code: str, f: Financing) -> None:
        for field_name, spec in AMOUNTS.items():
            eur = getattr(f, field_name)
            if eur is not None:
                self.amount(s, code, spec, eur)

    def quarter(self, node: URIRef, timing: str | None) -> None:
        if timing is not None:
            self.add((node, VV.timing, Literal(timing)))
        key = quarter_key(timing)
        if key is None:
            return
        q = self.uris.quarter(key)
        self.add((node, VV.plannedQuarter, q))
        if not self.first_time(q):
            return
        year, n = int(key[:4]), int(key[-1])
        start = date(year, 3 * n - 2, 1)
        end = date(year + (n == 4), 1 if n == 4 else 3 * n + 1, 1).toordinal() - 1
        self.add((q, RDF.type, TIME.ProperInterval))
        self.add((q, RDFS.label, Literal(timing)))
        for prop, day in ((TIME.hasBeginning, start), (TIME.hasEnd, date.fromordinal(end))):
            instant = self.uris.day(day.isoformat())
            self.add((q, prop, instant))
            self.add((instant, RDF.type, TIME.Instant))
            self.add((instant, TIME.inXSDDate, Literal(day.isoformat(), datatype=XSD.date)))

    def milestones(self, s: URIRef, p: Project) -> None:
        for n, m in enumerate(p.milestones, 1):
            node = self.uris.milestone(p.id, n)
            self.add((s, VV.milestone, node))
            self.add((node, RDF.type, VV.Milestone))
            self.add((node, SCHEMA.position, integer(n)))
            self.add((node, DCTERMS.title, nl(m.name)))
            self.quarter(node, m.timing)
            if m.status is not None:
                self.add((node, VV.status, self.concepts.lookup("mijlpaalstatus", m.status)[0]))
            if m.description is not None:
                self.add((node, DCTERMS.description, nl(m.description)))
            self.add((node, VV.sourceLine, integer(m.line)))

    def indicators(self, s: URIRef, p: Project) -> None:
        for n, i in enumerate(p.indicators, 1):
            node = self.uris.indicator(p.id, n)
            self.add((s, VV.indicator, node))
            self.add((node, RDF.type, VV.OutputIndicator))
            self.add((node, SCHEMA.position, integer(n)))
            self.add((node, DCTERMS.title, nl(i.indicator)))
            self.quarter(node, i.timing)
            for text, text_prop, value, value_prop in (
                    (i.target, VV.target, number_value(i.target), VV.targetValue),
                    (i.realisation, VV.realisation, number_value(i.realisation), VV.realisationValue),
                    (i.rate, VV.rate, rate_value(i.rate), VV.rateValue)):
                if text is not None:
                    self.add((node, text_prop, nl(text)))
                if value is not None:
                    self.add((node, value_prop, decimal(value)))
            self.add((node, VV.sourceLine, integer(i.line)))

    def decisions(self, s: URIRef, p: Project) -> None:
        u, add = self.uris, self.add
        for n, d in enumerate(p.decisions, 1):
            c = u.citation(p.id, n)
            add((s, VV.decisionCitation, c))
            add((c, RDF.type, VV.DecisionCitation))
            add((c, SCHEMA.position, integer(n)))
            add((c, DCTERMS.title, nl(d.title)))
            add((c, VV.sourceLine, integer(d.line)))
            refs = VR_REFERENCE.findall(d.title)
            for ref in refs:
                add((c, VV.vrReference, Literal(ref)))
            describe_vr_names(self.g, c, d.title, u.base)
            for k, url in enumerate(d.urls, 1):
                doc = self.document(url)
                add((c, RDF[f"_{k}"], doc))
                add((c, DCTERMS.references, doc))
                add((s, VV.decisionDocument, doc))
                if len(refs) == 1 and len(d.urls) == 1 and document_view_id(url):
                    add((doc, DCTERMS.title, Literal(refs[0])))

    def document(self, url: str) -> URIRef:
        doc = self.uris.document(url)
        uuid = document_view_id(url)
        if not self.first_time(doc):
            return doc
        if uuid is None:
            self.add((doc, RDF.type, FOAF.Document))
            return doc
        self.add((doc, RDF.type, DOSSIER.Stuk))
        self.add((doc, MU.uuid, Literal(uuid)))
        self.add((doc, FOAF.page, URIRef(url)))
        created = object_id_time(uuid)
        if created is not None:
            self.add((doc, VV.idTimestamp,
                      Literal(created.strftime("%Y-%m-%dT%H:%M:%SZ"), datatype=XSD.dateTime)))
        return doc

    def provenance(self, s: URIRef, p: Project, edition: URIRef) -> None:
        src = self.uris.source_file(p.source.file)
        # RFC 5147 fragment: line=a,b selects the lines after boundary a up to boundary b.
        span = URIRef(f"{src}#line={p.source.first_line - 1},{p.source.last_line}")
        # dct:source, not prov:wasDerivedFrom: a project is a prov:Activity, and PROV gives
        # wasDerivedFrom the domain prov:Entity.
        self.add((s, DCTERMS.source, span))
        self.add((span, RDF.type, VV.SourceSpan))
        self.add((span, DCTERMS.isPartOf, src))
        self.add((span, VV.fileName, Literal(p.source.file)))
        self.add((span, VV.firstLine, integer(p.source.first_line)))
        self.add((span, VV.lastLine, integer(p.source.last_line)))
        self.add((s, DCTERMS.isReferencedBy, edition))


def map_report(report: Report, uris: Uris, concepts: Graph) -> Graph:
    """The triples of one report edition (the caller places them in the edition's named graph).

    The code lists in ``concepts`` are copied in, so the graph is self-contained.
    """
    g = Graph()
    for triple in concepts:
        g.add(triple)
    m = _Mapper(report, uris, ConceptIndex(concepts, uris), g)
    edition = m.edition()
    m.numbered("speerpunt", report.speerpunten)
    m.numbered("cluster", report.clusters, broader=m.cluster_speerpunt())
    for p in sorted(report.projects, key=lambda p: p.id):
        m.project(p, edition)
    return g
