"""The terms the views read, and the Dutch names pages give them."""

from __future__ import annotations

import re

from ...namespaces import VV
from ..describe import RDF_TYPE

# -- Vocabulary the views read -----------------------------------------------------------------
_V = str(VV)
DCT = "http://purl.org/dc/terms/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SCHEMA = "http://schema.org/"
PROV = "http://www.w3.org/ns/prov#"
FOAF = "http://xmlns.com/foaf/0.1/"
TIME = "http://www.w3.org/2006/time#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
DCAT = "http://www.w3.org/ns/dcat#"
MU = "http://mu.semte.ch/vocabularies/core/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
VV_NS = _V.rstrip("#")             # the ontology document, https://w3id.org/vlaamse-veerkracht/ns

PROJECT = _V + "Project"
MILESTONE = _V + "Milestone"
INDICATOR = _V + "OutputIndicator"
EDITION = _V + "MonitoringReport"
STUK = "https://data.vlaanderen.be/ns/dossier#Stuk"
PERSON = "http://www.w3.org/ns/person#Person"
ORGANIZATION = "http://www.w3.org/ns/org#Organization"
CONCEPT = SKOS + "Concept"
SCHEME = SKOS + "ConceptScheme"

# Which page a resource gets, by its types, most specific first; each kind names both the
# view method that builds its context and its template.
PAGE_KINDS: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset({PROJECT}), "project"), (frozenset({STUK}), "document"),
    (frozenset({PERSON, ORGANIZATION}), "agent"), (frozenset({SCHEME}), "scheme"),
    (frozenset({CONCEPT}), "concept"), (frozenset({MILESTONE}), "milestone"),
    (frozenset({INDICATOR}), "indicator"), (frozenset({EDITION}), "edition"),
    (frozenset({DCAT + "Catalog"}), "catalog"),
    (frozenset({TIME + "ProperInterval"}), "quarter"),
)

# Amount properties of a project, in the report's order, with the labels the report prints.
BUDGET_PROPS = ((_V + "budget", "Beleidsruimte (begroot)"),
                (_V + "budgetUpdate", "Beleidsruimte (begroot) update"),
                (_V + "commitments", "Uitvoering VAK"),
                (_V + "payments", "Uitvoering VEK"))
ORIGINS = ((_V + "euRecoveryFund", "Europees Herstelfonds", "#1f4e9c"),
           (_V + "brexitFund", "Brexit-fonds", "#6a8fd0"),
           (_V + "reactEU", "React EU", "#9fb9e6"),
           (_V + "flemishRecoveryMeans", "Vlaamse relancemiddelen", "#f2b705"),
           (_V + "regularMeans", "Reguliere Vlaamse middelen", "#7a7a7a"))
RECOVERY = tuple(p for p, _, _ in ORIGINS[:4])
ROLE_PROPS = ((_V + "minister", "minister", "Bevoegde minister(s)"),
              (_V + "leadEntity", "trekker", "Trekkende entiteit VO"),
              (_V + "involvedEntity", "betrokkene", "Betrokken entiteit(en) VO"))
DELAYED = ("vertraging", "uitgesteld", "bijsturing-nodig", "stopgezet")

# Dutch names of the standard terms; the project's own terms take theirs from the ontology.
TERM_LABELS = {
    RDF_TYPE: "type", DCT + "title": "titel", DCT + "identifier": "code",
    DCT + "description": "beschrijving", DCT + "isPartOf": "deel van",
    DCT + "references": "verwijst naar", DCT + "created": "aangemaakt op",
    DCT + "type": "soort", DCT + "source": "bron", DCT + "publisher": "uitgever",
    DCT + "format": "formaat", DCT + "isReferencedBy": "opgenomen in", DCT + "license": "licentie",
    DCT + "issued": "uitgegeven op", DCT + "language": "taal", DCT + "modified": "gewijzigd op",
    FOAF + "page": "webpagina", FOAF + "name": "naam", FOAF + "homepage": "startpagina",
    SKOS + "prefLabel": "naam", SKOS + "inScheme": "in codelijst", SKOS + "notation": "code",
    SKOS + "topConceptOf": "topconcept van", SKOS + "hasTopConcept": "topconcepten",
    SKOS + "definition": "definitie", SKOS + "broader": "valt onder",
    SCHEMA + "position": "volgnummer", SCHEMA + "value": "bedrag", SCHEMA + "currency": "munt",
    SCHEMA + "color": "kleurcode", PROV + "wasDerivedFrom": "afgeleid van",
    PROV + "qualifiedAssociation": "betrokkenheid", PROV + "agent": "actor",
    PROV + "hadRole": "rol", MU + "uuid": "Themis-id", TIME + "hasBeginning": "begin",
    TIME + "hasEnd": "einde", TIME + "inXSDDate": "datum", RDFS + "label": "label",
    DCAT + "distribution": "distributie", DCAT + "downloadURL": "downloadadres",
    DCAT + "accessURL": "toegangsadres", DCAT + "mediaType": "mediatype",
    DCAT + "byteSize": "grootte (bytes)", DCAT + "dataset": "dataset",
}
TYPE_LABELS = {
    PROJECT: "Project", MILESTONE: "Mijlpaal", INDICATOR: "Outputindicator",
    _V + "DecisionCitation": "Agendering Vlaamse Regering", _V + "ProjectLink": "Gelinkt project",
    _V + "SourceSpan": "Bronfragment", EDITION: "Monitoringsrapport", STUK: "Stuk (beslissing)",
    PERSON: "Minister", ORGANIZATION: "Organisatie", CONCEPT: "Concept", SCHEME: "Codelijst",
    SCHEMA + "MonetaryAmount": "Bedrag", PROV + "Association": "Betrokkenheid",
    PROV + "Plan": "Plan", TIME + "ProperInterval": "Kwartaal", TIME + "Instant": "Dag",
    DCAT + "Catalog": "Catalogus", DCAT + "Dataset": "Dataset", DCAT + "Distribution": "Distributie",
    DCAT + "DataService": "Dataservice",
}
SCHEME_NAMES = {"speerpunt": "Speerpunt", "cluster": "Cluster", "projectstatus": "Projectstatus",
                "mijlpaalstatus": "Mijlpaalstatus", "bedragsoort": "Soort bedrag",
                "financieringsbron": "Financieringsbron", "rol": "Rol"}
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


