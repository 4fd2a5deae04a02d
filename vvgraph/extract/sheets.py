"""Cut the report into its front matter, cluster divider pages and project sheets.

A sheet starts at a heading "VVnnn - TITLE" (which may wrap) followed by the BETROKKENEN
section; linked-project lines look like headings but are never followed by that section.
A cluster divider ("01. Renovatie ...") is a page of its own just before a sheet heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .._exceptions import ExtractError
from .source import Line, Source

HEADING = re.compile(r"^\s?VV(\d{3})\s+-\s")
DIVIDER = re.compile(r"^\s?(\d{2})\.\s+\S")
FIRST_SECTION = "BETROKKENEN"
HEADING_MAX_LINES = 8


@dataclass(frozen=True, slots=True)
class Divider:
    number: int
    lines: tuple[Line, ...]


@dataclass(frozen=True, slots=True)
class Sheet:
    """The lines of one project sheet; ``heading`` holds the wrapped heading lines."""

    heading: tuple[Line, ...]
    body: tuple[Line, ...]
    divider: Divider | None

    @property
    def first_line(self) -> int:
        return self.heading[0].no

    @property
    def last_line(self) -> int:
        content = [ln for ln in self.body if not ln.blank] or list(self.heading)
        return content[-1].no


@dataclass(frozen=True, slots=True)
class Layout:
    front: tuple[Line, ...]
    sheets: tuple[Sheet, ...]


def _heading_end(lines: tuple[Line, ...], i: int) -> int | None:
    """Index of the BETROKKENEN line if a sheet heading starts at ``i``, else None."""
    for j in range(i + 1, min(i + HEADING_MAX_LINES, len(lines))):
        s = lines[j].stripped
        if s == FIRST_SECTION:
            return j
        if HEADING.match(lines[j].text) or DIVIDER.match(lines[j].text):
            return None
    return None


def _divider_before(lines: tuple[Line, ...], start: int, floor: int) -> int | None:
    """Index of a cluster divider's first line just above a heading at ``start``."""
    j = start - 1
    seen = 0
    while j >= floor and seen < 3:
        if not lines[j].blank:
            seen += 1
            if DIVIDER.match(lines[j].text):
                return j
        j -= 1
    return None


def split_sheets(source: Source) -> Layout:
    lines = source.lines
    starts: list[tuple[int, int]] = []
    for i, line in enumerate(lines):
        if HEADING.match(line.text):
            end = _heading_end(lines, i)
            if end is not None:
                starts.append((i, end))
    if not starts:
        first = next((ln.no for ln in lines if not ln.blank), 1)
        raise ExtractError(
            "no project sheet found", source=source.name, line=first,
            expected="headings 'VVnnn - TITLE' each followed by a BETROKKENEN section")
    sheets: list[Sheet] = []
    cuts: list[tuple[int, int | None]] = []
    floor = 0
    for i, _ in starts:
        cuts.append((i, _divider_before(lines, i, floor)))
        floor = i + 1
    front_end = cuts[0][1] if cuts[0][1] is not None else cuts[0][0]
    for k, ((i, end), (_, div)) in enumerate(zip(starts, cuts)):
        nxt = cuts[k + 1] if k + 1 < len(cuts) else None
        stop = len(lines) if nxt is None else (nxt[1] if nxt[1] is not None else nxt[0])
        divider = None
        if div is not None:
            div_lines = tuple(ln for ln in lines[div:i] if not ln.blank)
            divider = Divider(int(DIVIDER.match(lines[div].text).group(1)), div_lines)  # type: ignore[union-attr]
        sheets.append(Sheet(heading=tuple(ln for ln in lines[i:end] if not ln.blank),
                            body=lines[end:stop], divider=divider))
    return Layout(front=lines[:front_end], sheets=tuple(sheets))
