"""Numbers in table cells, as the report prints them: "." groups thousands, "," is the decimal
mark, a space may group thousands too ("202 000"), rates end in "%".

Only a cell that is a number and nothing else gets a numeric value; "1.442.857 m²" or
"Stijging tov. maart 2020 ..." keep their text only, because a number without its unit or
context would be a different fact.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from decimal import Decimal

_NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{3})+|\d{1,3}(?: \d{3})+|\d+)(,\d+)?$")
_RATE = re.compile(r"^(.*?)\s?%$")
VR_REFERENCE = re.compile(r"VR \d{4} \d{4}(?: VV)? (?:DOC|DEC|MED)\.\d+(?:/\d+)?(?:[A-Z]{3,})?")


def number_value(text: str | None) -> Decimal | None:
    """
    >>> number_value("1.650.000"), number_value("74,032"), number_value("202 000")
    (Decimal('1650000'), Decimal('74.032'), Decimal('202000'))
    >>> number_value("1.442.857 m²") is None, number_value("12.34") is None
    (True, True)
    """
    m = _NUMBER.match((text or "").strip())
    if not m:
        return None
    whole = m.group(1).replace(".", "").replace(" ", "")
    return Decimal(whole + (("." + m.group(2)[1:]) if m.group(2) else ""))


def rate_value(text: str | None) -> Decimal | None:
    """A realisation rate in percent.

    >>> rate_value("7,2 %"), rate_value("100%"), rate_value("veel")
    (Decimal('7.2'), Decimal('100'), None)
    """
    m = _RATE.match((text or "").strip())
    return number_value(m.group(1)) if m else None


def object_id_time(uuid: str) -> datetime | None:
    """The creation time in a 24-hex MongoDB-style object id (first 4 bytes: Unix seconds).

    Themis mints its document ids this way, so the id dates the document; GUIDs carry no time.

    >>> object_id_time("601CF5D46B34EF000800006F").isoformat()
    '2021-02-05T07:37:56+00:00'
    >>> object_id_time("52b25ff6-dec1-11e9-aa72-0242c0a80002") is None
    True
    """
    if not re.fullmatch(r"[0-9A-Fa-f]{24}", uuid):
        return None
    return datetime.fromtimestamp(int(uuid[:8], 16), tz=timezone.utc)
