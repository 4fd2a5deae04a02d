"""Compose the extraction: source text -> sheets -> sections -> one Project record per sheet."""

from __future__ import annotations

import re
from pathlib import Path

from .._exceptions import ExtractError, SheetErrors
from ..records import Decision, Numbered, Project, Report, SourceRef
from .checks import check_report
from .decisions import decision_paragraphs, linked_project_lines
from .fields import parse_financing, parse_io, parse_people, parse_progress, parse_situation
from .indicators import parse_indicators
from .links import align_links
from .milestones import parse_milestones
from .review import Review
from .sections import split_sections
from .structure import check_structure
from .sheets import Sheet, split_sheets
from .source import Line, Source, load, read_source
from .text import collapse, join_lines

TITLE = "Monitoringsrapport Vlaamse Veerkracht"
MONTHS = {m: i for i, m in enumerate(
    "januari februari maart april mei juni juli augustus september oktober november december".split(), 1)}
MEASURED = re.compile(r"gemeten\s+op\s+(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+(\d{4})")
HEADING = re.compile(r"^VV(\d{3})\s+-\s+(.+)$")
REQUIRED = ("people", "situation", "progress", "financing")


def parse_sheet(source: Source, sheet: Sheet, review: Review | None = None,
                speerpunten: dict[int, str] | None = None,
                clusters: dict[int, str] | None = None) -> Project:
    heading = join_lines(sheet.heading)
    m = HEADING.match(heading)
    if m is None:
        raise ExtractError(f"sheet heading '{heading}' is malformed", source=source.name,
                           line=sheet.first_line, expected="'VVnnn - TITLE'")
    pid = f"VV{m.group(1)}"
    review = review if review is not None else Review()
    review.project = pid
    sections = split_sections(sheet.body)
    missing = [k for k in REQUIRED if k not in sections]
    if missing:
        names = {"people": "BETROKKENEN", "situation": "PROJECTSITUERING",
                 "progress": "ALGEMENE PROJECTVOORTGANG", "financing": "PROJECTFINANCIERING"}
        raise ExtractError(f"{pid}: missing section(s) " + ", ".join(names[k] for k in missing),
                           source=source.name, line=sheet.first_line,
                           expected="every sheet to have " + ", ".join(names[k] for k in REQUIRED))
    people = parse_people(sections.get("people"))
    cluster, speerpunt = parse_situation(sections.get("situation"), source.name, sheet.first_line)
    io_input, output, outcome = parse_io(sections.get("io"))
    progress = parse_progress(sections.get("progress"))
    paragraphs = decision_paragraphs(sections.get("decisions"), review)
    linked = linked_project_lines(sections.get("links"))
    links = align_links(source, sheet.first_line, sheet.last_line, people.project_page_line,
                        paragraphs, linked, review)
    decisions = []
    for p, urls in zip(paragraphs, links.decisions):
        all_urls = tuple(dict.fromkeys(urls + p.text_urls()))
        decisions.append(Decision(title=p.text, url=all_urls[0] if all_urls else None,
                                  urls=all_urls, line=p.first))
    description = sections.get("description")
    project = Project(
        id=pid, title=m.group(2), cluster=cluster, speerpunt=speerpunt,
        ministers=people.ministers, lead_entities=people.lead_entities,
        involved_entities=people.involved_entities, stakeholders=people.stakeholders,
        project_page_url=links.project_page if people.has_project_page else None,
        description=join_lines(description.lines) or None if description else None,
        input=io_input, output=output, outcome=outcome,
        status=progress["status"], status_description=progress["status_description"],
        political_action=progress["political_action"],
        milestones=parse_milestones(sections.get("milestones"), review),
        indicators=parse_indicators(sections.get("indicators"), review),
        financing=parse_financing(sections.get("financing"), source.name),
        decisions=tuple(decisions),
        linked_projects=tuple(x.id for x in linked),
        source=SourceRef(Path(source.name).name, sheet.first_line, sheet.last_line),
    )
    review.problems += check_structure(pid, sheet.first_line, sections, project,
                                       speerpunten or {}, clusters or {})
    return project


def _measured_on(front: tuple[Line, ...], name: str) -> str:
    text = collapse(join_lines(front))
    m = MEASURED.search(text)
    if m is None:
        line = front[0].no if front else 1
        raise ExtractError("no measurement date found in the introduction", source=name, line=line,
                           expected="'gemeten op <day> <month> <year>'")
    return f"{int(m.group(3)):04d}-{MONTHS[m.group(2)]:02d}-{int(m.group(1)):02d}"


def _numbered_set(values: list[Numbered]) -> tuple[Numbered, ...]:
    """One entry per number, in number order; the first spelling met wins (sheets may differ)."""
    by_number: dict[int, Numbered] = {}
    for v in values:
        by_number.setdefault(v.number, v)
    return tuple(by_number[k] for k in sorted(by_number))


def _speerpunt_list(front: tuple[Line, ...]) -> dict[int, str]:
    """The seven speerpunten as the introduction lists them ("▪ Investeren in infrastructuur")."""
    items = [collapse(ln.text.lstrip().lstrip("▪").strip()) for ln in front if ln.text.lstrip().startswith("▪")]
    return {i: label for i, label in enumerate(items, 1)}


def _divider_labels(sheets: tuple[Sheet, ...]) -> dict[int, str]:
    out: dict[int, str] = {}
    for sheet in sheets:
        if sheet.divider is not None:
            mm = re.match(r"^\d{2}\.\s*(.+)$", collapse(join_lines(sheet.divider.lines)))
            if mm:
                out.setdefault(sheet.divider.number, mm.group(1))
    return out


def parse_report(path_or_text: str | Path, *, check: bool = True, review: Review | None = None) -> Report:
    """Parse the monitoring report (a path or the text itself) into records.

    :raises ExtractError: when the text is not a monitoring report of this shape; the message
        names the file and line. When only some sheets fail, ``SheetErrors`` lists every one.
    :raises CheckError: when ``check`` and the result contradicts the report's own totals.
    """
    text, name = load(path_or_text)
    if not text.strip():
        raise ExtractError("the file is empty", source=name, line=1,
                           expected="the text of the monitoring report")
    source = read_source(text, name)
    layout = split_sheets(source)
    review = review if review is not None else Review()
    speerpunten = _speerpunt_list(layout.front)
    dividers = _divider_labels(layout.sheets)
    projects: list[Project] = []
    errors: list[ExtractError] = []
    for sheet in layout.sheets:
        try:
            projects.append(parse_sheet(source, sheet, review, speerpunten, dividers))
        except ExtractError as e:
            errors.append(e)
    if errors:
        raise SheetErrors(errors, source=name, parsed=len(projects))
    clusters = [p.cluster for p in projects] + [Numbered(k, v) for k, v in sorted(dividers.items())]
    report = Report(
        title=TITLE,
        measured_on=_measured_on(layout.front, name),
        source=Path(name).name,
        speerpunten=_numbered_set([p.speerpunt for p in projects]),
        clusters=_numbered_set(clusters),
        projects=tuple(sorted(projects, key=lambda p: p.id)),
    )
    if check:
        check_report(report, source.name, review.problems)
    return report
