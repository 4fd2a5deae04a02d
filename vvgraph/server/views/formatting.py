"""Values as a Dutch reader expects them: numbers, amounts, dates; and text made safe for
search and for a ``<script>`` element."""

from __future__ import annotations

import json
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from markupsafe import Markup

from ..describe import Resources
from .vocabulary import _HEX, MONTHS, SCHEMA

# -- Formatting ----------------------------------------------------------------------------------

def decimal(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def number_nl(value: Decimal | int | float | None, places: int = 0) -> str:
    """Dutch notation: "." groups thousands, "," is the decimal mark.

    >>> number_nl(Decimal("1234567.5"), 2), number_nl(5000000), number_nl(None)
    ('1.234.567,50', '5.000.000', '')
    """
    if value is None:
        return ""
    text = f"{value:,.{places}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def eur(value: Decimal | int | None) -> str:
    """>>> eur(Decimal("23000000"))
    '23.000.000 EUR'
    """
    return "" if value is None else f"{number_nl(value)} EUR"


def date_nl(text: str | None) -> str:
    """An ``xsd:date`` or ``xsd:dateTime`` as Dutch prose.

    >>> date_nl("2021-06-25T06:31:14Z"), date_nl("2022-06-01"), date_nl("x")
    ('25 juni 2021', '1 juni 2022', 'x')
    """
    if not text:
        return ""
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text)
    if not m or not 1 <= int(m.group(2)) <= 12:
        return text
    return f"{int(m.group(3))} {MONTHS[int(m.group(2)) - 1]} {m.group(1)}"


def colour(text: str | None) -> str | None:
    """A colour code fit for a ``style`` attribute: ``#rrggbb`` only.

    >>> colour("#2e7d32"), colour("red;background:url(x)")
    ('#2e7d32', None)
    """
    return text if text and _HEX.match(text) else None


def percent(part: Decimal | int | float, whole: Decimal | int | float) -> float:
    """``part`` as a share of ``whole`` in percent, between 0 and 100, for a bar's width."""
    if not whole or part is None or part <= 0:
        return 0.0
    return round(min(100.0, float(part) * 100.0 / float(whole)), 2)


def fold(text: str) -> str:
    """Case- and accent-insensitive form for search.

    >>> fold("Financiën ÉN Begroting")
    'financien en begroting'
    """
    plain = unicodedata.normalize("NFKD", text)
    return "".join(c for c in plain if not unicodedata.combining(c)).casefold()


def script_json(data: Any) -> Markup:
    """JSON safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` survive unescaped, so
    text such as ``</script>`` in the data cannot end the element."""
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def position_of(r: Resources, iri: str) -> int:
    value = r.text(iri, SCHEMA + "position")
    return int(value) if value and value.isdigit() else 0


def natural_key(text: str) -> tuple[Any, ...]:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text))




# A bullet the report prints inside a paragraph: " - " after a colon or a sentence's end, before
# a capital, a digit or a quote ("... deelprojecten: - Deelproject "VIA6": ...").
_BULLET = re.compile(r"(?<=[:.;!?])\s+[-–•]\s+(?=[A-Z0-9\"“'‘])")


def blocks(text: str | None) -> list[dict[str, Any]]:
    """Prose as a paragraph followed by the bullets the report printed in it (the text comes
    with its line breaks joined, so the bullets are found by their dashes).

    >>> [(b["kind"], b["text"]) for b in blocks('Drie delen: - Deelproject "A": x. - Deelproject B')]
    [('p', 'Drie delen:'), ('ul', None)]
    >>> blocks('Deel A: - Deelproject "A": x. - B')[1]["items"]
    ['Deelproject "A": x.', 'B']
    >>> blocks("Een zin - met een streepje."), blocks(None)
    ([{'kind': 'p', 'text': 'Een zin - met een streepje.', 'items': []}], [])
    """
    if not text:
        return []
    head, *bullets = _BULLET.split(text)
    out = [{"kind": "p", "text": head, "items": []}]
    if bullets:
        out.append({"kind": "ul", "text": None, "items": bullets})
    return out
