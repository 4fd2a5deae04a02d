"""AGENDERING VLAAMSE REGERING paragraphs and KOPPELING MET ANDERE PROJECTEN lines.

Each paragraph (text between blank lines) is one decision of the Flemish Government. Its
URL usually comes from the page's link list (see ``links``); a few paragraphs print the URL
in the text itself, broken over lines, which joining restores.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .review import Review
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


def decision_paragraphs(section: Section | None, review: Review | None = None) -> list[Paragraph]:
    """One paragraph per decision; one cut by a page break is joined again.

    Between two blocks a page break shows as source lines missing from the section (the
    repeated header, the page's URLs, its footer). The text after the break continues the
    paragraph when it starts in lower case (VV015, VV051: "... oprichting van een" / break /
    "programmateam. Bijlage") or the text before it ends in a comma or hyphen.
    """
    if section is None:
        return []
    out: list[Paragraph] = []
    present = {ln.no for ln in section.lines}
    for b in blocks(list(section.lines)):
        if out:
            prev = out[-1]
            broken = any(no not in present for no in range(prev.last + 1, b.lines[0].no))
            head = b.text[:1]
            # A block in lower case (or a date, VV015 "17juni1997") after one that did not end
            # its sentence goes on with it, across a page break or a stray blank line (VV051
            # line 16422); a paragraph may itself start in lower case (VV028 "nota aan ...").
            bullet = re.match(r"o\s", b.text) is not None  # VV177: "o Nota Vlaamse Regering:"
            unfinished = not prev.text.endswith((".", "!", "?", ")", ":"))
            if ((head.islower() or head.isdigit()) and not bullet and unfinished) \
                    or (broken and prev.text.endswith((",", "-"))):
                out[-1] = Paragraph(prev.lines + b.lines)
                if review is not None:
                    review.note(b.lines[0].no, "decision paragraph continued",
                                f"continues the paragraph of line {prev.first}")
                continue
            if broken and review is not None and not prev.text.endswith((".", ")")):
                review.note(b.lines[0].no, "decision paragraph after a page break",
                            f"taken as a new paragraph: {b.text[:40]!r}")
        out.append(Paragraph(b.lines))
    return out


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
