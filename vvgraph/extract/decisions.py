"""AGENDERING VLAAMSE REGERING paragraphs and KOPPELING MET ANDERE PROJECTEN lines.

Each paragraph (text between blank lines) is one decision of the Flemish Government. Its
URL usually comes from the page's link list (see ``links``); a few paragraphs print the URL
in the text itself, broken over lines, which joining restores.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .sections import Section
from .source import Line
from .tables import blocks
from .text import join_lines

TEXT_URL = re.compile(r"https?://\S+?(?=[\s)]|$)")
LINKED = re.compile(r"^\s?(VV\d{3})\s+-\s")


@dataclass(frozen=True, slots=True)
class Paragraph:
    lines: tuple[Line, ...]

    @property
    def first(self) -> int:
        return self.lines[0].no

    @property
    def last(self) -> int:
        return self.lines[-1].no

    @property
    def text(self) -> str:
        return join_lines(self.lines)

    def text_urls(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(u.rstrip(".,;:") for u in TEXT_URL.findall(self.text)))


def decision_paragraphs(section: Section | None) -> list[Paragraph]:
    if section is None:
        return []
    return [Paragraph(b.lines) for b in blocks(list(section.lines))]


@dataclass(frozen=True, slots=True)
class LinkedLine:
    id: str
    lines: tuple[Line, ...]


def linked_project_lines(section: Section | None) -> list[LinkedLine]:
    """One entry per "VVnnn - title" (a wrapped title continues on the following lines)."""
    if section is None:
        return []
    out: list[LinkedLine] = []
    for line in section.lines:
        m = LINKED.match(line.text)
        if m:
            out.append(LinkedLine(m.group(1), (line,)))
        elif out and not line.blank:
            out[-1] = LinkedLine(out[-1].id, out[-1].lines + (line,))
    return out
