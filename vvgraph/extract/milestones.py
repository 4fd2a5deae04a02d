"""The MIJLPALEN table: name, timing, status, status description per row.

Rows are anchored on their timing cell. What lies between one row's status and the next
row's timing is the first row's description followed by the next row's name; the two
columns have different widths in the PDF (the name column wraps near 30 characters, the
description column near 50), which tells them apart when the blank-line structure does not.
"""

from __future__ import annotations

import re

from ..records import Milestone
from .sections import Section
from .tables import Block, Timing, blocks, drop_column_header, find_timings
from .text import collapse, join_lines

HEADER = "MIJLPAAL TIMING STATUS STATUS BESCHRIJVING"
STATUSES = ("Nog niet gestart", "Op schema", "Vertraging", "Uitgesteld", "Stopgezet",
            "Gerealiseerd", "Bijsturing nodig", "Actie nodig")
STATUS = re.compile(r"^(" + "|".join(r"\s+".join(s.split()) for s in STATUSES) + r")(?![\w-])\s*(.*)$",
                    re.S)
NAME_WIDTH = 34


def _split_status(text: str) -> tuple[str | None, str]:
    m = STATUS.match(text)
    if m is None:
        return None, text
    return collapse(m.group(1)), m.group(2)


def parse_milestones(section: Section | None) -> tuple[Milestone, ...]:
    if section is None:
        return ()
    bl = blocks(drop_column_header(section.lines, HEADER), merge_glued=True)
    timings = find_timings(bl, STATUS)
    if not timings:
        return _untimed(bl)
    rows: list[Milestone] = []
    name_blocks: list[Block] = list(bl[: timings[0].block])
    for i, t in enumerate(timings):
        block = bl[t.block]
        name_lines = [ln for b in name_blocks for ln in b.lines] + list(block.lines[: t.first])
        name = collapse(join_lines(name_lines) + " " + t.before)
        first_line = name_lines[0].no if name_lines else block.lines[t.first].no
        # Status: on the quarter's line, else the rest of the block, else the next block.
        status_text = collapse(t.after + " " + join_lines(block.lines[t.last + 1:]))
        used = t.block
        nxt = timings[i + 1] if i + 1 < len(timings) else None
        limit = nxt.block if nxt else len(bl)
        if not status_text and t.block + 1 < limit:
            status, rest = _split_status(bl[t.block + 1].text)
            if status is not None:
                used = t.block + 1
        else:
            status, rest = _split_status(status_text)
        middle = list(bl[used + 1: limit])
        own_name = nxt is not None and (nxt.first > 0 or bool(nxt.before))
        name_blocks = [] if nxt is None or own_name else _next_name(middle)
        desc = rest
        continued = False
        for b in middle:
            continued = continued or b.after_break
            text = b.text
            if continued and text[:1].islower() and (not desc or not desc.endswith((".", "!", "?"))):
                if desc:
                    desc = collapse(desc + " " + text)
                else:
                    name = collapse(name + " " + text)
            else:
                desc = collapse(desc + " " + text)
        rows.append(Milestone(name=name, timing=t.value, status=status, description=desc or None,
                              line=first_line))
    return tuple(rows)


def _next_name(middle: list[Block]) -> list[Block]:
    """Take the next row's name off the end of ``middle`` (the blocks before its timing).

    The name is the last block; an earlier block joins it when it reads as part of the same
    cell: no sentence end and no wider than the name itself (descriptions sit in a column of
    their own width), and no page break between them. A lower-case block just after a page
    break continues the previous row's cell instead.
    """
    if not middle:
        return []
    name = [middle.pop()]
    while (middle and not name[0].after_break and not middle[-1].text.endswith((".", "!", "?", ":"))
           and middle[-1].width <= name[0].width
           and not (middle[-1].after_break and middle[-1].text[:1].islower())):
        name.insert(0, middle.pop())
    return name


def _untimed(bl: list[Block]) -> tuple[Milestone, ...]:
    """A table without any timing: rows are anchored on their status instead."""
    rows: list[Milestone] = []
    pending: list[Block] = []
    for b in bl:
        status, rest = _split_status(b.text)
        if status is not None and pending:
            rows.append(Milestone(name=join_lines([ln for x in pending for ln in x.lines]), timing=None,
                                  status=status, description=rest or None, line=pending[0].lines[0].no))
            pending = []
        elif status is None and rows and not pending and b.width > NAME_WIDTH:
            last = rows[-1]
            desc = collapse((last.description or "") + " " + b.text)
            rows[-1] = Milestone(last.name, None, last.status, desc, last.line)
        else:
            pending.append(b)
    if pending:
        rows.append(Milestone(name=join_lines([ln for x in pending for ln in x.lines]), timing=None,
                              status=None, description=None, line=pending[0].lines[0].no))
    return tuple(rows)
