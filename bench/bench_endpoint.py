"""Benchmark: the vvgraph endpoint beside ``oxigraph serve`` on the same graph and queries.

Both servers run on 127.0.0.1 from the same N-Quads (union default graph on both); each query of
``queries/`` is sent to each in turn, alternating so both see the same machine load, and the
median latency per query is printed with the ratio vvgraph / Oxigraph. Answers are compared by
value first (decimal lexical forms differ between engines). Figures are printed, never asserted.

Run: python bench/bench_endpoint.py [--data FILE.nq] [--queries DIR] [--repeat N]
(without --data the graph is built from the bundled report, without validation).
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal, InvalidOperation
from pathlib import Path

import httpx

from vvgraph.config import Settings

JSON = "application/sparql-results+json"
SERVE = """
import sys
from pathlib import Path
from vvgraph.config import Settings
from vvgraph.server import serve
serve(Settings(port=int(sys.argv[1]), workers=2), [(None, Path(sys.argv[2]))],
      include_report=False)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_up(client: httpx.Client, url: str, process: subprocess.Popen[bytes]) -> None:
    for _ in range(600):
        if process.poll() is not None:
            raise SystemExit(f"the server for {url} exited with {process.returncode}")
        try:
            if client.get(url, params={"query": "ASK {}"}).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise SystemExit(f"{url} did not come up")


def _value(term: dict[str, str]) -> object:
    """A binding's value, numbers as numbers (engines write decimals differently), and the
    words of a text as a sorted list (GROUP_CONCAT's order is up to the engine)."""
    try:
        return ("n", Decimal(term["value"]))
    except InvalidOperation:
        return (term["type"], sorted(term["value"].split()))


def answer_values(body: bytes) -> object:
    data = json.loads(body)
    if "boolean" in data:
        return data["boolean"]
    rows = [tuple(sorted((k, _value(v)) for k, v in b.items() if v["type"] != "bnode"))
            for b in data["results"]["bindings"]]
    return sorted(rows, key=repr)


def build_data(folder: Path) -> Path:
    from vvgraph.pipeline import build

    print("building the graph from the bundled report (no validation) ...", file=sys.stderr)
    return build(Settings(build_dir=folder / "build"), validate=False).nquads


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="N-Quads file (default: build the report)")
    parser.add_argument("--queries", type=Path, default=Settings().queries_dir)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    oxigraph = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    queries = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(args.queries.glob("*.rq"))]
    if not queries:
        raise SystemExit(f"no .rq files in {args.queries}")

    with tempfile.TemporaryDirectory() as tmp, httpx.Client(timeout=120) as client:
        data = args.data or build_data(Path(tmp))
        store = Path(tmp) / "oxigraph"
        subprocess.run([oxigraph, "load", "--location", str(store), "--file", str(data)],
                       check=True, capture_output=True)
        ox_port, vv_port = free_port(), free_port()
        servers = [
            subprocess.Popen([oxigraph, "serve-read-only", "--location", str(store), "--bind",
                              f"127.0.0.1:{ox_port}", "--union-default-graph"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
            subprocess.Popen([sys.executable, "-c", SERVE, str(vv_port), str(data)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
        urls = {"oxigraph": f"http://127.0.0.1:{ox_port}/query",
                "vvgraph": f"http://127.0.0.1:{vv_port}/sparql"}
        try:
            for url, process in zip(urls.values(), servers, strict=True):
                wait_until_up(client, url, process)
            for cold in (True, False):
                run(client, urls, queries, args.repeat, data, cold)
        finally:
            for process in servers:
                process.terminate()
                process.wait(30)


def run(client: httpx.Client, urls: dict[str, str], queries: list[tuple[str, str]],
        repeat: int, data: Path, cold: bool) -> None:
    """``cold``: every request's text differs (a numbered comment), so no server can answer
    from a cache of earlier answers; warm: the same text each time, as a page of examples or
    a dashboard sends it, and vvgraph answers repeats from its answer cache."""
    print(f"\n{'COLD (unique query text per request)' if cold else 'WARM (repeated query text)'}"
          f" -- data: {data} ; {repeat} requests per query and server, alternating; "
          "GET, Accept: SPARQL JSON, keep-alive\n")
    print(f"{'query':28} {'rows':>6} {'oxigraph ms':>12} {'vvgraph ms':>11} {'ratio':>6}  same")
    ratios = []
    for name, query in queries:
        times: dict[str, list[float]] = {k: [] for k in urls}
        answers: dict[str, bytes] = {}
        for round_ in range(repeat + 3):
            for server, url in urls.items():
                t0 = time.perf_counter()
                text = f"{query}\n# request {round_}" if cold else query
                r = client.get(url, params={"query": text}, headers={"Accept": JSON})
                took = time.perf_counter() - t0
                if r.status_code != 200:
                    raise SystemExit(f"{server} {name}: {r.status_code} {r.text[:300]}")
                answers[server] = r.content
                if round_ >= 3:   # the first rounds warm caches and connections
                    times[server].append(took)
        same = answer_values(answers["oxigraph"]) == answer_values(answers["vvgraph"])
        values = answer_values(answers["vvgraph"])
        rows = len(values) if isinstance(values, list) else 1
        ox, vv = (statistics.median(times[k]) * 1000 for k in ("oxigraph", "vvgraph"))
        ratios.append(vv / ox)
        print(f"{name:28} {rows:>6} {ox:>12.2f} {vv:>11.2f} {vv / ox:>6.2f}  "
              f"{'yes' if same else 'NO'}")
    print(f"\nratio vvgraph/oxigraph: median {statistics.median(ratios):.2f}, "
          f"max {max(ratios):.2f}, geometric mean "
          f"{statistics.geometric_mean(ratios):.2f}")


if __name__ == "__main__":
    main()
