"""vvgraph: the Vlaamse Veerkracht monitoring report as a knowledge graph."""

from ._exceptions import CheckError, ConfigError, ExtractError, SheetErrors, VvgraphError
from .extract import parse_report
from .records import Report, from_json, to_json

__version__ = "0.1.0"

__all__ = sorted([
    "CheckError", "ConfigError", "ExtractError", "Report", "SheetErrors", "VvgraphError",
    "from_json", "parse_report", "to_json",
])
