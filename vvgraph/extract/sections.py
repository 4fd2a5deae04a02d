"""Split a sheet into its sections, dropping headers repeated on continuation pages.

Sections come in a fixed order, so a header naming the current or an earlier section is a
continuation page's repeat and is dropped; a header of a later section opens it. A header may
wrap or break mid-word; it is recognised on the joined text of up to three short lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .source import Line
from .text import collapse

SECTIONS: tuple[tuple[str, str], ...] = (
    ("BETROKKENEN", "people"),
    ("PROJECTSITUERING", "situation"),
    ("PROJECTOMSCHRIJVING", "description"),
    ("INPUT, OUTPUT, OUTCOME", "io"),
    ("ALGEMENE PROJECTVOORTGANG", "progress"),
    ("GEDETAILLEERDE PROJECTVOORTGANG", "detail"),
    ("MIJLPALEN", "milestones"),
    ("OUTPUT", "indicators"),
    ("PROJECTFINANCIERING", "financing"),
    ("AGENDERING VLAAMSE REGERING", "decisions"),
    ("KOPPELING MET ANDERE PROJECTEN", "links"),
)
_ORDER = {key: i for i, (_, key) in enumerate(SECTIONS)}
# A continuation page may start without its section header: these first labels open the
# section all the same (they never occur elsewhere at the start of a line).
OPENING_LABELS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^\s?Bevoegde\s+minister"), "people"),
    (re.compile(r"^\s?Cluster\s+Relanceplan"), "situation"),
    (re.compile(r"^\s?Projectstatus\b"), "progress"),
    (re.compile(r"^\s?Beleidsruimte\s+\(begroot\)"), "financing"),
)
_BY_HEADER = {header: key for header, key in SECTIONS}


@dataclass(frozen=True, slots=True)
class Section:
    key: str
    header_line: int
    lines: tuple[Line, ...]


def _header_at(lines: tuple[Line, ...], i: int) -> tuple[str, int] | None:
    """(section key, index after the header) if a header starts at line ``i``."""
    text = ""
    j = i
    taken = 0
    while j < len(lines) and taken < 3:
        line = lines[j]
        j += 1
        if line.blank:
            continue
        s = line.stripped
        if s != s.upper() or any(c.isdigit() for c in s):
            return None
        text += line.text.lstrip() if (taken and glued_prev) else line.text
        glued_prev = line.glued
        taken += 1
        key = _BY_HEADER.get(collapse(text))
        if key is not None:
            return key, j
        if not any(h.startswith(collapse(text)) for h in _BY_HEADER):
            return None
    return None


def split_sections(body: tuple[Line, ...]) -> dict[str, Section]:
    """Map section key to its content lines (headers removed, blank lines kept)."""
    current: str | None = None
    content: dict[str, list[Line]] = {}
    starts: dict[str, int] = {}
    i = 0
    while i < len(body):
        line = body[i]
        found = None if line.blank else _header_at(body, i)
        if found is not None:
            key, after = found
            if current is None or _ORDER[key] > _ORDER[current]:
                current = key
                starts[key] = line.no
                content.setdefault(key, [])
            i = after
            continue
        opened = next((key for pattern, key in OPENING_LABELS if pattern.match(line.text)), None)
        if opened is not None and (current is None or _ORDER[opened] > _ORDER[current]):
            current = opened
            starts[opened] = line.no
            content.setdefault(opened, [])
        if current is not None:
            content[current].append(line)
        i += 1
    return {k: Section(k, starts[k], tuple(v)) for k, v in content.items()}
