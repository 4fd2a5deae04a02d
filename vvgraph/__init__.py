"""vvgraph: the Vlaamse Veerkracht monitoring report as a knowledge graph.

The public surface, one name per stage of the pipeline (text -> records -> RDF -> validated
graph -> files / endpoint). Names that need rdflib or the server are imported on first use,
so ``vvgraph extract`` does not pay for them.
"""

from importlib import import_module
from typing import Any

from ._exceptions import CheckError, ConfigError, ExtractError, SheetErrors, VvgraphError
from .config import Settings, load_settings
from .extract import parse_report
from .records import Report, from_json, to_json

__version__ = "0.1.0"

_LAZY = {
    "BuildResult": "pipeline", "build": "pipeline", "map_report": "mapping.graph",
    "read_report": "mapping.readback", "validate_graph": "validation", "infer": "inference",
    "publish": "export.publish", "export_site": "export.site", "create_app": "server",
    "serve": "server",
}

__all__ = sorted([
    "BuildResult", "CheckError", "ConfigError", "ExtractError", "Report", "Settings",
    "SheetErrors", "VvgraphError", "build", "create_app", "export_site", "from_json", "infer",
    "load_settings", "map_report", "parse_report", "publish", "read_report", "serve", "to_json",
    "validate_graph",
])


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'vvgraph' has no attribute {name!r}")
