"""Choosing a media type: the general ``negotiate`` and the endpoint's format rules."""

from __future__ import annotations

import pytest

from vvgraph.server.negotiation import negotiate
from vvgraph.server.sparql import NotAcceptable, Operation, answer_type

PAGES = ["text/html", "text/turtle", "application/ld+json", "application/n-triples",
         "application/rdf+xml"]


@pytest.mark.parametrize("accept, expected", [
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html"),
    ("application/ld+json", "application/ld+json"),
    ("text/*;q=0.5, text/turtle", "text/turtle"),
    ("text/*, text/html;q=0", "text/turtle"),            # the specific range refuses html
    ("TEXT/Turtle; charset=UTF-8", "text/turtle"),
    ("application/n-triples;q=0.4, application/rdf+xml;q=0.6", "application/rdf+xml"),
    ("*/*;q=0.1, application/n-triples;q=0.2", "application/n-triples"),
    ("", "text/html"),
    ("text/turtle;q=abc", "text/html"),                  # a malformed range counts as absent
    ("image/png, audio/*", None),
])
def test_negotiate(accept: str, expected: str | None) -> None:
    assert negotiate(accept, PAGES) == expected


def test_negotiate_respects_media_type_parameters() -> None:
    offered = ["text/html;profile=a", "text/html;profile=b"]
    assert negotiate('text/html;profile="b"', offered) == "text/html;profile=b"


def _op(*formats: str) -> Operation:
    return Operation("SELECT * {}", None, None, formats)


@pytest.mark.parametrize("formats, keyword, expected", [
    (("json",), "SELECT", "application/sparql-results+json"),
    (("json",), "CONSTRUCT", "application/ld+json"),
    (("xml",), "ASK", "application/sparql-results+xml"),
    (("xml",), "DESCRIBE", "application/rdf+xml"),
    (("tsv", "text/tab-separated-values"), "SELECT", "text/tab-separated-values"),  # SPARQLWrapper
    (("rdf+xml", "application/rdf+xml"), "CONSTRUCT", "application/rdf+xml"),
    (("text/turtle",), "CONSTRUCT", "text/turtle"),
    (("application/json",), "SELECT", "application/sparql-results+json"),
])
def test_format_parameter(formats: tuple[str, ...], keyword: str, expected: str) -> None:
    assert answer_type(_op(*formats), keyword, "text/csv") == expected


def test_format_parameter_that_fits_nothing() -> None:
    with pytest.raises(NotAcceptable, match="format=turtle does not fit .* SELECT query"):
        answer_type(_op("turtle"), "SELECT", None)


@pytest.mark.parametrize("accept, keyword, expected", [
    (None, "SELECT", "application/sparql-results+json"),
    (None, "CONSTRUCT", "text/turtle"),
    ("application/xml", "ASK", "application/sparql-results+xml"),
    ("application/xml", "DESCRIBE", "application/rdf+xml"),
    ("text/plain", "CONSTRUCT", "application/n-triples"),
    ("application/sparql-results+json, */*;q=0.1", "CONSTRUCT", "text/turtle"),
])
def test_accept(accept: str | None, keyword: str, expected: str) -> None:
    assert answer_type(_op(), keyword, accept) == expected
