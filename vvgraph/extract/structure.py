"""Structural self-checks of one sheet: what a damaged sheet loses silently, said out loud.

A sheet that lost its MIJLPALEN heading still parses (with no milestones); one that lost its
"Betrokken entiteit(en)" label still parses (with the involved entities inside the lead
entity). Every sheet of the report has the sections and labels listed here, so their absence,
a duplicate, a table that yields no row, or a value holding another field's label is a
structural loss, reported as a failed check (exit 1) naming the sheet and the line.
"""

from __future__ import annotations

import re

from ..records import Project
from .fields import IO, PEOPLE, PROGRESS, SITUATION
from .sections import Section
from .indicators import HEADER as INDICATOR_HEADER
from .milestones import HEADER as MILESTONE_HEADER
from .tables import drop_column_header
from .text import Stream, collapse, join_lines

HEADERS = {"milestones": MILESTONE_HEADER, "indicators": INDICATOR_HEADER}

# Sections and labels that every sheet of the report prints (measured on the 2022-06-01
# edition: all 180 sheets have them; the web-page label and the last three sections are
# optional there and so here).
SECTIONS = {"people": "BETROKKENEN", "situation": "PROJECTSITUERING",
            "description": "PROJECTOMSCHRIJVING", "io": "INPUT, OUTPUT, OUTCOME",
            "progress": "ALGEMENE PROJECTVOORTGANG", "detail": "GEDETAILLEERDE PROJECTVOORTGANG",
            "milestones": "MIJLPALEN", "financing": "PROJECTFINANCIERING"}
LABELS = {"people": [x for x in PEOPLE if x[0] != "webpage"], "situation": list(SITUATION),
          "io": list(IO), "progress": list(PROGRESS)}
LABEL_TEXT = {"ministers": "Bevoegde minister(s)", "lead": "Trekkende entiteit",
              "involved": "Betrokken entiteit(en)", "stakeholders": "Belanghebbenden",
              "cluster": "Cluster Relanceplan", "speerpunt": "Speerpunt Relanceplan",
              "input": "Input", "output": "Output", "outcome": "Outcome",
              "status": "Projectstatus", "status_description": "Beschrijving voortgang",
              "political_action": "Noodzakelijke politieke actie"}
# Column headers: a table printed in another section lost its own heading.
TABLE_HEADERS = {"milestones": re.compile(r"MIJLPAAL\s+TIM\s*ING"),
                 "indicators": re.compile(r"INDICATOR\s+STREEFWAARD")}
# Labels that cannot occur inside a value of the people and progress sections.
VALUE_LABELS = re.compile(r"Bevoegde\s+minister\(s\)|Trekkende\s+entiteit|Betrokken\s+entiteit\(en\)|"
                          r"Belanghebbenden|Projectstatus|Beschrijving\s+voortgang|"
                          r"Noodzakelijke\s+politieke\s+actie|Cluster\s+Relanceplan|"
                          r"Speerpunt\s+Relanceplan")
PROJECT_PAGE_ID = re.compile(r"[?&]p=(VV\d{3})\b")


def check_structure(pid: str, first_line: int, sections: dict[str, Section], project: Project,
                    speerpunten: dict[int, str], clusters: dict[int, str]) -> list[str]:
    """Every structural problem of one parsed sheet, each naming the sheet and a line."""
    out: list[str] = []
    where = f"{pid} (line {first_line})"
    for key, heading in SECTIONS.items():
        if key not in sections:
            out.append(f"{where}: section {heading} not found")
    for key, labels in LABELS.items():
        section = sections.get(key)
        if section is None:
            continue
        stream = Stream(section.lines)
        pos = 0
        for name, pattern in labels:
            m = stream.find(pattern, pos)
            if m is None:
                out.append(f"{where}: label '{LABEL_TEXT[name]}' not found in {SECTIONS[key]} "
                           f"(line {section.header_line})")
                continue
            again = stream.find(pattern, m.end())
            if again is not None and key != "io":
                out.append(f"{where}: label '{LABEL_TEXT[name]}' printed twice, "
                           f"line {stream.line_at(again.start())}")
            pos = m.end()
    for table, pattern in TABLE_HEADERS.items():
        for key, section in sections.items():
            if key == table:
                continue
            text = collapse(join_lines(section.lines))
            if pattern.search(text):
                line = next((ln.no for ln in section.lines
                             if ln.stripped.startswith(("MIJLPAAL", "INDICATOR"))), section.header_line)
                out.append(f"{where}: the {table} table's column header stands in section "
                           f"{SECTIONS.get(key, key.upper())} at line {line}: its heading is missing")
    rows = {"milestones": project.milestones, "indicators": project.indicators}
    for table, got in rows.items():
        section = sections.get(table)
        body = drop_column_header(section.lines, HEADERS[table]) if section is not None else []
        if section is not None and any(ln is not None and not ln.blank for ln in body) and not got:
            out.append(f"{where}: the {table} table at line {section.header_line} holds text but "
                       f"yielded no row")
    values = {"ministers": " - ".join(project.ministers), "lead entity": " - ".join(project.lead_entities),
              "involved entities": " - ".join(project.involved_entities),
              "stakeholders": project.stakeholders or "", "status": project.status or "",
              "status description": project.status_description or "",
              "political action": project.political_action or ""}
    for name, value in values.items():
        m = VALUE_LABELS.search(value)
        if m:
            out.append(f"{where}: the {name} value holds the label '{m.group(0)}': a label is missing "
                       f"before it")
    if project.project_page_url:
        m = PROJECT_PAGE_ID.search(project.project_page_url)
        if m and m.group(1) != pid:
            out.append(f"{where}: its project page link names {m.group(1)}")
    if speerpunten and project.speerpunt.number in speerpunten \
            and speerpunten[project.speerpunt.number] != project.speerpunt.label:
        out.append(f"{where}: speerpunt {project.speerpunt.number:02d} is labelled "
                   f"'{project.speerpunt.label}', the report's list says "
                   f"'{speerpunten[project.speerpunt.number]}'")
    if speerpunten and project.speerpunt.number not in speerpunten:
        out.append(f"{where}: speerpunt {project.speerpunt.number} is not in the report's list")
    if clusters and project.cluster.number in clusters \
            and clusters[project.cluster.number] != project.cluster.label:
        out.append(f"{where}: cluster {project.cluster.number:02d} is labelled "
                   f"'{project.cluster.label}', its divider page says '{clusters[project.cluster.number]}'")
    return out
