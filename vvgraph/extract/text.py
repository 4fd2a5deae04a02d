"""Turn wrapped PDF lines back into the text they were cut from.

The converter ends every line with a space unless the line break falls inside a word, so
joining is exact without a dictionary: lines with a trailing space join with one space,
lines without one join directly ("niet-" + "residentieel", "Projectstat" + "us").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .source import Line


def collapse(text: str) -> str:
    """Any run of whitespace (including no-break and narrow no-break spaces) becomes one space."""
    return " ".join(text.split())


def join_lines(lines: Iterable[Line]) -> str:
    return collapse(Stream(list(lines)).text)


def join_or_none(lines: Iterable[Line]) -> str | None:
    return join_lines(lines) or None


class Stream:
    """The joined text of some lines, remembering where each line starts.

    Labels ("Bevoegde minister(s)", "Beschrijving voortgang") may wrap or break mid-word, so
    they are found in the joined text; requiring them to start a line keeps the same words
    inside a value from being taken for a label.
    """

    def __init__(self, lines: Sequence[Line]) -> None:
        parts: list[str] = []
        self.starts: dict[int, int] = {}
        self._offsets: list[tuple[int, int]] = []
        pos = 0
        glued = False
        for line in lines:
            if line.blank:
                continue
            piece = line.text.lstrip() if glued else line.text
            if not glued:
                self.starts[pos] = line.no
                # A page's first line carries a leading space: " PROJECTFINANCIERING", " o React EU".
                self.starts[pos + len(piece) - len(piece.lstrip())] = line.no
            self._offsets.append((pos, line.no))
            parts.append(piece)
            pos += len(piece)
            glued = line.glued
        self.text = "".join(parts)

    def line_at(self, offset: int) -> int:
        """Source line of the character at ``offset`` (for error messages and provenance)."""
        found = self._offsets[0][1] if self._offsets else 0
        for start, no in self._offsets:
            if start > offset:
                break
            found = no
        return found

    def at_line_start(self, offset: int) -> bool:
        head = self.text[:offset]
        return offset in self.starts or (head.strip() == "")

    def find(self, pattern: re.Pattern[str], start: int = 0) -> re.Match[str] | None:
        """First match of ``pattern`` at or after ``start`` that begins a line."""
        for m in pattern.finditer(self.text, start):
            if self.at_line_start(m.start()):
                return m
        return None


def label(words: str) -> re.Pattern[str]:
    """A label as a pattern whose words may be separated by any whitespace or line break."""
    parts = [re.escape(w) for w in words.split()]
    return re.compile(r"\s+".join(parts))


@dataclass(frozen=True, slots=True)
class Field:
    """Text found after a label; ``line`` is where the label stands."""

    text: str | None
    line: int


def labelled_fields(stream: Stream, labels: Sequence[tuple[str, re.Pattern[str]]]
                    ) -> dict[str, Field]:
    """Split a label/value layout into values, labels being searched in the given order.

    A missing label is simply absent from the result; its neighbours still get their values.
    """
    found: list[tuple[str, int, int]] = []
    pos = 0
    for key, pattern in labels:
        m = stream.find(pattern, pos)
        if m is None:
            continue
        found.append((key, m.start(), m.end()))
        pos = m.end()
    out: dict[str, Field] = {}
    for i, (key, start, end) in enumerate(found):
        stop = found[i + 1][1] if i + 1 < len(found) else len(stream.text)
        out[key] = Field(collapse(stream.text[end:stop]) or None, stream.line_at(start))
    return out
