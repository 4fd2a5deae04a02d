"""What every page says about itself (edition, licence, last change, permanent link, how to
cite, breadcrumbs, a schema.org type), and "Alle gegevens" with stated and inferred triples
apart: the /doc RDF gives what the report states unless the inferred triples are asked for.

Served with the entailments in their own named graph, as ``vvgraph serve`` loads them.
"""

from __future__ import annotations

import json
import re

import pyoxigraph as ox
import pytest
from pages_client import get

from vvgraph.config import Settings
from vvgraph.pipeline import BuildResult, inferred_graph
from vvgraph.server import create_app
from vvgraph.store import load_dataset

VV = "https://w3id.org/vlaamse-veerkracht/ns#"
ID = "https://w3id.org/vlaamse-veerkracht/id/"
LICENCE = "https://data.vlaanderen.be/id/licentie/modellicentie-gratis-hergebruik/v1.0"
LDJSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def app_with_inferences(settings: Settings, built: BuildResult) -> object:
    return create_app(settings, load_dataset([(None, built.nquads),
                                              (inferred_graph(built.edition_graph), built.inferred)]))


def triples(body: bytes) -> set[tuple[str, str, str]]:
    return {(t.subject.value, t.predicate.value, t.object.value)
            for t in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)}


def test_rdf_gives_the_stated_triples_unless_the_inferred_are_asked_for(
        app_with_inferences: object, built: BuildResult) -> None:
    milestone = f"{ID}project/VV001/mijlpaal/1"
    inferred = {(t.subject.value, t.predicate.value, t.object.value)
                for t in ox.parse(path=built.inferred) if t.subject.value == milestone}
    assert (milestone, VV + "milestoneOf", f"{ID}project/VV001") in inferred
    stated = triples(get(app_with_inferences, "/doc/project/VV001/mijlpaal/1.nt").content)
    asked = triples(get(app_with_inferences, "/doc/project/VV001/mijlpaal/1.nt?afgeleid=ja").content)
    dumped = {(q.subject.value, q.predicate.value, q.object.value)
              for q in ox.parse(path=built.nquads) if q.subject.value == milestone}
    assert stated & (inferred - dumped) == set()   # none of the entailments unasked
    assert (milestone, VV + "milestoneOf", f"{ID}project/VV001") not in stated
    assert inferred <= asked and stated <= asked
    page = get(app_with_inferences, "/doc/project/VV001/mijlpaal/1").text
    shown = page.split("<h3>Afgeleid</h3>", 1)[1].split("</table>", 1)[0]
    assert "vv:milestoneOf" in shown
    assert "vv:milestoneOf" not in page.split("<h3>Zoals het rapport het zegt</h3>", 1)[1].split("</table>", 1)[0]


@pytest.mark.parametrize("path", ["/doc/project/VV010", "/doc/project/VV001/mijlpaal/1",
                                  "/doc/persoon/jan-jambon", "/doc/stuk/60D57832364ED9000800048C",
                                  "/doc/concept/cluster/06"])
def test_every_resource_page_says_what_it_is_and_how_to_cite_it(app_with_inferences: object,
                                                                path: str) -> None:
    page = get(app_with_inferences, path).text
    about = page.split('<section class="about-page"', 1)[1].split("</section>", 1)[0]
    permalink = ID + path.removeprefix("/doc/")
    assert f'href="/id/{path.removeprefix("/doc/")}"><code class="iri">{permalink}</code>' in about
    assert f'href="{LICENCE}"' in about and "Modellicentie Gratis Hergebruik" in about
    assert "Laatst gewijzigd</dt><dd>1 juni 2022" in about
    cite = re.search(r"<cite>(.*?)</cite>", about).group(1)
    assert cite.startswith("Vlaamse Regering, Monitoringsrapport Vlaamse Veerkracht, meting van 1 juni 2022")
    assert cite.endswith(permalink)
    crumbs = page.split('<nav class="breadcrumbs"', 1)[1].split("</nav>", 1)[0]
    assert '<a href="/">Overzicht</a>' in crumbs
    if "/mijlpaal/" in path:
        assert 'href="/doc/project/VV001"' in crumbs and "Alle projecten" in crumbs
    for kind in ("turtle", "ld+json", "n-triples", "rdf+xml"):
        assert f'type="text/{kind}"' in page or f'type="application/{kind}"' in page


def test_every_page_has_a_schema_org_type_and_home_and_catalog_a_dataset(
        app_with_inferences: object) -> None:
    expected = {"/doc/project/VV010": "Project", "/doc/persoon/jan-jambon": "Person",
                "/doc/stuk/60D57832364ED9000800048C": "DigitalDocument",
                "/doc/conceptscheme/projectstatus": "DefinedTermSet", "/zoeken?q=x": "WebPage",
                "/bron/regels/2374-2600": "WebPage"}
    for path, kind in expected.items():
        blocks = [json.loads(b) for b in LDJSON.findall(get(app_with_inferences, path).text)]
        assert any(b.get("@context") == "https://schema.org" and b["@type"] == kind
                   for b in blocks), path
    for path in ("/", "/doc/catalogus"):
        blocks = [json.loads(b) for b in LDJSON.findall(get(app_with_inferences, path).text)]
        dataset = next(b for b in blocks if b.get("@type") == "Dataset")
        assert dataset["license"] == LICENCE and len(dataset["description"]) >= 50
        downloads = {d["contentUrl"].rsplit("/", 1)[-1] for d in dataset["distribution"]}
        assert {"vvgraph.ttl", "vvgraph.nt", "vvgraph.jsonld"} <= downloads


def test_the_catalog_page_lists_downloads_with_size_and_checksum(app_with_inferences: object,
                                                                 built: BuildResult) -> None:
    import hashlib

    page = get(app_with_inferences, "/doc/catalogus").text
    listing = get(app_with_inferences, "/dumps/").text
    for name in ("vvgraph.ttl", "vvgraph.nt"):
        data = (built.out_dir / name).read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        size = f"{len(data):,}".replace(",", ".") + " bytes"
        for html in (page, listing):
            row = html.split(f">{name}</a>", 1)[1].split("</tr>", 1)[0]
            assert digest in row and size in row, name
    assert "SPARQL 1.1-eindpunt" in page


def test_bullets_printed_in_a_description_are_a_list_and_nothing_is_lost(
        app_with_inferences: object, projects_by_id: dict[str, dict]) -> None:
    import html as html_lib

    description = projects_by_id["VV045"]["description"]
    page = get(app_with_inferences, "/doc/project/VV045").text
    section = page.split('id="beschrijving"', 1)[1].split("</section>", 1)[0]
    items = [html_lib.unescape(i) for i in re.findall(r"<li>(.*?)</li>", section.split('<ul class="bullets">', 1)[1])]
    assert sum(1 for i in items if i.startswith("Deelproject")) >= 2
    lead = html_lib.unescape(re.search(r'<p class="prose">(.*?)</p>', section, re.S).group(1))
    assert lead.endswith("deelprojecten:")
    assert " - ".join([lead, *items]) == description
