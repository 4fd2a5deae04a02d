"""Shared pieces of the validation tests: the full graph validated once per session, and a
small graph of real projects for the corrupted copies.

The small graph is the real mapping of a few real project records (not hand-written RDF), so a
corrupted copy differs from a graph the pipeline builds by exactly the one corruption.
"""

from __future__ import annotations

import pytest
from rdflib import Graph
from validation_helpers import DOCUMENT_VIEW, map_projects, origins_total

from vvgraph.records import Project, Report
from vvgraph.validation import ValidationOutcome, load_ontology, load_shapes, validate_graph


@pytest.fixture(scope="session")
def shapes(settings) -> Graph:
    return load_shapes(settings)


@pytest.fixture(scope="session")
def ontology(settings) -> Graph:
    return load_ontology(settings)


@pytest.fixture(scope="session")
def outcome(graph, shapes, ontology) -> ValidationOutcome:
    """The whole graph of the bundled report, validated once."""
    return validate_graph(graph, shapes, ontology)


def _link_closure(by_id: dict[str, Project], start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        code = todo.pop()
        if code not in seen:
            seen.add(code)
            todo.extend(by_id[code].linked_projects)
    return seen


@pytest.fixture(scope="session")
def small_projects(report: Report) -> tuple[Project, ...]:
    """A few real projects that between them use every class and every optional part of a
    sheet (linked projects, indicators with a rate, document-view and other decision links,
    involved entities, an input amount), closed under their links so no link dangles, plus
    the project whose origins of funds do not add up."""
    by_id = {p.id: p for p in report.projects}

    def complete(p: Project) -> bool:
        urls = [u for d in p.decisions for u in d.urls]
        return (bool(p.linked_projects) and any(i.rate for i in p.indicators)
                and any(DOCUMENT_VIEW.match(u) for u in urls)
                and any(not DOCUMENT_VIEW.match(u) for u in urls)
                and bool(p.involved_entities) and p.input.eur is not None and bool(p.milestones))

    first = next(p for p in sorted(report.projects, key=lambda p: p.id)
                 if complete(p) and len(_link_closure(by_id, p.id)) <= 3)
    codes = _link_closure(by_id, first.id)
    codes |= {p.id for p in report.projects
              if p.financing.budget_update is not None and origins_total(p) not in (None, p.financing.budget_update)}
    return tuple(by_id[c] for c in sorted(codes))


@pytest.fixture(scope="session")
def small_graph(settings, report, small_projects) -> Graph:
    return map_projects(settings, report, small_projects)


@pytest.fixture(scope="session")
def small_outcome(small_graph, shapes, ontology) -> ValidationOutcome:
    return validate_graph(small_graph, shapes, ontology)
