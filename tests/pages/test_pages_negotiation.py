"""Dereferencing and content negotiation over the whole report, in process.

The matrix: each resource type x each media type x (``/id/`` then 303, ``/doc/`` negotiated,
``/doc/...{ext}``), on three resources of each type (first, middle, last), the RDF parsed with
rdflib (a parser independent of the pyoxigraph serializer). The sweep: every subject of the
graph under ``{base}id/``: 303 then Turtle that describes it, and its HTML page.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef

from pages_client import fetch, get
from vvgraph.pipeline import BuildResult
from vvgraph.server.describe import MEDIA_TYPES
from vvgraph.server.pages import Site

BASE = "https://w3id.org/vlaamse-veerkracht/"
ID = BASE + "id/"
RDFLIB_FORMATS = {"text/turtle": "turtle", "application/ld+json": "json-ld",
                  "application/n-triples": "nt", "application/rdf+xml": "xml"}
# Every kind of resource the graph (and its DCAT catalog) has, by its most telling type.
TYPES = ["vv:Project", "vv:Milestone", "vv:OutputIndicator", "vv:DecisionCitation",
         "vv:ProjectLink", "vv:MonitoringReport", "schema:MonetaryAmount", "prov:Association",
         "dossier:Stuk", "person:Person", "org:Organization", "prov:Role", "skos:Concept",
         "skos:ConceptScheme", "time:ProperInterval", "time:Instant", "prov:Plan",
         "dcat:Catalog", "dcat:Distribution", "dcat:DataService", "dct:PeriodOfTime",
         "http://www.w3.org/2006/vcard/ns#Organization", "vv:VrDocumentName"]
MODES = ["id", "doc", "extension"]


def kind(site: Site, iri: str) -> str:
    curies = {site.views.curie(t) for t in site.resources.types(iri)}
    return next((t for t in TYPES if t in curies), "untyped")


@pytest.fixture(scope="module")
def strata(site: Site) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for iri in site.resources.resources:
        groups[kind(site, iri)].append(iri)
    return {k: list(dict.fromkeys([v[0], v[len(v) // 2], v[-1]])) for k, v in groups.items()}


def describes(data: bytes, media_type: str, iri: str) -> bool:
    g = Graph().parse(data=data, format=RDFLIB_FORMATS[media_type])
    node = URIRef(iri)
    return (node, None, None) in g or (None, None, node) in g


def test_every_resource_has_a_type_the_matrix_covers(strata: dict[str, list[str]]) -> None:
    assert set(strata) == set(TYPES)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's JSON-LD parser
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("media_type", list(MEDIA_TYPES))
@pytest.mark.parametrize("type_", TYPES)
def test_negotiation_matrix(pages_app: object, strata: dict[str, list[str]], type_: str,
                            media_type: str, mode: str) -> None:
    ext = MEDIA_TYPES[media_type]
    for iri in strata[type_]:
        rest = iri[len(ID):]
        if mode == "id":
            r = get(pages_app, f"/id/{rest}", media_type)
            assert r.status_code == 303, iri
            assert r.headers["location"] == f"/doc/{rest}"
            r = get(pages_app, r.headers["location"], media_type)
        elif mode == "doc":
            r = get(pages_app, f"/doc/{rest}", media_type)
        else:  # the extension wins over whatever the client accepts
            r = get(pages_app, f"/doc/{rest}.{ext}", "text/html;q=0.1, image/png")
        assert r.status_code == 200, (iri, mode, media_type)
        assert r.headers["content-type"].split(";")[0] == media_type
        assert "Accept" in r.headers["vary"]
        if mode != "extension":
            assert r.headers["content-location"] == f"/doc/{rest}.{ext}"
        if media_type == "text/html":
            html = r.text
            assert f'<code class="iri">{iri}</code>' in html
            assert f'<link rel="alternate" type="text/turtle" href="/doc/{rest}.ttl"' in html
            embedded = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
            assert embedded, iri
            graph = ox.parse(embedded.group(1).encode(), format=ox.RdfFormat.JSON_LD)
            assert ox.NamedNode(iri) in {term for t in graph for term in (t.subject, t.object)}
        else:
            assert describes(r.content, media_type, iri), (iri, mode, media_type)


def test_every_subject_dereferences_to_turtle_and_html(pages_app: object, built: BuildResult,
                                                       site: Site) -> None:
    """Acceptance: each subject URI under /id/ answers 303, then 200 with RDF that parses and
    describes it (Turtle, parsed by pyoxigraph), and 200 with its HTML page."""
    subjects = sorted({q.subject.value for q in ox.parse(path=built.nquads)
                       if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(ID)})
    assert len(subjects) > 5000
    paths = sorted({s[len(ID):].split("#")[0] for s in subjects})
    redirects = fetch(pages_app, [(f"/id/{p}", {"accept": "text/turtle"}) for p in paths])
    assert [r.status_code for r in redirects] == [303] * len(paths)
    assert [r.headers["location"] for r in redirects] == [f"/doc/{p}" for p in paths]
    turtle = dict(zip(paths, fetch(pages_app, [(f"/doc/{p}", {"accept": "text/turtle"})
                                               for p in paths])))
    for s in subjects:
        r = turtle[s[len(ID):].split("#")[0]]
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
        parsed = {t.subject.value for t in ox.parse(r.content, format=ox.RdfFormat.TURTLE)}
        assert s in parsed, s
    pages = fetch(pages_app, [(f"/doc/{p}", {"accept": "text/html"}) for p in paths])
    for p, r in zip(paths, pages):
        assert r.status_code == 200 and f'<code class="iri">{ID}{p}</code>' in r.text, p


def test_unacceptable_types_get_406_listing_the_formats(pages_app: object) -> None:
    r = get(pages_app, "/doc/project/VV001", "image/png")
    assert r.status_code == 406
    assert all(m in r.text for m in MEDIA_TYPES)


def test_no_accept_header_gets_html_and_rdf_clients_get_rdf(pages_app: object) -> None:
    assert get(pages_app, "/doc/project/VV001").headers["content-type"].startswith("text/html")
    r = get(pages_app, "/doc/project/VV001", "application/rdf+xml;q=0.9, text/turtle;q=0.5")
    assert r.headers["content-type"].startswith("application/rdf+xml")
    r = get(pages_app, "/doc/project/VV001", "application/json")
    assert r.headers["content-type"] == "application/ld+json" and "@context" in r.json()
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    assert get(pages_app, "/doc/project/VV001", browser).headers["content-type"].startswith("text/html")


@pytest.mark.parametrize("path", ["/id/project/VV999", "/doc/project/VV999",
                                  "/doc/project/VV001/mijlpaal/99", "/id/", "/doc/project/VV001.png",
                                  "/ns.png", "/bron/other.txt", "/dumps/%2e%2e/%2e%2e/etc/passwd",
                                  "/dumps/missing.ttl", "/static/nothing.css"])
def test_unknown_uris_get_a_404_page_that_helps(pages_app: object, path: str) -> None:
    r = get(pages_app, path, "text/html")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert 'action="/zoeken"' in r.text and 'href="/"' in r.text


def test_404_suggests_what_the_path_resembles(pages_app: object) -> None:
    r = get(pages_app, "/doc/project/vv0010", "text/html")
    assert r.status_code == 404
    r = get(pages_app, "/id/project/VV01", "text/html")
    assert "Bedoelde u" in r.text and "/doc/project/VV010" in r.text


def test_404_for_a_machine_is_plain_text(pages_app: object) -> None:
    r = get(pages_app, "/id/project/VV999", "text/turtle")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/plain")


def test_head_conditional_get_and_link_header(pages_app: object) -> None:
    first = get(pages_app, "/doc/project/VV010", "text/turtle")
    etag = first.headers["etag"]
    assert '</doc/project/VV010.jsonld>; rel="alternate"; type="application/ld+json"' in \
        first.headers["link"]
    again = get(pages_app, "/doc/project/VV010", "text/turtle", if_none_match=etag)
    assert again.status_code == 304
    other = get(pages_app, "/doc/project/VV010", "text/html", if_none_match=etag)
    assert other.status_code == 200
    head = fetch(pages_app, [("/doc/project/VV010", {"accept": "text/turtle"})], method="HEAD")[0]
    assert head.status_code == 200 and head.content == b"" and head.headers["etag"] == etag


def test_the_ontology_at_ns(pages_app: object, site: Site) -> None:
    assert site.ontology_path is not None
    html = get(pages_app, "/ns", "text/html")
    assert html.status_code == 200 and 'id="Project"' in html.text and 'id="milestone"' in html.text
    turtle = get(pages_app, "/ns", "text/turtle")
    assert turtle.content == site.ontology_path.read_bytes()
    assert "Accept" in turtle.headers["vary"].split(", ")
    for media_type in ("application/ld+json", "application/n-triples", "application/rdf+xml"):
        r = get(pages_app, f"/ns.{MEDIA_TYPES[media_type]}")
        assert r.headers["content-type"].split(";")[0] == media_type
        assert len(list(ox.parse(r.content, format=ox.RdfFormat.from_media_type(media_type)))) > 100


def test_the_report_text_dumps_context_and_catalog(pages_app: object, built: BuildResult) -> None:
    r = get(pages_app, "/bron/monitoringsrapport-2022-06-01.txt")
    assert r.headers["content-type"] == "text/plain; charset=utf-8" and "VV010" in r.text
    r = get(pages_app, "/dumps/vvgraph.ttl")
    assert r.headers["content-type"].startswith("text/turtle")
    assert r.content == (built.out_dir / "vvgraph.ttl").read_bytes()
    assert get(pages_app, "/dumps/ontology/vv.ttl").status_code == 200
    assert get(pages_app, "/context.jsonld").json()["@context"]["vv"] == BASE + "ns#"
    r = get(pages_app, "/catalog")
    assert r.status_code == 303 and r.headers["location"] == "/doc/catalogus"


def test_search_finds_projects_documents_and_people(pages_app: object) -> None:
    r = get(pages_app, "/zoeken?q=VV010")
    first = re.search(r'<ol class="hits[^"]*">\s*<li><span class="kind">(\w+)</span> <a href="([^"]+)"',
                      r.text)
    assert first and first.groups() == ("Project", "/doc/project/VV010")
    assert "/doc/persoon/matthias-diependaele" in get(pages_app, "/zoeken?q=diependaele").text
    # a decision document is found by the words of the titles that cite it, accents folded
    r = get(pages_app, "/zoeken?q=Sociale+Woningbouw+25+juni")
    assert "/doc/stuk/60D57832364ED9000800048C" in r.text
    assert "/doc/organisatie/departement-financien-en-begroting" in \
        get(pages_app, "/zoeken?q=Financiën").text
