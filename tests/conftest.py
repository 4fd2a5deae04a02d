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
