"""A visitor in Chromium: from the home page to a project, to the decision behind it, and on to
another project citing that decision; on the live server and on the static export opened from
disk, with and without JavaScript. A title with a script shows as text and runs nothing.

The pages are those of three projects: VV009 and VV010, which cite the same decision, and VV011,
whose title is given a ``<script>``. They are served live by uvicorn in a thread (one server for
this module) and exported as a static site opened from disk. Chromium is Debian's, driven by
playwright; screenshots go to each test's tmp_path.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from live_endpoint import build_dumps, chromium, live_server
from playwright.sync_api import Browser, Page, expect

from vvgraph.config import Settings
from vvgraph.export.site import export_site
from vvgraph.pipeline import BuildResult
from vvgraph.records import Report
from vvgraph.server import create_app
from vvgraph.store import load_dataset

SCRIPT = "<script>alert(1)</script>"
CODES = ("VV009", "VV010", "VV011")


@pytest.fixture(scope="module")
def small_build(report: Report, tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The dumps of three projects, VV011 retitled with a script."""
    projects = tuple(dataclasses.replace(p, title=f"{p.title} {SCRIPT}") if p.id == "VV011" else p
                     for p in report.projects if p.id in CODES)
    return build_dumps(dataclasses.replace(report, projects=projects), tmp_path_factory.mktemp("small-build"))


@pytest.fixture(scope="module")
def small_settings(small_build: BuildResult) -> Settings:
    return Settings(build_dir=small_build.out_dir)


@pytest.fixture(scope="module")
def live_url(small_settings: Settings, small_build: BuildResult) -> Iterator[str]:
    """The application on a free loopback port, for one test module."""
    app = create_app(small_settings, load_dataset([(None, small_build.nquads)]))
    with live_server(app) as url:
        yield url


@pytest.fixture(scope="module")
def static_url(small_settings: Settings, small_build: BuildResult,
               tmp_path_factory: pytest.TempPathFactory) -> str:
    """The static export of the same pages, as a file:// URL of its folder (with a slash)."""
    out = tmp_path_factory.mktemp("small-site")
    export_site(small_settings, out, result=small_build, processes=1)
    return out.resolve().as_uri() + "/"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as b:
        yield b

DOCUMENT = "Nota aan de Vlaamse Regering van 25 juni 2021. Renovaties sociale woningen versnellen"


@pytest.fixture(params=["live", "static"])
def site_url(request: pytest.FixtureRequest) -> str:
    return request.getfixturevalue("live_url" if request.param == "live" else "static_url")


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.dialogs = dialogs  # type: ignore[attr-defined]
    yield page
    assert dialogs == [], f"a dialog opened: {dialogs}"
    context.close()


def home(site_url: str) -> str:
    return site_url + ("index.html" if site_url.startswith("file:") else "/")


def journey(page: Page, site_url: str, shots: Path) -> None:
    page.goto(home(site_url))
    expect(page.locator("h1")).to_contain_text("Vlaamse Veerkracht")
    expect(page.locator("#budget-speerpunt")).to_be_visible()
    page.screenshot(path=shots / "1-home.png", full_page=True)

    page.get_by_role("link", name="Alle 3 projecten").click()
    expect(page.locator("table.projects")).to_contain_text("SOCIALE WONINGBOUW")
    page.get_by_role("link", name="VV010", exact=True).first.click()

    expect(page.locator("h1")).to_have_text("VV010 SOCIALE WONINGBOUW")
    expect(page.locator(".status-line")).to_contain_text("In uitvoering na agendering VR")
    expect(page.locator("#mijlpalen table.milestones tbody tr")).to_have_count(9)
    expect(page.locator("#output")).to_contain_text("9,55 %")
    expect(page.locator("#financiering")).to_contain_text("Europees Herstelfonds")
    expect(page.locator("p.source")).to_contain_text("regels 2.374–2.600 van het rapport")
    page.screenshot(path=shots / "2-project.png", full_page=True)
    page.locator("p.source a").first.click()    # the source view: the sheet's lines, numbered
    expect(page.locator("h1")).to_contain_text("Regels 2.374–2.600: VV010")
    expect(page.locator("#r2374")).to_contain_text("VV010 - SOCIALE WONINGBOUW")
    page.go_back()

    decision = page.locator("#agendering")
    expect(decision).to_contain_text("Nota aan de Vlaamse Regering van 25 juni 2021")
    expect(decision.get_by_role("link", name="beslissingenvlaamseregering.vlaanderen.be")).to_have_attribute(
        "href", "https://beslissingenvlaamseregering.vlaanderen.be/document-view/60D57832364ED9000800048C")
    decision.get_by_role("link", name=DOCUMENT, exact=True).click()

    expect(page.locator("h1")).to_have_text(DOCUMENT)
    citing = page.locator("table.citing tbody")
    expect(citing.locator("tr")).to_have_count(2)
    expect(citing).to_contain_text("VV009 – RENOVATIES SOCIALE WONINGEN VERSNELLEN")
    page.screenshot(path=shots / "3-decision.png", full_page=True)

    citing.get_by_role("link", name="VV009 – RENOVATIES SOCIALE WONINGEN VERSNELLEN").click()
    expect(page.locator("h1")).to_have_text("VV009 RENOVATIES SOCIALE WONINGEN VERSNELLEN")
    expect(page.locator("#gelinkt")).to_contain_text("VV010 – SOCIALE WONINGBOUW")
    page.screenshot(path=shots / "4-other-project.png", full_page=True)


def test_from_home_to_a_project_its_decision_and_another_project(page: Page, site_url: str,
                                                                  tmp_path: Path) -> None:
    journey(page, site_url, tmp_path)
    assert len(list(tmp_path.glob("*.png"))) == 4


def test_the_same_journey_without_javascript(browser: Browser, site_url: str,
                                             tmp_path: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        journey(context.new_page(), site_url, tmp_path)
    finally:
        context.close()


def test_search_from_the_header(page: Page, site_url: str) -> None:
    """Server-side on the live site; the exported site searches its own index in the page."""
    page.goto(home(site_url))
    page.locator("header.site input[name=q]").fill("woningbouw")
    page.locator("header.site button").click()
    hits = page.locator("ol.hits, #resultaten")
    expect(hits.get_by_role("link", name="VV010 – SOCIALE WONINGBOUW")).to_be_visible()
    hits.get_by_role("link", name="VV010 – SOCIALE WONINGBOUW").click()
    expect(page.locator("h1")).to_have_text("VV010 SOCIALE WONINGBOUW")


def test_a_script_in_a_title_is_shown_and_never_run(page: Page, site_url: str,
                                                    tmp_path: Path) -> None:
    target = "doc/project/VV011" + (".html" if site_url.startswith("file:") else "")
    page.goto(site_url.rstrip("/") + "/" + target)
    expect(page.locator("h1")).to_contain_text(SCRIPT)
    page.screenshot(path=tmp_path / "xss.png")
    page.goto(home(site_url))
    page.get_by_role("link", name="Alle 3 projecten").click()
    expect(page.locator("table.projects")).to_contain_text(SCRIPT)
    page.goto(home(site_url))
    page.locator("header.site input[name=q]").fill("alert")
    page.locator("header.site button").click()
    expect(page.locator("ol.hits, #resultaten")).to_contain_text(SCRIPT)
    assert page.evaluate("document.querySelectorAll('main script:not([src])').length") == 0
    assert page.dialogs == []  # type: ignore[attr-defined]
