"""The query page in headless Chromium: an example query runs from the page and its answer shows.

With YASGUI installed (``make install``) the YASGUI tab of the first example runs; without, the
plain form is submitted. Needs Chromium (Debian's ``chromium``) at /usr/bin/chromium.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from live_endpoint import chromium
from playwright.sync_api import Browser

from vvgraph.config import Settings
from vvgraph.server.sparql import yasgui_dir

DOCS = [f"http://kasei.us/2009/09/sparql/data/data{i}.rdf" for i in (3, 2, 1)]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as b:
        yield b


def test_the_first_example_runs_from_the_page(browser: Browser, endpoint: str,
                                              server_settings: Settings) -> None:
    page = browser.new_page()
    page.goto(endpoint)
    if yasgui_dir(server_settings) is not None:
        tab = page.locator(".tabPanel.active")
        tab.locator(".CodeMirror").wait_for()
        assert page.locator(".tab.active").inner_text().startswith("all-documents")
        tab.locator(".yasqe_queryButton").click()
        tab.locator(".yasr table tbody tr").nth(2).wait_for(timeout=15_000)
        text = tab.locator(".yasr table tbody").inner_text()
    else:
        page.click("#plain button[type=submit]")
        text = page.inner_text("body")
        text = " ".join(b["doc"]["value"] for b in json.loads(text)["results"]["bindings"])
    assert all(doc in text for doc in DOCS)
    page.close()
