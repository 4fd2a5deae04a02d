"""Bad command lines, as a person types them: each exits 2 with a message that says what and
where, and never with a traceback. Every case runs ``vvgraph`` as its own process."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def vvgraph(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "vvgraph", *args], capture_output=True,
                          text=True, timeout=timeout, cwd=ROOT)


def refused(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.startswith("vvgraph"), result.stderr
    for word in words:
        assert word in result.stderr, (word, result.stderr)


def test_version_is_the_package_version() -> None:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    result = vvgraph("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"vvgraph {version}"


@pytest.mark.parametrize("target,words", [("/missing-folder/x.json", ("/missing-folder",
                                                                       "does not exist")),
                                          (".", ("is a folder",))])
def test_extract_to_an_unwritable_place(target: str, words: tuple[str, ...]) -> None:
    refused(vvgraph("extract", "-o", target), target, *words)


def test_extract_of_a_missing_report() -> None:
    refused(vvgraph("extract", "/no/such/report.txt"), "/no/such/report.txt")


@pytest.mark.parametrize("args,words", [
    (("--endpoint", "notaurl", "--update", "alsonot"), ("--endpoint", "'notaurl'", "not a URL")),
    (("--endpoint", "http://127.0.0.1:1/q", "--update", "alsonot"), ("--update", "'alsonot'")),
    (("--endpoint", "http://[::1/q",), ("--endpoint",)),
    (("--endpoint", "ftp://example.org/sparql",), ("--endpoint", "http")),
    (("--endpoint", "http://127.0.0.1:99999/q",), ("--endpoint",)),
])
def test_publish_with_malformed_urls(args: tuple[str, ...], words: tuple[str, ...]) -> None:
    refused(vvgraph("publish", *args), *words)


def test_serve_on_a_port_in_use_says_so_at_once() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        start = time.monotonic()
        result = vvgraph("serve", "--port", str(port))
        assert time.monotonic() - start < 20   # before any build or load
    refused(result, f"127.0.0.1:{port}", "in use")


def test_serve_on_a_host_that_is_not_an_address() -> None:
    refused(vvgraph("serve", "--host", "no-such-host.invalid"), "no-such-host.invalid")


@pytest.mark.parametrize("content,words", [("", ("holds no triples",)),
                                           ("<http://a> <http://b> <http://c> .\n",
                                            ("has no project", "ns#Project")),
                                           ("this is not turtle", ("not an RDF file",))])
def test_validate_refuses_a_graph_that_is_not_a_report(tmp_path: Path, content: str,
                                                      words: tuple[str, ...]) -> None:
    graph = tmp_path / "graph.ttl"
    graph.write_text(content)
    refused(vvgraph("validate", str(graph), "-o", str(tmp_path / "out")), str(graph), *words)


@pytest.mark.parametrize("command", ["build", "site"])
def test_output_folder_that_is_a_file(tmp_path: Path, command: str) -> None:
    target = tmp_path / "a-file"
    target.write_text("x")
    refused(vvgraph(command, "-o", str(target)), str(target), "is a file")


def test_usage_errors_exit_2() -> None:
    for args in (("frobnicate",), ("serve", "--port", "eighty"), ()):
        result = vvgraph(*args)
        assert result.returncode == 2 and "usage: vvgraph" in result.stderr
        assert "Traceback" not in result.stderr


def test_make_run_takes_host_and_port() -> None:
    result = subprocess.run(["make", "-n", "run", "HOST=0.0.0.0", "PORT=8123"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert "vvgraph serve --host 0.0.0.0 --port 8123" in result.stdout
