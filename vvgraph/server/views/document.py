"""Decision documents: as a project cites them, and their own page listing the citing projects.

A decision reads as a decision: its title is the paragraph that cites it and its VR reference;
its date is the government's meeting, read from the reference by Kaleidos' grammar
(``VR yyyy ddMM ...``). The timestamp inside a document-view id is when the file was uploaded,
so it is called that, never the decision's date. Documents of other sites that decisions cite
(search pages, PDFs) get a page of their own too, so every citation leads on to the other
projects citing the same thing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from .core import Page, ViewCore
from .formatting import date_nl
from .links import Links
from .vocabulary import _V, DCT, FOAF, MU, RDF, STUK

# Kaleidos' document names: VR <yyyy> <ddMM>[ VV] <DOC|DEC|MED>.<case>[/<piece>][BIS|TER...].
# Printed in the report also as "VR2021 ..." and with "-" before the piece.
REFERENCE = re.compile(r"\bVR ?(?P<year>\d{4}) (?P<day>\d{2})(?P<month>\d{2})(?P<vv> VV)? "
                       r"(?P<kind>DOC|DEC|MED)\.(?P<case>\d{3,4})(?:[/-](?P<piece>\d+))?"
                       r"(?P<version>[A-Za-z]*)")
KINDS = {"DOC": "nota", "DEC": "decreet of besluit", "MED": "mededeling"}
SHORT = 90   # characters of a citing paragraph that name a document without a reference


@dataclass(frozen=True, slots=True)
class VrReference:
    """One Kaleidos document name, split into its parts."""

    text: str
    meeting: date
    recovery_meeting: bool   # " VV": a meeting on Vlaamse Veerkracht
    kind: str
    case: str
    piece: str | None


def parse_reference(text: str | None) -> VrReference | None:
    """The first VR reference in ``text``, or ``None`` (also when its date does not exist).

    >>> parse_reference("(VR 2021 0907 VV DOC.0099/1BIS)").meeting
    datetime.date(2021, 7, 9)
    >>> ref = parse_reference("VR 2020 1812 DOC.1581/1BIS"); ref.case, ref.piece, ref.recovery_meeting
    ('1581', '1', False)
    >>> parse_reference("VR 2021 3102 DOC.0001"), parse_reference("nota van 5 maart")
    (None, None)
    """
    m = REFERENCE.search(text or "")
    if m is None:
        return None
    try:
        meeting = date(int(m["year"]), int(m["month"]), int(m["day"]))
    except ValueError:
        return None
    return VrReference(m.group(0), meeting, bool(m["vv"]), m["kind"], m["case"], m["piece"])


def site_label(url: str) -> str:
    """What a link to another site shows: the site, and the search it asks for if any.

    >>> site_label("https://beslissingenvlaamseregering.vlaanderen.be/?search=leningen&x=1")
    'beslissingenvlaamseregering.vlaanderen.be: zoekopdracht “leningen”'
    >>> site_label("https://www.vlaanderen.be/a/b/nota.pdf")
    'www.vlaanderen.be: nota.pdf'
    """
    parts = urlsplit(url)
    search = parse_qs(parts.query).get("search")
    if search and search[0].strip():
        return f"{parts.netloc}: zoekopdracht “{search[0].strip()}”"
    name = parts.path.rstrip("/").rsplit("/", 1)[-1]
    return f"{parts.netloc}: {name}" if name else parts.netloc


class DocumentViews(ViewCore):
    """Decision documents: as a project cites them, and their own page listing the citing
    projects."""

    # -- What a document is called ------------------------------------------------------------
    def citing_titles(self, d: str) -> list[str]:
        """The paragraphs citing ``d``, in project order."""
        r = self.r
        citations = sorted(r.subjects(DCT + "references", d),
                           key=lambda c: self._figures.get(r.owner(c) or "", {}).get("code", c))
        return [t for c in citations if (t := r.label(c))]

    def reference(self, d: str) -> VrReference | None:
        """``d``'s VR reference: its title when the mapping gave it one, else the first one
        named in a paragraph citing it alone."""
        r = self.r
        own = parse_reference(r.label(d)) if STUK in r.types(d) else None
        if own is not None:
            return own
        for c in r.subjects(DCT + "references", d):
            if len(r.iris(c, DCT + "references")) == 1:
                found = parse_reference(r.label(c))
                if found is not None:
                    return found
        return None

    def document_label(self, iri: str) -> str:
        if iri in self.external_documents:
            return site_label(iri)
        ref = self.reference(iri)
        if ref is not None:
            return f"{KINDS[ref.kind].capitalize()} {ref.text} (Vlaamse Regering, {date_nl(ref.meeting.isoformat())})"
        titles = self.citing_titles(iri)
        if titles:
            title = titles[0]
            return title if len(title) <= SHORT else title[:SHORT - 1].rstrip() + "…"
        return f"Document {self.r.text(iri, MU + 'uuid') or iri.rsplit('/', 1)[-1]}"

    def upload_date(self, d: str) -> str:
        """When the file was uploaded: the timestamp in its document-view id (not a decision
        date: a note of 5 March may carry 4 March)."""
        return date_nl(self.r.text(d, _V + "idTimestamp") or self.r.text(d, DCT + "created"))

    def citing_projects(self, d: str) -> dict[str, list[str]]:
        """The projects citing ``d``, each with its citing paragraphs."""
        r = self.r
        citing: dict[str, list[str]] = {}
        for c in r.subjects(DCT + "references", d):
            owner = r.owner(c)
            if owner:
                citing.setdefault(owner, []).append(c)
        for p in r.subjects(_V + "decisionDocument", d):
            citing.setdefault(p, [])
        return citing

    # -- As a project cites it ----------------------------------------------------------------
    def citation(self, c: str, links: Links, project: str | None = None) -> dict[str, Any]:
        r = self.r
        members = sorted(((int(p[len(RDF) + 1:]), o.value) for p, objs in r.props.get(c, {}).items()
                          if p.startswith(RDF + "_") and p[len(RDF) + 1:].isdigit()
                          for o in objs if isinstance(o, ox.NamedNode)))
        docs = [d for _, d in members] or r.iris(c, DCT + "references")
        refs = [lit.value for lit in r.objects(c, _V + "vrReference")]
        parsed = [x for x in (parse_reference(t) for t in refs or [r.label(c) or ""]) if x]
        return {**self.link(c, links), "title": r.label(c) or "", "references": refs,
                "meetings": sorted({date_nl(x.meeting.isoformat()) for x in parsed}),
                "documents": [self.document_ref(d, links, project) for d in dict.fromkeys(docs)],
                "line": self.line_link(r.text(c, _V + "sourceLine"), links)}

    def document_ref(self, d: str, links: Links, project: str | None = None) -> dict[str, Any]:
        """A cited document: our page of it, the page it stands for on its own site, the
        upload time, and how many other projects cite it."""
        r = self.r
        page = r.iris(d, FOAF + "page")
        ours = self.link(d, links)
        others = [p for p in self.citing_projects(d) if p != project]
        return {"iri": d, "href": ours["href"], "label": ours["label"],
                "url": page[0] if page else (d if d in self.external_documents else None),
                "uploaded": self.upload_date(d), "uuid": r.text(d, MU + "uuid"),
                "others": len(others)}

    # -- Its own page -------------------------------------------------------------------------
    def document(self, d: str, links: Links) -> dict[str, Any]:
        r = self.r
        citing = self.citing_projects(d)
        rows = []
        for p in sorted(citing, key=lambda p: self._figures.get(p, {}).get("code", p)):
            rows.append({**self.project_row(p, links),
                         "citations": [{"title": r.label(c) or "", **self.link(c, links)}
                                       for c in citing[p]]})
        ref = self.reference(d)
        titles = self.citing_titles(d)
        return {"document": self.document_ref(d, links), "citing": rows,
                "reference": ref.text if ref else None,
                "meeting": date_nl(ref.meeting.isoformat()) if ref else None,
                "recovery_meeting": bool(ref and ref.recovery_meeting),
                "kind_name": KINDS[ref.kind] if ref else None,
                "paragraph": titles[0] if titles else None, "site": None,
                "totals": self.project_table(list(citing), links)}

    def external_page(self, key: str, links: Links) -> Page | None:
        """The page of a cited document of another site, by its key; ``None`` if none has it."""
        iri = next((i for i, k in self.external_documents.items() if k == key), None)
        if iri is None:
            return None
        ctx = self.base_context(links, self.label(iri))
        ctx.update(self.document(iri, links), type_label="Document op een andere website",
                   page_kind="document", rows=self.rows(iri, links),
                   incoming=self.incoming_rows(iri, links), fragments=[], permalink=iri,
                   site=urlsplit(iri).netloc)
        return Page("document.html", ctx)
