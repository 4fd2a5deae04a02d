"""The query page a browser gets at /sparql: YASGUI when installed, a plain form otherwise,
both preloaded with the example queries."""

from __future__ import annotations

from pathlib import Path

import httpx

from vvgraph.config import Settings
from vvgraph.server.sparql import query_page, yasgui_dir

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


def test_plain_form_works_without_javascript(server_settings: Settings) -> None:
    page = query_page(server_settings, "http://x/sparql", None)
    assert "<script" not in page
    assert '<form id="plain" method="get" action="http://x/sparql">' in page
    assert "# Every document." in page and 'name="query"' in page and 'name="format"' in page
    assert ">count-numbers</a>" in page
    assert "&lt;/script&gt;" in page        # example text is escaped


def test_yasgui_page_opens_a_tab_per_example(server_settings: Settings, tmp_path: Path) -> None:
    page = query_page(server_settings, "http://x/sparql", tmp_path)
    assert '<script src="/sparql-ui/yasgui.min.js"></script>' in page
    assert '["all-documents", "# Every document.' in page
    assert "How many numbers <\\/script>" in page   # cannot close the inline script
    assert page.count("</script>") == 2


def test_a_browser_gets_the_page(client: httpx.Client, endpoint: str, base_url: str,
                                 server_settings: Settings) -> None:
    r = client.get(endpoint, headers=BROWSER)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "all-documents" in r.text and "count-numbers" in r.text
    assets = client.get(f"{base_url}/sparql-ui/yasgui.min.js")
    if yasgui_dir(server_settings) is None:
        assert "<script" not in r.text and assets.status_code == 404
    else:
        assert "yasgui.min.js" in r.text and assets.status_code == 200


def test_the_plain_form_runs_its_query(client: httpx.Client, endpoint: str) -> None:
    r = client.get(endpoint, params={"query": "ASK {}", "format": "json"}, headers=BROWSER)
    assert r.status_code == 200 and r.json() == {"head": {}, "boolean": True}
