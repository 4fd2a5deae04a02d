"""Bad input: a clear error naming file, line and what was expected; never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vvgraph import CheckError, ExtractError, SheetErrors
from vvgraph.extract import parse_report


@pytest.fixture(scope="module")
def text(report_path: Path) -> str:
    return report_path.read_text(encoding="utf-8")


def test_empty_file(tmp_path: Path) -> None:
    f = tmp_path / "empty.txt"
    f.write_text("")
    with pytest.raises(ExtractError, match="empty"):
        parse_report(f)


def test_not_a_report(tmp_path: Path) -> None:
    f = tmp_path / "other.txt"
    f.write_text("Dit is een gewone tekst.\nZonder projectfiches.\n")
    with pytest.raises(ExtractError) as e:
        parse_report(f)
    assert e.value.line == 1 and "BETROKKENEN" in str(e.value)


def test_wrong_encoding_names_the_line(tmp_path: Path, text: str) -> None:
    f = tmp_path / "latin1.txt"
    f.write_bytes(text.encode("latin-1", errors="replace"))
    with pytest.raises(ExtractError) as e:
        parse_report(f)
    # Characters outside Latin-1 become "?"; the first one inside it (é, ë, ...) is the bad byte.
    first_non_ascii = next(i for i, ln in enumerate(text.split("\n"), 1) if any(127 < ord(c) < 256 for c in ln))
    assert e.value.line == first_non_ascii
    assert "UTF-8" in str(e.value)


def test_binary_file(tmp_path: Path) -> None:
    f = tmp_path / "x.bin"
    f.write_bytes(b"\x00\x01\x02abc")
    with pytest.raises(ExtractError, match="NUL"):
        parse_report(f)


def test_truncated_report_names_the_cut_sheet(text: str) -> None:
    lines = text.split("\n")
    cut = "\n".join(lines[: len(lines) // 2])
    with pytest.raises(SheetErrors) as e:
        parse_report(cut)
    # The half-way line falls inside VV083's sheet; the 82 sheets before it parse.
    assert "VV083" in str(e.value) and e.value.parsed == 82


def test_report_cut_between_sheets_lists_the_missing_ones(text: str) -> None:
    cut = text[: text.index(" VV180 - ")]
    with pytest.raises(CheckError) as e:
        parse_report(cut)
    assert "VV180" in str(e.value)


def test_a_sheet_without_its_financing_is_named(text: str) -> None:
    start = text.index("\nVV001 - ASBESTPREMIE")
    end = text.index(" VV002 - ASBESTPREMIE")
    sheet = text[start:end]
    broken = sheet.replace("Beleidsruimte (begroot)", "Begroting").replace("PROJECTFINANCIERING", "GELD")
    with pytest.raises(SheetErrors) as e:
        parse_report(text[:start] + broken + text[end:])
    assert "VV001" in str(e.value) and "PROJECTFINANCIERING" in str(e.value)
    assert e.value.parsed == 179


def test_bad_amount_names_its_line(text: str) -> None:
    bad = text.replace("Uitvoering VAK 344.000 EUR", "Uitvoering VAK ongeveer veel", 1)
    line = text[: text.index("Uitvoering VAK 344.000 EUR")].count("\n") + 1
    with pytest.raises(SheetErrors) as e:
        parse_report(bad)
    assert f":{line}:" in str(e.value) and "not an amount" in str(e.value)


def test_cli_exit_codes_and_no_traceback(tmp_path: Path) -> None:
    f = tmp_path / "empty.txt"
    f.write_text("")
    run = subprocess.run([sys.executable, "-m", "vvgraph", "extract", str(f)],
                         capture_output=True, text=True)
    assert run.returncode == 2
    assert "Traceback" not in run.stderr and "empty" in run.stderr


def test_cli_writes_the_json(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    run = subprocess.run([sys.executable, "-m", "vvgraph", "extract", "-o", str(out)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    import json
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["report"]["project_count"] == 180 and data["projects"][0]["id"] == "VV001"


SHEET_START = "\nVV001 - ASBESTPREMIE"
SHEET_END = " VV004 - CIRCULAIRE"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mangled_input_parses_or_fails_clearly(text: str, data: st.DataObject) -> None:
    """Delete, duplicate or garble lines of three sheets: either records or a clear error."""
    start, end = text.index(SHEET_START), text.index(SHEET_END)
    lines = text[start:end].split("\n")
    for _ in range(data.draw(st.integers(1, 5))):
        i = data.draw(st.integers(0, len(lines) - 1))
        op = data.draw(st.sampled_from(["delete", "duplicate", "garble", "blank"]))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "garble":
            lines[i] = data.draw(st.text(max_size=40).filter(lambda s: "\n" not in s and "\r" not in s))
        else:
            lines[i] = ""
    mangled = text[:start] + "\n".join(lines) + text[end:]
    try:
        parse_report(mangled)
    except (ExtractError, CheckError) as e:
        assert str(e)
