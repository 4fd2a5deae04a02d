"""One page of every kind in Chromium, on a phone and on a desktop: no sideways scrolling from
320 to 1,920 px, no console error, and axe-core finds no serious or critical violation of
WCAG 2.1 A/AA. Also the keyboard: the skip link comes first and its focus ring is visible.

The pages are those of the whole report, served live by uvicorn on a free loopback port (one
server for this module), with the Content-Security-Policy of the real application. axe-core is
the npm package ``make install`` puts in ``build/npm/axe`` (the test fails without it, since
``make test`` installs it); it is injected through the DevTools protocol, which the page's CSP
does not govern, so the pages are checked as a visitor gets them.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from live_endpoint import chromium, live_server
from playwright.sync_api import Browser, Page

from vvgraph.config import Settings
from vvgraph.pipeline import BuildResult
from vvgraph.server import create_app
from vvgraph.store import load_dataset

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "build" / "npm" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = (320, 390, 1280, 1920)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Every WCAG 2.1 A/AA rule at 390 px; at 1,280 px the rules whose outcome the layout can change
# (text over other boxes, regions that scroll), which keeps the module near a minute.
AXE_RUNS = {390: {"type": "tag", "values": AXE_TAGS},
            1280: {"type": "rule", "values": ["color-contrast", "scrollable-region-focusable"]}}
QUERY = (ROOT / "queries" / "projects-by-status.rq").read_text(encoding="utf-8")

# One page of each kind (path, what its h1 must hold).
KINDS = {
    "home": ("/", "Vlaamse Veerkracht"),
    "project": ("/doc/project/VV010", "SOCIALE WONINGBOUW"),
    "milestone": ("/doc/project/VV001/mijlpaal/1", ""),
    "indicator": ("/doc/project/VV001/indicator/1", ""),
    "amount": ("/doc/project/VV001/bedrag/beleidsruimte", ""),
    "person": ("/doc/persoon/jan-jambon", "Jan Jambon"),
    "organisation": ("/doc/organisatie/departement-omgeving", ""),
    "cluster": ("/doc/concept/cluster/06", ""),
    "speerpunt": ("/doc/concept/speerpunt/01", ""),
    "status": ("/doc/concept/projectstatus/aandacht-nodig", "Aandacht nodig"),
    "scheme": ("/doc/conceptscheme/projectstatus", ""),
    "quarter": ("/doc/kwartaal/2025-Q2", "2025"),
    "day": ("/doc/dag/2022-12-31", ""),
    "document": ("/doc/stuk/60D57832364ED9000800048C", ""),
    "edition": ("/doc/rapport/2022-06-01", ""),
    "plan": ("/doc/plan/vlaamse-veerkracht", ""),
    "catalog": ("/doc/catalogus", ""),
    "downloads": ("/dumps/", "Downloads"),
    "source": ("/bron/regels/2374-2600", "Regels 2.374–2.600"),
    "search": ("/zoeken?q=woningbouw", "Zoeken"),
    "query form": ("/sparql", "SPARQL"),
    "query answer": ("/sparql?" + urllib.parse.urlencode({"query": QUERY}), "Antwoord"),
    "vocabulary": ("/ns", ""),
    "not found": ("/bestaat/niet", "Niet gevonden"),
}


@pytest.fixture(scope="module")
def live_url(settings: Settings, built: BuildResult) -> Iterator[str]:
    app = create_app(settings, load_dataset([(None, built.nquads)]))
    with live_server(app) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def axe_source() -> str:
    assert AXE.is_file(), f"axe-core is missing: {AXE} (make install puts it there)"
    return AXE.read_text(encoding="utf-8")


def sideways(page: Page) -> list[str]:
    """What sticks out on the right of the viewport, if the page scrolls sideways."""
    return page.evaluate("""() => {
      const width = document.documentElement.clientWidth;
      if (document.documentElement.scrollWidth <= width) return [];
      return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > width + 1)
        .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''));
    }""")


def axe_violations(page: Page, axe_source: str, run_only: dict[str, object]) -> list[str]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source + "\n;0")
    found = page.evaluate("""async runOnly => {
      // YASGUI, a third-party editor, is checked by its makers; the form and answers are ours.
      const r = await axe.run({exclude: [['#yasgui']]}, {runOnly, resultTypes: ['violations']});
      return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
        .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '));
    }""", run_only)
    return list(found)


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_of_page_fits_every_screen_and_passes_axe(kind: str, browser: Browser,
                                                             live_url: str, axe_source: str) -> None:
    path, heading = KINDS[kind]
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 800})
    page = context.new_page()
    errors: list[str] = []
    # Errors of this site's pages and files; not YASGUI's look-ups of prefixes at prefix.cc,
    # which fail where there is no internet.
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" and (
        m.location.get("url", "").startswith(live_url) or "prefix.cc" not in m.text
        and "ERR_NAME_NOT_RESOLVED" not in m.text) else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        response = page.goto(live_url + path)
        assert response is not None
        assert response.status == (404 if kind == "not found" else 200)
        assert heading in page.locator("h1").first.inner_text()
        assert page.locator("h1").count() == 1
        problems = {}
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            if wide := sideways(page):
                problems[f"{width} px scrolls sideways"] = wide
            if width in AXE_RUNS and (bad := axe_violations(page, axe_source, AXE_RUNS[width])):
                problems[f"axe at {width} px"] = bad
        if kind == "not found":   # the browser reports the 404 of the page itself
            errors = [e for e in errors if "status of 404" not in e]
        assert not errors, errors
        assert problems == {}
    finally:
        context.close()


def test_the_skip_link_comes_first_and_its_focus_ring_shows(browser: Browser, live_url: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 800})
    try:
        page.goto(live_url + "/doc/project/VV010")
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => { const e = document.activeElement, s = getComputedStyle(e);
          return [e.textContent, e.getAttribute('href'), s.outlineStyle, s.outlineWidth, s.outlineColor,
                  e.getBoundingClientRect().top]; }""")
        assert focused[:2] == ["Naar de inhoud", "#inhoud"]
        assert focused[2] == "solid" and float(focused[3].rstrip("px")) >= 2
        assert focused[4] == "rgb(29, 29, 27)"      # dark ring: 3:1 or more on white and yellow
        assert focused[5] >= 0                       # moved into view when focused
        page.keyboard.press("Enter")
        assert page.evaluate("location.hash") == "#inhoud"
    finally:
        page.close()


def test_headings_never_skip_a_level(browser: Browser, live_url: str) -> None:
    page = browser.new_page()
    try:
        for kind in ("home", "project", "document", "catalog", "source", "query answer"):
            page.goto(live_url + KINDS[kind][0])
            levels = page.evaluate("[...document.querySelectorAll('h1,h2,h3,h4,h5,h6')]"
                                   ".map(h => +h.tagName[1])")
            assert levels[0] == 1, kind
            jumps = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
            assert jumps == [], (kind, levels)
    finally:
        page.close()
