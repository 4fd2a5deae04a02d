"""The records: what the report says, as plain typed values.

They are the contract between extraction and modelling, so they hold exactly what the
text says (strings as printed, amounts as integers in euro) and import nothing from RDF
libraries. ``to_json`` / ``from_json`` give the JSON export, a product in its own right.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from typing import Any


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where a record was read: the source file and the 1-based line range of its sheet."""

    file: str
    first_line: int
    last_line: int


@dataclass(frozen=True, slots=True)
class Numbered:
    """A speerpunt or cluster: the report numbers them ("01. Blue deal")."""

    number: int
    label: str


@dataclass(frozen=True, slots=True)
class AmountText:
    """A cell that usually holds one amount ("23.000.000 EUR") but may hold prose."""

    text: str | None
    eur: int | None


@dataclass(frozen=True, slots=True)
class Milestone:
    name: str
    timing: str | None
    status: str | None
    description: str | None
    line: int


@dataclass(frozen=True, slots=True)
class Indicator:
    indicator: str
    target: str | None
    timing: str | None
    realisation: str | None
    rate: str | None
    line: int


@dataclass(frozen=True, slots=True)
class Financing:
    budget: int | None
    budget_update: int | None
    vak: int | None
    vek: int | None
    eu_recovery_fund: int | None
    brexit_fund: int | None
    react_eu: int | None
    flemish_recovery: int | None
    flemish_regular: int | None

    @property
    def recovery_total(self) -> int:
        """The recovery budget as the report counts it: EU + Brexit + React EU + Flemish recovery."""
        return sum(v or 0 for v in (self.eu_recovery_fund, self.brexit_fund, self.react_eu,
                                   self.flemish_recovery))


@dataclass(frozen=True, slots=True)
class Decision:
    title: str
    url: str | None
    urls: tuple[str, ...]
    line: int


@dataclass(frozen=True, slots=True)
class Project:
    id: str
    title: str
    cluster: Numbered
    speerpunt: Numbered
    ministers: tuple[str, ...]
    lead_entities: tuple[str, ...]
    involved_entities: tuple[str, ...]
    stakeholders: str | None
    project_page_url: str | None
    description: str | None
    input: AmountText
    output: str | None
    outcome: str | None
    status: str | None
    status_description: str | None
    political_action: str | None
    milestones: tuple[Milestone, ...]
    indicators: tuple[Indicator, ...]
    financing: Financing
    decisions: tuple[Decision, ...]
    linked_projects: tuple[str, ...]
    source: SourceRef


@dataclass(frozen=True, slots=True)
class Report:
    title: str
    measured_on: str
    source: str
    speerpunten: tuple[Numbered, ...]
    clusters: tuple[Numbered, ...]
    projects: tuple[Project, ...] = field(default_factory=tuple)

    @property
    def project_count(self) -> int:
        return len(self.projects)


def _plain(value: Any) -> Any:
    """asdict keeps tuples; JSON wants lists, and the export wants the field order as declared."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def report_to_dict(report: Report) -> dict[str, Any]:
    return {
        "report": {
            "title": report.title,
            "measured_on": report.measured_on,
            "source": report.source,
            "speerpunten": [_plain(asdict(s)) for s in report.speerpunten],
            "clusters": [_plain(asdict(c)) for c in report.clusters],
            "project_count": report.project_count,
        },
        "projects": [_plain(asdict(p)) for p in sorted(report.projects, key=lambda p: p.id)],
    }


def to_json(report: Report) -> str:
    """Deterministic JSON: same report, same bytes (ids sorted, no timestamps)."""
    return json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n"


def _build(cls: type, data: dict[str, Any]) -> Any:
    return cls(**{f.name: data[f.name] for f in fields(cls)})


def project_from_dict(d: dict[str, Any]) -> Project:
    return Project(
        id=d["id"], title=d["title"],
        cluster=_build(Numbered, d["cluster"]), speerpunt=_build(Numbered, d["speerpunt"]),
        ministers=tuple(d["ministers"]), lead_entities=tuple(d["lead_entities"]),
        involved_entities=tuple(d["involved_entities"]), stakeholders=d["stakeholders"],
        project_page_url=d["project_page_url"], description=d["description"],
        input=_build(AmountText, d["input"]), output=d["output"], outcome=d["outcome"],
        status=d["status"], status_description=d["status_description"],
        political_action=d["political_action"],
        milestones=tuple(_build(Milestone, m) for m in d["milestones"]),
        indicators=tuple(_build(Indicator, i) for i in d["indicators"]),
        financing=_build(Financing, d["financing"]),
        decisions=tuple(Decision(title=x["title"], url=x["url"], urls=tuple(x["urls"]), line=x["line"])
                        for x in d["decisions"]),
        linked_projects=tuple(d["linked_projects"]),
        source=_build(SourceRef, d["source"]),
    )


def from_json(text: str) -> Report:
    data = json.loads(text)
    r = data["report"]
    return Report(
        title=r["title"], measured_on=r["measured_on"], source=r["source"],
        speerpunten=tuple(_build(Numbered, s) for s in r["speerpunten"]),
        clusters=tuple(_build(Numbered, c) for c in r["clusters"]),
        projects=tuple(project_from_dict(p) for p in data["projects"]),
    )
