"""Cell-by-cell comparison with records written by hand from the source text.

The expected files in ``expected/`` were typed by people reading the report (see the NOTES
files there for the layout traps each sheet was chosen for), never copied from the
extractor's output. Every key present in an expected file must match exactly.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

EXPECTED = sorted((Path(__file__).parent / "expected").glob("VV*.json"))


def diff(path: str, expected: Any, got: Any) -> list[str]:
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            return [f"{path}: expected an object, got {got!r}"]
        out: list[str] = []
        for key, value in expected.items():
            if key not in got:
                out.append(f"{path}.{key}: missing")
            else:
                out += diff(f"{path}.{key}", value, got[key])
        return out
    if isinstance(expected, list):
        if not isinstance(got, list) or len(got) != len(expected):
            n = len(got) if isinstance(got, list) else got
            return [f"{path}: expected {len(expected)} items, got {n}"]
        return [d for i, (e, g) in enumerate(zip(expected, got)) for d in diff(f"{path}[{i}]", e, g)]
    return [] if expected == got else [f"{path}: expected {expected!r}, got {got!r}"]


def test_there_are_enough_hand_checked_sheets() -> None:
    assert len(EXPECTED) >= 8


# Known failures, by name, with the reason; strict, so a fix is noticed.
KNOWN: dict[str, str] = {}
CASES = [pytest.param(p, id=p.stem, marks=pytest.mark.xfail(reason=KNOWN[p.stem], strict=True))
         if p.stem in KNOWN else pytest.param(p, id=p.stem) for p in EXPECTED]


@pytest.mark.parametrize("path", CASES)
def test_sheet_matches_hand_checked_record(path: Path, projects_by_id: dict[str, dict]) -> None:
    expected = json.loads(path.read_text(encoding="utf-8"))
    problems = diff(expected["id"], expected, projects_by_id[expected["id"]])
    assert not problems, "\n".join(problems)
