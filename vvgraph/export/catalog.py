"""Metadata about the dataset: a DCAT-AP catalog of its distributions and a VoID description.

Portals (data.vlaanderen.be, data.europa.eu) harvest DCAT-AP; SPARQL tooling reads VoID. Both
describe the same edition URI, so a harvester and a query client meet on one identifier.
Sizes and checksums come from the files as written, and no clock is read, so the metadata is
as reproducible as the dumps.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, PROV, RDF, RDFS, SKOS, VOID, XSD

from ..mapping.graph import FLEMISH_GOVERNMENT, nl
from ..mapping.uris import Uris
from ..namespaces import DCATAP_VL, VV
from ..records import Report
from .dumps import DUMPS

SPDX = Namespace("http://spdx.org/rdf/terms#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
IANA = "https://www.iana.org/assignments/media-types/"
# The report's own licence; the graph is a derived work under the same terms.
DATA_LICENCE = URIRef("https://data.vlaanderen.be/id/licentie/modellicentie-gratis-hergebruik/v1.0")
VOCAB_LICENCE = URIRef("https://creativecommons.org/licenses/by/4.0/")
VL_OPEN_DATA = URIRef("https://data.vlaanderen.be/id/concept/StatuutLijst/VLOPENDATA")
PLAN_PAGE = URIRef("https://www.vlaanderen.be/vlaamse-regering/vlaamse-veerkracht")
CSVW_STANDARD = URIRef("https://www.w3.org/TR/tabular-data-primer/")
LDES_STANDARD = URIRef("https://w3id.org/ldes/specification")
# EU file-type code of a download by its media type (the dumps name theirs in DUMPS).
FILE_TYPES = {"text/csv": "CSV", "application/csvm+json": "JSON", "application/json": "JSON",
              "application/ld+json": "JSON_LD", "text/turtle": "RDF_TURTLE",
              "application/n-triples": "RDF_N_TRIPLES", "application/zip": "ZIP", "text/plain": "TXT"}
# Properties whose values are the data's own addresses, not described resources (DCAT-AP
# gives them the range rdfs:Resource).
ADDRESSES = {RDF.type, DCAT.accessURL, DCAT.downloadURL, DCAT.endpointURL}
LABELS = (RDFS.label, SKOS.prefLabel, DCTERMS.title, FOAF.name, VCARD.fn)


class UndescribedResource(ValueError):
    """The catalog points at a resource that catalog-references.ttl does not describe."""


@lru_cache(maxsize=1)
def references() -> Graph:
    """The external resources a catalog may point at, typed and labelled (a Turtle file)."""
    text = (resources.files(__package__) / "catalog-references.ttl").read_text(encoding="utf-8")
    return Graph().parse(data=text, format="turtle")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def catalog(report: Report, uris: Uris, out_dir: Path, extra: dict[str, tuple[str, str]]) -> Graph:
    """DCAT-AP: the catalog, the edition as dataset, one distribution per file in ``out_dir``.

    ``extra`` lists further files (name -> (media type, title)) such as the ontology and shapes.
    """
    b = uris.base
    g = Graph()
    add = g.add
    cat = URIRef(f"{b}id/catalogus")
    ds = uris.edition(report.measured_on)
    service = URIRef(f"{b}id/dienst/sparql")
    contact = URIRef(f"{b}id/contactpunt")
    add((cat, RDF.type, DCAT.Catalog))
    add((cat, DCTERMS.title, nl("Vlaamse Veerkracht als gelinkte data")))
    add((cat, DCTERMS.title, Literal("Vlaamse Veerkracht as linked data", lang="en")))
    add((cat, DCTERMS.description, nl("De monitoringsrapporten van het relanceplan Vlaamse Veerkracht "
                                      "als kennisgraaf: projecten, mijlpalen, indicatoren, financiering "
                                      "en beslissingen van de Vlaamse Regering.")))
    add((cat, DCTERMS.publisher, FLEMISH_GOVERNMENT))
    add((cat, DCTERMS.license, DATA_LICENCE))
    add((cat, DCTERMS.language, URIRef(f"{EU}language/NLD")))
    add((cat, FOAF.homepage, URIRef(f"{b}doc/")))
    add((URIRef(f"{b}doc/"), RDF.type, FOAF.Document))
    add((URIRef(f"{b}doc/"), DCTERMS.title, nl("Vlaamse Veerkracht: startpagina")))
    add((cat, DCAT.dataset, ds))
    add((cat, DCAT.service, service))

    add((ds, RDF.type, DCAT.Dataset))
    add((ds, RDF.type, PROV.Entity))
    add((ds, DCTERMS.identifier, Literal(f"vlaamse-veerkracht-{report.measured_on}")))
    add((ds, DCTERMS.description, nl(f"Monitoringsrapport Vlaamse Veerkracht, meting van "
                                     f"{report.measured_on}: {report.project_count} projecten.")))
    add((ds, DCTERMS.title, nl(report.title)))
    add((ds, DCTERMS.publisher, FLEMISH_GOVERNMENT))
    # The report states when it measured, not when it was issued: dct:temporal, not dct:issued.
    period = URIRef(f"{b}id/periode/{report.measured_on}")
    add((ds, DCTERMS.temporal, period))
    add((period, RDF.type, DCTERMS.PeriodOfTime))
    add((period, DCAT.endDate, Literal(report.measured_on, datatype=XSD.date)))
    add((period, RDFS.label, nl(f"tot {report.measured_on}")))
    add((ds, DCTERMS.license, DATA_LICENCE))
    add((ds, DCTERMS.language, URIRef(f"{EU}language/NLD")))
    add((ds, DCTERMS.spatial, URIRef("http://sws.geonames.org/3337388/")))  # Flanders
    add((ds, DCTERMS.accrualPeriodicity, URIRef(f"{EU}frequency/ANNUAL_2")))
    vocabulary = URIRef(str(VV).rstrip("#"))
    add((ds, DCTERMS.conformsTo, vocabulary))
    add((vocabulary, RDF.type, DCTERMS.Standard))
    add((vocabulary, RDFS.label, nl("Vlaamse Veerkracht: ontologie")))
    add((vocabulary, RDFS.label, Literal("Vlaamse Veerkracht ontology", lang="en")))
    add((ds, DCAT.theme, URIRef(f"{EU}data-theme/GOVE")))
    add((ds, DCAT.theme, URIRef(f"{EU}data-theme/ECON")))
    for kw in ("relanceplan", "Vlaamse Veerkracht", "monitoring", "Vlaamse Regering", "herstelplan"):
        add((ds, DCAT.keyword, nl(kw)))
    add((ds, DCAT.landingPage, URIRef(uris.doc(ds))))
    add((URIRef(uris.doc(ds)), RDF.type, FOAF.Document))
    add((URIRef(uris.doc(ds)), DCTERMS.title, nl(report.title)))
    add((ds, DCATAP_VL.statuut, VL_OPEN_DATA))
    add((ds, DCAT.contactPoint, contact))
    add((ds, FOAF.page, PLAN_PAGE))
    add((contact, RDF.type, VCARD.Organization))
    add((contact, RDF.type, VCARD.Kind))
    add((contact, VCARD.fn, Literal("Vlaamse Regering")))
    add((contact, VCARD.hasURL, PLAN_PAGE))

    add((service, RDF.type, DCAT.DataService))
    add((service, DCTERMS.title, nl("SPARQL-eindpunt Vlaamse Veerkracht")))
    add((service, DCAT.endpointURL, URIRef(f"{b}sparql")))
    add((service, DCAT.endpointDescription, URIRef(f"{b}sparql")))
    add((service, DCAT.servesDataset, ds))
    add((service, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))
    add((service, DCTERMS.license, DATA_LICENCE))
    # DCAT-AP Vlaanderen: the status "Vlaamse open data" and where a user learns to use it.
    add((service, DCATAP_VL.statuut, VL_OPEN_DATA))
    add((service, DCATAP_VL.landingspaginaVoorGebruiksinformatie, URIRef(f"{b}sparql")))
    add((URIRef(f"{b}sparql"), RDF.type, FOAF.Document))
    add((URIRef(f"{b}sparql"), DCTERMS.title, nl("SPARQL-eindpunt Vlaamse Veerkracht")))

    files = {d.name: (d.media_type, d.title, d.file_type) for d in DUMPS}
    files.update({name: (mt, title, FILE_TYPES.get(mt, "")) for name, (mt, title) in extra.items()})
    for name, (media_type, title, file_type) in sorted(files.items()):
        path = out_dir / name
        if not path.exists():
            continue
        dist = URIRef(f"{b}id/distributie/{name.replace('/', '-')}")
        url = URIRef(f"{b}dumps/{name}")
        add((ds, DCAT.distribution, dist))
        add((dist, RDF.type, DCAT.Distribution))
        add((dist, DCTERMS.title, nl(title)))
        add((dist, DCAT.accessURL, url))
        add((dist, DCAT.downloadURL, url))
        add((dist, DCAT.mediaType, URIRef(IANA + media_type)))
        if file_type:
            add((dist, DCTERMS.format, URIRef(f"{EU}file-type/{file_type}")))
        if name.startswith("csv/"):
            add((dist, DCTERMS.conformsTo, CSVW_STANDARD))
        if name.startswith("ldes/"):
            add((dist, DCTERMS.conformsTo, LDES_STANDARD))
        add((dist, DCAT.byteSize, Literal(str(path.stat().st_size), datatype=XSD.nonNegativeInteger)))
        add((dist, DCTERMS.license, VOCAB_LICENCE if name.startswith(("ontology", "shapes"))
             else DATA_LICENCE))
        checksum = URIRef(f"{dist}#checksum")
        add((dist, SPDX.checksum, checksum))
        add((checksum, RDF.type, SPDX.Checksum))
        add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        add((checksum, SPDX.checksumValue, Literal(sha256(path), datatype=XSD.hexBinary)))
        add((checksum, RDFS.label, Literal(f"SHA-256 {name}")))
    describe_references(g)
    return g


def describe_references(g: Graph) -> None:
    """Copy in the description of every resource the catalog points at but does not itself
    describe; a resource described nowhere is an error of the build, not of the data."""
    refs = references()
    missing: list[str] = []
    done: set[URIRef] = set()
    while True:  # a description may point further (a concept to its scheme)
        pointed = {o for _, p, o in g if isinstance(o, URIRef) and p not in ADDRESSES} - done
        if not pointed:
            break
        for o in sorted(pointed):
            done.add(o)
            if (o, RDF.type, None) in g:
                continue
            described = list(refs.predicate_objects(o))
            if not described:
                missing.append(str(o))
            for p, v in described:
                g.add((o, p, v))
    if missing:
        raise UndescribedResource("the catalog points at resources that "
                                  "vvgraph/export/catalog-references.ttl does not describe: "
                                  + ", ".join(missing))


def void(graph: Graph, report: Report, uris: Uris) -> Graph:
    """VoID: counts of the edition's graph, per class and per property."""
    b = uris.base
    ds = uris.edition(report.measured_on)
    g = Graph()
    add = g.add
    subjects = set(graph.subjects())
    objects = set(graph.objects())
    classes = Counter(o for o in graph.objects(None, RDF.type))
    properties = Counter(p for _, p, _ in graph)
    entities = {s for s in subjects if str(s).startswith(f"{b}id/")}
    add((ds, RDF.type, VOID.Dataset))
    add((ds, VOID.triples, Literal(str(len(graph)), datatype=XSD.integer)))
    add((ds, VOID.entities, Literal(str(len(entities)), datatype=XSD.integer)))
    add((ds, VOID.distinctSubjects, Literal(str(len(subjects)), datatype=XSD.integer)))
    add((ds, VOID.distinctObjects, Literal(str(len(objects)), datatype=XSD.integer)))
    add((ds, VOID.classes, Literal(str(len(classes)), datatype=XSD.integer)))
    add((ds, VOID.properties, Literal(str(len(properties)), datatype=XSD.integer)))
    add((ds, VOID.uriSpace, Literal(f"{b}id/")))
    add((ds, VOID.sparqlEndpoint, URIRef(f"{b}sparql")))
    add((ds, VOID.exampleResource, uris.project(min(p.id for p in report.projects))))
    add((ds, VOID.vocabulary, URIRef(str(VV))))
    for d in DUMPS:
        add((ds, VOID.dataDump, URIRef(f"{b}dumps/{d.name}")))
    used_vocabularies = sorted({_namespace(str(p)) for p in properties} | {_namespace(str(c)) for c in classes})
    for ns in used_vocabularies:
        add((ds, VOID.vocabulary, URIRef(ns)))
    for cls, n in sorted(classes.items()):
        part = URIRef(f"{ds}/void/klasse/{_local(str(cls))}")
        add((ds, VOID.classPartition, part))
        add((part, VOID["class"], cls))
        add((part, VOID.entities, Literal(str(n), datatype=XSD.integer)))
    for prop, n in sorted(properties.items()):
        part = URIRef(f"{ds}/void/eigenschap/{_local(str(prop))}")
        add((ds, VOID.propertyPartition, part))
        add((part, VOID.property, prop))
        add((part, VOID.triples, Literal(str(n), datatype=XSD.integer)))
    return g


def _namespace(iri: str) -> str:
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[:cut + 1]


def _local(iri: str) -> str:
    """A path segment naming a term: prefix-free but unambiguous ("schema-value")."""
    ns = _namespace(iri).rstrip("#/")
    return f"{ns.rsplit('/', 1)[-1]}-{iri[len(_namespace(iri)):]}".replace("#", "")
