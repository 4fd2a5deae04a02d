"""Benchmark: the static export of every page (``vvgraph site``), the acceptance bound being
under 30 s for all pages on a 2-core machine.

Run: python bench/bench_site.py [REPEAT] [--cli]
Each repeat exports a fresh folder from one build made beforehand (the build is timed by
bench_build.py); ``--cli`` also times the whole ``vvgraph site -o DIR`` command in a fresh
process (build, SHACL validation, export), as a user runs it.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    repeat = int(args[0]) if args else 3
    from vvgraph.config import Settings
    from vvgraph.export.site import export_site
    from vvgraph.pipeline import build

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(build_dir=Path(tmp) / "build")
        t0 = time.perf_counter()
        result = build(settings, validate=False)
        print(f"build (no SHACL), not counted below: {time.perf_counter() - t0:.1f}s")
        times, steps = [], []
        for n in range(repeat):
            out = Path(tmp) / f"site{n}"
            t0 = time.perf_counter()
            report = export_site(settings, out, result=result)
            times.append(time.perf_counter() - t0)
            steps.append(report.steps)
        print(f"export_site: runs={repeat} median={statistics.median(times):.1f}s "
              f"min={min(times):.1f}s max={max(times):.1f}s; {report.pages} pages, {report.files} files")
        for i, (name, _) in enumerate(steps[0]):
            print(f"  {name:<26} median {statistics.median(s[i][1] for s in steps):.1f}s")
    if "--cli" in sys.argv:
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "vvgraph", "site", "-o", tmp], check=True)
            print(f"vvgraph site -o DIR (build + SHACL + export): {time.perf_counter() - t0:.1f}s")


if __name__ == "__main__":
    main()
