"""Benchmark: SHACL validation and targeted inference of the whole graph (figures printed, never
asserted). The budget (issue 4) is validation + inference under 15 s on the 2-core machine.

Run: python bench/bench_validate.py [REPEAT]   (default 3; the median is the figure to quote)

Wall time is what a user waits; CPU time of this process is printed next to it, because on a
shared machine other processes stretch the wall time, not the CPU time. Peak memory is the
process's maximum resident set size after each stage (graph, shapes, pyshacl and owlrl
included; tracemalloc would slow pyshacl down tenfold).
"""

from __future__ import annotations

import os
import resource
import statistics
import sys
import time

from vvgraph.config import Settings
from vvgraph.inference import infer
from vvgraph.pipeline import map_graph
from vvgraph.extract import parse_report
from vvgraph.validation import load_ontology, load_shapes, validate_graph


def _timed(fn, repeat: int) -> tuple[list[float], list[float], object]:
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        result = fn()
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    return walls, cpus, result


def _line(name: str, walls: list[float], cpus: list[float]) -> str:
    return (f"  {name:<22} median={statistics.median(walls):6.2f}s  min={min(walls):6.2f}s  "
            f"max={max(walls):6.2f}s  cpu median={statistics.median(cpus):6.2f}s")


def _rss() -> float:
    """Peak resident set size of this process so far, MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    settings = Settings()
    graph = map_graph(settings, parse_report(settings.report))
    shapes, ontology = load_shapes(settings), load_ontology(settings)
    rss_graph = _rss()
    print(f"graph: {len(graph)} triples; shapes: {len(shapes)} triples; ontology: {len(ontology)} triples; "
          f"{os.cpu_count()} cpus, load average {os.getloadavg()[0]:.2f}")

    # The first validation parses the SHACL-SPARQL queries (cached afterwards in the process,
    # as in a long-running build or test session); it is reported apart.
    w, c, _ = _timed(lambda: validate_graph(graph, shapes, ontology), 1)
    print(_line("validate (first)", w, c))
    vw, vc, outcome = _timed(lambda: validate_graph(graph, shapes, ontology), repeat)
    print(_line("validate", vw, vc))
    rss_validate = _rss()
    iw, ic, inferred = _timed(lambda: infer(graph, ontology), repeat)
    print(_line("infer", iw, ic))
    rss_infer = _rss()
    total = statistics.median(vw) + statistics.median(iw)
    first = w[0] + statistics.median(iw)
    print(f"  validate + infer       median={total:6.2f}s  (first run {first:.2f}s)  budget 15 s")
    print(f"  findings: {len(outcome.violations)} violations, {len(outcome.warnings)} warnings, "  # type: ignore[attr-defined]
          f"{len(outcome.infos)} infos; inferred triples: {len(inferred)}")  # type: ignore[attr-defined,arg-type]

    print(f"  peak RSS: {rss_graph:.0f} MiB after building the graph, {rss_validate:.0f} MiB after "
          f"validation, {rss_infer:.0f} MiB after inference")

if __name__ == "__main__":
    main()
