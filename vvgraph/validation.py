"""SHACL validation of a graph and the data-quality report of the monitoring report behind it.

The shapes (``shapes/*.ttl``) state what the graph must look like (``sh:Violation``: a graph
with one is not published) and where the report contradicts itself (``sh:Warning``) or leaves
something out (``sh:Info``). pyshacl does the validation; this module turns its results into
findings a person can act on: the project, the values involved and the lines of the report.

Speed, measured on the full graph (~39k triples): pyshacl with ``inference="none"`` and the
graph used in place. Three things keep it fast:

- the class hierarchy: every class the shapes name is asserted by the mapping, so the
  ontology is only mixed into (a copy of) the data when it would change what a shape targets
  or accepts (a node typed with a subclass only);
- property shapes: pyshacl evaluates a node shape's ``sh:property`` shapes one focus node at a
  time, rebuilding every constraint each time; a property shape with targets of its own is
  evaluated once over all its focus nodes. So pyshacl gets a copy of the shapes in which the
  property shapes of a targeted node shape carry that node shape's targets (the same results,
  2-3 times faster); the shapes files keep the readable nested form;
- SHACL-SPARQL: pyshacl runs a constraint's query once per focus node, and rdflib parses the
  query text every time (~0.1 s a parse). The data graph handed to pyshacl caches the parsed
  form per query text, so each query is parsed once.
"""

from __future__ import annotations

import re
import sys
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.term import Node

from .config import Settings
from .namespaces import DCTERMS, PREFIXES, SH, VV

SEVERITIES = ("Violation", "Warning", "Info")
REPORT_TTL = "validation-report.ttl"
QUALITY_MD = "data-quality.md"
QUALITY_HTML = "data-quality.html"
TEMPLATE = "data-quality.html"
SUMMARY_LIMIT = 20          # violations listed by name on the terminal
VVSH = "https://w3id.org/vlaamse-veerkracht/shapes#"


# -- findings ---------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Finding:
    """One SHACL result, with what a reader needs to find it in the report."""

    severity: str                   # "Violation", "Warning" or "Info"
    shape: str                      # IRI of the node shape the result comes from
    label: str                      # what the shape checks, in Dutch
    label_en: str
    component: str                  # e.g. "MinCountConstraintComponent"
    focus: str                      # the node that fails
    path: str | None                # the property, as a prefixed name ("^vv:milestone" if inverse)
    value: str | None               # the offending value, if any
    message: str                    # Dutch message if the shape has one, else pyshacl's
    message_en: str
    project: str | None = None      # "VV162": the project the node belongs to
    project_title: str | None = None
    lines: tuple[int, int] | None = None    # lines of the report (1-based, inclusive)
    source: str | None = None       # the source span: {source file IRI}#line=a,b

    @property
    def where(self) -> str:
        if self.lines is None:
            return ""
        a, b = self.lines
        return f"regel {a}" if a == b else f"regels {a}-{b}"

    def sort_key(self) -> tuple:
        return (SEVERITIES.index(self.severity), self.label, self.project or "~", self.focus,
                self.path or "", self.component, self.value or "", self.message)


@dataclass(frozen=True)
class ValidationOutcome:
    conforms: bool                  # no sh:Violation (warnings and infos do not count)
    violations: tuple[Finding, ...]
    warnings: tuple[Finding, ...]
    infos: tuple[Finding, ...]
    results: Graph = field(repr=False)  # the SHACL validation report, normalised
    triples: int = 0
    seconds: float = 0.0

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.violations + self.warnings + self.infos

    def counts_by_shape(self) -> list[tuple[str, str, int]]:
        """(severity, shape label, count), most severe first, then by label."""
        counts: dict[tuple[str, str], int] = {}
        for f in self.findings:
            counts[(f.severity, f.label)] = counts.get((f.severity, f.label), 0) + 1
        return sorted(((s, lab, n) for (s, lab), n in counts.items()),
                      key=lambda r: (SEVERITIES.index(r[0]), r[1]))


# -- loading ------------------------------------------------------------------------------------

def load_shapes(settings: Settings) -> Graph:
    """Every ``shapes/*.ttl``, its relative code-list IRIs resolved against the data base."""
    g = Graph()
    for path in sorted(Path(settings.shapes_dir).glob("*.ttl")):
        g.parse(path, format="turtle", publicID=settings.base)
    return g


def load_ontology(settings: Settings) -> Graph:
    """The project's ontology (``ontology/*.ttl`` without the code lists)."""
    g = Graph()
    for path in sorted(Path(settings.ontology_dir).glob("*.ttl")):
        if path.name != "concepts.ttl":
            g.parse(path, format="turtle", publicID=settings.base)
    return g


# -- validation ---------------------------------------------------------------------------------

_PREFIX_LINE = re.compile(r"^PREFIX [\w-]*: <[^>]*>$")


def _prepared(text: str) -> Any:
    """The parsed query, cached. pyshacl writes the declared prefixes first, in an order that
    changes each time the shapes are loaded; sorted, the same constraint has the same key."""
    lines = text.split("\n")
    head = 0
    while head < len(lines) and (_PREFIX_LINE.match(lines[head]) or not lines[head].strip()):
        head += 1
    prefixes = sorted({line for line in lines[:head] if line.strip()})
    return _parse_query("\n".join(prefixes + lines[head:]))


@lru_cache(maxsize=256)
def _parse_query(text: str) -> Any:
    return prepareQuery(text)


class _ValidationGraph(Graph):
    """The data graph as pyshacl sees it: SPARQL text parsed once per distinct query."""

    def query(self, query_object: Any, processor: Any = "sparql", result: Any = "sparql",
              initNs: Any = None, initBindings: Any = None, use_store_provided: bool = True,
              **kwargs: Any) -> Any:
        if isinstance(query_object, str) and not initNs:
            query_object = _prepared(query_object)
        return super().query(query_object, processor, result, initNs, initBindings,
                             use_store_provided, **kwargs)


def _subclasses(ontology: Graph) -> dict[Node, set[Node]]:
    """Every named class -> its named subclasses, transitively (the class itself excluded)."""
    direct: dict[Node, set[Node]] = {}
    for sub, sup in ontology.subject_objects(RDFS.subClassOf):
        if isinstance(sub, URIRef) and isinstance(sup, URIRef) and sub != sup:
            direct.setdefault(sup, set()).add(sub)
    closed: dict[Node, set[Node]] = {}
    for cls in direct:
        seen: set[Node] = set()
        todo = list(direct[cls])
        while todo:
            c = todo.pop()
            if c not in seen:
                seen.add(c)
                todo.extend(direct.get(c, ()))
        seen.discard(cls)
        closed[cls] = seen
    return closed


def _needs_hierarchy(data: Graph, shapes: Graph, ontology: Graph) -> bool:
    """Whether some node is typed only with a subclass of a class a shape targets or requires,
    so that pyshacl must see the ontology's rdfs:subClassOf to judge it."""
    subclasses = _subclasses(ontology)
    named = set(shapes.objects(None, SH.targetClass)) | set(shapes.objects(None, SH["class"]))
    for cls in named:
        for sub in subclasses.get(cls, ()):
            for node in data.subjects(RDF.type, sub):
                if (node, RDF.type, cls) not in data:
                    return True
    return False


def _graph_for_pyshacl(data: Graph, shapes: Graph, ontology: Graph) -> Graph:
    plain = not isinstance(data, (Dataset, ConjunctiveGraph))
    if plain and not _needs_hierarchy(data, shapes, ontology):
        # A view on the caller's store: pyshacl without inference or rules only reads it.
        return _ValidationGraph(store=data.store, identifier=data.identifier)
    g = _ValidationGraph()
    for t in data.triples((None, None, None)):
        g.add(t)
    for t in ontology.triples((None, RDFS.subClassOf, None)):
        g.add(t)
    return g


_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)


def _flattened(shapes: Graph) -> Graph:
    """The same shapes, each property shape of a targeted node shape given that node shape's
    targets instead of hanging from it. Equivalent (a property shape's results do not depend on
    how its focus nodes were found); node shapes used by reference (sh:node, ...) or
    deactivated are left as they are."""
    flat = Graph()
    flat += shapes
    for node_shape in sorted(set(shapes.subjects(SH.property, None)), key=str):
        targets = [(p, o) for p in _TARGETS for o in shapes.objects(node_shape, p)]
        if (not targets or (None, None, node_shape) in shapes
                or (node_shape, SH.deactivated, None) in shapes):
            continue
        for prop_shape in list(shapes.objects(node_shape, SH.property)):
            if len(list(shapes.subjects(None, prop_shape))) != 1:
                continue  # shared by several node shapes: keep the nesting
            flat.remove((node_shape, SH.property, prop_shape))
            for p, o in targets:
                flat.add((prop_shape, p, o))
    return flat


def validate_graph(data: Graph, shapes: Graph, ontology: Graph) -> ValidationOutcome:
    """Validate ``data`` (not changed) against ``shapes``; the ontology supplies the class
    hierarchy. ``conforms`` is true when there is no sh:Violation."""
    import pyshacl

    started = time.perf_counter()
    target = _graph_for_pyshacl(data, shapes, ontology)
    _, results, _ = pyshacl.validate(target, shacl_graph=_flattened(shapes), inference="none",
                                     allow_warnings=True, inplace=True, advanced=False)
    findings = _findings(results, shapes, data)
    seconds = time.perf_counter() - started
    by_sev: dict[str, list[Finding]] = {s: [] for s in SEVERITIES}
    for f, _, _ in findings:
        by_sev[f.severity].append(f)
    report = _normalised_report(findings, results, shapes, not by_sev["Violation"])
    return ValidationOutcome(conforms=not by_sev["Violation"],
                             violations=tuple(by_sev["Violation"]),
                             warnings=tuple(by_sev["Warning"]), infos=tuple(by_sev["Info"]),
                             results=report, triples=len(data), seconds=seconds)


# -- from pyshacl results to findings -------------------------------------------------------------

def _qname(node: Node) -> str:
    text = str(node)
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if text.startswith(ns) and re.fullmatch(r"[\w.-]*", text[len(ns):]):
            return f"{prefix}:{text[len(ns):]}"
    if text.startswith(VVSH):
        return "vvsh:" + text[len(VVSH):]
    return f"<{text}>"


def _path_text(shapes: Graph, path: Node | None) -> str | None:
    if path is None:
        return None
    if isinstance(path, URIRef):
        return _qname(path)
    inverse = shapes.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + (_path_text(shapes, inverse) or "?")
    return "?"  # sequence and other complex paths: none in these shapes


def _label(shapes: Graph, node: Node, lang: str) -> str | None:
    for label in shapes.objects(node, RDFS.label):
        if isinstance(label, Literal) and label.language == lang:
            return str(label)
    return None


class _Shapes:
    """What the findings need to know about the shapes: labels and message templates."""

    def __init__(self, shapes: Graph) -> None:
        self.g = shapes
        self.parent = {ps: ns for ns, ps in shapes.subject_objects(SH.property)}
        self.counts = {ns: len(list(shapes.objects(ns, SH.property))) for ns in set(self.parent.values())}

    def owner(self, shape: Node) -> Node:
        return self.parent.get(shape, shape)

    def labels(self, shape: Node) -> tuple[str, str]:
        owner = self.owner(shape)
        nl = _label(self.g, owner, "nl") or _qname(owner)
        en = _label(self.g, owner, "en") or nl
        if owner != shape and self.counts.get(owner, 0) > 1:
            path = _path_text(self.g, self.g.value(shape, SH.path)) or ""
            return f"{nl} › {path}", f"{en} › {path}"
        return nl, en

    def templates(self, *nodes: Node | None) -> list[tuple[re.Pattern[str], str | None]]:
        out = []
        for node in nodes:
            if node is None:
                continue
            for m in self.g.objects(node, SH.message):
                if isinstance(m, Literal):
                    parts = re.split(r"\{[?$]\w+\}", str(m))
                    pattern = "(?s)" + ".*?".join(re.escape(p) for p in parts)
                    out.append((re.compile(pattern), m.language))
        return out


class _Locator:
    """Where in the report a node comes from: its project and the lines of the source text."""

    def __init__(self, data: Graph) -> None:
        self.g = data
        owners: dict[Node, set[Node]] = {}
        self.projects = set(data.subjects(RDF.type, VV.Project))
        for p in self.projects:
            for o in data.objects(p, None):
                if isinstance(o, URIRef) and o not in self.projects:
                    owners.setdefault(o, set()).add(p)
        self.owner = {n: next(iter(ps)) for n, ps in owners.items() if len(ps) == 1}

    def project_of(self, node: Node) -> Node | None:
        if node in self.projects:
            return node
        return self.owner.get(node)

    def span_of(self, project: Node) -> Node | None:
        for o in self.g.objects(project, None):
            if (o, RDF.type, VV.SourceSpan) in self.g:
                return o
        return None

    def locate(self, node: Node) -> tuple[str | None, str | None, tuple[int, int] | None, str | None]:
        project = self.project_of(node)
        ident = title = None
        if project is not None:
            ident = _text(self.g.value(project, DCTERMS.identifier))
            title = _text(self.g.value(project, DCTERMS.title))
        span = node if (node, RDF.type, VV.SourceSpan) in self.g else (
            self.span_of(project) if project is not None else None)
        file = self.g.value(span, DCTERMS.isPartOf) if span is not None else None
        line = _int(self.g.value(node, VV.sourceLine))
        if line is not None:
            lines = (line, line)
            source = f"{file}#line={line - 1},{line}" if file is not None else None
            return ident, title, lines, source
        if span is not None:
            a, b = _int(self.g.value(span, VV.firstLine)), _int(self.g.value(span, VV.lastLine))
            if a is not None and b is not None:
                return ident, title, (a, b), str(span)
        return ident, title, None, None


def _text(v: Node | None) -> str | None:
    return None if v is None else str(v)


def _int(v: Node | None) -> int | None:
    try:
        return int(v) if v is not None else None  # type: ignore[arg-type]
    except ValueError:
        return None


def _messages(results: Graph, r: Node, templates: list[tuple[re.Pattern[str], str | None]]
              ) -> list[Literal]:
    """The result's messages with their language: pyshacl drops the tag of a message whose
    {?var} it fills in, so it is read back from the template the message matches."""
    out = []
    for m in sorted(results.objects(r, SH.resultMessage), key=str):
        if isinstance(m, Literal) and m.language is None:
            lang = next((lg for pat, lg in templates if pat.fullmatch(str(m))), None)
            m = Literal(str(m), lang=lang) if lang else m
        out.append(m)  # type: ignore[arg-type]
    return out


def _findings(results: Graph, shapes: Graph, data: Graph
              ) -> list[tuple[Finding, Node, list[Literal]]]:
    info = _Shapes(shapes)
    where = _Locator(data)
    out: list[tuple[Finding, Node, list[Literal]]] = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        shape = results.value(r, SH.sourceShape)
        focus = results.value(r, SH.focusNode)
        value = results.value(r, SH.value)
        label, label_en = info.labels(shape)
        messages = _messages(results, r, info.templates(results.value(r, SH.sourceConstraint), shape))
        by_lang = {m.language: str(m) for m in reversed(messages)}
        nl = by_lang.get("nl") or by_lang.get(None) or by_lang.get("en", "")
        en = by_lang.get("en") or by_lang.get(None) or nl
        project, title, lines, source = where.locate(focus)
        out.append((Finding(
            severity=str(results.value(r, SH.resultSeverity)).rsplit("#", 1)[-1],
            shape=str(info.owner(shape)), label=label, label_en=label_en,
            component=str(results.value(r, SH.sourceConstraintComponent)).rsplit("#", 1)[-1],
            focus=str(focus), path=_path_text(results, results.value(r, SH.resultPath)),
            value=None if value is None else str(value), message=nl, message_en=en,
            project=project, project_title=title, lines=lines, source=source), r, messages))
    out.sort(key=lambda x: x[0].sort_key())
    return out


def _normalised_report(findings: list[tuple[Finding, Node, list[Literal]]], results: Graph,
                       shapes: Graph, conforms: bool) -> Graph:
    """The SHACL report with results in finding order, blank nodes numbered in that order,
    messages tagged with their language, and each anonymous property shape or SPARQL
    constraint copied from the shapes so the report stands on its own."""
    report = Graph()
    for prefix, ns in PREFIXES.items():
        report.bind(prefix, ns)
    report.bind("sh", str(SH))
    report.bind("vvsh", VVSH)
    root = BNode("report")
    report.add((root, RDF.type, SH.ValidationReport))
    report.add((root, SH.conforms, Literal(conforms)))
    names: dict[Node, BNode] = {}

    def copy(node: Node) -> Node:
        if not isinstance(node, BNode):
            return node
        if node not in names:
            names[node] = BNode(f"s{len(names) + 1}")
            source = shapes if (node, None, None) in shapes else results
            for p, o in sorted(source.predicate_objects(node), key=lambda po: (str(po[0]), str(po[1]))):
                report.add((names[node], p, copy(o)))
        return names[node]

    for i, (_, r, messages) in enumerate(findings, 1):
        node = BNode(f"r{i}")
        report.add((root, SH.result, node))
        for m in messages:
            report.add((node, SH.resultMessage, m))
        for p, o in sorted(results.predicate_objects(r), key=lambda po: (str(po[0]), str(po[1]))):
            if p != SH.resultMessage:
                report.add((node, p, copy(o)))
    return report


# -- reports ------------------------------------------------------------------------------------

_AMOUNT = re.compile(r"(?<![\w.,])(\d+)(?:\.(\d+))? EUR\b")


def euro(text: str) -> str:
    """Amounts in a message as the report prints them: "1000000 EUR" -> "1.000.000 EUR".

    >>> euro("telt op tot 0 EUR, maar is 1000000 EUR; regel 14139")
    'telt op tot 0 EUR, maar is 1.000.000 EUR; regel 14139'
    """
    def fmt(m: re.Match[str]) -> str:
        whole = f"{int(m.group(1)):,}".replace(",", ".")
        return f"{whole},{m.group(2)} EUR" if m.group(2) else f"{whole} EUR"
    return _AMOUNT.sub(fmt, text)


def _sections(outcome: ValidationOutcome) -> list[dict[str, Any]]:
    sections: list[dict[str, Any]] = []
    for f in outcome.findings:
        if not sections or (sections[-1]["severity"], sections[-1]["label"]) != (f.severity, f.label):
            sections.append({"severity": f.severity, "label": f.label, "label_en": f.label_en,
                             "shape": f.shape, "findings": []})
        sections[-1]["findings"].append(f)
    return sections


_SEVERITY_NL = {"Violation": "Fout in de graaf", "Warning": "Waarschuwing", "Info": "Opmerking"}


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def quality_markdown(outcome: ValidationOutcome) -> str:
    out = ["# Datakwaliteit van het monitoringsrapport Vlaamse Veerkracht", "",
           "Wat de SHACL-validatie van de graaf opmerkt over het rapport zelf: bedragen die niet "
           "optellen, realisatiegraden die niet kloppen, links die niet naar de beslissing leiden, "
           "en wat het rapport openlaat. De graaf neemt over wat het rapport zegt; dit overzicht "
           "wijst aan waar het rapport te verbeteren is.", "",
           f"{len(outcome.violations)} fout(en) in de graaf, {len(outcome.warnings)} waarschuwing(en), "
           f"{len(outcome.infos)} opmerking(en); {outcome.triples} triples gevalideerd.", "",
           "| soort | bevinding | aantal |", "|---|---|---:|"]
    for sev, label, n in outcome.counts_by_shape():
        out.append(f"| {_SEVERITY_NL[sev]} | {_md_cell(label)} | {n} |")
    for s in _sections(outcome):
        out += ["", f"## {_SEVERITY_NL[s['severity']]}: {s['label']}", "",
                f"*{s['label_en']}* ({len(s['findings'])})", "",
                "| project | knoop | bevinding | waarde | bron |", "|---|---|---|---|---|"]
        for f in s["findings"]:
            project = f"{f.project} {f.project_title or ''}".strip() if f.project else ""
            source = f"[{f.where}]({f.source})" if f.source else f.where
            out.append(f"| {_md_cell(project)} | <{f.focus}> | {_md_cell(euro(f.message))} | "
                       f"{_md_cell(f.value or '')} | {source} |")
    return "\n".join(out) + "\n"


def quality_html(outcome: ValidationOutcome, template_dir: Path | None = None) -> str:
    import jinja2

    folder = template_dir or Settings().site_dir / "templates"
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)),
                             autoescape=jinja2.select_autoescape(["html"]),
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.filters["euro"] = euro
    return env.get_template(TEMPLATE).render(
        outcome=outcome, sections=_sections(outcome), counts=outcome.counts_by_shape(),
        severity_nl=_SEVERITY_NL)


def write_reports(outcome: ValidationOutcome, out_dir: Path | str,
                  template_dir: Path | None = None, appendix: str = "") -> list[Path]:
    """The SHACL report (Turtle) and the data-quality report (Markdown and HTML).

    ``appendix`` is Markdown that ends the data-quality report (the build adds the
    extraction's review list, so the publisher checks data and reading in one place)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files = [out / REPORT_TTL, out / QUALITY_MD, out / QUALITY_HTML]
    files[0].write_text(outcome.results.serialize(format="turtle"), encoding="utf-8")
    quality = quality_markdown(outcome)
    if appendix:
        quality = quality.rstrip("\n") + "\n\n" + appendix.rstrip("\n") + "\n"
    files[1].write_text(quality, encoding="utf-8")
    files[2].write_text(quality_html(outcome, template_dir), encoding="utf-8")
    return files


# -- the command --------------------------------------------------------------------------------

def summary(outcome: ValidationOutcome, limit: int = SUMMARY_LIMIT) -> str:
    lines = [f"SHACL: {len(outcome.violations)} violation(s), {len(outcome.warnings)} warning(s), "
             f"{len(outcome.infos)} info(s) on {outcome.triples} triples in {outcome.seconds:.1f} s"]
    for sev, label, n in outcome.counts_by_shape():
        lines.append(f"  {sev:<9} {n:>5}  {label}")
    if outcome.violations:
        lines.append(f"violations (first {min(limit, len(outcome.violations))}):")
        for f in outcome.violations[:limit]:
            at = f" ({f.project}, {f.where})" if f.project and f.where else ""
            path = f" {f.path}" if f.path else ""
            value = f" = {f.value}" if f.value is not None else ""
            lines.append(f"  <{f.focus}>{path}{value}: {f.component}{at}: {f.message_en}")
    return "\n".join(lines)


def _from_ox(term: Any) -> Node:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    # rdflib tells "x" from "x"^^xsd:string; the mapping writes the plain form
    return Literal(term.value, datatype=None if datatype == str(XSD.string) else URIRef(datatype))


def _read_graph(path: Path) -> Graph:
    """Any RDF file (the format from its extension); quads are merged into one graph."""
    import pyoxigraph as ox

    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) or ox.RdfFormat.TURTLE
    g = Graph()
    for q in ox.parse(path=path, format=fmt):
        g.add((_from_ox(q.subject), _from_ox(q.predicate), _from_ox(q.object)))
    return g


def _bundled_graph(settings: Settings) -> Graph:
    from .extract import parse_report
    from .pipeline import map_graph

    return map_graph(settings, parse_report(settings.report))


def run_validate_command(settings: Settings, graph: str | Path | None = None,
                         out_dir: str | Path = "build/validation") -> int:
    """``vvgraph validate [GRAPH] [-o DIR]``: 0 no violation, 1 violations, 2 bad input."""
    if graph is None:
        data = _bundled_graph(settings)
        name = f"the bundled report ({settings.report.name})"
    else:
        path = Path(graph)
        if not path.is_file():
            print(f"vvgraph: error: {path}: no such file", file=sys.stderr)
            return 2
        try:
            data = _read_graph(path)
        except (SyntaxError, ValueError, OSError) as e:
            print(f"vvgraph: error: {path}: not an RDF file: {e}", file=sys.stderr)
            return 2
        name = str(path)
        # A graph without the report's projects would pass every shape vacuously.
        if len(data) == 0:
            print(f"vvgraph: error: {path}: holds no triples (expected the graph of a "
                  "monitoring report)", file=sys.stderr)
            return 2
        if (None, RDF.type, VV.Project) not in data:
            print(f"vvgraph: error: {path}: has no project (no resource of type <{VV.Project}>; "
                  "expected the graph of a monitoring report)", file=sys.stderr)
            return 2
    outcome = validate_graph(data, load_shapes(settings), load_ontology(settings))
    files = write_reports(outcome, out_dir)
    print(f"validated {name}")
    print(summary(outcome))
    print("reports: " + ", ".join(str(f) for f in files))
    return 0 if outcome.conforms else 1


__all__ = ["Finding", "ValidationOutcome", "load_ontology", "load_shapes", "quality_html",
           "quality_markdown", "run_validate_command", "summary", "validate_graph", "write_reports"]
