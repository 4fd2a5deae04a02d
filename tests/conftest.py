from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from vvgraph.config import bundled_report
from vvgraph.extract import parse_report
from vvgraph.records import Report, report_to_dict

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def report_path() -> Path:
    return bundled_report()


@pytest.fixture(scope="session")
def report(report_path: Path) -> Report:
    return parse_report(report_path)


@pytest.fixture(scope="session")
def report_dict(report: Report) -> dict:
    return report_to_dict(report)


@pytest.fixture(scope="session")
def projects_by_id(report_dict: dict) -> dict[str, dict]:
    return {p["id"]: p for p in report_dict["projects"]}


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory):
    from vvgraph.config import Settings

    return Settings(build_dir=tmp_path_factory.mktemp("build"))


@pytest.fixture(scope="session")
def graph(settings, report: Report):
    """The report mapped to RDF (rdflib), shared read-only by every test that needs it."""
    from vvgraph.pipeline import map_graph

    return map_graph(settings, report)


@pytest.fixture(scope="session")
def built(settings):
    """One build of every dump into a temporary folder (no SHACL: dump tests test dumps)."""
    from vvgraph.pipeline import build

    return build(settings, validate=False)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def oxigraph_server(tmp_path):
    """A real, empty Oxigraph server (PyPI ``oxigraph``) on 127.0.0.1; yields its base URL."""
    exe = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    port = _free_port()
    proc = subprocess.Popen([exe, "serve", "--location", str(tmp_path / "db"),
                             "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1).read()
            break
        except OSError:
            time.sleep(0.05)
    else:
        proc.kill()
        pytest.fail("oxigraph serve did not start")
    yield base
    proc.terminate()
    proc.wait(timeout=10)
