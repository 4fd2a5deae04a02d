"""The SPARQL endpoint and linked-data pages, served with FastAPI and uvicorn.

``serve`` loads the report's graph (built by the pipeline) and any extra named graphs, then
serves them; ``create_app`` is the same application without the server, for tests and embedding.
"""

from __future__ import annotations

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


def report_sources(settings: Settings) -> list[Source]:
    """Build the report's graph into ``settings.build_dir`` and name the file to load.

    :raises StoreError: if the graph has SHACL violations, so there is nothing fit to serve.
    """
    from ..pipeline import build

    result = build(settings)
    if not result.publishable:
        raise StoreError(f"not serving: the build has SHACL violations\n{result.summary()}")
    return [(None, result.nquads)]


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
    uvicorn.run(app, host=settings.host, port=settings.port, server_header=False)


__all__ = ["LoadedDataset", "create_app", "load_dataset", "serve"]
