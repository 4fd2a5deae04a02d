"""Hostile queries and odd requests against a live server of its own (tight limits, two real
workers): each gets its specific 4xx, or an accurate 500 for a dead worker, quickly, and the
pool stays whole; one client's costly queries do not lock out another; files answer 304 and
ranges; HTML answers carry the security headers.

Clients are told apart by address: the tests connect from 127.0.0.2, 127.0.0.3, ... (all
loopback on Linux) to a server on 127.0.0.1; 127.0.0.9 is the configured trusted proxy.
"""

from __future__ import annotations

import base64
import hashlib
import os
import signal
import threading
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest
from live_endpoint import KASEI, NUMBERS, NUMBER_COUNT, W3C, live_server

from vvgraph.config import Settings
from vvgraph.server import create_app
from vvgraph.server.workers import WorkerPool
from vvgraph.store import load_dataset

CROSS_PRODUCT = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z . ?d ?s ?w }")
LIGHT = "ASK { ?s ?p ?o }"
JSON = "application/sparql-results+json"
PROXY = "127.0.0.9"
DEPTH = 64   # the default max_query_depth, which these tests keep


@pytest.fixture(scope="module")
def app_and_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[object, str, Path]]:
    folder = tmp_path_factory.mktemp("hardening")
    numbers = folder / "numbers.ttl"
    numbers.write_text("".join(f"<http://example.org/n/{i}> <http://example.org/value> {i} .\n"
                               for i in range(NUMBER_COUNT)))
    dumps = folder / "build"
    dumps.mkdir()
    (dumps / "vvgraph.nt").write_bytes(os.urandom(200_000).hex().encode())  # bytes to range over
    settings = Settings(query_timeout=1.5, workers=2, queue_size=8, build_dir=dumps,
                        client_concurrency=2, client_failures=2, client_window=30,
                        max_header_bytes=8192, trusted_proxies=(PROXY,))
    dataset = load_dataset([(KASEI.format(1), W3C / "protocol" / "data1.nt"),
                            (NUMBERS, numbers)])
    app = create_app(settings, dataset)
    with live_server(app) as url:
        yield app, url, dumps


@pytest.fixture(scope="module")
def url(app_and_url: tuple[object, str, Path]) -> str:
    return app_and_url[1]


def pool(app_and_url: tuple[object, str, Path]) -> WorkerPool:
    """The worker pool of the live app."""
    return app_and_url[0].state.pool  # type: ignore[attr-defined, no-any-return]


def client(address: str = "127.0.0.2") -> httpx.Client:
    return httpx.Client(timeout=30, transport=httpx.HTTPTransport(local_address=address))


def ask(c: httpx.Client, url: str, query: str, headers: dict[str, str] | None = None
        ) -> httpx.Response:
    return c.post(f"{url}/sparql", content=query.encode(), headers={
        "Content-Type": "application/sparql-query", "Accept": JSON, **(headers or {})})


def wait_whole(p: WorkerPool, size: int = 2, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if p.alive == size and p.idle == size:
            return
        time.sleep(0.05)
    raise AssertionError(f"the pool did not come back whole: {p.alive} alive, {p.idle} idle")


# -- The guard -------------------------------------------------------------------------------------

NESTED = {
    "groups": lambda n: "SELECT * " + "{" * n + " ?s ?p ?o " + "}" * n,
    "brackets": lambda n: "SELECT * { FILTER(" + "(" * (n - 2) + "1" + ")" * (n - 2) + ") }",
    "negations": lambda n: "ASK { FILTER(" + "!" * (n - 2) + "true) }",
    "subqueries": lambda n: "SELECT * " + "{ SELECT * " * (n - 1) + "{ ?s ?p ?o }"
                            + "}" * (n - 1),
    "optionals": lambda n: "SELECT * { " + "?s ?p ?o OPTIONAL { " * (n - 1) + "?s ?p ?o"
                           + " }" * (n - 1) + " }",
    "paths": lambda n: "SELECT * { ?s " + "(" * (n - 1) + "<http://p>" + ")*" * (n - 1)
                       + " ?o }",
}


def test_a_query_nested_ten_thousand_deep_is_refused_before_any_worker(app_and_url, url) -> None:
    p = pool(app_and_url)
    wait_whole(p)
    before = sorted(p.pids())
    query = "SELECT * " + "{" * 10_000 + " ?s ?p ?o " + "}" * 10_000   # 20 KB
    with client() as c:
        start = time.monotonic()
        r = ask(c, url, query)
        assert time.monotonic() - start < 1
    assert r.status_code == 400
    assert "max_query_depth" in r.text and "10000 levels" in r.text and "limit of 64" in r.text
    assert sorted(p.pids()) == before and p.alive == 2


@pytest.mark.parametrize("kind", sorted(NESTED))
def test_every_kind_of_nesting_is_measured(url: str, kind: str) -> None:
    with client() as c:
        r = ask(c, url, NESTED[kind](DEPTH + 5))
    assert r.status_code == 400 and "max_query_depth" in r.text, r.text[:300]


@pytest.mark.parametrize("kind", sorted(NESTED))
def test_the_deepest_legal_query_of_each_kind_runs_on_a_worker(app_and_url, url, kind) -> None:
    """At the limit the worker's stack holds: an answer (or the parser's 400), never a crash."""
    p = pool(app_and_url)
    with client() as c:
        r = ask(c, url, NESTED[kind](DEPTH))
    assert r.status_code in (200, 400), r.text[:300]
    assert "max_query_depth" not in r.text
    wait_whole(p)


def test_the_size_limit_is_named(url: str) -> None:
    query = "SELECT * { ?s ?p ?o } #" + "x" * 100_000
    with client() as c:
        r = ask(c, url, query)
    assert r.status_code == 400 and "max_query_chars" in r.text and "100000" in r.text


@pytest.mark.parametrize("escape", [r"\U0011FFFF", r"\uD800", r"\UFFFFFFFF"])
def test_an_escape_naming_no_character_is_a_400_with_its_place(url: str, escape: str) -> None:
    query = "SELECT * {\n  ?s ?p '" + escape + "' }"
    with client() as c:
        for r in (ask(c, url, query), c.get(f"{url}/sparql", params={"query": query}),
                  c.post(f"{url}/sparql", content=query.encode())):  # untyped: 415, not 500
            assert r.status_code in (400, 415), r.text
        r = ask(c, url, query)
    assert f"bad escape {escape}" in r.text and "line 2, column 10" in r.text


def test_a_legal_escape_still_works(url: str) -> None:
    with client() as c:
        r = ask(c, url, r'ASK { FILTER("\u0041\U0001F600" = "A\U0001F600") }')
    assert r.status_code == 200 and r.json()["boolean"] is True


# -- Dead workers ----------------------------------------------------------------------------------

@pytest.mark.parametrize("sig", [signal.SIGSEGV, signal.SIGKILL])
def test_a_worker_that_dies_gets_an_accurate_500_and_a_successor(app_and_url, url, sig) -> None:
    p = pool(app_and_url)
    wait_whole(p)
    before = set(p.pids())
    answers: list[httpx.Response] = []
    with client("127.0.0.4") as c:
        thread = threading.Thread(target=lambda: answers.append(ask(c, url, CROSS_PRODUCT)))
        thread.start()
        deadline = time.monotonic() + 5
        while p.busy == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert p.busy == 1
        victim = [pid for pid in p.pids() if pid in before]
        busy = next(w.process.pid for w in p._all if w not in p._idle)  # noqa: SLF001
        assert busy in victim
        os.kill(busy, sig)
        thread.join(10)
    r = answers[0]
    assert r.status_code == 500
    assert sig.name in r.text and "replaced" in r.text
    wait_whole(p)
    assert busy not in p.pids()
    with client("127.0.0.5") as c:
        assert ask(c, url, LIGHT).status_code == 200


# -- Fairness --------------------------------------------------------------------------------------

def test_a_client_whose_queries_fail_gets_429_and_others_are_served(app_and_url, url) -> None:
    p = pool(app_and_url)
    wait_whole(p)
    with client("127.0.0.6") as hostile, client("127.0.0.7") as other:
        first = ask(hostile, url, CROSS_PRODUCT)
        assert first.status_code == 504
        wait_whole(p)
        # One failure on record: it may not take the last free worker while one is busy.
        holder = threading.Thread(target=lambda: ask(other, url, CROSS_PRODUCT + " # other"))
        holder.start()
        deadline = time.monotonic() + 5
        while p.busy == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        r = ask(hostile, url, LIGHT + " # while one is busy")
        assert r.status_code == 429 and "last free worker" in r.text
        assert r.headers["Retry-After"] == "1"
        holder.join(10)
        wait_whole(p)
        assert ask(hostile, url, CROSS_PRODUCT + " # second").status_code == 504
        wait_whole(p)
        r = ask(hostile, url, LIGHT + " # after two failures")
        assert r.status_code == 429 and "client_failures" in r.text
        assert 1 <= int(r.headers["Retry-After"]) <= 30
        with client("127.0.0.8") as fresh:
            assert ask(fresh, url, LIGHT + " # a third client").status_code == 200


def test_a_client_may_have_two_queries_in_flight(app_and_url, url) -> None:
    p = pool(app_and_url)
    wait_whole(p)
    answers: list[int] = []
    with client("127.0.0.10") as c:
        threads = [threading.Thread(target=lambda i=i: answers.append(
            ask(c, url, f"{CROSS_PRODUCT} # {i}").status_code)) for i in range(2)]
        for t in threads:
            t.start()
        deadline = time.monotonic() + 5
        while p.busy < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        r = ask(c, url, LIGHT + " # a third at once")
        for t in threads:
            t.join(10)
    assert r.status_code == 429 and "client_concurrency" in r.text
    assert sorted(answers) == [504, 504]
    wait_whole(p)


# -- Request hygiene -------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/dumps/%00", "/dumps/vvgraph.nt%00", "/bron/%00x", "/static/%0a",
                                  "/doc/project/%00", "/sparql%00", "/%FF", "/%ZZ", "/dumps/%"])
def test_a_nul_or_malformed_path_is_a_404(url: str, path: str) -> None:
    with client() as c:
        r = c.get(url + path)
    assert r.status_code == 404 and "not found" in r.text


def test_headers_over_the_limit_get_431(url: str) -> None:
    with client() as c:
        r = c.get(f"{url}/sparql", headers={"X-Padding": "x" * 9000, "Accept": "text/turtle"})
        assert r.status_code == 431 and "8192" in r.text
        assert c.get(f"{url}/sparql", headers={"Accept": "text/turtle"}).status_code == 200


FORWARDED = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "data.example.org",
             "X-Forwarded-Prefix": "/vv", "Accept": "text/turtle"}


def test_forwarded_headers_count_only_from_the_trusted_proxy(url: str) -> None:
    with client("127.0.0.2") as stranger, client(PROXY) as proxy:
        ignored = stranger.get(f"{url}/sparql", headers=FORWARDED)
        honoured = proxy.get(f"{url}/sparql", headers=FORWARDED)
    assert ignored.status_code == honoured.status_code == 200
    port = url.rsplit(":", 1)[1]
    assert f"<http://127.0.0.1:{port}/sparql>" in ignored.text
    assert "data.example.org" not in ignored.text
    assert "<https://data.example.org/vv/sparql>" in honoured.text


@pytest.mark.parametrize("header,value", [("X-Forwarded-Host", "a b"),
                                          ("X-Forwarded-Host", "[::1"),
                                          ("X-Forwarded-Proto", "ht tp"),
                                          ("X-Forwarded-Port", "99999"),
                                          ("X-Forwarded-Prefix", "no-slash"),
                                          ("X-Forwarded-For", "not-an-address")])
def test_a_malformed_forwarded_header_is_a_400_from_the_proxy_ignored_otherwise(
        url: str, header: str, value: str) -> None:
    with client("127.0.0.2") as stranger, client(PROXY) as proxy:
        assert stranger.get(f"{url}/sparql", headers={header: value, "Accept": "text/turtle"}
                            ).status_code == 200
        r = proxy.get(f"{url}/sparql", headers={header: value, "Accept": "text/turtle"})
    assert r.status_code == 400 and header in r.text


def test_the_client_behind_the_proxy_is_the_one_counted(app_and_url, url) -> None:
    """Two clients behind one proxy have shares of their own; a forged hop is not believed
    from a stranger."""
    p = pool(app_and_url)
    wait_whole(p)
    with client(PROXY) as proxy:
        for _ in range(2):
            assert ask(proxy, url, CROSS_PRODUCT + " # 203.0.113.5",
                       headers={"X-Forwarded-For": "203.0.113.5"}).status_code == 504
            wait_whole(p)
        # (Each query text is new: a cached answer costs no worker and passes the gate.)
        blocked = ask(proxy, url, LIGHT + " # 5", headers={"X-Forwarded-For": "203.0.113.5"})
        served = ask(proxy, url, LIGHT + " # 6", headers={"X-Forwarded-For": "203.0.113.6"})
    with client("127.0.0.11") as stranger:   # forges the blocked client's address: not believed
        forged = ask(stranger, url, LIGHT + " # 5 forged",
                     headers={"X-Forwarded-For": "203.0.113.5"})
    assert blocked.status_code == 429 and served.status_code == 200
    assert forged.status_code == 200


# -- Files -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/dumps/vvgraph.nt", "/bron/monitoringsrapport-2022-06-01.txt",
                                  "/static/style.css"])
def test_files_answer_304_to_their_validators(url: str, path: str) -> None:
    with client() as c:
        first = c.get(url + path)
        assert first.status_code == 200 and first.content
        etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
        assert not etag.startswith("W/")
        for headers in ({"If-None-Match": etag}, {"If-None-Match": f'"other", {etag}'},
                        {"If-Modified-Since": modified}):
            again = c.get(url + path, headers=headers)
            assert again.status_code == 304 and again.content == b""
            assert again.headers["ETag"] == etag
        assert c.get(url + path, headers={"If-None-Match": '"other"'}).status_code == 200
        assert c.get(url + path, headers={"If-Modified-Since": "Thu, 01 Jan 1970 00:00:00 GMT"}
                     ).status_code == 200


def test_a_dump_answers_byte_ranges(app_and_url, url) -> None:
    whole = (app_and_url[2] / "vvgraph.nt").read_bytes()
    with client() as c:
        etag = c.head(f"{url}/dumps/vvgraph.nt").headers["ETag"]
        part = c.get(f"{url}/dumps/vvgraph.nt", headers={"Range": "bytes=1000-1999",
                                                          "Accept-Encoding": "identity"})
        tail = c.get(f"{url}/dumps/vvgraph.nt", headers={"Range": "bytes=-500",
                                                          "If-Range": etag})
        stale = c.get(f"{url}/dumps/vvgraph.nt", headers={"Range": "bytes=0-9",
                                                           "If-Range": '"old"'})
        beyond = c.get(f"{url}/dumps/vvgraph.nt", headers={"Range": f"bytes={len(whole)}-"})
    assert part.status_code == 206 and part.content == whole[1000:2000]
    assert part.headers["Content-Range"] == f"bytes 1000-1999/{len(whole)}"
    assert tail.status_code == 206 and tail.content == whole[-500:]
    assert stale.status_code == 200 and stale.content == whole
    assert beyond.status_code == 416


# -- Security headers ------------------------------------------------------------------------------

class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.inline: list[str] = []
        self._in: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self._in = dict(attrs)
            self.inline.append("")

    def handle_data(self, data: str) -> None:
        if self._in is not None:
            self.inline[-1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in is not None:
            if "src" in self._in or (self._in.get("type") or "").endswith("json"):
                self.inline.pop()
            self._in = None


@pytest.mark.parametrize("path", ["/sparql", "/", "/doc/nothing-here", "/zoeken?q=x"])
def test_html_answers_carry_the_security_headers(url: str, path: str) -> None:
    with client() as c:
        r = c.get(url + path, headers={"Accept": "text/html"})
    assert r.headers["content-type"].startswith("text/html")
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    csp = dict(part.strip().split(" ", 1) for part in r.headers["Content-Security-Policy"].split(";"))
    assert csp["default-src"] == "'none'" and csp["frame-ancestors"] == "'none'"
    parser = _Scripts()
    parser.feed(r.text)
    hashes = {"'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
              for s in parser.inline}
    allowed = set(csp["script-src"].split())
    assert allowed == {"'self'"} | hashes
    assert "'unsafe-inline'" not in allowed and "'unsafe-eval'" not in allowed


def test_other_answers_say_nosniff_without_a_page_policy(url: str) -> None:
    with client() as c:
        r = ask(c, url, LIGHT)
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" not in r.headers
