"""The pages and YASGUI under their Content-Security-Policy, in headless Chromium: no violation
is reported (neither the console's nor a ``securitypolicyviolation`` event), and YASGUI, whose
page has an inline script allowed by its hash, still runs a query and shows the answer.

The graph is that of two projects (VV009 and VV010), served by uvicorn in a thread.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from live_endpoint import build_dumps, chromium, live_server
from playwright.sync_api import Browser

from vvgraph.config import Settings
from vvgraph.records import Report
from vvgraph.server import create_app
from vvgraph.server.sparql import yasgui_dir
from vvgraph.store import load_dataset

WATCH = ("document.addEventListener('securitypolicyviolation', e => "
         "console.log('CSP-VIOLATION ' + e.violatedDirective + ' ' + e.blockedURI));")


@pytest.fixture(scope="module")
def url(report: Report, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    small = dataclasses.replace(report, projects=tuple(
        p for p in report.projects if p.id in ("VV009", "VV010")))
    built = build_dumps(small, tmp_path_factory.mktemp("csp-build"))
    app = create_app(Settings(build_dir=built.out_dir), load_dataset([(None, built.nquads)]))
    with live_server(app) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as b:
        yield b


def _violations(browser: Browser, address: str, act=None) -> list[str]:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    messages: list[str] = []
    page.on("console", lambda m: messages.append(m.text))
    page.add_init_script(WATCH)
    response = page.goto(address)
    assert response is not None and response.headers.get("content-security-policy")
    if act is not None:
        act(page)
    page.wait_for_timeout(300)
    page.close()
    return [m for m in messages if "CSP-VIOLATION" in m or "Content Security Policy" in m]


@pytest.mark.parametrize("path", ["/", "/doc/project/VV009", "/doc/project/VV010/mijlpaal/1",
                                  "/zoeken?q=VV009", "/ns", "/doc/not-there"])
def test_pages_raise_no_csp_violation(browser: Browser, url: str, path: str) -> None:
    assert _violations(browser, url + path) == []


def test_yasgui_runs_a_query_under_its_policy(browser: Browser, url: str) -> None:
    rows: list[int] = []

    def run(page) -> None:  # type: ignore[no-untyped-def]
        if yasgui_dir(Settings()) is None:   # no npm at setup: the plain form, no script
            page.click("#plain button[type=submit]")
            rows.append(page.inner_text("body").count('"s"'))
            return
        tab = page.locator(".tabPanel.active")
        tab.locator(".CodeMirror").wait_for()
        tab.locator(".yasqe_queryButton").click()
        tab.locator(".yasr table tbody tr").first.wait_for(timeout=15_000)
        rows.append(tab.locator(".yasr table tbody tr").count())

    assert _violations(browser, f"{url}/sparql", run) == []
    assert rows and rows[0] > 0
