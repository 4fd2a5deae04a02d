"""Faults under load: light queries for two minutes while 4 clients send hostile queries.

A real `vvgraph serve` process (two workers, default limits: 10 s per query, guard depth 64)
on the bundled report. Four light clients (127.0.0.20-23) each send, one after the other, a
small query that misses the answer cache (a project looked up by id). Four hostile clients
(127.0.0.30-33) send, in turn, queries that used to crash a worker or hold it: groups nested
10,000 deep (20 KB, POST), a cross product of the whole graph, an escape naming no character,
``ORDER BY`` over a ``(p|^p)*`` path, and ``ORDER BY`` over every object (which makes the
engine panic and kill its worker); they pause 0.1 s between requests and ignore
``Retry-After``. Printed: light latency p50/p95/p99 and errors, the hostile answers by status,
and whether the server still answers at the end. Nothing is asserted; traffic stays on loopback.

Run: python bench/bench_hostile.py [--seconds 120]
"""

from __future__ import annotations

import argparse
import random
import threading
import time
from collections import Counter

import httpx
from bench_load import JSON, PROJECT, client_for, percentile, running_server

NESTED = "SELECT * " + "{" * 10_000 + " ?s ?p ?o " + "}" * 10_000
HOSTILE = {
    "nested-10000": NESTED,
    "cross-product": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z }",
    "bad-escape": "SELECT * { ?s ?p '\\U0011FFFF' }",
    "path-order": ("SELECT ?s ?o WHERE { ?s (<http://purl.org/dc/terms/relation>|"
                   "^<http://purl.org/dc/terms/relation>)* ?o } ORDER BY ?s ?o"),
    # pyoxigraph 0.5.13 panics sorting integers among language-tagged strings: a dead worker.
    "order-mixed": "SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=120)
    args = parser.parse_args()
    ids = [f"VV{n:03d}" for n in range(1, 181)]
    with running_server() as url:
        stop = time.monotonic() + args.seconds
        lock = threading.Lock()
        light: list[float] = []
        light_status: Counter[int] = Counter()
        light_errors: list[str] = []
        hostile_status: Counter[tuple[str, int]] = Counter()
        hostile_time: dict[str, list[float]] = {k: [] for k in HOSTILE}

        def light_client(n: int) -> None:
            r = random.Random(n)
            with client_for(f"127.0.0.{20 + n}", timeout=60) as c:
                while time.monotonic() < stop:
                    query = PROJECT.format(id=r.choice(ids), nonce=r.random())
                    start = time.perf_counter()
                    try:
                        status = c.post(f"{url}/sparql", data={"query": query},
                                        headers={"Accept": JSON}).status_code
                    except httpx.HTTPError as e:
                        status = 0
                        with lock:
                            light_errors.append(f"{type(e).__name__}: {e}")
                    with lock:
                        light.append(time.perf_counter() - start)
                        light_status[status] += 1

        def hostile_client(n: int) -> None:
            kinds = list(HOSTILE)
            with client_for(f"127.0.0.{30 + n}", timeout=60) as c:
                i = n
                while time.monotonic() < stop:
                    kind = kinds[i % len(kinds)]
                    i += 1
                    start = time.perf_counter()
                    try:
                        status = c.post(f"{url}/sparql", content=HOSTILE[kind].encode(),
                                        headers={"Content-Type": "application/sparql-query",
                                                 "Accept": JSON}).status_code
                    except httpx.HTTPError:
                        status = 0
                    with lock:
                        hostile_status[(kind, status)] += 1
                        hostile_time[kind].append(time.perf_counter() - start)
                    time.sleep(0.1)

        threads = [threading.Thread(target=light_client, args=(n,)) for n in range(4)]
        threads += [threading.Thread(target=hostile_client, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        with httpx.Client(timeout=30) as c:
            try:
                after: int | str = c.post(f"{url}/sparql", headers={"Accept": JSON},
                                          data={"query": "ASK { ?s ?p ?o } # after"}).status_code
            except httpx.HTTPError as e:
                after = f"no answer ({type(e).__name__})"

    failed = sum(n for s, n in light_status.items() if s == 0 or s >= 500)
    print(f"bench_hostile: {args.seconds:g} s, 4 light + 4 hostile clients, 2 workers")
    print(f"  light: {len(light)} queries, p50 {percentile(light, 50) * 1000:.0f} ms, "
          f"p95 {percentile(light, 95) * 1000:.0f} ms, p99 {percentile(light, 99) * 1000:.0f} ms, "
          f"max {max(light) * 1000:.0f} ms; statuses {dict(sorted(light_status.items()))}; "
          f"errors (5xx or no answer): {failed}")
    for kind in HOSTILE:
        codes = ", ".join(f"{s}: {n}" for (k, s), n in sorted(hostile_status.items()) if k == kind)
        times = hostile_time[kind]
        print(f"  hostile {kind:14} n={len(times):4}  median "
              f"{percentile(times, 50) * 1000:7.0f} ms  [{codes}]")
    print(f"  a query after the run: {after}")
    for line in light_errors[:5]:
        print(f"  light error: {line}")


if __name__ == "__main__":
    main()
