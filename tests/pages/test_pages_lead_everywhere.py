"""Every page leads on: each "bron" link lands on a page holding its lines, each link a project
cites has a page listing the projects citing it, and each sitemap entry answers. Live (the app
in process) and in the static export.

Expectations come from the records and the report text, not from the pages: the lines are
compared with the report file, the citing projects with the records' decision links.
"""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from pages_client import fetch, get

from vvgraph.records import Report
from vvgraph.server.pages import Site
from vvgraph.server.views.document import parse_reference

BRON = re.compile(r'href="([^"]*bron/regels/(\d+)-(\d+)(?:\.html)?(?:#r(\d+))?)"')
LINE = re.compile(r'<li id="r(\d+)"><a class="n"[^>]*>\d+</a><code>(.*?)</code></li>', re.S)
SECTION = re.compile(r'<section id="agendering">(.*?)</section>', re.S)
DOC_LINK = re.compile(r'<li>\s*<a href="([^"]+)">')


def lines_of(page: str) -> dict[int, str]:
    return {int(n): html.unescape(text) for n, text in LINE.findall(page)}


def test_every_bron_link_of_every_project_lands_on_its_lines(pages_app: object, report: Report,
                                                             report_path: Path) -> None:
    text = report_path.read_text(encoding="utf-8").splitlines()
    projects = fetch(pages_app, [(f"/doc/project/{p.id}", {}) for p in report.projects])
    links: set[tuple[str, int, int, int | None]] = set()
    for p, response in zip(report.projects, projects):
        found = {(href, int(a), int(b), int(n) if n else None)
                 for href, a, b, n in BRON.findall(response.text)}
        # the sheet's own span, and one link per milestone, indicator and decision with a line
        assert (f"/bron/regels/{p.source.first_line}-{p.source.last_line}", p.source.first_line,
                p.source.last_line, None) in found, p.id
        rows = [*p.milestones, *p.indicators, *p.decisions]
        assert {n for *_, n in found if n} >= {r.line for r in rows if r.line}, p.id
        links |= found
    spans = sorted({(a, b) for _, a, b, _ in links})
    pages = dict(zip(spans, fetch(pages_app, [(f"/bron/regels/{a}-{b}", {}) for a, b in spans])))
    for href, a, b, n in sorted(links, key=str):
        page = pages[(a, b)]
        assert page.status_code == 200, href
        shown = lines_of(page.text)
        assert shown == {k: text[k - 1] for k in range(a, b + 1)}, href
        assert n is None or a <= n <= b, href
    assert len(spans) == len(report.projects)


def test_a_source_range_outside_the_report_is_a_dutch_404(pages_app: object) -> None:
    for path in ("/bron/regels/0-3", "/bron/regels/9-2", "/bron/regels/1-999999",
                 "/bron/regels/abc"):
        r = get(pages_app, path, "text/html")
        assert r.status_code == 404 and "Niet gevonden" in r.text, path


def test_every_cited_link_has_a_page_listing_its_citing_projects(pages_app: object,
                                                                 report: Report) -> None:
    citing: dict[str, set[str]] = {}
    for p in report.projects:
        for d in p.decisions:
            for url in d.urls:
                citing.setdefault(url, set()).add(p.id)
    followed: dict[str, set[str]] = {}
    pages = fetch(pages_app, [(f"/doc/project/{p.id}", {}) for p in report.projects])
    for p, response in zip(report.projects, pages):
        section = SECTION.search(response.text)
        assert section is not None, p.id
        hrefs = [html.unescape(h) for h in DOC_LINK.findall(section.group(1))]
        assert len(set(hrefs)) == len({u for d in p.decisions for u in d.urls}), p.id
        for href in hrefs:
            followed.setdefault(href, set()).add(p.id)
    answers = dict(zip(followed, fetch(pages_app, [(h, {}) for h in followed])))
    for href, codes in followed.items():
        page = answers[href]
        assert page.status_code == 200, href
        table = page.text.split('<table class="projects citing', 1)[1].split("</table>", 1)[0]
        shown = set(re.findall(r">(VV\d{3}) – ", table))
        assert shown == codes, href
    # every link printed in the report is one of those pages, the non-document-view ones too
    assert len(followed) == len(citing)
    assert sum(1 for h in followed if h.startswith("/verwijzing/")) == sum(
        1 for u in citing if "/document-view/" not in u)


def test_a_project_says_how_many_other_projects_cite_its_documents(pages_app: object,
                                                                   report: Report) -> None:
    by_url: dict[str, set[str]] = {}
    for p in report.projects:
        for d in p.decisions:
            for url in d.urls:
                by_url.setdefault(url, set()).add(p.id)
    url, codes = max(by_url.items(), key=lambda kv: len(kv[1]))
    assert len(codes) > 5
    project = sorted(codes)[0]
    page = get(pages_app, f"/doc/project/{project}").text
    others = len(codes) - 1
    assert f"ook vermeld door {others} andere projecten" in page


def test_decisions_are_dated_by_their_meeting_not_by_the_upload(pages_app: object,
                                                                report: Report) -> None:
    """"VR 2021 0907 ..." is the meeting of 9 July 2021 (Kaleidos: VR yyyy ddMM)."""
    assert parse_reference("VR 2021 0907 VV DOC.0099/1BIS").meeting.isoformat() == "2021-07-09"
    cited = [(p.id, d) for p in report.projects for d in p.decisions
             if "VR 2021 0907 VV DOC.0099/1BIS" in d.title]
    assert cited
    page = get(pages_app, f"/doc/project/{cited[0][0]}").text
    assert "vergadering van de Vlaamse Regering van 9 juli 2021" in page
    document = get(pages_app, "/doc/stuk/60D57832364ED9000800048C").text
    assert "Opgeladen op" in document and "geen beslissingsdatum" in document
    assert "Document van" not in document


def test_every_sitemap_entry_answers(pages_app: object, site: Site) -> None:
    """Every entry names a page that exists; the resource pages (all rendered by
    test_every_subject_dereferences_to_turtle_and_html) are resolved, one in twenty fetched,
    and every other page fetched."""
    r = get(pages_app, "/sitemap.xml")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/xml")
    paths = [urlsplit(html.unescape(loc)).path + (f"?{urlsplit(loc).query}" if urlsplit(loc).query else "")
             for loc in re.findall(r"<loc>([^<]+)</loc>", r.text)]
    assert len(paths) > 5000 and len(set(paths)) == len(paths)
    assert {"/", "/ns", "/doc/project/VV001", "/doc/catalogus"} <= set(paths)
    assert any(p.startswith("/bron/regels/") for p in paths)
    assert any(p.startswith("/verwijzing/") for p in paths)
    docs = [p for p in paths if p.startswith("/doc/")]
    assert [p for p in docs if site.resource_iri(unquote(p).removeprefix("/doc/"))[0] is None] == []
    fetched = [p for p in paths if not p.startswith("/doc/")] + docs[::20]
    statuses = [x.status_code for x in fetch(pages_app, [(unquote(p), {}) for p in fetched],
                                             method="HEAD")]
    assert [p for p, s in zip(fetched, statuses) if s != 200] == []
    robots = get(pages_app, "/robots.txt").text
    assert "Sitemap: http://testserver/sitemap.xml" in robots and "Disallow: /sparql" in robots


@pytest.mark.parametrize("path", ["/nergens", "/static/bestaat-niet.css", "/doc/project/VV999",
                                  "/dumps/geen.ttl"])
def test_every_path_has_a_dutch_404(pages_app: object, path: str) -> None:
    r = get(pages_app, path, "text/html,*/*;q=0.8")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert '<html lang="nl">' in r.text and "Niet gevonden" in r.text
    assert get(pages_app, path, "text/plain").headers["content-type"].startswith("text/plain")


def test_the_export_keeps_source_views_and_cited_pages(static_site: Path, report: Report,
                                                       report_path: Path) -> None:
    """From file://: the "bron" links of each exported project page reach a file holding the
    lines, and each cited link reaches a page naming the project."""
    text = report_path.read_text(encoding="utf-8").splitlines()
    for p in report.projects:
        name = f"doc/project/{p.id}.html"
        page = (static_site / name).read_text(encoding="utf-8")
        for href, a, b, n in BRON.findall(page):
            target = static_site / posixpath.normpath(posixpath.join("doc/project", href.split("#")[0]))
            shown = lines_of(target.read_text(encoding="utf-8"))
            assert shown[int(n or a)] == text[int(n or a) - 1], (p.id, href)
        section = SECTION.search(page)
        assert section is not None
        for href in DOC_LINK.findall(section.group(1)):
            target = static_site / posixpath.normpath(posixpath.join("doc/project", html.unescape(href)))
            assert f">{p.id} – " in target.read_text(encoding="utf-8"), (p.id, href)
    assert (static_site / "favicon.svg").is_file()
