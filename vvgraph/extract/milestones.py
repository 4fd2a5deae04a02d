"""The MIJLPALEN table: name, timing, status, status description per row.

The column widths are lost in the text, so rows are anchored on what the text shows for
sure: the status (a closed list), the timing ("2021" / "Q3"), a line holding one space (an
empty cell), and the cells as blank-line separated blocks. Between one row's status and the
next row's timing (or status, when it has no timing) lie the first row's description and the
next row's name, each usually one block; rules for the rest are listed in ``_split_gap``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..records import Milestone
from .review import Review
from .sections import Section
from .source import Line
from .tables import blank_around, drop_column_header
from .text import collapse, join_lines

HEADER = "MIJLPAAL TIMING STATUS STATUS BESCHRIJVING"
STATUSES = ("Nog niet gestart", "Op schema", "Vertraging", "Uitgesteld", "Stopgezet",
            "Gerealiseerd", "Bijsturing nodig", "Actie nodig")
_ST = "(" + "|".join(r"\s+".join(s.split()) for s in STATUSES) + r")(?![\w-])"
STATUS = re.compile(rf"^{_ST}\s*(.*)$", re.S)
_TIMING = r"(?:\d{4}(?:\s+Q[1-4])?|Nog\s+te\s+bepalen)"
TIMING_ONLY = re.compile(rf"^({_TIMING})$")
TIMING_STATUS = re.compile(rf"^({_TIMING})\s+{_ST}\s*(.*)$", re.S)
# A whole row on one line, or name and timing sharing a line: "Opstart 2021 Q3 Gerealiseerd".
NAME_TIMING_STATUS = re.compile(rf"^(.*?\S)\s+(\d{{4}}\s+Q[1-4])\s+{_ST}\s*(.*)$", re.S)
NAME_STATUS = re.compile(rf"^(.*?\S) {{2,}}{_ST}\s*(.*)$", re.S)
NAME_TIMING = re.compile(r"^(.*?\S)\s+(\d{4}\s+Q[1-4])$", re.S)
SENTENCE_END = (".", "!", "?")
GLUE = "\x00"


def _joined(parts: list[str]) -> str:
    return collapse(" ".join(parts).replace(GLUE + " ", "").replace(GLUE, ""))


@dataclass(frozen=True, slots=True)
class _Text:
    """A cell, or the part of a block that is not timing or status."""

    text: str
    line: int
    after_break: bool


@dataclass(frozen=True, slots=True)
class _Timing:
    value: str
    line: int


@dataclass(frozen=True, slots=True)
class _Status:
    value: str
    rest: str  # description text printed on the status's own lines
    closed: bool  # "Gerealiseerd  ": a second trailing space stands for an empty description
    line: int
    alone: bool = True  # printed with a leading space, or nothing else in its cell


_EMPTY = "empty"  # a line holding only spaces: an empty cell
_BREAK = "break"  # a repeated column header: a page break


@dataclass(slots=True)
class _Row:
    name: list[_Text] = field(default_factory=list)
    timing: _Timing | None = None
    status: _Status | None = None
    desc: list[str] = field(default_factory=list)


def _cells(lines: list[Line | None]) -> list[object]:
    """Blocks of non-blank lines, with the empty-cell and page-break markers between them.

    A word broken over lines in a narrow column ("202" + "1", "Gereal" + "iseerd") is merged
    into one line first, so cells are recognised on whole words.
    """
    out: list[object] = []
    run: list[Line] = []
    broken = False

    def flush() -> None:
        nonlocal broken
        if run:
            out.append((tuple(run), broken))
            run.clear()
            broken = False

    for k, line in enumerate(lines):
        if line is None:
            flush()
            # A line of one space just before the repeated header is the new page's first
            # line, not an empty cell (VV056).
            while out and out[-1] is _EMPTY:
                out.pop()
            out.append(_BREAK)
            broken = True
        elif line.text.strip() == "":
            # One space between blank lines is an empty cell (VV150); inside a block it is
            # an empty paragraph of the cell (VV015 line 3708) and the cell goes on.
            if line.text and blank_around(lines, k):
                flush()
                out.append(_EMPTY)
            elif not line.text:
                flush()
        elif run and run[-1].glued:
            run[-1] = Line(run[-1].no, run[-1].text + line.text.lstrip())
        else:
            run.append(line)
    flush()
    return out


def _tokens(lines: list[Line | None]) -> list[object]:
    """Each block as text, timing and status tokens (a block may hold several cells)."""
    cells = _cells(lines)
    out: list[object] = []
    for k, cell in enumerate(cells):
        if not isinstance(cell, tuple):
            out.append(cell)
            continue
        block, broken = cell
        # A cell whose last line breaks a word goes on without a space after a page break
        # (VV157: "Muziek-Woord-" / break / "Dans in Jette"); GLUE marks it until joined.
        text = join_lines(block)
        glue = GLUE if block[-1].glued else ""
        no = block[0].no
        closed = block[-1].text.endswith("  ")
        if m := TIMING_ONLY.match(text):
            out.append(_Timing(collapse(m.group(1)), no))
        elif m := TIMING_STATUS.match(text):
            out += [_Timing(collapse(m.group(1)), no),
                    _Status(collapse(m.group(2)), m.group(3).strip(), closed, no)]
        elif m := STATUS.match(text):
            alone = block[0].text.startswith(" ") or not m.group(2).strip()
            out.append(_Status(collapse(m.group(1)), m.group(2).strip(), closed, no, alone))
        elif (m := NAME_STATUS.match(" ".join(ln.text.strip() for ln in block))) and not _timed_before(out):
            # VV104: "Permanente evaluatie door stuurgroepen  Nog niet" / "gestart": an empty
            # timing cell between name and status shows as a double space.
            out += [_Text(collapse(m.group(1)), no, broken),
                    _Status(collapse(m.group(2)), m.group(3).strip(), closed, no, True)]
        elif m := NAME_TIMING_STATUS.match(text):
            out += [_Text(m.group(1), no, broken), _Timing(collapse(m.group(2)), block[-1].no),
                    _Status(collapse(m.group(3)), m.group(4).strip(), closed, block[-1].no)]
        elif (m := NAME_TIMING.match(text)) and (_next_is_status(cells, k) or _timing_lines_end(block)):
            # VV102: "Einde oproep" / "2022" / "Q4" in one block, no status.
            out += [_Text(m.group(1), no, broken), _Timing(collapse(m.group(2)), block[-1].no)]
        else:
            out.append(_Text(text + glue, no, broken))
    return out


def _timed_before(out: list[object]) -> bool:
    """A timing just before: the block is that row's status cell, not a row of its own."""
    return bool(out) and isinstance(out[-1], _Timing)


def _timing_lines_end(block: tuple[Line, ...]) -> bool:
    return len(block) >= 3 and re.fullmatch(r"\d{4}", block[-2].stripped) is not None \
        and re.fullmatch(r"Q[1-4]", block[-1].stripped) is not None


def _next_is_status(cells: list[object], k: int) -> bool:
    nxt = cells[k + 1] if k + 1 < len(cells) else None
    return isinstance(nxt, tuple) and STATUS.match(join_lines(nxt[0])) is not None


def _opens_paren(text: str) -> bool:
    return text.count("(") > text.count(")")


def _closes_paren(text: str) -> bool:
    return text.count(")") > text.count("(")


def _continues(prev: str, cell: _Text) -> bool:
    """A cell after a page break that goes on with the cell printed before the break.

    Lower case cannot start a cell; an open parenthesis closed right after the break is one
    cell too.
    """
    if not cell.after_break:
        return False
    return cell.text[:1].islower() or (_opens_paren(prev) and _closes_paren(cell.text))


def _split_gap(gap: list[object], prev: _Row | None, review: Review) -> list[_Text]:
    """Give the previous row its description from ``gap`` and return the next row's name.

    Rules, in order: a cell continued after a page break joins the cell before it (VV069);
    before the first row everything is name; an empty-cell line ends the description (VV150);
    a status printed with a second trailing space has no description (VV001); otherwise the
    last cell is the name and the cells before it the description (VV045, where the
    description is narrower than the names and no width rule holds).
    """
    cells: list[_Text] = []
    empty_at: int | None = None
    texts = [t for t in gap if isinstance(t, _Text)]
    for item in gap:
        if item is _EMPTY:
            if empty_at is None:
                empty_at = len(cells)
        elif isinstance(item, _Text):
            # The last cell before a row is that row's name even when it starts in lower
            # case after a page break (VV071: "projectdossier goedgekeurd ...").
            last = item is texts[-1]
            if prev is not None and not last and item.after_break and _open_name(prev) and (
                    # VV069: "... met ANPR data (Automatic Number" / break / "Plate Recognition)
                    # ...": the name column goes on after the page break, below its description.
                    (_opens_paren(prev.name[-1].text) and _closes_paren(item.text))
                    # VV017: "Concretisering speerpunt 2=" / break / "Ter beschikking stellen ...":
                    # a name that announces more goes on at the top of the next page.
                    or (not cells and prev.name[-1].text.rstrip(GLUE).rstrip().endswith(("=", ":")))):
                _extend_name(prev, item, review)
            elif not last and _continues(cells[-1].text if cells else _last_text(prev), item):
                if cells and prev is not None and len(cells) == 1 and _finished(cells[0].text) \
                        and _open_name(prev):
                    # VV064: the description ended its sentence before the break, the name
                    # did not ("... tussen Vlaamse bedrijven en" / break / "buitenlandse ...").
                    _extend_name(prev, item, review)
                elif cells:
                    cells[-1] = _Text(cells[-1].text + " " + item.text, cells[-1].line,
                                      cells[-1].after_break)
                elif prev is not None and len(texts) - texts.index(item) >= 3 and _open_name(prev) \
                        and _has_desc(prev) and not _finished(_last_text(prev)):
                    # VV068: both columns cut; left to the column-order rule below.
                    cells.append(item)
                elif prev is not None:
                    _continue_row(prev, item.text)
                    review.note(item.line, "milestone cell after a page break",
                                f"continues the previous row: {item.text[:40]!r}")
            else:
                cells.append(item)
    if prev is None:
        return cells
    post = [i for i, c in enumerate(cells) if c.after_break]
    if post and len(cells) - post[0] >= 3 and _has_desc(prev) and not _finished(_last_text(prev)):
        # VV015, VV068: a page break cut both the name and the description of a row; the
        # next page prints the rest of each column in column order, then the next row's name.
        _extend_name(prev, cells.pop(post[0]), review, " (its description was cut too)")
    if _closed(prev) and len(cells) >= 2 and cells[0].after_break and _open_name(prev):
        # VV115: a row without description cut by the page break: the first cell on the next
        # page ("Applicatie revalidatieconventies ...") ends its name, the next is a new row.
        _extend_name(prev, cells.pop(0), review)
    if empty_at is not None and empty_at < len(cells):
        desc, name = cells[:empty_at], cells[empty_at:]
    elif _closed(prev):
        desc, name = [], cells
    else:
        desc, name = cells[:-1], cells[-1:]
        if len(desc) > 1:
            review.note(desc[0].line, "milestone description",
                        f"{len(desc)} blocks taken as the description, the next as the name")
    prev.desc += [c.text for c in desc]
    return name


def _extend_name(row: _Row, cell: _Text, review: Review, why: str = "") -> None:
    row.name.append(cell)
    review.note(cell.line, "milestone name after a page break",
                f"continues the previous row's name{why}: {cell.text[:40]!r}")


def _open_name(row: _Row) -> bool:
    return bool(row.name) and not _name_finished(row.name[-1].text)


def _closed(row: _Row) -> bool:
    """The status printed with a second trailing space and nothing after it: no description."""
    return row.status is not None and row.status.closed and not row.status.rest


def _last_text(row: _Row | None) -> str:
    if row is None:
        return ""
    if row.desc:
        return row.desc[-1]
    if row.status is not None and row.status.rest:
        return row.status.rest
    return row.name[-1].text if row.name else ""


def _finished(text: str) -> bool:
    return text.rstrip().endswith((".", "!", "?", ")", ":"))


def _name_finished(text: str) -> bool:
    """A name ending in a colon announces more (VV115: "... eigen toepassing:")."""
    return text.rstrip().endswith((".", "!", "?", ")"))


def _has_desc(row: _Row) -> bool:
    return bool(row.desc or (row.status is not None and row.status.rest))


def _continue_row(row: _Row, text: str) -> None:
    """Lower-case text after a page break goes on with the cell the break cut: the
    description, unless that ended its sentence and the name did not (VV064)."""
    name = row.name[-1].text if row.name else ""
    if _has_desc(row) and not (_finished(_last_text(row)) and not _finished(name)):
        row.desc.append(text)
    else:
        row.name.append(_Text(text, 0, False))


def parse_milestones(section: Section | None, review: Review | None = None) -> tuple[Milestone, ...]:
    if section is None:
        return ()
    review = review if review is not None else Review()
    rows: list[_Row] = []
    gap: list[object] = []
    for token in _tokens(drop_column_header(section.lines, HEADER)):
        if isinstance(token, _Timing):
            name = _split_gap(gap, rows[-1] if rows else None, review)
            rows.append(_Row(name=name, timing=token))
            gap = []
        elif isinstance(token, _Status):
            last = rows[-1] if rows else None
            if last is not None and last.status is None and last.timing is not None and not gap:
                last.status = token
            elif not token.alone:
                # A description that starts with a status word (VV005: "Vertraging door
                # ongunstig advies IF."): a row without timing prints its status alone, with
                # a leading space (VV150).
                gap.append(_Text(collapse(token.value + " " + token.rest), token.line, False))
            else:
                name = _split_gap(gap, last, review)
                rows.append(_Row(name=name, status=token))
                gap = []
        else:
            gap.append(token)
    if not rows:
        cells = [t for t in gap if isinstance(t, _Text)]
        if not cells:
            return ()
        # A table whose rows show neither timing nor status: one row, its name the text.
        rows.append(_Row(name=cells))
        gap = []
    # After the last row: its description, or its name continued after a page break when
    # it has no description (VV056: "Traject om het instappen ..." / break / "met betrekking").
    for t in gap:
        if isinstance(t, _Text):
            last = rows[-1]
            # VV128: "... Openbare Dienst voor" / break / "Arbeidsbemiddeling (VDAB) ...": a
            # row with no description (its status has the second space) goes on with its name.
            if t.after_break and not _has_desc(last) and (
                    t.text[:1].islower() or (_closed(last) and _open_name(last))):
                rows[-1].name.append(t)
            else:
                rows[-1].desc.append(t.text)
    return tuple(_record(r) for r in rows)


def _record(row: _Row) -> Milestone:
    name = _joined([t.text for t in row.name])
    parts = ([row.status.rest] if row.status is not None and row.status.rest else []) + row.desc
    desc = _joined(parts) or None
    lines = [t.line for t in row.name if t.line] + \
        [x.line for x in (row.timing, row.status) if x is not None]
    return Milestone(name=name, timing=row.timing.value if row.timing else None,
                     status=row.status.value if row.status else None, description=desc,
                     line=min(lines) if lines else 0)
