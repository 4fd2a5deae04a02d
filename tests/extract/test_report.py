"""Whole-report properties: the report's own totals, table row counts, determinism."""

from __future__ import annotations

import re
from pathlib import Path

from vvgraph.extract import parse_report
from vvgraph.records import Report, from_json, to_json


def test_every_project_once_in_id_order(report: Report) -> None:
    ids = [p.id for p in report.projects]
    assert ids == [f"VV{n:03d}" for n in range(1, 181)]


def test_totals_stated_by_the_report(report: Report) -> None:
    # Leeswijzer: 55 of 180 projects are in the Flemish part of the EU recovery plan;
    # issue 3 states the recovery budget as 4,303,972,320 EUR.
    assert sum(1 for p in report.projects if (p.financing.eu_recovery_fund or 0) > 0) == 55
    assert sum(p.financing.recovery_total for p in report.projects) == 4_303_972_320
    assert len(report.speerpunten) == 7 and len(report.clusters) == 35
    assert report.measured_on == "2022-06-01"


def test_speerpunten_as_listed_in_the_introduction(report: Report) -> None:
    # The introduction lists the seven speerpunten as bullets, without numbers.
    labels = [s.label for s in report.speerpunten]
    assert labels[0] == "Economie en samenleving verduurzamen"
    assert "Vlaanderen digitaal transformeren" in labels


def _raw_sections(path: Path) -> dict[str, list[str]]:
    """An independent, deliberately naive cut of the raw text per sheet, for counting only."""
    lines = path.read_text(encoding="utf-8").split("\n")
    sheets: dict[str, list[str]] = {}
    current = None
    for i, line in enumerate(lines):
        m = re.match(r"^ ?(VV\d{3}) - ", line)
        if m and any(x.strip() == "BETROKKENEN" for x in lines[i + 1: i + 8]):
            current = m.group(1)
            sheets[current] = []
        elif current:
            sheets[current].append(line)
    return sheets


def test_no_decision_link_is_lost(report: Report, report_path: Path) -> None:
    """Every beslissingenvlaamseregering document URL printed in a sheet ends up on one of its decisions."""
    from vvgraph.extract.source import read_source

    src = read_source(report_path.read_text(encoding="utf-8"), str(report_path))
    lost = {}
    for p in report.projects:
        have = {u for d in p.decisions for u in d.urls}
        printed = {u for b in src.url_blocks if p.source.first_line <= b.after <= p.source.last_line
                   for _, u in b.urls if "/document-view/" in u}
        if printed - have:
            lost[p.id] = sorted(printed - have)
    assert not lost, lost


def test_same_input_same_bytes(report_path: Path) -> None:
    assert to_json(parse_report(report_path)) == to_json(parse_report(report_path))


def test_json_round_trip(report: Report) -> None:
    assert from_json(to_json(report)) == report
