#!/usr/bin/env python3
"""Show the report's lines for double entry, so that a reader sees what the converter printed.

    python3 show.py --sheets              where each sheet starts and ends (line numbers)
    python3 show.py VV045                 the whole sheet VV045, numbered
    python3 show.py 14137 14187           lines 14137-14187, numbered

Each line is printed as ``NNNNN|text`` followed by a marker at its end:
``⏎`` the line ends with a trailing space (it joins the next line of its cell with one space),
``¬`` the line ends without one (a word broken by the line break: it joins the next line
directly, without a space). An empty line shows as ``NNNNN|`` alone; a line holding only
spaces shows the spaces as ``·``.

The report is the file given by --report (default: the copy in ../shared/source or the
bundled one in the package).
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
NAME = "monitoringsrapport-2022-06-01.txt"
CANDIDATES = [d / sub / NAME for d in (HERE, *HERE.parents) for sub in ("shared/source", "vvgraph/data")]
HEADING = re.compile(r"^\s?VV(\d{3})\s+-\s")


def sheet_starts(lines: list[str]) -> dict[str, int]:
    """1-based line of each sheet heading: a 'VVnnn - ' line followed by BETROKKENEN."""
    starts: dict[str, int] = {}
    for i, text in enumerate(lines):
        m = HEADING.match(text)
        if m and any(lines[j].strip() == "BETROKKENEN" for j in range(i + 1, min(i + 8, len(lines)))):
            starts["VV" + m.group(1)] = i + 1
    return starts


def render(no: int, text: str) -> str:
    if text == "":
        return f"{no:5d}|"
    if text.strip() == "":
        return f"{no:5d}|" + "·" * len(text)
    return f"{no:5d}|{text}" + ("⏎" if text.endswith(" ") else "¬")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("what", nargs="*")
    ap.add_argument("--sheets", action="store_true")
    ap.add_argument("--report", type=Path)
    args = ap.parse_args()
    report = args.report or next(p for p in CANDIDATES if p.exists())
    lines = report.read_text(encoding="utf-8").split("\n")
    starts = sheet_starts(lines)
    order = sorted(starts.items(), key=lambda kv: kv[1])
    ends = {sid: (order[k + 1][1] - 1 if k + 1 < len(order) else len(lines))
            for k, (sid, _) in enumerate(order)}
    if args.sheets:
        for sid, start in sorted(starts.items()):
            print(f"{sid} {start}-{ends[sid]}")
        return 0
    if len(args.what) == 1 and args.what[0].upper() in starts:
        sid = args.what[0].upper()
        first, last = starts[sid], ends[sid]
    elif len(args.what) == 2:
        first, last = int(args.what[0]), int(args.what[1])
    else:
        ap.error("give a sheet id (VV045) or two line numbers")
    for no in range(first, last + 1):
        print(render(no, lines[no - 1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
