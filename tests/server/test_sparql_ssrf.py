"""No requests on a user's behalf: SERVICE only to allowlisted endpoints; FROM and LOAD never
fetch. The fake remotes record every connection, so "refused" means "nothing was sent"."""

from __future__ import annotations

import httpx
import pytest
from live_endpoint import NUMBERS, FakeRemote


@pytest.mark.parametrize("template", [
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "PREFIX r: <{base}> SELECT * WHERE {{ SERVICE SILENT r:sparql {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ VALUES ?remote {{ <{url}> }} SERVICE ?remote {{ ?s ?p ?o }} }}",
    "ASK {{ FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
], ids=["iri", "prefixed-silent", "escaped-keyword", "variable", "in-filter"])
def test_service_outside_the_allowlist_is_refused_unsent(
        client: httpx.Client, endpoint: str, forbidden_remote: FakeRemote,
        allowed_remote: FakeRemote, template: str) -> None:
    query = template.format(url=forbidden_remote.url, base=forbidden_remote.url[:-len("sparql")])
    r = client.post(endpoint, data={"query": query})
    assert r.status_code == 403 and "SERVICE" in r.text and allowed_remote.url in r.text
    assert forbidden_remote.requests == []


def test_service_in_the_allowlist_is_called(client: httpx.Client, endpoint: str,
                                            allowed_remote: FakeRemote) -> None:
    before = len(allowed_remote.requests)
    r = client.get(endpoint, params={
        "query": f"SELECT ?x WHERE {{ SERVICE <{allowed_remote.url}> {{ ?x ?y ?z }} }}"})
    assert r.status_code == 200
    assert [b["x"]["value"] for b in r.json()["results"]["bindings"]] == ["from the remote"]
    assert len(allowed_remote.requests) == before + 1


def test_from_names_a_graph_and_fetches_nothing(client: httpx.Client, endpoint: str,
                                                forbidden_remote: FakeRemote) -> None:
    for clause in (f"FROM <{forbidden_remote.url}/data.ttl>",
                   f"FROM NAMED <{forbidden_remote.url}/data.ttl>"):
        r = client.get(endpoint, params={"query": f"ASK {clause} {{ ?s ?p ?o }}"})
        assert r.status_code == 200 and r.json()["boolean"] is False
    r = client.get(endpoint, params={"query": "ASK FROM <%s> { ?s ?p 7 }" % NUMBERS})
    assert r.json()["boolean"] is True
    assert forbidden_remote.requests == []


def test_load_is_refused_unsent(client: httpx.Client, endpoint: str,
                                forbidden_remote: FakeRemote) -> None:
    r = client.post(endpoint, content=f"LOAD <{forbidden_remote.url}/data.ttl>",
                    headers={"Content-Type": "application/sparql-update"})
    assert r.status_code == 403 and "read-only" in r.text
    assert forbidden_remote.requests == []
