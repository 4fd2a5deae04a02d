"""Configuration in one place: every setting, its environment variable and its default.

Settings are read once (flags, then ``VVGRAPH_*`` variables, then defaults) into one frozen
``Settings`` that is passed explicitly to whatever needs it; no module reads the environment
except this one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any, Mapping

from ._exceptions import ConfigError

REPORT_FILE = "monitoringsrapport-2022-06-01.txt"
DEFAULT_BASE = "https://w3id.org/vlaamse-veerkracht/"
# The repository root when running from a checkout: ontology/, shapes/, queries/, site/ live there.
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def bundled_report() -> Path:
    """The copy of the report shipped inside the package, the default input of every command."""
    return Path(str(resources.files("vvgraph") / "data" / REPORT_FILE))


def _folder(name: str) -> Path:
    """Declarative assets (Turtle, SPARQL, templates) live at the repository root, as the
    layout asks; an installed wheel carries a copy under ``vvgraph/assets``."""
    here = PROJECT_ROOT / name
    if here.is_dir():
        return here
    return Path(str(resources.files("vvgraph") / "assets" / name))


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a command can be told. Defaults serve the bundled report on loopback."""

    base: str = DEFAULT_BASE
    report: Path = field(default_factory=bundled_report)
    ontology_dir: Path = field(default_factory=lambda: _folder("ontology"))
    shapes_dir: Path = field(default_factory=lambda: _folder("shapes"))
    queries_dir: Path = field(default_factory=lambda: _folder("queries"))
    site_dir: Path = field(default_factory=lambda: _folder("site"))
    build_dir: Path = Path("build")
    host: str = "127.0.0.1"
    port: int = 8000
    query_timeout: float = 10.0          # seconds a query may run before its worker is killed
    workers: int = 2                     # query worker processes
    queue_size: int = 16                 # requests waiting for a worker before 503
    max_body: int = 1_000_000            # bytes of a request body
    max_results: int = 100_000           # rows / triples of one answer
    service_allowlist: tuple[str, ...] = ("https://themis.vlaanderen.be/sparql",)
    service_timeout: float = 10.0
    max_result_bytes: int = 64 * 1024 * 1024   # bytes of one serialised answer
    answer_cache_bytes: int = 32 * 1024 * 1024  # answers kept in memory by ETag; 0: none
    worker_memory: int = 4 * 1024 ** 3         # address-space limit of a query worker
    vendor_dir: Path = PROJECT_ROOT / "build" / "npm" / "node_modules"  # YASGUI, from npm
    max_query_chars: int = 100_000       # characters of one query text (guard, 400 over it)
    max_query_depth: int = 64            # nesting of brackets and prefix operators (guard)
    worker_stack: int = 64 * 1024 ** 2   # stack of the thread a worker runs queries on
    client_concurrency: int = 2          # queries one client may have running or waiting
    client_failures: int = 2             # failed queries (timeout, crash) a client may have...
    client_window: float = 60.0          # ...within this many seconds before 429
    max_header_bytes: int = 16 * 1024    # total size of a request's headers (431 over it)
    trusted_proxies: tuple[str, ...] = ()  # addresses whose X-Forwarded-* headers are honoured
    mu_graph: str = "http://mu.semte.ch/graphs/public"  # graph named by the mu-migrations bundle
    editions: tuple[Path, ...] = ()      # other editions' reports, for the LDES feed of versions
    ldes_page_size: int = 250            # members per page of the LDES feed
    ldes_keep: int = 10                  # versions of each resource the feed keeps (retention)

    def __post_init__(self) -> None:
        if not self.base.startswith(("http://", "https://")) or not self.base.endswith("/"):
            raise ConfigError(f"base URI {self.base!r} must be an http(s) URI ending in '/'")
        if self.ldes_page_size < 1 or self.ldes_keep < 1:
            raise ConfigError("LDES page size and versions kept must be at least 1")
        if not self.mu_graph.startswith(("http://", "https://")):
            raise ConfigError(f"mu-migrations graph {self.mu_graph!r} must be an http(s) IRI")
        for name in ("max_query_chars", "max_query_depth", "worker_stack", "client_concurrency",
                     "client_failures", "max_header_bytes"):
            if getattr(self, name) < 1:
                raise ConfigError(f"{name} must be at least 1, got {getattr(self, name)}")
        if self.query_timeout <= 0:
            raise ConfigError(f"query timeout must be positive, got {self.query_timeout}")

    def with_(self, **changes: Any) -> "Settings":
        """A copy with some settings changed; ``None`` values mean "keep"."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


_CASTS: dict[str, Any] = {
    "base": str, "report": Path, "build_dir": Path, "host": str, "port": int,
    "mu_graph": str, "ldes_page_size": int, "ldes_keep": int,
    "editions": lambda s: tuple(Path(x) for x in s.split() if x),
    "query_timeout": float, "workers": int, "queue_size": int, "max_body": int,
    "max_results": int, "service_timeout": float, "max_result_bytes": int, "answer_cache_bytes": int,
    "worker_memory": int, "vendor_dir": Path, "max_query_chars": int, "max_query_depth": int,
    "worker_stack": int, "client_concurrency": int, "client_failures": int,
    "client_window": float, "max_header_bytes": int,
    "trusted_proxies": lambda s: tuple(x for x in s.split() if x),
    "service_allowlist": lambda s: tuple(x for x in s.split() if x),
}


def load_settings(flags: Mapping[str, Any] | None = None,
                  environ: Mapping[str, str] | None = None) -> Settings:
    """Flags win over ``VVGRAPH_<NAME>`` variables, which win over the defaults.

    >>> load_settings({"port": 9000}, {"VVGRAPH_PORT": "1", "VVGRAPH_HOST": "0.0.0.0"}).port
    9000
    >>> load_settings({}, {"VVGRAPH_HOST": "0.0.0.0"}).host
    '0.0.0.0'
    """
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for name, cast in _CASTS.items():
        raw = env.get(f"VVGRAPH_{name.upper()}")
        if raw is not None:
            try:
                values[name] = cast(raw)
            except ValueError as e:
                raise ConfigError(f"VVGRAPH_{name.upper()}={raw!r}: {e}") from None
    for name, value in (flags or {}).items():
        if value is not None:
            values[name] = value
    return Settings(**values)
