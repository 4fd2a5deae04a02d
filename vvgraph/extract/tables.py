"""Shared machinery of the two tables (milestones, output indicators).

A table cell wraps over lines; cells are separated by blank lines, but two cells can share a
line ("2020 Q4 Gerealiseerd"). The column header repeats, possibly wrapped or broken
mid-word, at the top of every continuation page and is removed first. Rows are then found
by their one reliable anchor, the timing cell (a year, usually followed by a quarter).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .source import Line
from .text import collapse, join_lines

YEAR = re.compile(r"^(\d{4})$")
QUARTER = re.compile(r"^(Q[1-4])(?:\s+(.*))?$")
YEAR_QUARTER = re.compile(r"^(\d{4})\s+(Q[1-4])(?:\s+(.*))?$")
TAIL_YEAR = re.compile(r"^(.*\S)\s+(\d{4})$")
INLINE = re.compile(r"^(.*\S)\s+(\d{4})\s+(Q[1-4])(?:\s+(.*))?$")


@dataclass(frozen=True, slots=True)
class Block:
    """A run of non-blank lines between blank lines: one cell, or part of one."""

    lines: tuple[Line, ...]
    after_break: bool = False  # first block on a continuation page (column header just repeated)

    @property
    def text(self) -> str:
        return join_lines(self.lines)

    @property
    def width(self) -> int:
        return max(len(ln.stripped) for ln in self.lines)


PAGE_BREAK = None


def drop_column_header(lines: tuple[Line, ...], header: str) -> list[Line | None]:
    """Remove every full occurrence of the column header, however it wraps.

    A repeat (not the first) marks a page break, kept as ``PAGE_BREAK`` so that cells
    continued from the previous page can be told from the next row.
    """
    out: list[Line | None] = []
    i = 0
    seen = False
    while i < len(lines):
        line = lines[i]
        if not line.blank and line.stripped.isupper():
            end = _header_end(lines, i, header)
            if end is not None:
                if seen or any(x is not None and not x.blank for x in out):
                    out.append(PAGE_BREAK)
                seen = True
                i = end
                continue
        out.append(line)
        i += 1
    return out


def _header_end(lines: tuple[Line, ...], i: int, header: str) -> int | None:
    text = ""
    glued = False
    j = i
    while j < len(lines) and j < i + 24:
        line = lines[j]
        j += 1
        if line.blank:
            continue
        if not line.stripped.isupper():
            return None
        text += line.text.lstrip() if glued else line.text
        glued = line.glued
        joined = collapse(text)
        if joined == header:
            return j
        if not header.startswith(joined):
            return None
    return None


def blank_around(lines: list[Line | None], k: int) -> bool:
    """Line ``k`` stands between blank lines (or page breaks): a line of spaces there is an
    empty cell; one next to text is an empty paragraph inside its cell."""
    before = lines[k - 1] if k > 0 else None
    after = lines[k + 1] if k + 1 < len(lines) else None
    return all(x is None or x.blank for x in (before, after))


def blocks(lines: list[Line | None] | list[Line], *, merge_glued: bool = False,
           inner_space_splits: bool = True) -> list[Block]:
    """Runs of non-blank lines. A line of spaces between two text lines is an empty paragraph
    inside a table cell (VV128: an indicator and its note); ``inner_space_splits=False`` keeps
    the cell whole, as the tables need (decision paragraphs are split there, VV048)."""
    out: list[Block] = []
    run: list[Line] = []
    broken = False
    seq: list[Line | None] = list(lines)
    for k, line in enumerate(seq):
        if not inner_space_splits and line is not None and line.blank and line.text \
                and not blank_around(seq, k):
            continue
        if line is None or line.blank:
            if run:
                out.append(Block(tuple(run), broken))
                run = []
                broken = False
            if line is None:
                broken = True
        elif merge_glued and run and run[-1].glued:
            # A word broken over lines in a narrow column ("202" + "1", "Gereal" + "iseerd")
            # is one logical line: cells are recognised on whole words.
            run[-1] = Line(run[-1].no, run[-1].text + line.text.lstrip())
        else:
            run.append(line)
    if run:
        out.append(Block(tuple(run), broken))
    return out


@dataclass(frozen=True, slots=True)
class Timing:
    """Where a timing cell sits: block index, line index within it, and what shares its lines."""

    block: int
    first: int  # index of the year's line within the block
    last: int  # index of the quarter's line (== first when on one line)
    value: str
    before: str  # text on the year's line before the year (a cell sharing the line)
    after: str  # text on the quarter's line after the quarter


def find_timings(bl: list[Block], follows: re.Pattern[str] | None = None) -> list[Timing]:
    """Every timing cell, in order.

    ``follows`` is what must come right after a timing that shares its line with text before
    it (the milestone status), so that "... in 2022 Q4" inside prose is not taken for a cell.
    """
    found: list[Timing] = []
    for b, block in enumerate(bl):
        lines = [ln.stripped for ln in block.lines]
        k = 0
        while k < len(lines):
            s = lines[k]
            m = YEAR_QUARTER.match(s)
            if m:
                found.append(Timing(b, k, k, f"{m.group(1)} {m.group(2)}", "", m.group(3) or ""))
                k += 1
                continue
            q = QUARTER.match(lines[k + 1]) if k + 1 < len(lines) else None
            if YEAR.match(s) and q:
                found.append(Timing(b, k, k + 1, f"{s} {q.group(1)}", "", q.group(2) or ""))
                k += 2
                continue
            tail_year = TAIL_YEAR.match(s)
            if tail_year and q and follows is not None and follows.match(q.group(2) or ""):
                # VV038: "Aantal ingrepen via MIA  2022" / "Q4": an empty target, the
                # timing's year at the end of the indicator's line.
                found.append(Timing(b, k, k + 1, f"{tail_year.group(2)} {q.group(1)}",
                                    tail_year.group(1), q.group(2) or ""))
                k += 2
                continue
            if YEAR.match(s) and len(lines) == 1:
                found.append(Timing(b, k, k, s, "", ""))
                k += 1
                continue
            inline = INLINE.match(s)
            if inline and follows is not None and follows.match(inline.group(4) or ""):
                found.append(Timing(b, k, k, f"{inline.group(2)} {inline.group(3)}",
                                    inline.group(1), inline.group(4) or ""))
            k += 1
    return found
