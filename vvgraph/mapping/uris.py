"""One URI function per concept, all under one configurable base (Flemish URI standard).

Things live under ``{base}id/``, documents about them under ``{base}doc/``. Identifiers come
from the report itself (project codes, document-view ids, row numbers) or from a slug of a
name, so the same input gives the same URIs on every run.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rdflib import URIRef

DOCUMENT_VIEW = re.compile(r"^https://beslissingenvlaamseregering\.vlaanderen\.be/document-view/"
                           r"([0-9A-Za-z-]+)$")
QUARTER = re.compile(r"^(\d{4}) Q([1-4])$")


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens.

    >>> slug("Departement Financiën en Begroting")
    'departement-financien-en-begroting'
    >>> slug("Flanders Investment & Trade")
    'flanders-investment-trade'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def document_view_id(url: str) -> str | None:
    """The Themis ``mu:uuid`` of a beslissingenvlaamseregering document-view link, else None.

    >>> document_view_id("https://beslissingenvlaamseregering.vlaanderen.be/document-view/601CF5D46B34EF000800006F")
    '601CF5D46B34EF000800006F'
    >>> document_view_id("https://beslissingenvlaamseregering.vlaanderen.be/?search=corda") is None
    True
    """
    m = DOCUMENT_VIEW.match(url)
    return m.group(1) if m else None


def quarter_key(timing: str | None) -> str | None:
    """"2022 Q4" -> "2022-Q4"; anything else (empty, "Nog te bepalen") has no quarter.

    >>> quarter_key("2022 Q4"), quarter_key("Nog te bepalen")
    ('2022-Q4', None)
    """
    m = QUARTER.match(timing or "")
    return f"{m.group(1)}-Q{m.group(2)}" if m else None


@dataclass(frozen=True, slots=True)
class Uris:
    base: str

    def _id(self, path: str) -> URIRef:
        return URIRef(f"{self.base}id/{path}")

    def edition(self, measured_on: str) -> URIRef:
        return self._id(f"rapport/{measured_on}")

    def source_file(self, name: str) -> URIRef:
        return URIRef(f"{self.base}bron/{name}")

    def plan(self) -> URIRef:
        return self._id("plan/vlaamse-veerkracht")

    def project(self, code: str) -> URIRef:
        return self._id(f"project/{code}")

    def milestone(self, code: str, n: int) -> URIRef:
        return self._id(f"project/{code}/mijlpaal/{n}")

    def indicator(self, code: str, n: int) -> URIRef:
        return self._id(f"project/{code}/indicator/{n}")

    def citation(self, code: str, n: int) -> URIRef:
        return self._id(f"project/{code}/beslissing/{n}")

    def project_link(self, code: str, n: int) -> URIRef:
        return self._id(f"project/{code}/koppeling/{n}")

    def association(self, code: str, role: str, n: int) -> URIRef:
        return self._id(f"project/{code}/rol/{role}/{n}")

    def amount(self, code: str, kind: str) -> URIRef:
        return self._id(f"project/{code}/bedrag/{kind}")

    def person(self, name: str) -> URIRef:
        return self._id(f"persoon/{slug(name)}")

    def organisation(self, name: str) -> URIRef:
        return self._id(f"organisatie/{slug(name)}")

    def document(self, url: str) -> URIRef:
        """A document-view link names a Themis Stuk we can mint a URI for; any other link
        (a search page, a PDF elsewhere) is its own identifier."""
        uuid = document_view_id(url)
        return self._id(f"stuk/{uuid}") if uuid else URIRef(url)

    def scheme(self, name: str) -> URIRef:
        return self._id(f"conceptscheme/{name}")

    def concept(self, scheme: str, code: str) -> URIRef:
        return self._id(f"concept/{scheme}/{code}")

    def quarter(self, key: str) -> URIRef:
        return self._id(f"kwartaal/{key}")

    def day(self, iso: str) -> URIRef:
        return self._id(f"dag/{iso}")

    def doc(self, thing: URIRef) -> str:
        """The ``/doc/`` page of an ``/id/`` thing."""
        return str(thing).replace(f"{self.base}id/", f"{self.base}doc/", 1)
