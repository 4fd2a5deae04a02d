"""The SPARQL endpoint and linked-data pages, served with FastAPI and uvicorn.

``serve`` loads the report's graph (built by the pipeline) and any extra named graphs, then
serves them; ``create_app`` is the same application without the server, for tests and embedding.
"""

from __future__ import annotations

import socket

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .._exceptions import StoreError
from ..config import Settings
from ..store import LoadedDataset, Source, load_dataset

if TYPE_CHECKING:
    from fastapi import FastAPI


def create_app(settings: Settings, dataset: LoadedDataset) -> "FastAPI":
    """The application serving ``dataset`` (see :func:`vvgraph.server.app.create_app`).

    Imported on call, so that query workers, which import this package, do not load FastAPI.
    """
    from .app import create_app as create

    return create(settings, dataset)


def _fresh_build(settings: Settings, nquads: Path) -> bool:
    """Whether ``nquads`` was built, for ``settings.base``, after every input last changed: the
    report, the ontology, the shapes and the code (so ``make run``'s build is not done twice)."""
    if not nquads.is_file():
        return False
    with nquads.open(encoding="utf-8") as f:
        if f"<{settings.base}" not in f.readline():
            return False
    built = nquads.stat().st_mtime
    inputs = [Path(settings.report), *Path(__file__).resolve().parents[1].rglob("*.py")]
    for folder in (settings.ontology_dir, settings.shapes_dir):
        inputs += Path(folder).glob("*.ttl")
    return all(path.stat().st_mtime <= built for path in inputs)


def report_sources(settings: Settings) -> list[Source]:
    """The report's graph, from ``settings.build_dir`` if built since its inputs changed,
    else built (and validated) now.

    :raises StoreError: if the graph has SHACL violations, so there is nothing fit to serve.
    """
    from ..pipeline import INFERRED_FILE, NQUADS_FILE, build, inferred_graph

    nquads = settings.build_dir / NQUADS_FILE
    if not _fresh_build(settings, nquads):
        result = build(settings)
        if not result.publishable:
            raise StoreError(f"not serving: the build has SHACL violations\n{result.summary()}")
    sources: list[Source] = [(None, nquads)]
    # The entailments sit in their own named graph, so a query can tell asserted from inferred
    # while the union default graph lets it use both.
    inferred = settings.build_dir / INFERRED_FILE
    if inferred.is_file():
        with nquads.open(encoding="utf-8") as f:
            edition = f.readline().rstrip(" .\n").rsplit(" ", 1)[1].strip("<>")
        sources.append((inferred_graph(edition), inferred))
    return sources


def serve(settings: Settings, graphs: Sequence[Source] = (), *,
          include_report: bool = True) -> None:
    """Serve the report's graph (unless ``include_report`` is false) and ``graphs``, each
    ``(graph IRI, file)``, on ``settings.host``:``settings.port`` until interrupted. A quad file
    (N-Quads, TriG) may come with ``None`` for its IRI: it names its own graphs.

    :raises StoreError: if the data cannot be built or loaded.
    """
    import uvicorn

    sources: list[Source] = report_sources(settings) if include_report else []
    sources += [(iri, Path(path)) for iri, path in graphs]
    dataset = load_dataset(sources)
    app = create_app(settings, dataset)
    # The socket is bound here, not by uvicorn, so a port in use is a clear error (exit 2)
    # with no window between checking and binding; proxy headers are left to vvgraph's own
    # middleware, which honours them only from the configured trusted proxies.
    sock = socket.socket(socket.AF_INET6 if ":" in settings.host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((settings.host, settings.port))
    except OSError as e:
        sock.close()
        raise StoreError(f"cannot listen on {settings.host}:{settings.port}: {e.strerror} "
                         f"(expected a free port on a local interface)") from None
    config = uvicorn.Config(app, server_header=False, proxy_headers=False)
    uvicorn.Server(config).run(sockets=[sock])


__all__ = ["LoadedDataset", "create_app", "load_dataset", "serve"]
