"""The records as CSV on the Web: one CSV per table and one CSVW metadata document.

Researchers open CSV in pandas, R or a spreadsheet; the metadata (W3C CSVW) gives each column
its datatype, each table its primary and foreign keys, and ``aboutUrl`` / ``propertyUrl`` /
``valueUrl`` templates that turn every row into the graph's own IRIs and properties, so a
CSVW-to-RDF converter lands on the same resources as the dumps. The tables are declared below
as data and written by the ``csvw`` library itself (the same one that validates them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from rdflib import Graph
from rdflib.namespace import DCTERMS, FOAF, RDF, SKOS

from ..mapping.graph import ConceptIndex
from ..mapping.numbers import VR_REFERENCE, number_value, rate_value
from ..mapping.uris import Uris, document_view_id, quarter_key, slug
from ..mapping.vocabulary import AMOUNTS, INPUT_AMOUNT, ROLES
from ..namespaces import MU, SCHEMA, VV
from ..records import Report

FOLDER = "csv"
METADATA = "csv-metadata.json"
Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    datatype: str = "string"
    property: str | None = None       # propertyUrl (an IRI); None: the column is not mapped
    value_url: str | None = None      # valueUrl template, relative to the data base ("id/...")
    lang: str | None = None
    required: bool = False
    about_url: str | None = None      # a column's own subject, when it is not the row's
    separator: str | None = None


@dataclass(frozen=True, slots=True)
class Table:
    url: str
    title: str
    about_url: str                    # template, relative to the data base
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = ()
    rows: Callable[["Context"], Iterator[Row]] = field(default=lambda c: iter(()))


@dataclass(frozen=True, slots=True)
class Context:
    report: Report
    uris: Uris
    concepts: ConceptIndex


def _s(term: object) -> str:
    return str(term)


def _concept_code(ctx: Context, scheme: str, label: str | None) -> str | None:
    if label is None:
        return None
    return str(ctx.concepts.lookup(scheme, label)[0]).rsplit("/", 1)[1]


# -- rows, straight from the records ------------------------------------------------------------

def _projects(ctx: Context) -> Iterator[Row]:
    for p in sorted(ctx.report.projects, key=lambda p: p.id):
        yield {"project": p.id, "title": p.title, "cluster": f"{p.cluster.number:02d}",
               "speerpunt": f"{p.speerpunt.number:02d}", "status": p.status,
               "status_code": _concept_code(ctx, "projectstatus", p.status),
               "status_description": p.status_description, "description": p.description,
               "stakeholders": p.stakeholders, "output": p.output, "outcome": p.outcome,
               "political_action": p.political_action, "input": p.input.text,
               "project_page": p.project_page_url, "first_line": p.source.first_line,
               "last_line": p.source.last_line}


def _milestones(ctx: Context) -> Iterator[Row]:
    for p in sorted(ctx.report.projects, key=lambda p: p.id):
        for n, m in enumerate(p.milestones, 1):
            yield {"project": p.id, "position": n, "name": m.name, "timing": m.timing,
                   "quarter": quarter_key(m.timing), "status": m.status,
                   "status_code": _concept_code(ctx, "mijlpaalstatus", m.status),
                   "description": m.description, "line": m.line}


def _indicators(ctx: Context) -> Iterator[Row]:
    for p in sorted(ctx.report.projects, key=lambda p: p.id):
        for n, i in enumerate(p.indicators, 1):
            yield {"project": p.id, "position": n, "indicator": i.indicator, "target": i.target,
                   "target_value": number_value(i.target), "timing": i.timing,
                   "quarter": quarter_key(i.timing), "realisation": i.realisation,
                   "realisation_value": number_value(i.realisation), "rate": i.rate,
                   "rate_value": rate_value(i.rate), "line": i.line}


def _amounts(ctx: Context) -> Iterator[Row]:
    specs = {**AMOUNTS, "input": INPUT_AMOUNT}
    for p in sorted(ctx.report.projects, key=lambda p: p.id):
        for field_name, (prop, kind, scheme, _concept) in specs.items():
            eur = p.input.eur if field_name == "input" else getattr(p.financing, field_name)
            if eur is not None:
                yield {"project": p.id, "kind": kind, "scheme": scheme,
                       "property": _s(prop).rsplit("#", 1)[1], "eur": eur}


def _citations(ctx: Context) -> Iterator[Row]:
    for p in sorted(ctx.report.projects, key=lambda p: p.id):
        for n, d in enumerate(p.decisions, 1):
            yield {"project": p.id, "position": n, "title": d.title,
                   "vr_references": VR_REFERENCE.findall(d.title) or None, "line": d.line}


def _citation_documents(ctx: Context) -> Iterator[Row]:
    for p in sorted(ctx.report.projects, key=lambda p: p.id):
        for n, d in enumerate(p.decisions, 1):
            for k, url in enumerate(d.urls, 1):
                yield {"project": p.id, "citation": n, "position": k,
                       "document": str(ctx.uris.document(url))}


def _documents(ctx: Context) -> Iterator[Row]:
    urls = {url for p in ctx.report.projects for d in p.decisions for url in d.urls}
    rows = {str(ctx.uris.document(u)): u for u in urls}
    for iri, url in sorted(rows.items()):
        uuid = document_view_id(url)
        yield {"document": iri, "uuid": uuid, "page": url if uuid else None}


def _linked_projects(ctx: Context) -> Iterator[Row]:
    for p in sorted(ctx.report.projects, key=lambda p: p.id):
        for n, other in enumerate(p.linked_projects, 1):
            yield {"project": p.id, "position": n, "target": other}


def _agents(ctx: Context, ministers: bool) -> Iterator[Row]:
    names = {name for p in ctx.report.projects
             for f in (("ministers",) if ministers else ("lead_entities", "involved_entities"))
             for name in getattr(p, f)}
    for key, name in sorted((slug(n), n) for n in names):
        yield {"slug": key, "name": name}


def _project_agents(ctx: Context, ministers: bool) -> Iterator[Row]:
    for p in sorted(ctx.report.projects, key=lambda p: p.id):
        for field_name, (prop, role) in ROLES.items():
            if (field_name == "ministers") != ministers:
                continue
            for n, name in enumerate(getattr(p, field_name), 1):
                yield {"project": p.id, **({} if ministers else {"role": role}), "position": n,
                       "agent": slug(name), "property": _s(prop).rsplit("#", 1)[1]}


def _numbered(ctx: Context, clusters: bool) -> Iterator[Row]:
    if clusters:
        seen: dict[int, set[int]] = {}
        for p in ctx.report.projects:
            seen.setdefault(p.cluster.number, set()).add(p.speerpunt.number)
        for c in ctx.report.clusters:
            only = seen.get(c.number, set())
            yield {"code": f"{c.number:02d}", "number": c.number, "label": c.label,
                   "speerpunt": f"{next(iter(only)):02d}" if len(only) == 1 else None}
    else:
        for s in ctx.report.speerpunten:
            yield {"code": f"{s.number:02d}", "number": s.number, "label": s.label}


# -- the tables -----------------------------------------------------------------------------------

P = "id/project/{project}"
TABLES: tuple[Table, ...] = (
    Table("speerpunten.csv", "Speerpunten", "id/concept/speerpunt/{code}", (
        Column("code", required=True, property=_s(SKOS.notation)),
        Column("number", "integer", required=True),
        Column("label", required=True, property=_s(SKOS.prefLabel), lang="nl")),
        ("code",), rows=lambda c: _numbered(c, False)),
    Table("clusters.csv", "Clusters", "id/concept/cluster/{code}", (
        Column("code", required=True, property=_s(SKOS.notation)),
        Column("number", "integer", required=True),
        Column("label", required=True, property=_s(SKOS.prefLabel), lang="nl"),
        Column("speerpunt", property=_s(SKOS.broader), value_url="id/concept/speerpunt/{speerpunt}")),
        ("code",), rows=lambda c: _numbered(c, True)),
    Table("projects.csv", "Projecten", P, (
        Column("project", required=True, property=_s(DCTERMS.identifier)),
        Column("title", required=True, property=_s(DCTERMS.title), lang="nl"),
        Column("cluster", required=True, property=_s(VV.cluster), value_url="id/concept/cluster/{cluster}"),
        Column("speerpunt", required=True, property=_s(VV.speerpunt),
               value_url="id/concept/speerpunt/{speerpunt}"),
        Column("status"),
        Column("status_code", property=_s(VV.status), value_url="id/concept/projectstatus/{status_code}"),
        Column("status_description", property=_s(VV.statusDescription), lang="nl"),
        Column("description", property=_s(DCTERMS.description), lang="nl"),
        Column("stakeholders", property=_s(VV.stakeholders), lang="nl"),
        Column("output", property=_s(VV.output), lang="nl"),
        Column("outcome", property=_s(VV.outcome), lang="nl"),
        Column("political_action", property=_s(VV.politicalAction), lang="nl"),
        Column("input", property=_s(VV.input), lang="nl"),
        Column("project_page", "anyURI", property=_s(FOAF.page), value_url="{+project_page}"),
        Column("first_line", "integer", required=True),
        Column("last_line", "integer", required=True)),
        ("project",), ((("cluster",), "clusters.csv", ("code",)),
                       (("speerpunt",), "speerpunten.csv", ("code",))),
        rows=_projects),
    Table("milestones.csv", "Mijlpalen", P + "/mijlpaal/{position}", (
        Column("project", required=True, property=_s(VV.milestoneOf), value_url=P),
        Column("position", "integer", required=True, property=_s(SCHEMA.position)),
        Column("name", required=True, property=_s(DCTERMS.title), lang="nl"),
        Column("timing", property=_s(VV.timing)),
        Column("quarter", property=_s(VV.plannedQuarter), value_url="id/kwartaal/{quarter}"),
        Column("status"),
        Column("status_code", property=_s(VV.status), value_url="id/concept/mijlpaalstatus/{status_code}"),
        Column("description", property=_s(DCTERMS.description), lang="nl"),
        Column("line", "integer", required=True, property=_s(VV.sourceLine))),
        ("project", "position"), ((("project",), "projects.csv", ("project",)),), rows=_milestones),
    Table("indicators.csv", "Outputindicatoren", P + "/indicator/{position}", (
        Column("project", required=True, property=_s(VV.indicatorOf), value_url=P),
        Column("position", "integer", required=True, property=_s(SCHEMA.position)),
        Column("indicator", required=True, property=_s(DCTERMS.title), lang="nl"),
        Column("target", property=_s(VV.target), lang="nl"),
        Column("target_value", "decimal", property=_s(VV.targetValue)),
        Column("timing", property=_s(VV.timing)),
        Column("quarter", property=_s(VV.plannedQuarter), value_url="id/kwartaal/{quarter}"),
        Column("realisation", property=_s(VV.realisation), lang="nl"),
        Column("realisation_value", "decimal", property=_s(VV.realisationValue)),
        Column("rate", property=_s(VV.rate), lang="nl"),
        Column("rate_value", "decimal", property=_s(VV.rateValue)),
        Column("line", "integer", required=True, property=_s(VV.sourceLine))),
        ("project", "position"), ((("project",), "projects.csv", ("project",)),), rows=_indicators),
    Table("amounts.csv", "Bedragen per rol en herkomst (EUR)", P + "/bedrag/{kind}", (
        Column("project", required=True, about_url=P, property=_s(VV) + "{property}",
               value_url=P + "/bedrag/{kind}"),
        Column("kind", required=True, property=_s(DCTERMS.type), value_url="id/concept/{scheme}/{kind}"),
        Column("scheme", required=True),
        Column("property", required=True),
        Column("eur", "decimal", required=True, property=_s(SCHEMA.value))),
        ("project", "kind"), ((("project",), "projects.csv", ("project",)),), rows=_amounts),
    Table("citations.csv", "Geciteerde beslissingen", P + "/beslissing/{position}", (
        Column("project", required=True, property=_s(VV.citationOf), value_url=P),
        Column("position", "integer", required=True, property=_s(SCHEMA.position)),
        Column("title", required=True, property=_s(DCTERMS.title), lang="nl"),
        Column("vr_references", property=_s(VV.vrReference), separator=" | "),
        Column("line", "integer", required=True, property=_s(VV.sourceLine))),
        ("project", "position"), ((("project",), "projects.csv", ("project",)),), rows=_citations),
    Table("documents.csv", "Beslissingsdocumenten", "{+document}", (
        Column("document", required=True),
        Column("uuid", property=_s(MU.uuid)),
        Column("page", "anyURI", property=_s(FOAF.page), value_url="{+page}")),
        ("document",), rows=_documents),
    Table("citation-documents.csv", "Documenten per geciteerde beslissing",
          P + "/beslissing/{citation}", (
        Column("project", required=True),
        Column("citation", "integer", required=True),
        Column("position", "integer", required=True),
        Column("document", required=True, property=_s(RDF) + "_{position}",
               value_url="{+document}")),
        ("project", "citation", "position"),
        ((("project", "citation"), "citations.csv", ("project", "position")),
         (("document",), "documents.csv", ("document",))), rows=_citation_documents),
    Table("linked-projects.csv", "Gekoppelde projecten", P + "/koppeling/{position}", (
        Column("project", required=True, about_url=P, property=_s(VV.projectLink),
               value_url=P + "/koppeling/{position}"),
        Column("position", "integer", required=True, property=_s(SCHEMA.position)),
        Column("target", required=True, property=_s(VV.linkTarget), value_url="id/project/{target}")),
        ("project", "position"),
        ((("project",), "projects.csv", ("project",)), (("target",), "projects.csv", ("project",))),
        rows=_linked_projects),
    Table("ministers.csv", "Ministers", "id/persoon/{slug}", (
        Column("slug", required=True),
        Column("name", required=True, property=_s(FOAF.name))),
        ("slug",), rows=lambda c: _agents(c, True)),
    Table("organisations.csv", "Organisaties", "id/organisatie/{slug}", (
        Column("slug", required=True),
        Column("name", required=True, property=_s(SKOS.prefLabel), lang="nl")),
        ("slug",), rows=lambda c: _agents(c, False)),
    Table("project-ministers.csv", "Ministers per project", P, (
        Column("project", required=True),
        Column("position", "integer", required=True),
        Column("agent", required=True, property=_s(VV) + "{property}", value_url="id/persoon/{agent}"),
        Column("property", required=True)),
        ("project", "position"),
        ((("project",), "projects.csv", ("project",)), (("agent",), "ministers.csv", ("slug",))),
        rows=lambda c: _project_agents(c, True)),
    Table("project-organisations.csv", "Trekkende en betrokken entiteiten per project", P, (
        Column("project", required=True),
        Column("role", required=True),
        Column("position", "integer", required=True),
        Column("agent", required=True, property=_s(VV) + "{property}", value_url="id/organisatie/{agent}"),
        Column("property", required=True)),
        ("project", "role", "position"),
        ((("project",), "projects.csv", ("project",)), (("agent",), "organisations.csv", ("slug",))),
        rows=lambda c: _project_agents(c, False)),
)


def _template(base: str, template: str) -> str:
    return template if template.startswith("{") or "://" in template else base + template


def metadata(uris: Uris) -> dict[str, Any]:
    """The CSVW table group describing every table (a JSON-LD document)."""
    b = uris.base
    tables = []
    for t in TABLES:
        columns = []
        for c in t.columns:
            col: dict[str, Any] = {"name": c.name, "titles": c.name, "datatype": c.datatype,
                                   "required": c.required}
            if c.lang:
                col["lang"] = c.lang
            if c.separator:
                col["separator"] = c.separator
            if c.property is None:
                col["suppressOutput"] = True
            else:
                col["propertyUrl"] = c.property
            if c.value_url:
                col["valueUrl"] = _template(b, c.value_url)
            if c.about_url:
                col["aboutUrl"] = _template(b, c.about_url)
            columns.append(col)
        schema: dict[str, Any] = {"columns": columns, "primaryKey": list(t.primary_key),
                                  "aboutUrl": _template(b, t.about_url)}
        if t.foreign_keys:
            schema["foreignKeys"] = [
                {"columnReference": list(cols), "reference": {"resource": table, "columnReference": list(ref)}}
                for cols, table, ref in t.foreign_keys]
        tables.append({"url": t.url, "dc:title": t.title, "tableSchema": schema})
    return {"@context": ["http://www.w3.org/ns/csvw", {"@language": "nl"}],
            "dc:title": "Vlaamse Veerkracht: tabellen",
            "dc:license": {"@id": "https://data.vlaanderen.be/id/licentie/modellicentie-gratis-hergebruik/v1.0"},
            "tables": tables}


def write_csvw(report: Report, uris: Uris, concepts: Graph, out_dir: Path) -> list[Path]:
    """Write ``csv/*.csv`` and ``csv/csv-metadata.json`` into ``out_dir``; the files written."""
    from csvw import TableGroup  # a heavy import, paid only by a build

    folder = out_dir / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    ctx = Context(report, uris, ConceptIndex(concepts, uris))
    group = TableGroup.fromvalue(metadata(uris))
    group.write(folder / METADATA, strict=True, **{t.url: list(t.rows(ctx)) for t in TABLES})
    return [folder / METADATA, *(folder / t.url for t in TABLES)]


def distributions() -> dict[str, tuple[str, str]]:
    """Catalog entries (file -> media type, title) for the written tables."""
    entries = {f"{FOLDER}/{METADATA}": ("application/csvm+json", "CSVW-metadata van de tabellen")}
    for t in TABLES:
        entries[f"{FOLDER}/{t.url}"] = ("text/csv", f"CSV: {t.title}")
    return entries


__all__ = ["TABLES", "METADATA", "FOLDER", "metadata", "write_csvw", "distributions"]
