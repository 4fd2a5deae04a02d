"""Benchmark: extraction of the whole bundled report (figures printed, never asserted).

Run: make bench   (or: python bench/bench_extract.py [REPEAT])
"""

from __future__ import annotations

import statistics
import sys
import time
import tracemalloc

from vvgraph.config import bundled_report
from vvgraph.extract import parse_report
from vvgraph.records import to_json


def main() -> None:
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    path = bundled_report()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        report = parse_report(path)
        to_json(report)
        times.append(time.perf_counter() - t0)
    tracemalloc.start()
    parse_report(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"extract+json of {path.name}: {report.project_count} projects")
    print(f"  runs={repeat} median={statistics.median(times):.3f}s min={min(times):.3f}s max={max(times):.3f}s")
    print(f"  peak traced memory={peak / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
