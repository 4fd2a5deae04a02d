"""Load: 10,000 mixed requests from 16 clients against `vvgraph serve`, all on 127.0.0.1.

The server is a real `vvgraph serve` process (two query workers, default limits) on the bundled
report, built into a temporary folder. Each client is a thread with its own connection and its
own loopback address (127.0.0.10 ...), as 16 people would be, so the per-client fairness treats
them as 16. The mix: SPARQL queries that miss the answer cache (a project looked up by id),
the example queries of ``queries/`` (cache hits after the first), linked-data pages in HTML and
Turtle, redirects from ``/id/``, the service description, conditional and ranged GETs of a dump,
the stylesheet, and unknown pages (404). Printed: throughput, latency percentiles per kind,
status counts and errors (a 5xx or a broken connection). Nothing is asserted.

Run: python bench/bench_load.py [--requests 10000] [--clients 16]
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
JSON = "application/sparql-results+json"
SERVE = """
import sys
from pathlib import Path
from vvgraph.config import Settings
from vvgraph.server import serve
serve(Settings(port=int(sys.argv[1]), build_dir=Path(sys.argv[2]), **eval(sys.argv[3])))
"""
PROJECT = ("PREFIX dct: <http://purl.org/dc/terms/> SELECT ?p ?title WHERE {{ ?p dct:identifier "
           "\"{id}\" ; dct:title ?title }} # {nonce}")


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_server(settings: str = "{}") -> Iterator[str]:
    """`vvgraph serve` in a process of its own on a free port; yields its base URL."""
    with tempfile.TemporaryDirectory() as folder:
        port = free_port()
        log = open(Path(folder) / "server.log", "wb")   # a pipe nobody reads would fill up
        process = subprocess.Popen([sys.executable, "-c", SERVE, str(port), folder, settings],
                                   cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            with httpx.Client(timeout=5) as c:
                for _ in range(1200):
                    if process.poll() is not None:
                        tail = (Path(folder) / "server.log").read_text(errors="replace")[-2000:]
                        raise SystemExit(f"the server exited: {tail}")
                    try:
                        if c.get(f"{url}/sparql", params={"query": "ASK {}"}).status_code == 200:
                            break
                    except httpx.TransportError:
                        pass
                    time.sleep(0.1)
                else:
                    raise SystemExit("the server did not come up in 120 s")
            yield url
        finally:
            process.terminate()
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
            log.close()


def client_for(address: str, timeout: float = 60) -> httpx.Client:
    return httpx.Client(timeout=timeout, transport=httpx.HTTPTransport(local_address=address))


def examples() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "queries").glob("*.rq"))
            if "SERVICE" not in p.read_text(encoding="utf-8")]   # no calls out of loopback


def request_kinds(url: str) -> dict[str, Callable[[httpx.Client, random.Random], httpx.Response]]:
    queries = examples()
    ids = [f"VV{n:03d}" for n in range(1, 181)]
    etags: dict[str, str] = {}

    def sparql_miss(c: httpx.Client, r: random.Random) -> httpx.Response:
        query = PROJECT.format(id=r.choice(ids), nonce=r.random())
        return c.post(f"{url}/sparql", data={"query": query}, headers={"Accept": JSON})

    def sparql_example(c: httpx.Client, r: random.Random) -> httpx.Response:
        return c.get(f"{url}/sparql", params={"query": r.choice(queries)}, headers={"Accept": JSON})

    def page_html(c: httpx.Client, r: random.Random) -> httpx.Response:
        return c.get(f"{url}/doc/project/{r.choice(ids)}", headers={"Accept": "text/html"})

    def page_turtle(c: httpx.Client, r: random.Random) -> httpx.Response:
        return c.get(f"{url}/doc/project/{r.choice(ids)}", headers={"Accept": "text/turtle"})

    def redirect(c: httpx.Client, r: random.Random) -> httpx.Response:
        return c.get(f"{url}/id/project/{r.choice(ids)}")

    def description(c: httpx.Client, r: random.Random) -> httpx.Response:
        return c.get(f"{url}/sparql", headers={"Accept": "text/turtle"})

    def dump_conditional(c: httpx.Client, r: random.Random) -> httpx.Response:
        tag = etags.get("nt")
        if tag is None:
            response = c.head(f"{url}/dumps/vvgraph.nt")
            etags["nt"] = response.headers.get("etag", '"none"')
            return response
        return c.get(f"{url}/dumps/vvgraph.nt", headers={"If-None-Match": tag})

    def dump_range(c: httpx.Client, r: random.Random) -> httpx.Response:
        start = r.randrange(0, 1_000_000)
        return c.get(f"{url}/dumps/vvgraph.nt", headers={"Range": f"bytes={start}-{start + 4095}"})

    def static(c: httpx.Client, r: random.Random) -> httpx.Response:
        return c.get(f"{url}/static/style.css")

    def missing(c: httpx.Client, r: random.Random) -> httpx.Response:
        return c.get(f"{url}/doc/project/VV{r.randrange(181, 999)}", headers={"Accept": "text/html"})

    return {"sparql-miss": sparql_miss, "sparql-example": sparql_example, "page-html": page_html,
            "page-turtle": page_turtle, "id-redirect": redirect, "service-description": description,
            "dump-304": dump_conditional, "dump-range": dump_range, "static": static,
            "missing-404": missing}


WEIGHTS = {"sparql-miss": 25, "sparql-example": 15, "page-html": 20, "page-turtle": 10,
           "id-redirect": 8, "service-description": 4, "dump-304": 5, "dump-range": 5,
           "static": 4, "missing-404": 4}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=16)
    args = parser.parse_args()
    with running_server() as url:
        kinds = request_kinds(url)
        names = list(WEIGHTS)
        plan = random.Random(13).choices(names, weights=[WEIGHTS[n] for n in names],
                                         k=args.requests)
        lock = threading.Lock()
        latencies: dict[str, list[float]] = defaultdict(list)
        statuses: Counter[tuple[str, int]] = Counter()
        errors: list[str] = []
        next_index = iter(range(len(plan)))

        def work(n: int) -> None:
            r = random.Random(n)
            with client_for(f"127.0.0.{10 + n}") as c:
                while True:
                    with lock:
                        i = next(next_index, None)
                    if i is None:
                        return
                    kind = plan[i]
                    start = time.perf_counter()
                    try:
                        response = kinds[kind](c, r)
                        status = response.status_code
                    except httpx.HTTPError as e:
                        status = 0
                        with lock:
                            errors.append(f"{kind}: {type(e).__name__}: {e}")
                    elapsed = time.perf_counter() - start
                    with lock:
                        latencies[kind].append(elapsed)
                        statuses[(kind, status)] += 1
                        if status >= 500:
                            errors.append(f"{kind}: {status} {response.text[:200]!r}")

        started = time.perf_counter()
        threads = [threading.Thread(target=work, args=(n,)) for n in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - started

    everything = [x for values in latencies.values() for x in values]
    print(f"bench_load: {len(everything)} requests from {args.clients} clients in {wall:.1f} s "
          f"= {len(everything) / wall:.0f} req/s; errors (5xx or no answer): {len(errors)}")
    print(f"  all: p50 {percentile(everything, 50) * 1000:.0f} ms, "
          f"p95 {percentile(everything, 95) * 1000:.0f} ms, "
          f"p99 {percentile(everything, 99) * 1000:.0f} ms")
    for kind in names:
        values = latencies[kind]
        codes = ", ".join(f"{s}: {n}" for (k, s), n in sorted(statuses.items()) if k == kind)
        print(f"  {kind:20} n={len(values):5}  median {statistics.median(values) * 1000:6.1f} ms  "
              f"p95 {percentile(values, 95) * 1000:6.1f} ms  [{codes}]")
    for line in errors[:10]:
        print(f"  error: {line}")


if __name__ == "__main__":
    main()
