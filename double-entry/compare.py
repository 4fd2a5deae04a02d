#!/usr/bin/env python3
"""Compare two readers' entries of the same sheets, and either with the extractor's records.

    python3 compare.py READER_A READER_B                 disagreements between two readers
    python3 compare.py --records records.json DIR [--skip VV001,...]
                                                         cells where DIR differs from the extractor

Cells compared: every milestone (name, timing, status, description), indicator (indicator,
target, timing, realisation, rate) and decision (title, urls) of every sheet present in both.
A row-count difference counts every cell of the longer table as a miss.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

TABLES = {"milestones": ("name", "timing", "status", "description"),
          "indicators": ("indicator", "target", "timing", "realisation", "rate"),
          "decisions": ("title", "urls")}


def load_dir(d: Path) -> dict[str, dict]:
    out = {}
    for p in sorted(d.glob("VV*.json")):
        try:
            out[p.stem] = json.loads(p.read_text(encoding="utf-8"))
        except json.JSONDecodeError as e:
            print(f"{p}: not JSON: {e}", file=sys.stderr)
    return out


def cells(sheet: dict) -> dict[tuple[str, int, str], object]:
    out = {}
    for table, cols in TABLES.items():
        for i, row in enumerate(sheet.get(table, [])):
            for c in cols:
                v = row.get(c)
                if c == "urls":
                    v = list(v or [])
                out[(table, i, c)] = v
    return out


def compare(a: dict[str, dict], b: dict[str, dict], ids: list[str]) -> tuple[int, int, dict, list[str]]:
    total = same = 0
    by_table: dict[str, list[int]] = {t: [0, 0] for t in TABLES}
    by_column: dict[str, list[int]] = {f"{t}.{c}": [0, 0] for t, cols in TABLES.items() for c in cols}
    lines: list[str] = []
    for sid in ids:
        ca, cb = cells(a[sid]), cells(b[sid])
        for table in TABLES:
            na, nb = len(a[sid].get(table, [])), len(b[sid].get(table, []))
            if na != nb:
                lines.append(f"{sid} {table}: {na} rows vs {nb} rows")
        for key in sorted(set(ca) | set(cb), key=lambda k: (list(TABLES).index(k[0]), k[1], k[2])):
            total += 1
            by_table[key[0]][0] += 1
            by_column[f"{key[0]}.{key[2]}"][0] += 1
            if key in ca and key in cb and ca[key] == cb[key]:
                same += 1
                by_table[key[0]][1] += 1
                by_column[f"{key[0]}.{key[2]}"][1] += 1
            else:
                lines.append(f"{sid} {key[0]}[{key[1]}].{key[2]}:\n    A: {ca.get(key, '<absent>')!r}\n"
                             f"    B: {cb.get(key, '<absent>')!r}")
    return total, same, {**by_table, **by_column}, lines


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("dirs", nargs="+", type=Path)
    ap.add_argument("--records", type=Path)
    ap.add_argument("--skip", default="")
    ap.add_argument("--only", default="")
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--by-column", action="store_true", help="also the accuracy of each column")
    args = ap.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    only = set(filter(None, args.only.split(",")))
    if args.records:
        recs = {p["id"]: p for p in json.loads(args.records.read_text(encoding="utf-8"))["projects"]}
        a, b = load_dir(args.dirs[0]), recs
    else:
        a, b = load_dir(args.dirs[0]), load_dir(args.dirs[1])
    ids = sorted(k for k in set(a) & set(b) if k not in skip and (not only or k in only))
    total, same, by_table, lines = compare(a, b, ids)
    if not args.quiet:
        print("\n".join(lines))
    print(f"{len(ids)} sheets, {same}/{total} cells equal ({100 * same / max(total, 1):.2f} %)")
    for t, (n, s) in by_table.items():
        if "." not in t or args.by_column:
            print(f"  {t}: {s}/{n} ({100 * s / max(n, 1):.2f} %)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
