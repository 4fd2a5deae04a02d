"""Publishing into a real external store: Oxigraph's server (PyPI ``oxigraph``) on 127.0.0.1."""

from __future__ import annotations

import socket
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest

from vvgraph.export.publish import PublishError, publish


def _select(base: str, query: str) -> list[dict]:
    import json
    import urllib.parse
    req = urllib.request.Request(f"{base}/query?query={urllib.parse.quote(query)}",
                                 headers={"Accept": "application/sparql-results+json"})
    return json.loads(urllib.request.urlopen(req, timeout=10).read())["results"]["bindings"]


def test_publish_replaces_the_edition_graph(built, oxigraph_server):
    base = oxigraph_server
    graph = built.edition_graph
    # A stale previous load and an unrelated graph: the first is replaced, the second untouched.
    stale = f'INSERT DATA {{ GRAPH <{graph}> {{ <urn:x:old> <urn:x:p> "stale" }} ' \
            f'GRAPH <urn:x:other> {{ <urn:x:a> <urn:x:p> "keep" }} }}'
    urllib.request.urlopen(urllib.request.Request(
        f"{base}/update", data=stale.encode(), headers={"Content-Type": "application/sparql-update"}))

    from vvgraph.config import Settings
    result = publish(Settings(build_dir=built.out_dir), endpoint=f"{base}/query",
                     update=f"{base}/update", chunk=5000, log=lambda _m: None)

    expected = len(list(ox.parse(path=str(built.out_dir / "vvgraph.nt"), format=ox.RdfFormat.N_TRIPLES)))
    assert result.triples == expected
    [row] = _select(base, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    assert int(row["n"]["value"]) == expected
    assert _select(base, f"SELECT * {{ GRAPH <{graph}> {{ <urn:x:old> ?p ?o }} }}") == []
    assert len(_select(base, "SELECT * { GRAPH <urn:x:other> { ?s ?p ?o } }")) == 1
    assert len(_select(base, f"SELECT * {{ GRAPH <{graph}/staging> {{ ?s ?p ?o }} }}")) == 0
    # The store answers a report question the same way the dump does.
    totals = (Path(__file__).resolve().parents[2] / "queries" / "report-totals.rq").read_text()
    totals = totals.replace("WHERE {\n  {", f"WHERE {{ GRAPH <{graph}> {{\n  {{", 1) + "}"
    [row] = _select(base, totals)
    assert int(row["projects"]["value"]) == 180


def test_publish_to_a_dead_store_says_so(built):
    from vvgraph.config import Settings
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(PublishError, match="refused"):
        publish(Settings(build_dir=built.out_dir), endpoint=f"http://127.0.0.1:{port}/query",
                update=f"http://127.0.0.1:{port}/update", log=lambda _m: None)


def test_publish_without_a_build_says_what_to_do(tmp_path):
    from vvgraph.config import Settings
    with pytest.raises(PublishError, match="vvgraph build"):
        publish(Settings(build_dir=tmp_path), endpoint="http://127.0.0.1:1/query", log=lambda _m: None)
