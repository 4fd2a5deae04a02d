"""Mutated reports through `vvgraph extract`: never a traceback, never a hang.

300 copies of the bundled report, each damaged by a few random mutations (seeded, so a run can
be repeated): lines deleted, duplicated, swapped or cut short; a labelled line's label garbled;
bytes that are not UTF-8, NUL bytes, a byte-order mark, CR line ends; the file truncated or
emptied. Each goes through `vvgraph extract FILE -o OUT` as its own process, two at a time, with
a 60 s limit. Printed: exit codes, the slowest run, and every run that printed a traceback,
exited otherwise than 0/1/2, or hung. The source data is only read; copies go to a temporary
folder. Nothing is asserted.

Run: python bench/bench_mutate.py [--count 300] [--seed 13]
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from vvgraph.config import bundled_report

LIMIT = 60.0


def mutate(lines: list[bytes], r: random.Random) -> bytes:
    lines = list(lines)
    for _ in range(r.randint(1, 6)):
        if not lines:
            break
        i = r.randrange(len(lines))
        kind = r.choice(["delete", "delete-block", "duplicate", "swap", "cut", "garble",
                         "not-utf8", "nul", "bom", "crlf", "truncate", "empty"])
        if kind == "delete":
            del lines[i]
        elif kind == "delete-block":
            del lines[i:i + r.randint(2, 200)]
        elif kind == "duplicate":
            lines[i:i] = lines[i:i + r.randint(1, 50)]
        elif kind == "swap":
            j = r.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "cut":
            lines[i] = lines[i][: r.randrange(len(lines[i]) + 1)] + b"\n"
        elif kind == "garble":
            line = bytearray(lines[i])
            for _ in range(r.randint(1, 4)):
                if line:
                    line[r.randrange(len(line))] = r.choice(b"xX:;- \t0123456789")
            lines[i] = bytes(line)
        elif kind == "not-utf8":
            lines[i] = lines[i][:5] + bytes([r.choice([0xC3, 0xFF, 0x80, 0xE2])]) + lines[i][5:]
        elif kind == "nul":
            lines[i] = lines[i][:3] + b"\x00" + lines[i][3:]
        elif kind == "bom":
            lines[0] = b"\xef\xbb\xbf" + lines[0]
        elif kind == "crlf":
            lines = [line.replace(b"\n", b"\r\n") for line in lines]
        elif kind == "truncate":
            lines = lines[: r.randrange(len(lines))]
        elif kind == "empty":
            lines = []
    return b"".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    source = bundled_report().read_bytes().splitlines(keepends=True)
    r = random.Random(args.seed)
    codes: Counter[int | str] = Counter()
    problems: list[str] = []
    times: list[tuple[float, int]] = []
    with tempfile.TemporaryDirectory() as folder:
        inputs = []
        for n in range(args.count):
            path = Path(folder) / f"mutant-{n:03d}.txt"
            path.write_bytes(mutate(source, r))
            inputs.append(path)

        def run(path: Path) -> None:
            start = time.perf_counter()
            try:
                result = subprocess.run(
                    [sys.executable, "-m", "vvgraph", "extract", str(path), "-o",
                     str(path.with_suffix(".json"))],
                    capture_output=True, text=True, timeout=LIMIT, errors="replace")
            except subprocess.TimeoutExpired:
                codes["hang"] += 1
                problems.append(f"{path.name}: no answer within {LIMIT:g} s")
                return
            elapsed = time.perf_counter() - start
            times.append((elapsed, int(path.stem.split("-")[1])))
            codes[result.returncode] += 1
            output = result.stdout + result.stderr
            if "Traceback" in output or result.returncode not in (0, 1, 2):
                last = output.strip().splitlines()[-1:] or [""]
                problems.append(f"{path.name}: exit {result.returncode}: {last[0][:200]}")
            elif result.returncode != 0 and not result.stderr.startswith("vvgraph"):
                problems.append(f"{path.name}: exit {result.returncode} without a message")

        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=2) as pool:
            list(pool.map(run, inputs))
        wall = time.perf_counter() - started

    slowest = max(times) if times else (0.0, -1)
    print(f"bench_mutate: {args.count} mutated reports (seed {args.seed}) through "
          f"`vvgraph extract` in {wall:.0f} s; exit codes {dict(sorted(codes.items(), key=str))}; "
          f"slowest {slowest[0]:.1f} s (mutant {slowest[1]}); tracebacks, odd exits or hangs: "
          f"{len(problems)}")
    for line in problems[:20]:
        print(f"  {line}")


if __name__ == "__main__":
    main()
