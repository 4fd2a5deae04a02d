"""Benchmark: the whole build (extract + map + write every dump), as `vvgraph build` runs it.

Run: make bench   (or: python bench/bench_build.py [REPEAT] [--validate])
Each run is a fresh process, so imports and start-up count as a user would see them.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    repeat = int(args[0]) if args else 3
    validate = "--validate" in sys.argv
    times = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as out:
            cmd = [sys.executable, "-m", "vvgraph", "build", "-o", out]
            if not validate:
                cmd.append("--no-validate")
            t0 = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True)
            times.append(time.perf_counter() - t0)
    label = "build (extract + map + SHACL + dumps)" if validate else "build (extract + map + dumps)"
    print(f"{label}: runs={repeat} median={statistics.median(times):.2f}s "
          f"min={min(times):.2f}s max={max(times):.2f}s")
    # In-process breakdown of one run.
    from pathlib import Path

    from vvgraph.config import Settings
    from vvgraph.pipeline import build
    with tempfile.TemporaryDirectory() as out:
        r = build(Settings(build_dir=Path(out)), validate=validate)
        for step, took in r.steps:
            print(f"  {step:<20} {took:.2f}s")
        print(f"  {len(r.graph)} triples, {len(r.files)} files")


if __name__ == "__main__":
    main()
