"""The OUTPUT table: indicator, target (streefwaarde), timing, realisation, rate.

Rows are anchored on the timing cell. The target stands just before it, often on the last
line of the indicator's name ("uitbetaalde premies 5366"); realisation and rate share the
line after it ("119.000 7,2 %"), or are absent when not yet measured.
"""

from __future__ import annotations

import re

from ..records import Indicator
from .review import Review
from .sections import Section
from .source import Line
from .tables import Block, blocks, drop_column_header, find_timings
from .text import collapse, join_lines

HEADER = "INDICATOR STREEFWAARDE TIMING REALISATIE REALISATIEGRAAD"
NUMBER = r"(?:\d{1,3}(?:[. ]\d{3})+|\d+)(?:[.,]\d+)?"
VALUE = r"[-+]?" + NUMBER + r"(?:\s*%|\s*(?:EUR|euro|km|ha|m²|m2|MW|MWatt|GW|GWh|kWh|ton))?"
# The STREEFWAARDE column is narrow: a block this wide or narrower before the timing is the
# target cell (it may hold text, "In gebruikname van de trainingtool"), not the indicator's name.
TARGET_WIDTH = 24
TARGET_ONLY = re.compile(rf"^(?:>\s*|<\s*|±\s*)?{VALUE}$")
TARGET_AT_END = re.compile(rf"^(.*?\S)\s+((?:>\s*|<\s*|±\s*)?{VALUE})$")
# A rate never uses a thousands separator, so "9 100 %" is realisation 9 and rate 100 %.
PERCENT = r"[-+]?\d+(?:[.,]\d+)?\s*%"
RATE = re.compile(rf"^{PERCENT}$")
RESULT = re.compile(rf"^(?P<real>.+?)\s+(?P<rate>{PERCENT})$")
# What may follow a timing printed on the same line as the indicator and its target.
AFTER_INLINE = re.compile(rf"^(?:|{VALUE}|{VALUE}\s+{PERCENT})$")


def _continues(name: str, text: str) -> bool:
    return text[:1].islower() or text[:1] in "“”\"')" or name.count("(") > name.count(")")


def _split_target(lines: list[Line]) -> tuple[list[Line], str | None, str]:
    """(name lines, target, text before the target on its line)."""
    if not lines:
        return lines, None, ""
    last = lines[-1].stripped
    if TARGET_ONLY.match(last):
        return lines[:-1], last, ""
    m = TARGET_AT_END.match(last)
    if m:
        return lines[:-1], m.group(2), m.group(1)
    return lines, None, ""


def _split_result(text: str) -> tuple[str | None, str | None]:
    text = collapse(text)
    if not text:
        return None, None
    if RATE.match(text):
        return None, text
    m = RESULT.match(text)
    if m:
        return m.group("real"), m.group("rate")
    return text, None


def _is_result(block: Block) -> bool:
    text = join_lines(block.lines)
    return bool(RATE.match(text) or RESULT.match(text) or TARGET_ONLY.match(text))


def parse_indicators(section: Section | None, review: Review | None = None) -> tuple[Indicator, ...]:
    if section is None:
        return ()
    bl = blocks(drop_column_header(section.lines, HEADER), merge_glued=True, inner_space_splits=False)
    timings = find_timings(bl, AFTER_INLINE)
    rows: list[Indicator] = []
    pending: list[Block] = list(bl[: timings[0].block]) if timings else list(bl)
    for i, t in enumerate(timings):
        block = bl[t.block]
        in_block = list(block.lines[: t.first])
        if rows:
            # The INDICATOR cell goes on below its row's result (notes such as "Opgelet, de
            # RRF-indicator ...", VV016, VV018; lower case after a page break, VV108): every
            # block but the next row's own name (and target cell, when it stands apart).
            lead = 0
            while lead < len(pending) - 1 and pending[lead].after_break and pending[lead].text[:1].islower():
                lead += 1  # VV130: "glasplaten van zo'n 40 ..." ends the row above
            need = 1 if (in_block or t.before) else min(2, len(pending) - lead)
            extra, pending = pending[: len(pending) - need], pending[len(pending) - need:]
            if extra:
                last = rows[-1]
                text = collapse(last.indicator + " " + " ".join(b.text for b in extra))
                rows[-1] = Indicator(text, last.target, last.timing, last.realisation, last.rate, last.line)
                if review is not None and not all(b.after_break or b.text[:1].islower() for b in extra):
                    review.note(extra[0].lines[0].no, "indicator name",
                                f"{len(extra)} block(s) below the result kept in the row above")
        pre = [ln for b in pending for ln in b.lines]
        before = pre + in_block
        if t.before:
            m = TARGET_AT_END.match(t.before)
            target = m.group(2) if m else None
            name = collapse(join_lines(before) + " " + (m.group(1) if m else t.before))
        elif in_block:
            name_lines, target, head = _split_target(in_block)
            if target is None and pending and max(len(ln.stripped) for ln in in_block) <= TARGET_WIDTH:
                target, name_lines, head = join_lines(in_block), [], ""
            name = collapse(join_lines(pre + name_lines) + " " + head)
        elif len(pending) >= 2:
            # Name and target as two cells (VV100: "100% - Maximale benutting van het
            # beschikbare budget." is wider than a number but stands in its own cell).
            target = pending[-1].text
            name = join_lines([ln for b in pending[:-1] for ln in b.lines])
        else:
            name_lines, target, head = _split_target(before)
            name = collapse(join_lines(name_lines) + " " + head)
        first_line = before[0].no if before else block.lines[t.first].no
        tail = collapse(t.after + " " + join_lines(block.lines[t.last + 1:]))
        nxt_block = timings[i + 1].block if i + 1 < len(timings) else len(bl)
        following = list(bl[t.block + 1: nxt_block])
        if not tail and following and _is_result(following[0]):
            tail = join_lines(following[0].lines)
            following = following[1:]
        realisation, rate = _split_result(tail)
        pending = following
        rows.append(Indicator(indicator=name, target=target, timing=t.value,
                              realisation=realisation, rate=rate, line=first_line))
    if pending and rows:
        # Below the last row's result: the rest of its INDICATOR cell (VV016).
        last = rows[-1]
        text = collapse(last.indicator + " " + " ".join(b.text for b in pending))
        rows[-1] = Indicator(text, last.target, last.timing, last.realisation, last.rate, last.line)
    elif pending:
        # A table without any timing: keep its text visible as one untimed row.
        lines = [ln for b in pending for ln in b.lines]
        name_lines, target, head = _split_target(lines)
        rows.append(Indicator(collapse(join_lines(name_lines) + " " + head), target, None, None, None,
                              lines[0].no))
    return tuple(rows)
