"""Kaleidos document names ("VR 2020 1812 DOC.1581/1BIS") read into their parts.

The grammar is Kaleidos' own (kanselarij-vlaanderen/frontend-kaleidos,
``app/utils/vr-document-name.js``, its strict regex and ``config.js``'s version suffixes):
``VR <yyyy> <ddMM>[ VV] <DOC|DEC|MED>.<case, 4 digits>[/<piece, 1-3 digits>][<suffix>]``, where
the suffix BIS, TER, ... is the version (none: version 1). Themis and Kaleidos sort and group
documents by these parts, so the graph states them instead of leaving a string to re-parse.

A paragraph may print something that starts like a name but does not follow the grammar
("VR2021 1607 VV DOC.0113/1bis"); it is kept as printed under ``vv:unparsedVrReference`` and
the SHACL shapes report it as a warning, for the report's publisher.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from ..namespaces import VV
from .uris import slug

# config.js: numbersBylatinAdverbialNumberals ('' is version 1).
VERSION_SUFFIXES: dict[str, int] = {
    "BIS": 2, "TER": 3, "QUATER": 4, "QUINQUIES": 5, "SEXIES": 6, "SEPTIES": 7, "OCTIES": 8,
    "NOVIES": 9, "DECIES": 10, "UNDECIES": 11, "DUODECIES": 12,
}
# The strict regex of vr-document-name.js, verbatim but for the suffix list spelled out
# (longest first, so QUATER is not read as ... nothing: the regex is anchored anyway).
STRICT = re.compile(
    r"^VR (?P<date>[12][90][0-9]{2} [0-3][0-9][01][0-9])(?P<vv> VV)? (?P<type>DOC|DEC|MED)"
    r"\.(?P<case>\d{4})(?:/(?P<piece>\d{1,3}))?(?P<suffix>"
    + "|".join(sorted(VERSION_SUFFIXES, key=len, reverse=True)) + r")?$")
# What looks like a Kaleidos name in running text, strict or not: "VR", a year, a day and
# month, a type and a number, in any case and spacing.
CANDIDATE = re.compile(
    r"\bVR ?\d{4} ?\d{4}(?: ?VV)? ?(?:DOC|DEC|MED)\.?\d+(?:[/-]\d+)?(?:[A-Za-z]{3,})?",
    re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class VrDocumentName:
    name: str
    meeting: date
    vlaamse_veerkracht: bool
    document_type: str      # DOC, DEC or MED
    case_number: int
    piece: int | None
    version: int            # 1, or 2 for BIS, 3 for TER, ...


def parse(name: str) -> VrDocumentName | None:
    """The parts of a Kaleidos document name, or None when it does not follow the grammar.

    >>> n = parse("VR 2020 1812 DOC.1581/1BIS")
    >>> n.meeting.isoformat(), n.vlaamse_veerkracht, n.document_type, n.case_number, n.piece, n.version
    ('2020-12-18', False, 'DOC', 1581, 1, 2)
    >>> parse("VR 2021 0907 VV DOC.0099").vlaamse_veerkracht, parse("VR 2021 0907 VV DOC.0099").piece
    (True, None)
    >>> parse("VR2021 1607 VV DOC.0113/1bis") is None, parse("VR 2021 3113 DOC.0001") is None
    (True, True)
    """
    m = STRICT.match(name.strip())
    if not m:
        return None
    year, daymonth = m.group("date").split(" ")
    try:  # the regex admits day 39 and month 19; Kaleidos' date-fns gives Invalid Date there
        meeting = date(int(year), int(daymonth[2:]), int(daymonth[:2]))
    except ValueError:
        return None
    suffix = m.group("suffix")
    return VrDocumentName(
        name=name.strip(), meeting=meeting, vlaamse_veerkracht=m.group("vv") is not None,
        document_type=m.group("type"), case_number=int(m.group("case")),
        piece=int(m.group("piece")) if m.group("piece") else None,
        version=VERSION_SUFFIXES[suffix] if suffix else 1)


def candidates(text: str) -> list[str]:
    """Every piece of ``text`` that looks like a Kaleidos name, in printed order.

    >>> candidates("zie VR 2021 0907 VV DOC.0099/1BIS en VR2021 1607 VV DOC.0113/1bis.")
    ['VR 2021 0907 VV DOC.0099/1BIS', 'VR2021 1607 VV DOC.0113/1bis']
    """
    return [m.group(0) for m in CANDIDATE.finditer(text)]


def name_uri(base: str, name: str) -> URIRef:
    """One resource per distinct name: the same document named in two paragraphs is one."""
    return URIRef(f"{base}id/vr-documentnaam/{slug(name)}")


def describe(g: Graph, citation: URIRef, title: str, base: str) -> None:
    """State the Kaleidos names a decision paragraph prints: parsed ones as a
    ``vv:VrDocumentName`` with their parts, the others as printed, for validation to report."""
    for text in candidates(title):
        parsed = parse(text)
        if parsed is None:
            g.add((citation, VV.unparsedVrReference, Literal(text)))
            continue
        node = name_uri(base, parsed.name)
        g.add((citation, VV.vrDocumentName, node))
        g.add((node, RDF.type, VV.VrDocumentName))
        g.add((node, RDFS.label, Literal(parsed.name)))
        g.add((node, VV.meetingDate, Literal(parsed.meeting.isoformat(), datatype=XSD.date)))
        g.add((node, VV.vlaamseVeerkrachtMeeting,
               Literal("true" if parsed.vlaamse_veerkracht else "false", datatype=XSD.boolean)))
        g.add((node, VV.documentType, Literal(parsed.document_type)))
        g.add((node, VV.caseNumber, Literal(str(parsed.case_number), datatype=XSD.integer)))
        if parsed.piece is not None:
            g.add((node, VV.pieceNumber, Literal(str(parsed.piece), datatype=XSD.integer)))
        g.add((node, VV.versionNumber, Literal(str(parsed.version), datatype=XSD.integer)))
