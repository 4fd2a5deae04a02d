"""The whole build, top to bottom: report text -> records -> RDF -> validated graph -> files.

Each step is one call into the module that owns it; this module only orders them, times
them and decides whether the result may be published (no SHACL violation).
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from rdflib import Graph

from .config import Settings
from .export.catalog import SPDX, VCARD, catalog, void
from .export.csvw import distributions as csv_distributions
from .export.csvw import write_csvw
from .export.dumps import serialize, write_dumps
from .export.jsonld import context
from .export.ldes import write_stream
from .export.mu_bundle import distributions as mu_distributions
from .export.mu_bundle import write_bundle
from .export.terms import sorted_triples
from .extract import parse_report
from .extract.review import Review, review_markdown
from .inference import infer
from .mapping.graph import load_concepts, map_report
from .mapping.uris import Uris
from .namespaces import DCATAP_VL, PREFIXES
from .records import Report, to_json

RECORDS_FILE = "records.json"
NQUADS_FILE = "vvgraph.nq"
INFERRED_FILE = "inferred.nt"


def inferred_graph(edition_graph: str) -> str:
    """The named graph of an edition's targeted entailments."""
    return f"{edition_graph}/afgeleid"


@dataclass
class Progress:
    """Step lines on a terminal; silent otherwise (CI logs, pipes)."""

    enabled: bool
    started: float = field(default_factory=time.perf_counter)
    steps: list[tuple[str, float]] = field(default_factory=list)

    def step(self, name: str, fn: Callable[[], Any]) -> Any:
        t = time.perf_counter()
        if self.enabled:
            print(f"  {name} ...", end="", file=sys.stderr, flush=True)
        result = fn()
        took = time.perf_counter() - t
        self.steps.append((name, took))
        if self.enabled:
            print(f" {took:.2f} s", file=sys.stderr, flush=True)
        return result


@dataclass
class BuildResult:
    out_dir: Path
    report: Report
    graph: Graph
    edition_graph: str
    files: list[Path]
    violations: int = 0
    warnings: int = 0
    validated: bool = False
    seconds: float = 0.0
    steps: list[tuple[str, float]] = field(default_factory=list)

    @property
    def publishable(self) -> bool:
        return self.violations == 0

    @property
    def nquads(self) -> Path:
        return self.out_dir / NQUADS_FILE

    @property
    def inferred(self) -> Path:
        return self.out_dir / INFERRED_FILE

    def summary(self) -> str:
        lines = [f"{len(self.report.projects)} projects, {len(self.graph)} triples in <{self.edition_graph}>"]
        if self.validated:
            lines.append(f"SHACL: {self.violations} violation(s), {self.warnings} warning(s)")
        if self.publishable:
            lines.append(f"wrote {len(self.files)} files to {self.out_dir} in {self.seconds:.1f} s")
        else:
            lines.append(f"not published: the graph has violations; see {self.out_dir / 'validation'}")
        return "\n".join(lines)


def map_graph(settings: Settings, report: Report) -> Graph:
    uris = Uris(settings.base)
    return map_report(report, uris, load_concepts(settings.ontology_dir, settings.base))


def build(settings: Settings, *, validate: bool = True, progress: bool = False) -> BuildResult:
    """Build every file into ``settings.build_dir``.

    The files are written to a temporary folder and moved into place only when the graph
    has no SHACL violation, so a failed build never leaves a half-published folder; the
    validation reports are written either way.
    """
    p = Progress(progress)
    uris = Uris(settings.base)
    review = Review()
    report = p.step("extract", lambda: parse_report(settings.report, review=review))
    graph = p.step("map to RDF", lambda: map_graph(settings, report))
    edition = str(uris.edition(report.measured_on))
    out = settings.build_dir
    result = BuildResult(out, report, graph, edition, [], steps=p.steps)

    # pyshacl is imported only when validating: a --no-validate build does not pay for it.
    from .validation import load_ontology, load_shapes, validate_graph, write_reports
    ontology = load_ontology(settings)
    if validate:
        outcome = p.step("validate (SHACL)", lambda: validate_graph(graph, load_shapes(settings), ontology))
        write_reports(outcome, out / "validation", appendix=review_markdown(review.notes))
        result.validated = True
        result.violations, result.warnings = len(outcome.violations), len(outcome.warnings)
        if result.violations:
            return result

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".vvgraph-", dir=out) as tmp:
        staging = Path(tmp)
        files = p.step("write dumps", lambda: _write_all(settings, report, graph, ontology, uris,
                                                         edition, staging))
        for f in files:
            target = out / f.relative_to(staging)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(f), target)
            result.files.append(target)
    result.seconds = time.perf_counter() - p.started
    return result


def _write_all(settings: Settings, report: Report, graph: Graph, ontology: Graph, uris: Uris,
               edition: str, out: Path) -> list[Path]:
    prefixes = PREFIXES
    triples = sorted_triples(graph)
    files = write_dumps(triples, out, prefixes, edition)
    (out / RECORDS_FILE).write_text(to_json(report), encoding="utf-8")
    (out / "context.jsonld").write_text(_json(context(prefixes)), encoding="utf-8")
    files += [out / RECORDS_FILE, out / "context.jsonld"]
    extra = {RECORDS_FILE: ("application/json", "JSON-records (extractie)"),
             "context.jsonld": ("application/ld+json", "JSON-LD-context")}
    for folder, media in ((settings.ontology_dir, "Ontologie en codelijsten"),
                          (settings.shapes_dir, "SHACL-vormen")):
        if folder.is_dir():
            for src in sorted(folder.glob("*.ttl")):
                name = f"{folder.name}/{src.name}"
                (out / folder.name).mkdir(exist_ok=True)
                (out / name).write_text(with_base(src.read_text(encoding="utf-8"), settings.base),
                                        encoding="utf-8")
                files.append(out / name)
                extra[name] = ("text/turtle", f"{media}: {src.name}")
    # The edition as mu-semtech stacks load data: a mu-migrations .ttl and its .graph.
    files += write_bundle((out / "vvgraph.ttl").read_bytes(), out, report.measured_on, settings.mu_graph)
    extra.update(mu_distributions(report.measured_on))
    # The Linked Data Event Stream of versions: this edition and any others given.
    editions = [(report, graph)] + [(r, map_graph(settings, r)) for r in
                                    (parse_report(path) for path in settings.editions)]
    pages = write_stream(editions, settings.base, out, settings.ldes_page_size, settings.ldes_keep)
    files += pages
    extra.update({str(p.relative_to(out)): ("text/turtle", f"LDES: pagina {p.stem}") for p in pages})
    # The tables for researchers: CSV on the Web, rows mapped to the graph's own IRIs.
    files += write_csvw(report, uris, load_concepts(settings.ontology_dir, settings.base), out)
    extra.update(csv_distributions())
    # The targeted OWL-RL entailments, kept apart from the asserted graph.
    inferred = sorted_triples(infer(graph, ontology))
    (out / INFERRED_FILE).write_bytes(serialize(inferred, "nt", prefixes, edition))
    files.append(out / INFERRED_FILE)
    extra[INFERRED_FILE] = ("application/n-triples", "Afgeleide triples (OWL-RL, gericht)")
    for name, g in (("void.ttl", void(graph, report, uris)),
                    ("catalog.ttl", catalog(report, uris, out, extra))):
        (out / name).write_bytes(serialize(sorted_triples(g), "ttl", _meta_prefixes(), edition))
        files.append(out / name)
    return files


def with_base(turtle: str, base: str) -> str:
    """A hand-written Turtle file as published: its relative code-list IRIs get the data base
    through an ``@base`` line before the first prefix, and its layout and comments stay."""
    head, sep, rest = turtle.partition("\n@prefix")
    if not sep:
        return f"@base <{base}> .\n{turtle}"
    return f"{head}\n@base <{base}> .{sep}{rest}"


def _meta_prefixes() -> dict[str, str]:
    return {**PREFIXES, "mdcat": str(DCATAP_VL), "spdx": str(SPDX), "vcard": str(VCARD)}


def _json(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=1) + "\n"
