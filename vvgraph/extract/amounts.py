"""Euro amounts as the report prints them: "." for thousands, "," for decimals, "EUR" after.

>>> parse_eur("23.000.000 EUR")
23000000
>>> parse_eur("0 EUR")
0
>>> parse_eur("ongeveer 5 miljoen") is None
True
"""

from __future__ import annotations

import re

AMOUNT = re.compile(r"^(?:€\s*)?(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?\s*(?:EUR|euro|€)$", re.IGNORECASE)


def parse_eur(text: str | None) -> int | None:
    """The amount in whole euro when ``text`` is exactly one amount, else None.

    Cents other than zero would not fit an integer field; such a text is not a whole amount
    and yields None rather than a rounded value.
    """
    if text is None:
        return None
    m = AMOUNT.match(text.strip())
    if m is None:
        return None
    cents = m.group(2)
    if cents and int(cents) != 0:
        return None
    return int(m.group(1).replace(".", ""))
