"""The places where the extractor chose between readings of the text, for a person to check.

The PDF's columns are lost in its text, so a few cells are placed by rule rather than read
off the text's structure: a cell continued after a page break, a gap between two rows that
holds more than one description and one name, a link dealt to a paragraph by line counts.
Each choice is written down with its sheet and lines, so the whole list can be checked
against the report in minutes (``vvgraph extract --review``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ReviewNote:
    """One heuristic decision: where it was taken, what it concerns and what was chosen."""

    project: str
    line: int
    field: str
    choice: str

    def __str__(self) -> str:
        return f"{self.project} line {self.line}: {self.field}: {self.choice}"


class Review:
    """Collects the notes of one extraction; handed down explicitly, never global."""

    def __init__(self) -> None:
        self.notes: list[ReviewNote] = []
        self.problems: list[str] = []  # structural losses, reported as failed checks
        self.project = ""

    def note(self, line: int, field: str, choice: str) -> None:
        self.notes.append(ReviewNote(self.project, line, field, choice))


def review_markdown(notes: list[ReviewNote]) -> str:
    """The review list as a section of the data-quality report, grouped by sheet."""
    out = ["## Extraction: cells placed by rule", "",
           f"{len(notes)} cells in {len({n.project for n in notes})} sheets were placed by a rule "
           "rather than read off the text's structure. Check each against the report's lines.", ""]
    for project in sorted({n.project for n in notes}):
        out.append(f"### {project}")
        out += [f"- line {n.line}: {n.field}: {n.choice}" for n in notes if n.project == project]
        out.append("")
    return "\n".join(out)
