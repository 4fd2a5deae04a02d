"""Helpers of the validation tests (imported by the tests and by conftest.py)."""

from __future__ import annotations

import dataclasses
import re

from rdflib import Graph

from vvgraph.mapping.graph import load_concepts, map_report
from vvgraph.mapping.uris import Uris
from vvgraph.records import Project, Report

DOCUMENT_VIEW = re.compile(r"^https://beslissingenvlaamseregering\.vlaanderen\.be/document-view/[0-9A-Za-z-]+$")
ORIGINS = ("eu_recovery_fund", "brexit_fund", "react_eu", "flemish_recovery", "flemish_regular")


def origins_total(p: Project) -> int | None:
    """The sum of the origins of funds the sheet gives, None when it gives none."""
    values = [getattr(p.financing, f) for f in ORIGINS]
    if all(v is None for v in values):
        return None
    return sum(v or 0 for v in values)


def map_projects(settings, report: Report, projects) -> Graph:
    """The real mapping of ``projects`` (records, possibly changed) as one edition."""
    sub = dataclasses.replace(report, projects=tuple(projects))
    return map_report(sub, Uris(settings.base), load_concepts(settings.ontology_dir, settings.base))


def copy_of(g: Graph) -> Graph:
    c = Graph()
    for t in g:
        c.add(t)
    return c
