"""Configuration in one place: the bundled report and defaults every command shares."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

REPORT_FILE = "monitoringsrapport-2022-06-01.txt"


def bundled_report() -> Path:
    """The copy of the report shipped inside the package, the default input of every command."""
    return Path(str(resources.files("vvgraph") / "data" / REPORT_FILE))
