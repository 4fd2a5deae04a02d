"""The edition as a mu-migrations bundle, the way data enters a mu-semtech stack (Themis,
Kaleidos): a ``.ttl`` file that mu-migrations-service loads once, and a sibling ``.graph``
file naming the graph it goes into (Themis publishes in ``http://mu.semte.ch/graphs/public``).

The service runs migrations in file-name order and advises a timestamp prefix; the timestamp
here is the edition's measurement date, not the clock, so a later edition sorts after an
earlier one and two builds of the same report give the same bundle.
"""

from __future__ import annotations

from pathlib import Path


FOLDER = "mu-migrations"


def migration_name(measured_on: str) -> str:
    """``20220601000000-vlaamse-veerkracht-2022-06-01``: sortable, one per edition.

    >>> migration_name("2022-06-01")
    '20220601000000-vlaamse-veerkracht-2022-06-01'
    """
    return f"{measured_on.replace('-', '')}000000-vlaamse-veerkracht-{measured_on}"


def write_bundle(turtle: bytes, out_dir: Path, measured_on: str, graph: str) -> list[Path]:
    """Write ``mu-migrations/<name>.ttl`` (the edition's triples) and ``<name>.graph``."""
    if not graph.startswith(("http://", "https://")):
        raise ValueError(f"mu-migrations graph {graph!r}: expected an http(s) IRI")
    folder = out_dir / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    name = migration_name(measured_on)
    ttl, sibling = folder / f"{name}.ttl", folder / f"{name}.graph"
    ttl.write_bytes(turtle)
    sibling.write_text(graph + "\n", encoding="utf-8")
    return [ttl, sibling]


def distributions(measured_on: str) -> dict[str, tuple[str, str]]:
    """Catalog entries (file -> media type, title) for the bundle."""
    name = f"{FOLDER}/{migration_name(measured_on)}"
    return {f"{name}.ttl": ("text/turtle", "mu-migrations: de triples van de editie"),
            f"{name}.graph": ("text/plain", "mu-migrations: de graaf waarin ze geladen worden")}


__all__ = ["FOLDER", "migration_name", "write_bundle", "distributions"]
