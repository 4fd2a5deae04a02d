"""Content negotiation: which of the media types a resource offers an ``Accept`` header prefers.

Used by the SPARQL endpoint (result formats) and the linked-data pages (HTML, Turtle, JSON-LD,
N-Triples, RDF/XML). RFC 9110 section 12.5.1: the most specific media range that matches an
offered type gives its quality; ``q=0`` refuses; among equal qualities the server's order wins.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class MediaRange:
    """One element of an ``Accept`` header, e.g. ``text/*;q=0.5``."""

    type: str
    subtype: str
    quality: float
    params: frozenset[tuple[str, str]] = frozenset()

    def matches(self, media_type: str) -> int | None:
        """How specifically this range matches ``media_type`` (higher is more specific), or
        ``None`` if it does not match."""
        base, params = split_media_type(media_type)
        kind, _, sub = base.partition("/")
        if self.type == "*":
            return 0
        if self.type != kind:
            return None
        if self.subtype == "*":
            return 1
        if self.subtype != sub:
            return None
        if self.params and not self.params <= params:
            return None
        return 2 + len(self.params)


def split_media_type(media_type: str) -> tuple[str, frozenset[tuple[str, str]]]:
    """A media type without its parameters, and the parameters, all lower-cased.

    >>> split_media_type('Application/SPARQL-Query; charset="UTF-8"')
    ('application/sparql-query', frozenset({('charset', 'utf-8')}))
    """
    head, *rest = media_type.split(";")
    params = set()
    for item in rest:
        name, sep, value = item.partition("=")
        if sep:
            params.add((name.strip().lower(), value.strip().strip('"').lower()))
    return head.strip().lower(), frozenset(params)


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an ``Accept`` header; malformed elements are skipped, as RFC 9110
    lets a server do rather than failing the request.

    >>> [(r.type, r.subtype, r.quality) for r in parse_accept("text/html, */*;q=0.1")]
    [('text', 'html', 1.0), ('*', '*', 0.1)]
    >>> parse_accept("nonsense, text/plain;q=x")
    []
    """
    ranges = []
    for element in (header or "").split(","):
        base, params = split_media_type(element)
        kind, slash, sub = base.partition("/")
        if not slash or not kind or not sub or (kind == "*" and sub != "*"):
            continue
        quality = 1.0
        other = set()
        for name, value in params:
            if name == "q":
                try:
                    quality = float(value)
                except ValueError:
                    break
                if not 0 <= quality <= 1:
                    break
            elif name != "charset":  # everything is served in UTF-8
                other.add((name, value))
        else:
            ranges.append(MediaRange(kind, sub, quality, frozenset(other)))
    return ranges


def quality(ranges: Sequence[MediaRange], media_type: str) -> float:
    """The quality the client gives ``media_type``: that of the most specific matching range."""
    best: tuple[int, float] | None = None
    for media_range in ranges:
        specificity = media_range.matches(media_type)
        if specificity is not None and (best is None or specificity > best[0]):
            best = (specificity, media_range.quality)
    return best[1] if best else 0.0


def negotiate(accept_header: str | None, offered: Sequence[str]) -> str | None:
    """The offered media type the client prefers, or ``None`` if it accepts none of them.

    No (or an empty or unusable) ``Accept`` header accepts anything: the first offer wins.

    >>> offered = ["application/sparql-results+json", "text/csv"]
    >>> negotiate("text/csv, application/json;q=0.9", offered)
    'text/csv'
    >>> negotiate("text/*;q=0.2, application/*;q=0.1", offered)
    'text/csv'
    >>> negotiate(None, offered)
    'application/sparql-results+json'
    >>> negotiate("text/csv;q=0, */*", offered)
    'application/sparql-results+json'
    >>> negotiate("image/png", offered) is None
    True
    """
    ranges = parse_accept(accept_header)
    if not ranges:
        return offered[0] if offered else None
    best, best_quality = None, 0.0
    for media_type in offered:
        q = quality(ranges, media_type)
        if q > best_quality:
            best, best_quality = media_type, q
    return best
