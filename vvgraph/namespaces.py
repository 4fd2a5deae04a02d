"""Every namespace the graph uses, spelled once.

The Flemish (OSLO) namespaces are not uniformly http or https: ``besluit`` and ``mandaat``
are http, ``dossier``, ``persoon``, ``organisatie``, ``generiek`` are https. A test checks every
term the project uses against the vocabularies bundled in ``ontology/vocabularies``.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, TIME, VOID, XSD

ADMS = Namespace("http://www.w3.org/ns/adms#")
DOSSIER = Namespace("https://data.vlaanderen.be/ns/dossier#")
PERSOON = Namespace("https://data.vlaanderen.be/ns/persoon#")
PERSON = Namespace("http://www.w3.org/ns/person#")
MANDAAT = Namespace("http://data.vlaanderen.be/ns/mandaat#")
BESLUIT = Namespace("http://data.vlaanderen.be/ns/besluit#")
M8G = Namespace("http://data.europa.eu/m8g/")
MU = Namespace("http://mu.semte.ch/vocabularies/core/")
SCHEMA = Namespace("http://schema.org/")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
SH = Namespace("http://www.w3.org/ns/shacl#")
VANN = Namespace("http://purl.org/vocab/vann/")
DCATAP_VL = Namespace("https://data.vlaanderen.be/ns/metadata-dcat#")


# The project's own vocabulary. Its IRIs are fixed, whatever base the data is published under:
# a term must mean the same thing in every deployment, while data URIs follow their host.
VV = Namespace("https://w3id.org/vlaamse-veerkracht/ns#")


# The prefixes written into every serialisation and SPARQL example, in this order.
PREFIXES: dict[str, str] = {
    "adms": str(ADMS), "besluit": str(BESLUIT), "dcat": str(DCAT), "dct": str(DCTERMS), "dossier": str(DOSSIER),
    "foaf": str(FOAF), "m8g": str(M8G), "mu": str(MU), "org": str(ORG), "owl": str(OWL),
    "person": str(PERSON), "persoon": str(PERSOON), "prov": str(PROV), "rdf": str(RDF), "rdfs": str(RDFS),
    "schema": str(SCHEMA), "skos": str(SKOS), "time": str(TIME), "void": str(VOID),
    "vv": str(VV), "xsd": str(XSD),
}


__all__ = ["ADMS", "BESLUIT", "DCAT", "DCATAP_VL", "DCTERMS", "DOSSIER", "FOAF", "M8G", "MANDAAT",
           "MU", "ORG", "OWL", "PERSON", "PERSOON", "PREFIXES", "PROV", "RDF", "RDFS", "SCHEMA", "SD", "SH",
           "SKOS", "TIME", "VANN", "VOID", "VV", "XSD"]
