#!/usr/bin/env python3
"""Merge two readers' entries into the expected sheets, listing every disagreement.

    python3 merge.py OUT_DIR SETTLED.json READER_A READER_B [READER_A READER_B ...]

For each sheet typed by both readers of a pair: identical entries are written to
``OUT_DIR/VVnnn.json``; a sheet where they differ is written only when SETTLED.json (sheet
id -> {"take": "A" | "B", "why": "..."} or {"value": {...}, "why": "..."}) settles it, and
listed otherwise. A sheet typed by one reader only is listed and not written.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

KEYS = {"milestones": ("name", "timing", "status", "description"),
        "indicators": ("indicator", "target", "timing", "realisation", "rate"),
        "decisions": ("title", "urls")}


def norm(sheet: dict) -> dict:
    return {t: [{k: r.get(k) for k in ks} for r in sheet.get(t, [])] for t, ks in KEYS.items()}


def main() -> int:
    out, settled_path, *readers = sys.argv[1:]
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    settled = json.loads(Path(settled_path).read_text(encoding="utf-8"))
    open_items, single, written = [], [], 0
    for a, b in zip(readers[::2], readers[1::2]):
        da = {p.stem: p for p in Path(a).glob("VV*.json")}
        db = {p.stem: p for p in Path(b).glob("VV*.json")}
        for sid in sorted(set(da) | set(db)):
            if sid not in da or sid not in db:
                single.append(sid)
                continue
            ea = norm(json.loads(da[sid].read_text(encoding="utf-8")))
            eb = norm(json.loads(db[sid].read_text(encoding="utf-8")))
            if ea != eb:
                s = settled.get(sid)
                if s is None:
                    open_items.append(sid)
                    continue
                ea = s["value"] if "value" in s else (ea if s["take"] == "A" else eb)
            (out_dir / f"{sid}.json").write_text(
                json.dumps({"id": sid, **ea}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            written += 1
    print(f"written {written}; disagreements not settled: {open_items}; one reader only: {single}")
    return 1 if open_items else 0


if __name__ == "__main__":
    sys.exit(main())
