"""Headless Chromium (Debian's ``chromium``, driven by playwright) against the pages of a few
projects: served live by uvicorn in a thread, and exported as a static site opened from disk.

The projects are VV009 and VV010, which cite the same decision, and VV011, whose title is
given a ``<script>`` to show that text from the report is never run."""

from __future__ import annotations

import dataclasses
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, sync_playwright

from vvgraph.config import Settings
from vvgraph.export.dumps import write_dumps
from vvgraph.export.site import export_site
from vvgraph.export.terms import sorted_triples
from vvgraph.mapping.graph import load_concepts, map_report
from vvgraph.mapping.uris import Uris
from vvgraph.namespaces import PREFIXES
from vvgraph.pipeline import BuildResult
from vvgraph.records import Report
from vvgraph.server import create_app
from vvgraph.store import load_dataset

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SCRIPT = "<script>alert(1)</script>"
CODES = ("VV009", "VV010", "VV011")


@pytest.fixture(scope="session")
def small_build(report: Report, tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The dumps of three projects, VV011 retitled with a script."""
    projects = tuple(dataclasses.replace(p, title=f"{p.title} {SCRIPT}") if p.id == "VV011" else p
                     for p in report.projects if p.id in CODES)
    small = dataclasses.replace(report, projects=projects)
    settings = Settings()
    uris = Uris(settings.base)
    graph = map_report(small, uris, load_concepts(settings.ontology_dir, settings.base))
    out = tmp_path_factory.mktemp("small-build")
    edition = str(uris.edition(small.measured_on))
    files = write_dumps(sorted_triples(graph), out, PREFIXES, edition)
    return BuildResult(out, small, graph, edition, files)


@pytest.fixture(scope="session")
def small_settings(small_build: BuildResult) -> Settings:
    return Settings(build_dir=small_build.out_dir)


@pytest.fixture(scope="module")
def live_url(small_settings: Settings, small_build: BuildResult) -> Iterator[str]:
    """The application on a free loopback port, for one test module."""
    app = create_app(small_settings, load_dataset([(None, small_build.nquads)]))
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        for _ in range(600):
            if server.started or not thread.is_alive():
                break
            threading.Event().wait(0.05)
        assert server.started, "the test server did not start"
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(30)
        sock.close()


@pytest.fixture(scope="session")
def static_url(small_settings: Settings, small_build: BuildResult,
               tmp_path_factory: pytest.TempPathFactory) -> str:
    """The static export of the same pages, as a file:// URL of its folder (with a slash)."""
    out = tmp_path_factory.mktemp("small-site")
    export_site(small_settings, out, result=small_build, processes=1)
    return out.resolve().as_uri() + "/"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
