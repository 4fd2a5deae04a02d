"""The label/value sections of a sheet: people, situation, input/output/outcome, progress, money.

Each is a two-column layout whose labels may wrap or share a line with their value; the
labels are found in the joined text in their printed order (see ``text.labelled_fields``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .._exceptions import ExtractError
from ..records import AmountText, Financing, Numbered
from .amounts import parse_eur
from .sections import Section
from .text import Field, Stream, label, labelled_fields

PEOPLE = (
    ("ministers", label("Bevoegde minister(s)")),
    ("lead", label("Trekkende entiteit")),
    ("webpage", label("Webpagina trekkende entiteit m.b.t. project")),
    ("involved", label("Betrokken entiteit(en)")),
    ("stakeholders", label("Belanghebbenden")),
)
SITUATION = (
    ("cluster", label("Cluster Relanceplan")),
    ("speerpunt", label("Speerpunt Relanceplan")),
)
IO = (
    ("input", re.compile(r"Input\b")),
    ("output", re.compile(r"Output\b")),
    ("outcome", re.compile(r"Outcome\b")),
)
PROGRESS = (
    ("status", label("Projectstatus")),
    ("status_description", label("Beschrijving voortgang")),
    ("political_action", label("Noodzakelijke politieke actie")),
)
FINANCING = (
    ("budget", re.compile(r"Beleidsruimte\s+\(begroot\)(?!\s*update)")),
    ("budget_update", label("Beleidsruimte (begroot) update")),
    ("vak", label("Uitvoering VAK")),
    ("vek", label("Uitvoering VEK")),
    ("origin", label("Oorsprong middelen")),
    ("eu", re.compile(r"(?:•\s*)?Europese\s+middelen")),
    ("eu_recovery_fund", re.compile(r"(?:o\s+)?Europees\s+Herstelfonds\s*:")),
    ("brexit_fund", re.compile(r"(?:o\s+)?Brexit-\s*fonds\s*:")),
    ("react_eu", re.compile(r"(?:o\s+)?React\s+EU\s*:")),
    ("flemish_recovery", re.compile(r"(?:•\s*)?Vlaamse\s+relancemiddelen\s*:")),
    ("flemish_regular", re.compile(r"(?:•\s*)?Reguliere\s+Vlaamse\s+middelen\s*:")),
)
NUMBERED = re.compile(r"^(\d{1,2})\.\s*(.+)$")
GOVERNMENT_MARKER = re.compile(r"^VO\b\s*")


@dataclass(frozen=True, slots=True)
class People:
    ministers: tuple[str, ...]
    lead_entities: tuple[str, ...]
    involved_entities: tuple[str, ...]
    stakeholders: str | None
    has_project_page: bool
    project_page_line: int | None


def _text(fields: dict[str, Field], key: str) -> str | None:
    f = fields.get(key)
    return f.text if f else None


def split_names(text: str | None, *, marker: bool = False) -> tuple[str, ...]:
    """ "A - B" is two names; the "VO" (Vlaamse overheid) marker before entities is layout, not name."""
    if not text:
        return ()
    if marker:
        text = GOVERNMENT_MARKER.sub("", text)
    return tuple(p.strip() for p in re.split(r"\s+-\s+", text) if p.strip())


def parse_people(section: Section | None) -> People:
    if section is None:
        return People((), (), (), None, False, None)
    stream = Stream(section.lines)
    f = labelled_fields(stream, PEOPLE)
    web = f.get("webpage")
    page_word = re.search(r"Projectpagina", web.text or "") if web else None
    page_line = None
    if page_word:
        page_line = next((ln.no for ln in section.lines if "Projectpagina" in ln.text), web.line)
    return People(
        ministers=split_names(_text(f, "ministers")),
        lead_entities=split_names(_text(f, "lead"), marker=True),
        involved_entities=split_names(_text(f, "involved"), marker=True),
        stakeholders=_text(f, "stakeholders"),
        has_project_page=page_word is not None,
        project_page_line=page_line,
    )


def _numbered(f: Field | None, what: str, source: str) -> Numbered:
    if f is None or f.text is None:
        raise ExtractError(f"missing {what}", source=source, line=f.line if f else None,
                           expected=f"'{what} Relanceplan NN. label' in PROJECTSITUERING")
    m = NUMBERED.match(f.text)
    if m is None:
        raise ExtractError(f"{what} '{f.text}' has no number", source=source, line=f.line,
                           expected="'NN. label'")
    return Numbered(int(m.group(1)), m.group(2))


def parse_situation(section: Section | None, source: str, sheet_line: int) -> tuple[Numbered, Numbered]:
    if section is None:
        raise ExtractError("sheet has no PROJECTSITUERING section", source=source, line=sheet_line,
                           expected="a PROJECTSITUERING section with cluster and speerpunt")
    f = labelled_fields(Stream(section.lines), SITUATION)
    return (_numbered(f.get("cluster"), "Cluster", source),
            _numbered(f.get("speerpunt"), "Speerpunt", source))


def parse_io(section: Section | None) -> tuple[AmountText, str | None, str | None]:
    if section is None:
        return AmountText(None, None), None, None
    f = labelled_fields(Stream(section.lines), IO)
    text = _text(f, "input")
    return AmountText(text, parse_eur(text)), _text(f, "output"), _text(f, "outcome")


def parse_progress(section: Section | None) -> dict[str, str | None]:
    if section is None:
        return {"status": None, "status_description": None, "political_action": None}
    f = labelled_fields(Stream(section.lines), PROGRESS)
    return {key: _text(f, key) for key, _ in PROGRESS}


def parse_financing(section: Section | None, source: str) -> Financing:
    values: dict[str, int | None] = {}
    f = labelled_fields(Stream(section.lines), FINANCING) if section else {}
    for key, _ in FINANCING:
        if key in ("origin", "eu"):
            continue
        field = f.get(key)
        if field is None or field.text is None:
            values[key] = None
            continue
        amount = parse_eur(field.text)
        if amount is None:
            raise ExtractError(f"financing value '{field.text}' is not an amount", source=source,
                               line=field.line, expected="an amount like '1.250.000 EUR'")
        values[key] = amount
    return Financing(**values)
