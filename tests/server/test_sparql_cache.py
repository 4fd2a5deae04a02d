"""Answers kept by ETag: a repeated query is answered from memory, and only an identical one."""

from __future__ import annotations

import httpx
import pytest
from live_endpoint import live_server

from vvgraph.config import Settings
from vvgraph.server import create_app
from vvgraph.store import LoadedDataset

JSON = "application/sparql-results+json"
QUERY = "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 3"


def test_the_same_query_is_a_hit_and_gives_the_same_bytes(endpoint: str, client: httpx.Client) -> None:
    first = client.get(endpoint, params={"query": QUERY + " # cache-1"}, headers={"Accept": JSON})
    again = client.get(endpoint, params={"query": QUERY + " # cache-1"}, headers={"Accept": JSON})
    assert first.status_code == again.status_code == 200
    assert (first.headers["x-cache"], again.headers["x-cache"]) == ("miss", "hit")
    assert again.content == first.content and again.headers["etag"] == first.headers["etag"]
    assert again.headers["content-type"] == first.headers["content-type"]


@pytest.mark.parametrize("change", ["text", "format", "dataset"])
def test_anything_that_changes_the_answer_is_a_miss(endpoint: str, client: httpx.Client,
                                                     change: str) -> None:
    params = {"query": QUERY + f" # cache-2-{change}"}
    client.get(endpoint, params=params, headers={"Accept": JSON})
    headers = {"Accept": JSON}
    if change == "text":
        params = {"query": QUERY.replace("LIMIT 3", "LIMIT 2") + f" # cache-2-{change}"}
    elif change == "format":
        headers = {"Accept": "text/csv"}
    else:
        params = {**params, "default-graph-uri": "http://kasei.us/2009/09/sparql/data/data1.rdf"}
    r = client.get(endpoint, params=params, headers=headers)
    assert r.status_code == 200 and r.headers["x-cache"] == "miss"


def test_a_zero_sized_cache_keeps_nothing(server_settings: Settings, dataset: LoadedDataset) -> None:
    settings = server_settings.with_(answer_cache_bytes=0)
    with live_server(create_app(settings, dataset)) as url, httpx.Client() as client:
        seen = [client.get(f"{url}/sparql", params={"query": QUERY}, headers={"Accept": JSON})
                .headers["x-cache"] for _ in range(2)]
    assert seen == ["miss", "miss"]

