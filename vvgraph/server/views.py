"""What each page shows: the template and its context for every kind of resource, the home
page, search, the ontology and the not-found page.

The contexts are plain values (strings, numbers, lists of dicts) computed from
:class:`~vvgraph.server.describe.Resources`; templates only lay them out. Links go through
:class:`Links`, which maps the configured base URI onto the running server (``/doc/...``) or
onto relative file paths in the static export (``../../doc/project/VV001.html``), so the same
templates serve both. Everything from the report reaches the templates as text and is escaped
there; the only values written into ``style`` attributes are numbers computed here and colours
that passed :func:`colour`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
import pyoxigraph as ox
from markupsafe import Markup

from ..namespaces import PREFIXES, VV
from .describe import FORMAT_NAMES, MEDIA_TYPES, RDF_MEDIA_TYPES, RDF_TYPE, Resources

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


# -- Formatting ----------------------------------------------------------------------------------

def decimal(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def number_nl(value: Decimal | int | float | None, places: int = 0) -> str:
    """Dutch notation: "." groups thousands, "," is the decimal mark.

    >>> number_nl(Decimal("1234567.5"), 2), number_nl(5000000), number_nl(None)
    ('1.234.567,50', '5.000.000', '')
    """
    if value is None:
        return ""
    text = f"{value:,.{places}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def eur(value: Decimal | int | None) -> str:
    """>>> eur(Decimal("23000000"))
    '23.000.000 EUR'
    """
    return "" if value is None else f"{number_nl(value)} EUR"


def date_nl(text: str | None) -> str:
    """An ``xsd:date`` or ``xsd:dateTime`` as Dutch prose.

    >>> date_nl("2021-06-25T06:31:14Z"), date_nl("2022-06-01"), date_nl("x")
    ('25 juni 2021', '1 juni 2022', 'x')
    """
    if not text:
        return ""
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text)
    if not m or not 1 <= int(m.group(2)) <= 12:
        return text
    return f"{int(m.group(3))} {MONTHS[int(m.group(2)) - 1]} {m.group(1)}"


def colour(text: str | None) -> str | None:
    """A colour code fit for a ``style`` attribute: ``#rrggbb`` only.

    >>> colour("#2e7d32"), colour("red;background:url(x)")
    ('#2e7d32', None)
    """
    return text if text and _HEX.match(text) else None


def percent(part: Decimal | int | float, whole: Decimal | int | float) -> float:
    """``part`` as a share of ``whole`` in percent, between 0 and 100, for a bar's width."""
    if not whole or part is None or part <= 0:
        return 0.0
    return round(min(100.0, float(part) * 100.0 / float(whole)), 2)


def fold(text: str) -> str:
    """Case- and accent-insensitive form for search.

    >>> fold("Financiën ÉN Begroting")
    'financien en begroting'
    """
    plain = unicodedata.normalize("NFKD", text)
    return "".join(c for c in plain if not unicodedata.combining(c)).casefold()


def script_json(data: Any) -> Markup:
    """JSON safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` survive unescaped, so
    text such as ``</script>`` in the data cannot end the element."""
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _position(r: Resources, iri: str) -> int:
    value = r.text(iri, SCHEMA + "position")
    return int(value) if value and value.isdigit() else 0


def _natural(text: str) -> tuple[Any, ...]:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text))


# -- Links ---------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Links:
    """Where a page links to: the server's paths or the static export's relative files.

    ``root`` is what leads to the site root from the current page: the server's root path
    (``""`` unless mounted below one) or ``"../"`` once per folder level in the export.
    """

    base: str
    root: str = ""
    static: bool = False

    def _local(self, path: str) -> str:
        return self.root + quote(path, safe="/#:=,-._~%")

    def href(self, iri: str) -> str | None:
        """The local link of an IRI, or ``None`` if it is not ours (link to it as it is)."""
        if iri == VV_NS or iri.startswith(VV_NS + "#"):
            return self.ns() + iri[len(VV_NS):]
        if not iri.startswith(self.base):
            return None
        path = iri[len(self.base):]
        if path.startswith("id/"):
            path = "doc/" + path[3:]
        if path in ("", "doc/", "doc"):
            return self.home
        if path.startswith("doc/"):
            head, hash_, frag = path.partition("#")
            return self.page(head[4:], "html") + (hash_ + frag if hash_ else "")
        if self.static:
            if path.startswith(("bron/", "dumps/", "context.jsonld")):
                return self._local(path)
            return None
        return self._local("/" + path)

    def page(self, rest: str, ext: str | None = None) -> str:
        """The document of the resource ``{base}id/{rest}``; ``ext`` picks a format (the server
        negotiates without one)."""
        if self.static:
            return self._local(f"doc/{rest}.{ext or 'html'}")
        return self._local(f"/doc/{rest}" + (f".{ext}" if ext and ext != "html" else ""))

    def alternate(self, rest: str, ext: str) -> str:
        if self.static:
            return self._local(f"doc/{rest}.{ext}")
        return self._local(f"/doc/{rest}.{ext}")

    @property
    def home(self) -> str:
        """The home page (an explicit ``index.html`` in the export: ``file://`` opens no folder)."""
        return self.root + "index.html" if self.static else self.root + "/"

    def asset(self, name: str) -> str:
        return self._local(("static/" if self.static else "/static/") + name)

    @property
    def search(self) -> str:
        return self.root + ("zoeken.html" if self.static else "/zoeken")

    def ns(self, ext: str | None = None) -> str:
        if self.static:
            return self.root + f"ns.{ext or 'html'}"
        return self.root + "/ns" + (f".{ext}" if ext and ext != "html" else "")

    def path(self, name: str) -> str:
        """A file or route at the site root (``bron/...``, ``dumps/...``, ``context.jsonld``)."""
        return self._local(name if self.static else "/" + name)

    @property
    def sparql(self) -> str | None:
        return None if self.static else self.root + "/sparql"


def static_links(base: str, rest: str | None) -> Links:
    """Links for the export page of ``{base}id/{rest}`` (``None``: a page at the root)."""
    depth = 0 if rest is None else rest.count("/") + 1
    return Links(base, "../" * depth, static=True)


# -- Pages ---------------------------------------------------------------------------------------

@dataclass
class Page:
    """A template to render and its context."""

    template: str
    context: dict[str, Any]
    status: int = 200


@dataclass
class SearchEntry:
    iri: str
    kind: str
    title: str
    code: str
    text: str = field(repr=False)


def environment(site_dir: Path) -> jinja2.Environment:
    """The Jinja2 environment of ``site/templates``: autoescaped, and strict, so a template
    naming a value the view did not give fails loudly rather than printing nothing."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(site_dir / "templates"),
                             autoescape=jinja2.select_autoescape(["html"], default=True),
                             undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True, auto_reload=False)
    env.filters.update(eur=eur, number=number_nl, date_nl=date_nl)
    return env


class Views:
    """The pages of one dataset. ``ontology`` is the parsed ``ontology/vv.ttl`` (or ``None``
    when there is none); it gives the project's own terms their Dutch names."""

    def __init__(self, resources: Resources, ontology: Resources | None = None,
                 source_file: str | None = None) -> None:
        self.r = resources
        self.ontology = ontology
        self.base = resources.base
        self.source_file = source_file
        self._term_labels = dict(TERM_LABELS)
        if ontology is not None:
            for s, by_prop in ontology.props.items():
                if s.startswith(_V):
                    label = ontology.text(s, RDFS + "label")
                    if label:
                        self._term_labels[s] = label
        self._compact = sorted(((ns, p) for p, ns in PREFIXES.items()), key=lambda x: -len(x[0]))

    # -- Small helpers -----------------------------------------------------------------------
    def rest(self, iri: str) -> str:
        """The part of a resource IRI after ``{base}id/``."""
        return iri[len(self.r.id_space):]

    def curie(self, iri: str) -> str:
        for ns, prefix in self._compact:
            if iri.startswith(ns) and len(iri) > len(ns):
                return f"{prefix}:{iri[len(ns):]}"
        return iri

    def term_label(self, iri: str) -> str:
        return self._term_labels.get(iri) or self.curie(iri)

    def type_label(self, iri: str) -> str:
        types = self.r.types(iri)
        for t in types:
            if t in TYPE_LABELS:
                if t == CONCEPT:
                    scheme = self.scheme_name(iri)
                    return SCHEME_NAMES.get(scheme, "Concept")
                return TYPE_LABELS[t]
        return self.term_label(types[0]) if types else "Bron"

    def scheme_name(self, concept: str) -> str:
        rest = self.rest(concept)
        return rest.split("/")[1] if rest.startswith("concept/") and rest.count("/") >= 2 else ""

    def label(self, iri: str) -> str:
        """A readable name for any IRI of ours, falling back to its last path segment."""
        r = self.r
        types = r.types(iri)
        if PROJECT in types:
            code = r.text(iri, DCT + "identifier") or iri.rsplit("/", 1)[-1]
            return f"{code} – {r.label(iri) or ''}".rstrip(" –")
        if STUK in types:
            created = self.document_date(iri)
            return r.label(iri) or (f"Document van {created}" if created else
                                    f"Document {r.text(iri, MU + 'uuid') or iri.rsplit('/', 1)[-1]}")
        if SCHEMA + "MonetaryAmount" in types:
            kind = r.first(iri, DCT + "type")
            value = decimal(r.text(iri, SCHEMA + "value"))
            kind_label = r.label(kind.value) if isinstance(kind, ox.NamedNode) else None
            return f"{kind_label or 'Bedrag'}: {eur(value)}"
        if PROV + "Association" in types:
            agent, role = r.first(iri, PROV + "agent"), r.first(iri, PROV + "hadRole")
            names = [r.label(t.value) or "" for t in (role, agent) if isinstance(t, ox.NamedNode)]
            return ": ".join(n for n in names if n) or "Betrokkenheid"
        if _V + "ProjectLink" in types:
            target = r.first(iri, _V + "linkTarget")
            return f"Gelinkt project {target.value.rsplit('/', 1)[-1]}" if target else "Gelinkt project"
        if TIME + "Instant" in types:
            return date_nl(r.text(iri, TIME + "inXSDDate")) or iri.rsplit("/", 1)[-1]
        if _V + "SourceSpan" in types:
            return f"regels {r.text(iri, _V + 'firstLine')}–{r.text(iri, _V + 'lastLine')}"
        own = r.label(iri)
        if own:
            return own
        if iri.startswith(self.base):
            return iri.rstrip("/").rsplit("/", 1)[-1]
        return iri

    def link(self, iri: str, links: Links, text: str | None = None) -> dict[str, Any]:
        """A link to ``iri``: its local page if it is ours, the IRI itself otherwise."""
        href = links.href(iri)
        return {"iri": iri, "href": href or iri, "label": text or self.label(iri),
                "external": href is None}

    def value(self, term: Any, links: Links) -> dict[str, Any]:
        if isinstance(term, ox.NamedNode):
            return {"kind": "iri", **self.link(term.value, links)}
        if isinstance(term, ox.BlankNode):
            return {"kind": "blank", "label": f"_:{term.value}", "iri": None, "href": None,
                    "external": False}
        datatype = term.datatype.value if term.datatype else None
        return {"kind": "literal", "label": term.value, "language": term.language or "",
                "datatype": None if term.language or datatype == "http://www.w3.org/2001/XMLSchema#string"
                else self.curie(datatype or "")}

    def status(self, concept: str | None, links: Links) -> dict[str, Any] | None:
        if concept is None:
            return None
        r = self.r
        return {**self.link(concept, links), "label": r.label(concept) or self.label(concept),
                "colour": colour(r.text(concept, SCHEMA + "color")),
                "colour_name": r.text(concept, _V + "colourName"),
                "notation": r.text(concept, SKOS + "notation"),
                "code": concept.rsplit("/", 1)[-1]}

    def amount(self, subject: str, prop: str) -> Decimal | None:
        node = self.r.first(subject, prop)
        if not isinstance(node, ox.NamedNode):
            return None
        return decimal(self.r.text(node.value, SCHEMA + "value"))

    # -- Shared summaries --------------------------------------------------------------------
    @cached_property
    def projects(self) -> list[str]:
        return sorted(self.r.of_type(PROJECT),
                      key=lambda p: self.r.text(p, DCT + "identifier") or p)

    @cached_property
    def _figures(self) -> dict[str, dict[str, Any]]:
        """Per project: code, title, status concept and the amounts the overviews add up."""
        out = {}
        for p in self.projects:
            origins = {prop: self.amount(p, prop) for prop, _, _ in ORIGINS}
            budget = self.amount(p, _V + "budgetUpdate")
            if budget is None:
                budget = self.amount(p, _V + "budget")
            status = self.r.iris(p, _V + "status")
            out[p] = {"code": self.r.text(p, DCT + "identifier") or p.rsplit("/", 1)[-1],
                      "title": self.r.label(p) or "", "status": status[0] if status else None,
                      "budget": budget, "origins": origins,
                      "recovery": sum((origins[q] or Decimal(0) for q in RECOVERY), Decimal(0)),
                      "regular": origins[_V + "regularMeans"],
                      "payments": self.amount(p, _V + "payments")}
        return out

    def project_row(self, p: str, links: Links) -> dict[str, Any]:
        f = self._figures.get(p)
        if f is None:
            return {**self.link(p, links), "code": "", "title": self.label(p), "status": None,
                    "budget": None, "recovery": None, "payments": None}
        return {**self.link(p, links), "code": f["code"], "title": f["title"],
                "status": self.status(f["status"], links), "budget": f["budget"],
                "recovery": f["recovery"], "payments": f["payments"]}

    def project_table(self, projects: list[str], links: Links) -> dict[str, Any]:
        """Rows for a table of projects, with totals and the status distribution."""
        ordered = sorted(dict.fromkeys(projects), key=lambda p: self._figures.get(p, {}).get("code", p))
        rows = [self.project_row(p, links) for p in ordered]
        statuses = Counter(row["status"]["iri"] for row in rows if row["status"])
        return {"rows": rows, "count": len(rows),
                "budget": sum((row["budget"] or 0 for row in rows), Decimal(0)),
                "recovery": sum((row["recovery"] or 0 for row in rows), Decimal(0)),
                "payments": sum((row["payments"] or 0 for row in rows), Decimal(0)),
                "statuses": self.distribution(statuses, links)}

    def distribution(self, counts: Counter[str], links: Links) -> list[dict[str, Any]]:
        """Status concepts with their count and a bar width, in code-list order."""
        total = sum(counts.values())
        rows = []
        for concept in sorted(counts, key=lambda c: _natural(self.r.text(c, SKOS + "notation") or c)):
            s = self.status(concept, links)
            assert s is not None
            rows.append({**s, "count": counts[concept], "width": percent(counts[concept], total)})
        return rows

    # -- Common context ----------------------------------------------------------------------
    def base_context(self, links: Links, title: str, iri: str | None = None,
                     jsonld_text: str | None = None) -> dict[str, Any]:
        """What every page has: title, links, RDF alternates and the JSON-LD of ``iri``
        (``jsonld_text`` when the caller has it already)."""
        alternates = []
        embedded: Markup | None = None
        if iri is not None and iri in self.r:
            rest = self.rest(iri)
            alternates = [{"media_type": m, "name": FORMAT_NAMES[m],
                           "href": links.alternate(rest, MEDIA_TYPES[m])} for m in RDF_MEDIA_TYPES]
            embedded = script_json(jsonld_text if jsonld_text is not None
                                   else self.r.jsonld(self.r.describe(iri)))
        return {"title": title, "iri": iri, "links": links, "alternates": alternates,
                "jsonld": embedded, "static": links.static, "source_file": self.source_file,
                "edition": self.edition_link(links), "page_kind": ""}

    def edition_link(self, links: Links) -> dict[str, Any] | None:
        editions = self.r.of_type(EDITION)
        return self.link(editions[-1], links) if editions else None

    def rows(self, iri: str, links: Links) -> list[dict[str, Any]]:
        """Every statement about ``iri`` as (property, values) rows."""
        out = []
        for prop, objects in self.r.props.get(iri, {}).items():
            out.append({"prop": self.term_label(prop), "curie": self.curie(prop),
                        "href": links.href(prop) or prop,
                        "values": [self.value(o, links) for o in objects]})
        return out

    def incoming_rows(self, iri: str, links: Links, limit: int = 400) -> dict[str, Any]:
        """What points at ``iri``, grouped by property."""
        groups = []
        total = 0
        for prop, subjects in self.r.refs.get(iri, {}).items():
            total += len(subjects)
            items = [self.value(s, links) for s in subjects[:limit]]
            groups.append({"prop": self.term_label(prop), "curie": self.curie(prop),
                           "count": len(subjects), "values": items})
        return {"groups": groups, "count": total, "limit": limit}

    # -- One resource ------------------------------------------------------------------------
    def resource(self, iri: str, links: Links, jsonld_text: str | None = None) -> Page:
        """The page of ``iri``, which must be one of ``self.r``'s resources."""
        types = self.r.types(iri)
        title = self.label(iri)
        ctx = self.base_context(links, title, iri, jsonld_text)
        ctx.update(type_label=self.type_label(iri), rows=self.rows(iri, links),
                   incoming=self.incoming_rows(iri, links), types=[self.link(t, links) for t in types],
                   owner=self.link(o, links) if (o := self.r.owner(iri)) else None,
                   fragments=[{"id": child.split("#", 1)[1], "iri": child, "label": self.label(child),
                               "rows": self.rows(child, links)}
                              for child in self.r.owned(iri) if child.startswith(iri + "#")])
        kind = next((k for classes, k in PAGE_KINDS if classes.intersection(types)), None)
        if kind is None and self.rest(iri).startswith("concept/"):
            kind = "concept"   # a status the code list does not know is still a concept
        if kind is not None:
            ctx.update(getattr(self, kind)(iri, links), page_kind=kind)
            return Page(f"{kind}.html", ctx)
        ctx["page_kind"] = "resource"
        return Page("resource.html", ctx)

    def source(self, subject: str, links: Links) -> dict[str, Any] | None:
        spans = self.r.iris(subject, DCT + "source") + self.r.iris(subject, PROV + "wasDerivedFrom")
        for span in spans:
            first, last = self.r.text(span, _V + "firstLine"), self.r.text(span, _V + "lastLine")
            if first and last:
                return {"first": first, "last": last, "href": links.href(span) or span,
                        "file": self.r.text(span, _V + "fileName") or ""}
        return None

    def line_link(self, line: str | None, links: Links) -> dict[str, Any] | None:
        """The source line a milestone, indicator or decision was read from."""
        if not line or not line.isdigit() or not self.source_file:
            return None
        n = int(line)
        iri = f"{self.base}bron/{self.source_file}#line={n - 1},{n}"
        return {"line": n, "href": links.href(iri) or iri}

    def project(self, p: str, links: Links) -> dict[str, Any]:
        r = self.r
        roles: dict[str, list[tuple[int, str]]] = {}
        for assoc in r.iris(p, PROV + "qualifiedAssociation"):
            agent, role = r.iris(assoc, PROV + "agent"), r.iris(assoc, PROV + "hadRole")
            if agent and role:
                roles.setdefault(role[0].rsplit("/", 1)[-1], []).append((_position(r, assoc), agent[0]))
        agents = []
        for prop, code, heading in ROLE_PROPS:
            named = [a for _, a in sorted(roles.get(code, []))] or r.iris(p, prop)
            agents.append({"heading": heading, "agents": [self.link(a, links) for a in named]})
        milestones = []
        for m in sorted(r.iris(p, _V + "milestone"), key=lambda m: _position(r, m)):
            milestones.append(self.milestone_row(m, links))
        indicators = [self.indicator_row(i, links)
                      for i in sorted(r.iris(p, _V + "indicator"), key=lambda i: _position(r, i))]
        budget = [{"label": label, "amount": self.amount(p, prop)} for prop, label in BUDGET_PROPS]
        origins = [{"label": label, "amount": self.amount(p, prop), "colour": c,
                    "href": links.href(self.r.iris(node, DCT + "type")[0]) if (node := self._node(p, prop))
                    and self.r.iris(node, DCT + "type") else None}
                   for prop, label, c in ORIGINS]
        total = sum((o["amount"] or 0 for o in origins), Decimal(0))
        for o in origins:
            o["width"] = percent(o["amount"] or 0, total)
            o["share"] = number_nl(Decimal(o["width"]), 1) if total else ""
        decisions = [self.citation(c, links) for c in
                     sorted(r.iris(p, _V + "decisionCitation"), key=lambda c: _position(r, c))]
        linked_iris = [r.iris(link, _V + "linkTarget")[0] for link in
                       sorted(r.iris(p, _V + "projectLink"), key=lambda x: _position(r, x))
                       if r.iris(link, _V + "linkTarget")] or r.iris(p, _V + "linkedProject")
        linked = [self.project_row(q, links) for q in dict.fromkeys(linked_iris)]
        linked_from = [self.project_row(q, links) for q in r.subjects(_V + "linkedProject", p)
                       if q != p]
        shared: dict[str, list[str]] = {}
        for doc in r.iris(p, _V + "decisionDocument"):
            for other in r.subjects(_V + "decisionDocument", doc):
                if other != p:
                    shared.setdefault(other, []).append(doc)
        shared_rows = [{**self.project_row(q, links),
                        "via": [self.link(d, links) for d in docs]}
                       for q, docs in sorted(shared.items())]
        input_amount = self.amount(p, _V + "inputAmount")
        page = r.iris(p, FOAF + "page")
        cluster, speerpunt = r.iris(p, _V + "cluster"), r.iris(p, _V + "speerpunt")
        status = r.iris(p, _V + "status")
        return {
            "code": r.text(p, DCT + "identifier") or "", "project_title": r.label(p) or "",
            "cluster": self.link(cluster[0], links) if cluster else None,
            "speerpunt": self.link(speerpunt[0], links) if speerpunt else None,
            "agents": agents, "stakeholders": r.text(p, _V + "stakeholders"),
            "project_page": page[0] if page else None,
            "description": r.text(p, DCT + "description"),
            "input_text": r.text(p, _V + "input"), "input_amount": input_amount,
            "output": r.text(p, _V + "output"), "outcome": r.text(p, _V + "outcome"),
            "status": self.status(status[0] if status else None, links),
            "status_description": r.text(p, _V + "statusDescription"),
            "political_action": r.text(p, _V + "politicalAction"),
            "milestones": milestones, "milestone_statuses": self.distribution(
                Counter(m["status"]["iri"] for m in milestones if m["status"]), links),
            "indicators": indicators, "budget": budget, "origins": origins, "origin_total": total,
            "decisions": decisions, "linked": linked, "linked_from": linked_from,
            "shared": shared_rows, "source": self.source(p, links),
        }

    def _node(self, subject: str, prop: str) -> str | None:
        nodes = self.r.iris(subject, prop)
        return nodes[0] if nodes else None

    def milestone_row(self, m: str, links: Links) -> dict[str, Any]:
        r = self.r
        quarter, status = r.iris(m, _V + "plannedQuarter"), r.iris(m, _V + "status")
        return {**self.link(m, links), "n": _position(r, m), "title": r.label(m) or "",
                "timing": r.text(m, _V + "timing"),
                "quarter": self.link(quarter[0], links) if quarter else None,
                "status": self.status(status[0] if status else None, links),
                "description": r.text(m, DCT + "description"),
                "line": self.line_link(r.text(m, _V + "sourceLine"), links)}

    def indicator_row(self, i: str, links: Links) -> dict[str, Any]:
        r = self.r
        rate = decimal(r.text(i, _V + "rateValue"))
        quarter = r.iris(i, _V + "plannedQuarter")
        return {**self.link(i, links), "n": _position(r, i), "title": r.label(i) or "",
                "target": r.text(i, _V + "target"), "timing": r.text(i, _V + "timing"),
                "quarter": self.link(quarter[0], links) if quarter else None,
                "realisation": r.text(i, _V + "realisation"), "rate": r.text(i, _V + "rate"),
                "rate_value": rate, "width": percent(rate, 100) if rate is not None else None,
                "over": rate is not None and rate > 100,
                "line": self.line_link(r.text(i, _V + "sourceLine"), links)}

    def citation(self, c: str, links: Links) -> dict[str, Any]:
        r = self.r
        members = sorted(((int(p[len(RDF) + 1:]), o.value) for p, objs in r.props.get(c, {}).items()
                          if p.startswith(RDF + "_") and p[len(RDF) + 1:].isdigit()
                          for o in objs if isinstance(o, ox.NamedNode)))
        docs = [d for _, d in members] or r.iris(c, DCT + "references")
        return {**self.link(c, links), "title": r.label(c) or "",
                "references": [lit.value for lit in r.objects(c, _V + "vrReference")],
                "documents": [self.document_ref(d, links) for d in dict.fromkeys(docs)],
                "line": self.line_link(r.text(c, _V + "sourceLine"), links)}

    def document_ref(self, d: str, links: Links) -> dict[str, Any]:
        """A decision document as a project cites it: our page, the government's page, the date."""
        r = self.r
        ours = links.href(d)
        page = r.iris(d, FOAF + "page")
        return {"iri": d, "href": ours, "label": self.label(d) if ours else d,
                "url": page[0] if page else (None if ours else d),
                "created": self.document_date(d),
                "uuid": r.text(d, MU + "uuid")}

    def document_date(self, d: str) -> str:
        """The date of a decision document: read from the timestamp in its Themis id."""
        return date_nl(self.r.text(d, _V + "idTimestamp") or self.r.text(d, DCT + "created"))

    def document(self, d: str, links: Links) -> dict[str, Any]:
        r = self.r
        citing: dict[str, list[str]] = {}
        for c in r.subjects(DCT + "references", d):
            owner = r.owner(c)
            if owner:
                citing.setdefault(owner, []).append(c)
        for p in r.subjects(_V + "decisionDocument", d):
            citing.setdefault(p, [])
        rows = []
        for p in sorted(citing, key=lambda p: self._figures.get(p, {}).get("code", p)):
            rows.append({**self.project_row(p, links),
                         "citations": [{"title": r.label(c) or "", **self.link(c, links)}
                                       for c in citing[p]]})
        return {"document": self.document_ref(d, links), "citing": rows,
                "reference": r.label(d),
                "totals": self.project_table(list(citing), links)}

    def agent(self, a: str, links: Links) -> dict[str, Any]:
        r = self.r
        by_project: dict[str, list[str]] = {}
        for assoc in r.subjects(PROV + "agent", a):
            project = r.owner(assoc)
            role = r.iris(assoc, PROV + "hadRole")
            if project:
                by_project.setdefault(project, []).extend(self.label(x) for x in role)
        for prop, code, _ in ROLE_PROPS:
            for project in r.subjects(prop, a):
                by_project.setdefault(project, [])
        table = self.project_table(list(by_project), links)
        for row in table["rows"]:
            row["roles"] = sorted(set(by_project.get(row["iri"], [])))
        return {"is_person": PERSON in r.types(a), "name": r.label(a) or self.label(a),
                "projects": table}

    def concept(self, c: str, links: Links) -> dict[str, Any]:
        r = self.r
        scheme = self.scheme_name(c)
        schemes = r.iris(c, SKOS + "inScheme")
        ctx: dict[str, Any] = {
            "concept": self.status(c, links), "scheme": self.link(schemes[0], links) if schemes else None,
            "scheme_name": SCHEME_NAMES.get(scheme, scheme), "kind": scheme,
            "definition": r.text(c, SKOS + "definition"),
            "broader": [self.link(b, links) for b in r.iris(c, SKOS + "broader")],
            "narrower": [self.link(n, links) for n in sorted(r.subjects(SKOS + "broader", c),
                                                              key=_natural)],
            "projects": None, "milestones": None, "amounts": None, "agents": None}
        projects = [s for prop in (_V + "speerpunt", _V + "cluster", _V + "status")
                    for s in r.subjects(prop, c) if PROJECT in r.types(s)]
        if projects:
            ctx["projects"] = self.project_table(projects, links)
        milestones = [s for s in r.subjects(_V + "status", c) if MILESTONE in r.types(s)]
        if milestones:
            rows = []
            for m in milestones:
                owner = r.owner(m)
                rows.append({**self.milestone_row(m, links),
                             "project": self.project_row(owner, links) if owner else None})
            rows.sort(key=lambda x: (x["project"]["code"] if x["project"] else "", x["n"]))
            ctx["milestones"] = rows
        amounts = [s for s in r.subjects(DCT + "type", c) if SCHEMA + "MonetaryAmount" in r.types(s)]
        if amounts:
            rows = []
            for a in amounts:
                owner = r.owner(a)
                value = decimal(r.text(a, SCHEMA + "value"))
                rows.append({"project": self.project_row(owner, links) if owner else None,
                             "amount": value, **self.link(a, links)})
            rows.sort(key=lambda x: (-(x["amount"] or 0), x["project"]["code"] if x["project"] else ""))
            total = sum((x["amount"] or 0 for x in rows), Decimal(0))
            top = rows[0]["amount"] or 0 if rows else 0
            for x in rows:
                x["width"] = percent(x["amount"] or 0, top)
            ctx["amounts"] = {"rows": rows, "total": total,
                              "nonzero": sum(1 for x in rows if x["amount"])}
        assocs = r.subjects(PROV + "hadRole", c)
        if assocs:
            counts: Counter[str] = Counter()
            for assoc in assocs:
                for agent in r.iris(assoc, PROV + "agent"):
                    counts[agent] += 1
            ctx["agents"] = [{**self.link(a, links), "count": n}
                             for a, n in sorted(counts.items(), key=lambda x: (-x[1], self.label(x[0])))]
        return ctx

    def scheme(self, s: str, links: Links) -> dict[str, Any]:
        r = self.r
        concepts = sorted(r.subjects(SKOS + "inScheme", s),
                          key=lambda c: _natural(r.text(c, SKOS + "notation") or c))
        rows = []
        for c in concepts:
            uses = sum(len(v) for p, v in r.refs.get(c, {}).items() if not p.startswith(SKOS))
            rows.append({**self.status(c, links), "uses": uses,  # type: ignore[dict-item]
                         "definition": r.text(c, SKOS + "definition")})
        return {"concepts": rows, "definition": r.text(s, SKOS + "definition"),
                "name": r.label(s) or self.label(s)}

    def milestone(self, m: str, links: Links) -> dict[str, Any]:
        owner = self.r.owner(m)
        return {"milestone": self.milestone_row(m, links),
                "project": self.project_row(owner, links) if owner else None}

    def indicator(self, i: str, links: Links) -> dict[str, Any]:
        owner = self.r.owner(i)
        r = self.r
        return {"indicator": self.indicator_row(i, links),
                "target_value": r.text(i, _V + "targetValue"),
                "realisation_value": r.text(i, _V + "realisationValue"),
                "project": self.project_row(owner, links) if owner else None}

    def edition(self, e: str, links: Links) -> dict[str, Any]:
        r = self.r
        projects = r.subjects(DCT + "isReferencedBy", e)
        distributions = []
        for d in sorted(r.iris(e, DCAT + "distribution")):
            url = r.iris(d, DCAT + "downloadURL")
            size = r.text(d, DCAT + "byteSize")
            distributions.append({**self.link(d, links),
                                  "download": (links.href(url[0]) or url[0]) if url else None,
                                  "media_type": (r.iris(d, DCAT + "mediaType") or [""])[0]
                                  .rsplit("media-types/", 1)[-1],
                                  "size": number_nl(int(size)) if size and size.isdigit() else ""})
        sources = r.iris(e, DCT + "source")
        return {"measured_on": date_nl(r.text(e, _V + "measuredOn")),
                "report_title": r.label(e) or "",
                "publisher": [self.link(x, links) for x in r.iris(e, DCT + "publisher")],
                "plan": [self.link(x, links) for x in r.iris(e, _V + "monitors")],
                "source_links": [{"label": r.text(x, _V + "fileName") or x,
                                  "href": links.href(x) or x} for x in sources],
                "projects": self.project_table(projects, links), "distributions": distributions}

    # -- Home ------------------------------------------------------------------------------------
    @cached_property
    def _overview(self) -> dict[str, Any]:
        """The numbers behind the home page's charts (links are added per request)."""
        r = self.r
        figures = self._figures
        speerpunten: dict[str, dict[str, Decimal]] = {}
        for p, f in figures.items():
            for sp in r.iris(p, _V + "speerpunt"):
                row = speerpunten.setdefault(sp, {q: Decimal(0) for q, _, _ in ORIGINS})
                for q, v in f["origins"].items():
                    row[q] += v or 0
        origin_totals = {q: sum((f["origins"][q] or 0 for f in figures.values()), Decimal(0))
                         for q, _, _ in ORIGINS}
        milestones = r.of_type(MILESTONE)
        m_status = Counter(s for m in milestones for s in r.iris(m, _V + "status"))
        delays: dict[str, Counter[str]] = {}
        for m in milestones:
            for s in r.iris(m, _V + "status"):
                if s.rsplit("/", 1)[-1] in DELAYED:
                    quarter = (r.text(m, _V + "timing") or "zonder timing")
                    key = quarter if re.match(r"^\d{4} Q[1-4]$", quarter) else "andere timing"
                    delays.setdefault(key, Counter())[s] += 1
        return {"speerpunten": speerpunten, "origins": origin_totals, "milestone_status": m_status,
                "delays": delays, "project_status": Counter(f["status"] for f in figures.values()
                                                            if f["status"])}

    def home(self, links: Links) -> Page:
        r = self.r
        o = self._overview
        ctx = self.base_context(links, "Vlaamse Veerkracht als gelinkte data")
        bars = []
        top = max((sum(v.values()) for v in o["speerpunten"].values()), default=Decimal(0))
        for sp in sorted(o["speerpunten"], key=lambda c: _natural(r.text(c, SKOS + "notation") or c)):
            amounts = o["speerpunten"][sp]
            total = sum(amounts.values(), Decimal(0))
            bars.append({**self.link(sp, links), "total": total, "width": percent(total, top),
                         "segments": [{"label": label, "colour": c, "amount": amounts[q],
                                       "width": percent(amounts[q], total)}
                                      for q, label, c in ORIGINS if amounts[q]]})
        origin_top = max(o["origins"].values(), default=Decimal(0))
        origins = [{"label": label, "colour": c, "amount": o["origins"][q],
                    "width": percent(o["origins"][q], origin_top),
                    **({"href": links.href(f"{self.r.id_space}concept/financieringsbron/{slug}")}
                       if (slug := self._origin_slug(q)) else {"href": None})}
                   for q, label, c in ORIGINS]
        delays = []
        delay_top = max((sum(c.values()) for c in o["delays"].values()), default=0)
        for quarter in sorted(o["delays"], key=lambda q: (not q[:1].isdigit(), q)):
            counts = o["delays"][quarter]
            total = sum(counts.values())
            delays.append({"quarter": quarter, "total": total, "width": percent(total, delay_top),
                           "segments": [{**s, "width": percent(s["count"], total)}
                                        for s in self.distribution(counts, links)]})
        speerpunt_tree = []
        for sp in sorted(r.subjects(SKOS + "inScheme", f"{r.id_space}conceptscheme/speerpunt"),
                         key=lambda c: _natural(r.text(c, SKOS + "notation") or c)):
            speerpunt_tree.append({**self.link(sp, links), "notation": r.text(sp, SKOS + "notation"),
                                   "clusters": [self.link(c, links) for c in sorted(
                                       r.subjects(SKOS + "broader", sp), key=_natural)]})
        clusters = sorted(r.subjects(SKOS + "inScheme", f"{r.id_space}conceptscheme/cluster"),
                          key=lambda c: _natural(r.text(c, SKOS + "notation") or c))
        ministers = [self.link(p, links) for p in sorted(r.of_type(PERSON), key=self.label)]
        organisations = [self.link(p, links) for p in sorted(
            (x for x in r.of_type(ORGANIZATION) if x.startswith(r.id_space)), key=self.label)]
        schemes = [self.link(s, links) for s in r.of_type(SCHEME)]
        catalog = f"{r.id_space}catalogus"
        # The home page's data: the catalog and the edition it lists, their own statements.
        own = [t for iri in (catalog, *r.of_type(EDITION)) for t in r.outgoing(iri)]
        if own:
            ctx["jsonld"] = script_json(r.jsonld(own))
        ctx["alternates"] = [{"media_type": m, "name": f"{FORMAT_NAMES[m]} (alle gegevens)",
                              "href": links.path(f"dumps/vvgraph.{MEDIA_TYPES[m]}")}
                             for m in RDF_MEDIA_TYPES]
        delayed: Counter[str] = Counter()
        for counts in o["delays"].values():
            delayed.update(counts)
        ctx.update(
            page_kind="home", delay_legend=self.distribution(delayed, links),
            counts={"projects": len(self.projects), "milestones": len(r.of_type(MILESTONE)),
                    "indicators": len(r.of_type(INDICATOR)), "documents": len(r.of_type(STUK)),
                    "clusters": len(clusters), "resources": len(r)},
            recovery_total=sum((o["origins"][q] for q in RECOVERY), Decimal(0)),
            budget_by_speerpunt=bars, origins=origins,
            project_status=self.distribution(o["project_status"], links),
            milestone_status=self.distribution(o["milestone_status"], links),
            delays=delays, speerpunten=speerpunt_tree, ministers=ministers,
            organisations=organisations, schemes=schemes,
            catalog=self.link(catalog, links) if catalog in r else None,
            legend=[{"label": label, "colour": c} for _, label, c in ORIGINS],
            dumps=[{"name": n, "href": links.path(f"dumps/{n}")} for n in
                   ("vvgraph.ttl", "vvgraph.nt", "vvgraph.jsonld", "vvgraph.rdf", "vvgraph.trig",
                    "vvgraph.nq")],
        )
        return Page("home.html", ctx)

    def _origin_slug(self, prop: str) -> str | None:
        for p in self.projects:
            node = self._node(p, prop)
            if node:
                kinds = self.r.iris(node, DCT + "type")
                if kinds:
                    return kinds[0].rsplit("/", 1)[-1]
        return None

    # -- Search ----------------------------------------------------------------------------------
    @cached_property
    def search_entries(self) -> list[SearchEntry]:
        """What the search box finds: projects, documents (also by the titles citing them),
        people, organisations, concepts, milestones and indicators."""
        r = self.r
        entries = []
        kinds = ((PROJECT, "Project"), (STUK, "Beslissing"), (PERSON, "Minister"),
                 (ORGANIZATION, "Organisatie"), (CONCEPT, "Concept"), (SCHEME, "Codelijst"),
                 (MILESTONE, "Mijlpaal"), (INDICATOR, "Indicator"), (EDITION, "Rapport"))
        for cls, kind in kinds:
            for iri in r.of_type(cls):
                if not iri.startswith(r.id_space):
                    continue
                if cls == CONCEPT:
                    kind = SCHEME_NAMES.get(self.scheme_name(iri), "Concept")
                code = r.text(iri, DCT + "identifier") or r.text(iri, MU + "uuid") or ""
                extra = []
                if cls == STUK:
                    extra = [r.label(c) or "" for c in r.subjects(DCT + "references", iri)]
                    extra += [o.rsplit("/", 1)[-1] for o in r.iris(iri, FOAF + "page")]
                if cls in (MILESTONE, INDICATOR):
                    owner = r.owner(iri)
                    code = r.text(owner, DCT + "identifier") or "" if owner else ""
                title = self.label(iri)
                if cls == STUK and extra and not r.label(iri):
                    cited = extra[0] if len(extra[0]) <= 100 else extra[0][:99].rstrip() + "…"
                    title = f"{title}: {cited}"
                entries.append(SearchEntry(iri, kind, title, code,
                                           fold(" ".join([title, code, *extra]))))
        return entries

    def search_hits(self, query: str, limit: int = 100) -> tuple[list[SearchEntry], int]:
        words = fold(query).split()
        if not words:
            return [], 0
        hits = [e for e in self.search_entries if all(w in e.text for w in words)]
        order = {"Project": 0, "Beslissing": 1, "Minister": 2, "Organisatie": 3}
        q = fold(query).strip()
        hits.sort(key=lambda e: (fold(e.code) != q, order.get(e.kind, 5), e.title))
        return hits[:limit], len(hits)

    def search(self, query: str, links: Links) -> Page:
        hits, total = self.search_hits(query)
        ctx = self.base_context(links, f"Zoeken: {query}" if query else "Zoeken")
        ctx.update(page_kind="search", query=query, total=total,
                   hits=[{"kind": h.kind, "code": h.code, **self.link(h.iri, links, h.title)}
                         for h in hits])
        return Page("search.html", ctx)

    def search_index(self, links: Links) -> list[list[str]]:
        """The client-side index of the static export: [kind, code, title, href, folded text]."""
        return [[e.kind, e.code, e.title, links.href(e.iri) or e.iri, e.text]
                for e in self.search_entries]

    # -- Not found -------------------------------------------------------------------------------
    def not_found(self, path: str, links: Links) -> Page:
        words = re.sub(r"[^0-9A-Za-zÀ-ÿ]+", " ", path.rsplit("/", 1)[-1]).strip()
        hits, _ = self.search_hits(words, limit=8) if words else ([], 0)
        ctx = self.base_context(links, "Niet gevonden")
        ctx.update(page_kind="notfound", path=path, query=words,
                   suggestions=[{"kind": h.kind, **self.link(h.iri, links, h.title)} for h in hits])
        return Page("notfound.html", ctx, status=404)

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


__all__ = ["Links", "Page", "Views", "environment", "load_ontology", "static_links"]
