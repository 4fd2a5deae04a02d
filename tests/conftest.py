from __future__ import annotations

from pathlib import Path

import pytest

from vvgraph.config import bundled_report
from vvgraph.extract import parse_report
from vvgraph.records import Report, report_to_dict

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def report_path() -> Path:
    return bundled_report()


@pytest.fixture(scope="session")
def report(report_path: Path) -> Report:
    return parse_report(report_path)


@pytest.fixture(scope="session")
def report_dict(report: Report) -> dict:
    return report_to_dict(report)


@pytest.fixture(scope="session")
def projects_by_id(report_dict: dict) -> dict[str, dict]:
    return {p["id"]: p for p in report_dict["projects"]}


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory):
    from vvgraph.config import Settings

    return Settings(build_dir=tmp_path_factory.mktemp("build"))


@pytest.fixture(scope="session")
def graph(settings, report: Report):
    """The report mapped to RDF (rdflib), shared read-only by every test that needs it."""
    from vvgraph.pipeline import map_graph

    return map_graph(settings, report)


@pytest.fixture(scope="session")
def built(settings):
    """One build of every dump into a temporary folder (no SHACL: dump tests test dumps)."""
    from vvgraph.pipeline import build

    return build(settings, validate=False)
