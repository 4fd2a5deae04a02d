"""The graph as files: one serialisation per format, all from the same sorted triples.

Sorting once and letting pyoxigraph write in that order makes two builds of the same input
byte-identical, and keeps the whole write under a second.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from . import jsonld
from .terms import as_quads


@dataclass(frozen=True, slots=True)
class Dump:
    """One distribution of the dataset: its file name, media type and EU file-type code."""

    name: str
    media_type: str
    file_type: str  # http://publications.europa.eu/resource/authority/file-type/{code}
    title: str


DUMPS: tuple[Dump, ...] = (
    Dump("vvgraph.ttl", "text/turtle", "RDF_TURTLE", "Turtle"),
    Dump("vvgraph.nt", "application/n-triples", "RDF_N_TRIPLES", "N-Triples (gesorteerd)"),
    Dump("vvgraph.jsonld", "application/ld+json", "JSON_LD", "JSON-LD"),
    Dump("vvgraph.rdf", "application/rdf+xml", "RDF_XML", "RDF/XML"),
    Dump("vvgraph.trig", "application/trig", "RDF_TRIG", "TriG (met de benoemde graaf van de editie)"),
    Dump("vvgraph.nq", "application/n-quads", "RDF_N_QUADS", "N-Quads (met de benoemde graaf van de editie)"),
)


def _sorted_lines(data: bytes) -> bytes:
    return b"".join(sorted(data.splitlines(keepends=True)))


def serialize(triples: list[ox.Triple], fmt: str, prefixes: dict[str, str], graph_name: str) -> bytes:
    """One dump's bytes. ``fmt`` is a file extension of ``DUMPS``."""
    if fmt == "ttl":
        return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    if fmt == "nt":
        return _sorted_lines(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))
    if fmt == "rdf":
        return ox.serialize(triples, format=ox.RdfFormat.RDF_XML, prefixes=prefixes)
    if fmt == "jsonld":
        return jsonld.dumps(triples, prefixes).encode()
    quads = as_quads(triples, graph_name)
    if fmt == "trig":
        return ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=prefixes)
    if fmt == "nq":
        return _sorted_lines(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    raise ValueError(f"unknown dump format {fmt!r}")


def write_dumps(triples: list[ox.Triple], out_dir: Path, prefixes: dict[str, str],
                graph_name: str) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for d in DUMPS:
        path = out_dir / d.name
        path.write_bytes(serialize(triples, d.name.rsplit(".", 1)[1], prefixes, graph_name))
        written.append(path)
    return written
