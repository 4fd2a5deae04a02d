"""What every page shares: the context of the site's frame, labels and links of any resource,
rows of projects, milestones and indicators, and the 'all data' tables."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Any

import jinja2
import pyoxigraph as ox
from markupsafe import Markup

from ...namespaces import PREFIXES
from ..describe import FORMAT_NAMES, MEDIA_TYPES, RDF_MEDIA_TYPES, Resources
from .formatting import (
    colour,
    date_nl,
    decimal,
    eur,
    natural_key,
    number_nl,
    percent,
    position_of,
    script_json,
)
from .links import Links
from .vocabulary import (
    _V,
    CONCEPT,
    DCAT,
    DCT,
    EDITION,
    FOAF,
    MILESTONE,
    ORGANIZATION,
    ORIGINS,
    PERSON,
    PROJECT,
    PROV,
    RDF,
    RDFS,
    RECOVERY,
    SCHEMA,
    SCHEME,
    SCHEME_NAMES,
    SKOS,
    STUK,
    TERM_LABELS,
    TIME,
    TYPE_LABELS,
)

# -- Pages ---------------------------------------------------------------------------------------

@dataclass
class Page:
    """A template to render and its context."""

    template: str
    context: dict[str, Any]
    status: int = 200


def environment(site_dir: Path) -> jinja2.Environment:
    """The Jinja2 environment of ``site/templates``: autoescaped, and strict, so a template
    naming a value the view did not give fails loudly rather than printing nothing."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(site_dir / "templates"),
                             autoescape=jinja2.select_autoescape(["html"], default=True),
                             undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True, auto_reload=False)
    env.filters.update(eur=eur, number=number_nl, date_nl=date_nl)
    return env


# schema.org types of the things pages are about, most specific first.
SCHEMA_TYPES = (({PROJECT}, "Project"), ({STUK, FOAF + "Document"}, "DigitalDocument"),
                ({PERSON}, "Person"), ({ORGANIZATION}, "GovernmentOrganization"),
                ({SCHEME}, "DefinedTermSet"), ({CONCEPT}, "DefinedTerm"),
                ({EDITION, DCAT + "Dataset"}, "Dataset"), ({DCAT + "Catalog"}, "DataCatalog"),
                ({DCAT + "Distribution"}, "DataDownload"), ({SCHEMA + "MonetaryAmount"}, "MonetaryAmount"),
                ({TIME + "ProperInterval", TIME + "Instant"}, "Event"), ({MILESTONE}, "Event"),
                ({PROV + "Plan"}, "Project"))
DESCRIPTION = ("Uit het monitoringsrapport van het Vlaamse relanceplan Vlaamse Veerkracht, "
               "als gelinkte open data: projecten, mijlpalen, budgetten en beslissingen.")


class ViewCore:
    """The pages of one dataset. ``ontology`` is the parsed ``ontology/vv.ttl`` (or ``None``
    when there is none); it gives the project's own terms their Dutch names."""

    def __init__(self, resources: Resources, ontology: Resources | None = None,
                 source_file: str | None = None, source_lines: tuple[str, ...] = (),
                 inferred: Sequence[ox.Triple] = ()) -> None:
        self.r = resources
        self.ontology = ontology
        self.base = resources.base
        self.source_file = source_file
        self.source_lines = source_lines
        # The entailments (inverses, super-properties, classes), kept apart from what the
        # report states, by subject.
        self.inferred: dict[str, list[ox.Triple]] = {}
        for triple in inferred:
            self.inferred.setdefault(triple.subject.value, []).append(triple)
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
        """A property's or class's Dutch name; ``rdf:_3`` is the third document."""
        if iri.startswith(RDF + "_") and iri[len(RDF) + 1:].isdigit():
            return f"document {iri[len(RDF) + 1:]}"
        return self._term_labels.get(iri) or TYPE_LABELS.get(iri) or self.curie(iri)

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
        if STUK in types or iri in self.external_documents:
            return self.document_label(iri)
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
        """A link to ``iri``: its local page if it is ours (or a cited document of another
        site, which gets a page of ours listing who cites it), the IRI itself otherwise."""
        href = links.href(iri)
        if href is None and iri in self.external_documents:
            href = links.extern(self.external_documents[iri])
        return {"iri": iri, "href": href or iri, "label": text or self.label(iri),
                "external": href is None}

    def document_label(self, iri: str) -> str:
        """Overridden where decision documents are read (:mod:`.document`)."""
        return self.r.label(iri) or iri

    @cached_property
    def external_documents(self) -> dict[str, str]:
        """Documents of other sites that decisions cite (search pages, PDFs), by IRI, with the
        key of their page here: a short hash of the IRI, stable across builds."""
        return {iri: hashlib.sha256(iri.encode()).hexdigest()[:12]
                for iri in sorted(self.r.of_type(FOAF + "Document"))
                if not iri.startswith(self.base)}

    def value(self, term: Any, links: Links) -> dict[str, Any]:
        """A value in the "all data" tables: an IRI by its label (a term of a vocabulary by
        its Dutch name or prefixed name, never a bare IRI), a literal as written."""
        if isinstance(term, ox.NamedNode):
            link = self.link(term.value, links)
            if link["label"] == term.value:
                link["label"] = self.term_label(term.value)
            return {"kind": "iri", **link}
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
        for concept in sorted(counts, key=lambda c: natural_key(self.r.text(c, SKOS + "notation") or c)):
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
        kind = self.type_label(iri) if iri is not None and iri in self.r else None
        description = (f"{kind}: {title}. " if kind else f"{title}. ") + DESCRIPTION
        about = self.about(links, title, iri)
        return {"title": title, "iri": iri, "links": links, "alternates": alternates,
                "description": description, "about": about,
                "schema": script_json({"@context": "https://schema.org",
                                       "@type": self.schema_type(iri), "name": title,
                                       "description": description,
                                       **({"url": iri} if iri else {}),
                                       "inLanguage": "nl", "license": about["license"]["iri"]
                                       if about["license"] else None,
                                       "isPartOf": about["dataset"]}),
                "jsonld": embedded, "static": links.static, "source_file": self.source_file,
                "edition": self.edition_link(links), "page_kind": "", "breadcrumbs": [],
                "inferred": []}

    @cached_property
    def _edition_facts(self) -> dict[str, str | None]:
        r = self.r
        editions = r.of_type(EDITION)
        e = editions[-1] if editions else None
        licence = (r.iris(e, DCT + "license") or [None])[0] if e else None
        return {"edition": e, "license": licence,
                "license_label": r.label(licence) if licence else None,
                "modified": (r.text(e, DCT + "modified") or r.text(e, DCT + "issued")
                             or r.text(e, _V + "measuredOn")) if e else None,
                "measured": r.text(e, _V + "measuredOn") if e else None,
                "title": (r.label(e) if e else None) or "Monitoringsrapport Vlaamse Veerkracht"}

    def about(self, links: Links, title: str, iri: str | None) -> dict[str, Any]:
        """What every page says about itself: the edition it comes from, its licence, when
        the data last changed, its permanent address and how to cite it."""
        f = self._edition_facts
        measured = date_nl(f["measured"]) if f["measured"] else ""
        cite = (f"Vlaamse Regering, {f['title']}"
                + (f", meting van {measured}" if measured else "") + f": {title}."
                + (f" {iri}" if iri else ""))
        return {"permalink": iri, "modified": date_nl(f["modified"]) if f["modified"] else None,
                "license": {"iri": f["license"], "label": f["license_label"] or f["license"]}
                if f["license"] else None,
                "cite": cite, "dataset": f["edition"]}

    def dataset_schema(self) -> dict[str, Any]:
        """The edition as a schema.org ``Dataset`` (what Google Dataset Search reads): name,
        description, licence, publisher, keywords and a ``DataDownload`` per distribution."""
        r, f = self.r, self._edition_facts
        e = f["edition"]
        if e is None:
            return {"@context": "https://schema.org", "@type": "Dataset", "name": f["title"],
                    "description": DESCRIPTION}
        downloads = []
        for d in sorted(r.iris(e, DCAT + "distribution")):
            url = r.iris(d, DCAT + "downloadURL")
            media = r.iris(d, DCAT + "mediaType")
            if url:
                downloads.append({"@type": "DataDownload", "contentUrl": url[0],
                                  "encodingFormat": media[0].rsplit("media-types/", 1)[-1]
                                  if media else None, "name": r.label(d) or url[0]})
        measured = f["measured"]
        return {"@context": "https://schema.org", "@type": "Dataset", "@id": e, "url": e,
                "name": f"{f['title']}" + (f", meting van {date_nl(measured)}" if measured else ""),
                "description": (r.text(e, DCT + "description") or "") + " " + DESCRIPTION,
                "license": f["license"], "inLanguage": "nl", "isAccessibleForFree": True,
                "keywords": sorted(x.value for x in r.objects(e, DCAT + "keyword")),
                "publisher": {"@type": "GovernmentOrganization", "name": "Vlaamse Regering"},
                "creator": {"@type": "GovernmentOrganization", "name": "Vlaamse Regering"},
                "dateModified": f["modified"], "spatialCoverage": "Vlaanderen",
                "temporalCoverage": measured, "distribution": downloads}

    def schema_type(self, iri: str | None) -> str:
        """The schema.org type a page's own JSON-LD gives its subject."""
        if iri is None:
            return "WebPage"
        types = set(self.r.types(iri))
        for classes, name in SCHEMA_TYPES:
            if classes & types:
                return name
        return "Thing"

    def edition_link(self, links: Links) -> dict[str, Any] | None:
        editions = self.r.of_type(EDITION)
        return self.link(editions[-1], links) if editions else None

    def inferred_rows(self, iri: str, links: Links) -> list[dict[str, Any]]:
        """What is inferred about ``iri`` (and not also stated), as (property, values) rows."""
        stated = self.r.props.get(iri, {})
        grouped: dict[str, list[Any]] = {}
        for t in self.inferred.get(iri, []):
            if t.object not in stated.get(t.predicate.value, []):
                grouped.setdefault(t.predicate.value, []).append(t.object)
        return [{"prop": self.term_label(prop), "curie": self.curie(prop),
                 "href": links.href(prop) or prop, "values": [self.value(o, links) for o in objects]}
                for prop, objects in sorted(grouped.items())]

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
    def span(self, subject: str) -> tuple[int, int] | None:
        """The lines of the report ``subject`` was read from (its ``dct:source`` span)."""
        spans = self.r.iris(subject, DCT + "source") + self.r.iris(subject, PROV + "wasDerivedFrom")
        for span in spans:
            first, last = self.r.text(span, _V + "firstLine"), self.r.text(span, _V + "lastLine")
            if first and last and first.isdigit() and last.isdigit():
                return int(first), int(last)
        return None

    @cached_property
    def sheet_spans(self) -> list[tuple[int, int, str]]:
        """Every project's lines, in order, with its code: the pages of the source view."""
        out = []
        for p in self.projects:
            span = self.span(p)
            if span is not None:
                out.append((*span, self.r.text(p, DCT + "identifier") or p.rsplit("/", 1)[-1]))
        return sorted(out)

    def source(self, subject: str, links: Links) -> dict[str, Any] | None:
        """The "bron" link of a project: the source view of its lines."""
        span = self.span(subject)
        if span is None or not self.source_file:
            return None
        first, last = span
        return {"first": first, "last": last, "href": links.source(first, last),
                "file": self.source_file}

    def line_link(self, line: str | None, links: Links) -> dict[str, Any] | None:
        """The source line a milestone, indicator or decision was read from: its line in the
        source view of the sheet holding it."""
        if not line or not line.isdigit() or not self.source_file:
            return None
        n = int(line)
        for first, last, _ in self.sheet_spans:
            if first <= n <= last:
                return {"line": n, "href": links.source(first, last, n)}
        return {"line": n, "href": links.source(n, n, n)}

    def _node(self, subject: str, prop: str) -> str | None:
        nodes = self.r.iris(subject, prop)
        return nodes[0] if nodes else None

    def milestone_row(self, m: str, links: Links) -> dict[str, Any]:
        r = self.r
        quarter, status = r.iris(m, _V + "plannedQuarter"), r.iris(m, _V + "status")
        return {**self.link(m, links), "n": position_of(r, m), "title": r.label(m) or "",
                "timing": r.text(m, _V + "timing"),
                "quarter": self.link(quarter[0], links) if quarter else None,
                "status": self.status(status[0] if status else None, links),
                "description": r.text(m, DCT + "description"),
                "line": self.line_link(r.text(m, _V + "sourceLine"), links)}

    def indicator_row(self, i: str, links: Links) -> dict[str, Any]:
        r = self.r
        rate = decimal(r.text(i, _V + "rateValue"))
        quarter = r.iris(i, _V + "plannedQuarter")
        return {**self.link(i, links), "n": position_of(r, i), "title": r.label(i) or "",
                "target": r.text(i, _V + "target"), "timing": r.text(i, _V + "timing"),
                "quarter": self.link(quarter[0], links) if quarter else None,
                "realisation": r.text(i, _V + "realisation"), "rate": r.text(i, _V + "rate"),
                "rate_value": rate, "width": percent(rate, 100) if rate is not None else None,
                "over": rate is not None and rate > 100,
                "line": self.line_link(r.text(i, _V + "sourceLine"), links)}

