"""The linked-data pages over the whole report: the app in process (httpx's ASGI transport, no
socket), its index, and one static export of every page."""

from __future__ import annotations

from pathlib import Path

import pytest

from vvgraph.config import Settings
from vvgraph.pipeline import BuildResult
from vvgraph.server import create_app
from vvgraph.server.pages import Site
from vvgraph.store import LoadedDataset, load_dataset


@pytest.fixture(scope="session")
def pages_dataset(built: BuildResult) -> LoadedDataset:
    return load_dataset([(None, built.nquads)])


@pytest.fixture(scope="session")
def pages_app(settings: Settings, pages_dataset: LoadedDataset) -> object:
    """The whole application (endpoint and pages); the query workers are never started, since
    the pages do not use them."""
    return create_app(settings, pages_dataset)


@pytest.fixture(scope="session")
def site(settings: Settings, pages_dataset: LoadedDataset) -> Site:
    return Site.from_dataset(settings, pages_dataset)


@pytest.fixture(scope="session")
def static_site(settings: Settings, built: BuildResult, tmp_path_factory: pytest.TempPathFactory
                ) -> Path:
    from vvgraph.export.site import export_site

    out = tmp_path_factory.mktemp("site")
    export_site(settings, out, result=built)
    return out
