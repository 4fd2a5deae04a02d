"""Self-checks run on every extraction: the report states facts about itself, hold it to them.

The figures are the report's own (introduction and Leeswijzer): 180 projects VV001-VV180,
55 of them in the Flemish part of the EU recovery plan, a recovery budget of about 4.3
billion euro. A count that does not add up means a sheet was dropped or misread.
"""

from __future__ import annotations

from .._exceptions import CheckError
from ..records import Report

EXPECTED_PROJECTS = 180
EXPECTED_EU_PROJECTS = 55
RECOVERY_BUDGET_ABOUT = 4_300_000_000
RECOVERY_BUDGET_TOLERANCE = 0.05
EXPECTED_SPEERPUNTEN = 7
EXPECTED_CLUSTERS = 35


def check_report(report: Report, source: str, structure: list[str] | None = None) -> None:
    failures: list[str] = list(structure or [])
    ids = [p.id for p in report.projects]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        failures.append(f"duplicate project ids: {', '.join(dupes)}")
    expected_ids = {f"VV{n:03d}" for n in range(1, EXPECTED_PROJECTS + 1)}
    missing = sorted(expected_ids - set(ids))
    extra = sorted(set(ids) - expected_ids)
    if missing:
        failures.append(f"{len(missing)} project sheet(s) not found: {', '.join(missing)}")
    if extra:
        failures.append(f"unexpected project ids: {', '.join(extra)}")
    for p in report.projects:
        where = f"{p.id} (line {p.source.first_line})"
        if not p.ministers:
            failures.append(f"{where}: no minister")
        if not p.lead_entities:
            failures.append(f"{where}: no lead entity")
        if p.status is None:
            failures.append(f"{where}: no project status")
        if p.financing.budget is None or p.financing.budget_update is None:
            failures.append(f"{where}: no budget")
        for m in p.milestones:
            if not m.name:
                failures.append(f"{where}: milestone without a name at line {m.line}")
    eu = sum(1 for p in report.projects if (p.financing.eu_recovery_fund or 0) > 0)
    if eu != EXPECTED_EU_PROJECTS:
        failures.append(f"{eu} projects with EU recovery-fund money, the report says {EXPECTED_EU_PROJECTS}")
    total = sum(p.financing.recovery_total for p in report.projects)
    if abs(total - RECOVERY_BUDGET_ABOUT) > RECOVERY_BUDGET_ABOUT * RECOVERY_BUDGET_TOLERANCE:
        failures.append(f"recovery budget {total:,} EUR, the report says about 4.3 billion")
    if len(report.speerpunten) != EXPECTED_SPEERPUNTEN:
        failures.append(f"{len(report.speerpunten)} speerpunten, the report has {EXPECTED_SPEERPUNTEN}")
    if len(report.clusters) != EXPECTED_CLUSTERS:
        failures.append(f"{len(report.clusters)} clusters, the report has {EXPECTED_CLUSTERS}")
    if failures:
        raise CheckError([f"{source}: {f}" for f in failures])
