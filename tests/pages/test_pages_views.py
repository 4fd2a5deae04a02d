"""What the pages show, checked against the records: the view contexts for every project,
document, minister and cluster; the home page's totals; links under another base; and a title
carrying a script, which must stay text."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from decimal import Decimal

import pytest

from vvgraph.config import Settings
from vvgraph.export.terms import sorted_triples
from vvgraph.mapping.graph import load_concepts, map_report
from vvgraph.mapping.uris import Uris, document_view_id
from vvgraph.records import Report
from vvgraph.server.pages import Site
from vvgraph.server.views import Links, static_links

ID = "https://w3id.org/vlaamse-veerkracht/id/"
SCRIPT = "<script>alert(1)</script>"
LINKS = Links("https://w3id.org/vlaamse-veerkracht/")


def small_site(report: Report, codes: tuple[str, ...], base: str = "https://w3id.org/vlaamse-veerkracht/",
               retitle: dict[str, str] | None = None) -> Site:
    """A site over a few projects of the report, some retitled."""
    projects = tuple(dataclasses.replace(p, title=(retitle or {}).get(p.id, p.title))
                     for p in report.projects if p.id in codes)
    settings = Settings(base=base)
    graph = map_report(dataclasses.replace(report, projects=projects), Uris(base),
                       load_concepts(settings.ontology_dir, base))
    return Site.build(settings, sorted_triples(graph), None)


def test_every_project_page_says_what_its_sheet_says(site: Site, report: Report) -> None:
    views = site.views
    for p in report.projects:
        page = views.resource(f"{ID}project/{p.id}", LINKS)
        ctx = page.context
        assert page.template == "project.html"
        assert (ctx["code"], ctx["project_title"]) == (p.id, p.title)
        assert [a["label"] for a in ctx["agents"][0]["agents"]] == list(p.ministers)
        assert [a["label"] for a in ctx["agents"][1]["agents"]] == list(p.lead_entities)
        assert [a["label"] for a in ctx["agents"][2]["agents"]] == list(p.involved_entities)
        assert (ctx["status"]["label"] if ctx["status"] else None) == p.status
        assert [(m["title"], m["timing"], m["status"]["label"] if m["status"] else None,
                 m["description"]) for m in ctx["milestones"]] == \
            [(m.name, m.timing, m.status, m.description) for m in p.milestones]
        assert [(i["title"], i["target"], i["realisation"], i["rate"]) for i in ctx["indicators"]] == \
            [(i.indicator, i.target, i.realisation, i.rate) for i in p.indicators]
        f = p.financing
        assert [b["amount"] for b in ctx["budget"]] == [
            None if v is None else Decimal(v) for v in (f.budget, f.budget_update, f.vak, f.vek)]
        assert [o["amount"] for o in ctx["origins"]] == [
            None if v is None else Decimal(v) for v in (f.eu_recovery_fund, f.brexit_fund, f.react_eu,
                                                         f.flemish_recovery, f.flemish_regular)]
        assert [d["title"] for d in ctx["decisions"]] == [d.title for d in p.decisions]
        for d, shown in zip(p.decisions, ctx["decisions"]):
            for url, doc in zip(d.urls, shown["documents"]):
                assert doc["url"] == url
                if document_view_id(url):
                    assert doc["href"] == f"/doc/stuk/{document_view_id(url)}"
                else:   # another site's page: a page of ours lists who cites it
                    assert doc["href"].startswith("/verwijzing/"), (p.id, url)
        assert [x["code"] for x in ctx["linked"]] == list(dict.fromkeys(p.linked_projects))
        assert (ctx["source"]["first"], ctx["source"]["last"]) == (
            p.source.first_line, p.source.last_line)
        assert ctx["source"]["href"] == f"/bron/regels/{p.source.first_line}-{p.source.last_line}"


def test_a_document_page_lists_every_project_citing_it(site: Site, report: Report) -> None:
    citing: dict[str, set[str]] = {}
    for p in report.projects:
        for d in p.decisions:
            for url in d.urls:
                if (uuid := document_view_id(url)) is not None:
                    citing.setdefault(uuid, set()).add(p.id)
    assert len(citing) > 300
    for uuid, codes in citing.items():
        page = site.views.resource(f"{ID}stuk/{uuid}", LINKS)
        assert page.template == "document.html"
        assert {row["code"] for row in page.context["citing"]} == codes, uuid
        assert page.context["document"]["uploaded"] or len(uuid) != 24


def test_minister_and_cluster_pages_list_their_projects_with_totals(site: Site,
                                                                    report: Report) -> None:
    by_minister: dict[str, set[str]] = {}
    for p in report.projects:
        for name in p.ministers:
            by_minister.setdefault(name, set()).add(p.id)
    for iri in site.resources.of_type("http://www.w3.org/ns/person#Person"):
        page = site.views.resource(iri, LINKS)
        assert page.template == "agent.html"
        table = page.context["projects"]
        assert {r["code"] for r in table["rows"]} == by_minister[page.context["name"]]
        assert table["count"] == len(table["rows"])
    for c in report.clusters:
        page = site.views.resource(f"{ID}concept/cluster/{c.number:02d}", LINKS)
        members = [p for p in report.projects if p.cluster.number == c.number]
        table = page.context["projects"]
        assert page.template == "concept.html" and table["count"] == len(members)
        assert table["recovery"] == sum(p.financing.recovery_total for p in members)
        assert sum(s["count"] for s in table["statuses"]) == sum(1 for p in members if p.status)


def test_home_totals_match_the_records(site: Site, report: Report) -> None:
    ctx = site.views.home(LINKS).context
    assert ctx["counts"]["projects"] == 180
    assert ctx["recovery_total"] == sum(p.financing.recovery_total for p in report.projects)
    assert 4.2e9 < ctx["recovery_total"] < 4.4e9
    assert sum(s["count"] for s in ctx["project_status"]) == sum(1 for p in report.projects if p.status)
    assert Counter({s["label"]: s["count"] for s in ctx["project_status"]}) == \
        Counter(p.status for p in report.projects if p.status)
    by_speerpunt = {b["label"]: b["total"] for b in ctx["budget_by_speerpunt"]}
    for s in report.speerpunten:
        members = [p for p in report.projects if p.speerpunt.number == s.number]
        regular = sum(p.financing.flemish_regular or 0 for p in members)
        assert by_speerpunt[s.label] == sum(p.financing.recovery_total for p in members) + regular
    assert all(re.fullmatch(r"#[0-9a-f]{6}", s["colour"]) for s in ctx["milestone_status"])


def test_status_concepts_carry_the_reports_colour(site: Site) -> None:
    ctx = site.views.resource(f"{ID}concept/projectstatus/aandacht-nodig", LINKS).context
    assert (ctx["concept"]["colour"], ctx["concept"]["colour_name"]) == ("#fb8c00", "oranje")
    assert ctx["projects"]["count"] > 0
    assert all(r["status"]["code"] == "aandacht-nodig" for r in ctx["projects"]["rows"])


@pytest.mark.parametrize("iri, template", [
    (f"{ID}project/VV010/mijlpaal/1", "milestone.html"),
    (f"{ID}project/VV010/indicator/1", "indicator.html"),
    (f"{ID}rapport/2022-06-01", "edition.html"),
    (f"{ID}conceptscheme/projectstatus", "scheme.html"),
    (f"{ID}concept/financieringsbron/europees-herstelfonds", "concept.html"),
    (f"{ID}project/VV010/bedrag/vak", "resource.html"),
    (f"{ID}kwartaal/2022-Q4", "quarter.html"),
])
def test_each_kind_of_resource_has_its_template(site: Site, iri: str, template: str) -> None:
    page = site.views.resource(iri, LINKS)
    assert page.template == template
    html = site.render(page)
    assert f'<code class="iri">{iri}</code>' in html


def test_links_on_the_server_and_in_the_export() -> None:
    base = "https://w3id.org/vlaamse-veerkracht/"
    server = Links(base)
    assert server.href(f"{base}id/project/VV001") == "/doc/project/VV001"
    assert server.href(f"{base}doc/") == "/"
    assert server.href(f"{base}bron/r.txt#line=4,9") == "/bron/r.txt#line=4,9"
    assert server.href(f"{base}ns#Project") == "/ns#Project"
    assert server.href("https://beslissingenvlaamseregering.vlaanderen.be/x") is None
    deep = static_links(base, "project/VV001/mijlpaal/2")
    assert deep.href(f"{base}id/project/VV002") == "../../../../doc/project/VV002.html"
    assert deep.href(f"{base}ns#Project") == "../../../../ns.html#Project"
    assert deep.href(f"{base}sparql") is None
    assert deep.alternate("project/VV001/mijlpaal/2", "ttl") == "../../../../doc/project/VV001/mijlpaal/2.ttl"
    assert static_links(base, None).home == "index.html"
    mounted = Links(base, "/vv")
    assert mounted.href(f"{base}id/persoon/x") == "/vv/doc/persoon/x"


def test_another_base_is_served_under_this_host(report: Report) -> None:
    base = "http://data.example.org/veerkracht/"
    site = small_site(report, ("VV009", "VV010"), base=base)
    iri = f"{base}id/project/VV010"
    assert iri in site.resources
    html = site.render(site.views.resource(iri, Links(base)))
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert "/doc/stuk/60D57832364ED9000800048C" in hrefs and "/doc/project/VV009" in hrefs
    assert not [h for h in hrefs if h.startswith("http://data.example.org")]
    assert site.resource_iri("project/VV010.ttl") == (iri, "text/turtle")


def test_a_script_in_a_title_is_text(report: Report) -> None:
    site = small_site(report, ("VV009", "VV010"), retitle={"VV010": f"Woningbouw {SCRIPT}"})
    iri = f"{ID}project/VV010"
    for page in (site.views.resource(iri, LINKS), site.views.resource(f"{ID}project/VV009", LINKS),
                 site.views.resource(f"{ID}stuk/60D57832364ED9000800048C", LINKS),
                 site.views.search("woningbouw", LINKS), site.views.home(LINKS)):
        html = site.render(page)
        assert SCRIPT not in html and "alert(1)</" not in html
    html = site.render(site.views.resource(iri, LINKS))
    assert "Woningbouw &lt;script&gt;alert(1)&lt;/script&gt;" in html
    embedded = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert embedded and "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in embedded.group(1)
    assert site.resources.jsonld(site.resources.describe(iri)).count(SCRIPT) == 1
