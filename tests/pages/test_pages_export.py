"""The static export of the whole report: a link checker over every page, a page and four RDF
documents for every resource of the graph, and a site that needs no server."""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote

import pyoxigraph as ox

from vvgraph.pipeline import BuildResult
from vvgraph.server.describe import MEDIA_TYPES, RDF_MEDIA_TYPES

ID = "https://w3id.org/vlaamse-veerkracht/id/"
LINK = re.compile(r'\b(?:href|src)="([^"]*)"')
ANCHOR = re.compile(r'\bid="([^"]*)"')
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def test_no_broken_internal_links(static_site: Path) -> None:
    """Every href and src of every page leads to a file of the export (and an anchor in it);
    none is an absolute path, which would break on file:// and under a sub-path."""
    files = {p.relative_to(static_site).as_posix() for p in static_site.rglob("*") if p.is_file()}
    pages = sorted(f for f in files if f.endswith(".html"))
    anchors = {}
    links: list[tuple[str, str]] = []
    for name in pages:
        text = (static_site / name).read_text(encoding="utf-8")
        anchors[name] = set(ANCHOR.findall(text))
        links.extend((name, html.unescape(raw)) for raw in LINK.findall(text))
    broken = []
    checked = 0
    for name, url in links:
        if SCHEME.match(url):
            assert url.startswith(("http://", "https://")), (name, url)
            continue
        checked += 1
        if url.startswith("/"):
            broken.append(f"{name}: {url} (absolute path)")
            continue
        path, _, fragment = url.partition("#")
        target = posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(path.split("?")[0]))) \
            if path else name
        if target not in files:
            broken.append(f"{name}: {url}")
        elif fragment and target.endswith(".html") and unquote(fragment) not in anchors[target]:
            broken.append(f"{name}: {url} (no such anchor)")
    assert len(pages) > 5000 and checked > 100_000
    assert broken == []


def test_every_resource_of_the_graph_has_a_page_and_its_rdf(static_site: Path,
                                                            built: BuildResult) -> None:
    iris = set()
    for q in ox.parse(path=built.nquads):
        for term in (q.subject, q.object):
            if isinstance(term, ox.NamedNode) and term.value.startswith(ID):
                iris.add(term.value.split("#")[0])
    assert len(iris) > 5000
    missing = [iri for iri in sorted(iris) for ext in MEDIA_TYPES.values()
               if not (static_site / "doc" / f"{iri[len(ID):]}.{ext}").is_file()]
    assert missing == []


def test_every_rdf_document_parses_and_describes_its_resource(static_site: Path) -> None:
    """The JSON-LD, N-Triples and RDF/XML of every page (Turtle is read over HTTP elsewhere)."""
    formats = {MEDIA_TYPES[m]: ox.RdfFormat.from_media_type(m) for m in RDF_MEDIA_TYPES
               if m != "text/turtle"}
    count = 0
    for page in (static_site / "doc").rglob("*.html"):
        iri = ID + page.relative_to(static_site / "doc").with_suffix("").as_posix()
        for ext, fmt in formats.items():
            terms = set()
            for t in ox.parse(path=page.with_name(f"{page.stem}.{ext}"), format=fmt):
                terms.update((t.subject, t.object))
            assert ox.NamedNode(iri) in terms, (iri, ext)
            count += 1
    assert count > 15_000


def test_the_export_needs_no_server(static_site: Path) -> None:
    for name in ("index.html", "zoeken.html", "404.html", "ns.html", "ns.ttl", "context.jsonld",
                 "static/style.css", "static/zoeken.js", "static/zoekindex.js",
                 "bron/monitoringsrapport-2022-06-01.txt", "dumps/vvgraph.ttl", "dumps/catalog.ttl"):
        assert (static_site / name).is_file(), name
    index = (static_site / "static" / "zoekindex.js").read_text(encoding="utf-8")
    assert index.startswith("window.VV_ZOEKINDEX = [") and '"doc/project/VV010.html"' in index
    home = (static_site / "index.html").read_text(encoding="utf-8")
    assert 'action="zoeken.html"' in home and 'href="/sparql"' not in home
    page = (static_site / "doc" / "project" / "VV010.html").read_text(encoding="utf-8")
    assert 'href="../../static/style.css"' in page
    assert '<link rel="alternate" type="text/turtle" href="../../doc/project/VV010.ttl"' in page
