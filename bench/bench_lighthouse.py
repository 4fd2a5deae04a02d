"""Benchmark: Lighthouse's accessibility and SEO scores of the home page, a project page and a
decision document page, served live.

The graph is built from the bundled report (without validation) into a temporary folder and
served by ``vvgraph.server.serve`` on a free loopback port; Lighthouse 12.2.3 (npm, installed
by ``make bench`` into ``build/npm/lighthouse``) drives Debian's Chromium headless, once per
page and form factor. Scores are printed (0-100), never asserted; the target is 95 or more.

Run: python bench/bench_lighthouse.py [--pages / /doc/project/VV010 ...]
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from vvgraph.config import Settings
from vvgraph.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "build" / "npm" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
PAGES = ("/", "/doc/project/VV010", "/doc/stuk/60D57832364ED9000800048C")
SERVE = """
import sys
from pathlib import Path
from vvgraph.config import Settings
from vvgraph.server import serve
serve(Settings(port=int(sys.argv[1]), workers=1), [(None, Path(sys.argv[2]))],
      include_report=False)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_up(url: str, process: subprocess.Popen[bytes]) -> None:
    for _ in range(1200):
        if process.poll() is not None:
            raise SystemExit(f"the server exited with {process.returncode}")
        try:
            if httpx.get(url + "/", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise SystemExit(f"{url} did not come up")


def scores(url: str, preset: str, out: Path) -> dict[str, int]:
    """Lighthouse's category scores for ``url`` (``preset``: mobile or desktop)."""
    report = out / "report.json"
    command = [str(LIGHTHOUSE), url, "--only-categories=accessibility,seo", "--output=json",
               f"--output-path={report}", "--quiet",
               "--chrome-flags=--headless=new --no-sandbox --disable-gpu"]
    if preset == "desktop":
        command.append("--preset=desktop")
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM},
                   stdout=subprocess.DEVNULL, timeout=300)
    data = json.loads(report.read_text(encoding="utf-8"))
    failed = [a["id"] for a in data["audits"].values()
              if a.get("score") is not None and a["score"] < 1 and a.get("scoreDisplayMode") == "binary"]
    result = {name: round(c["score"] * 100) for name, c in data["categories"].items()}
    if failed:
        print(f"    failed audits: {', '.join(sorted(failed))}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", nargs="+", default=list(PAGES))
    args = parser.parse_args()
    if not LIGHTHOUSE.is_file():
        raise SystemExit(f"Lighthouse is not installed at {LIGHTHOUSE}: run make bench")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        result = build(Settings(build_dir=out / "build"), validate=False)
        port = free_port()
        server = subprocess.Popen([sys.executable, "-c", SERVE, str(port), str(result.nquads)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_up(base, server)
            print("Lighthouse 12.2.3, Debian Chromium, headless: accessibility / SEO (0-100)")
            for path in args.pages:
                for preset in ("mobile", "desktop"):
                    s = scores(base + path, preset, out)
                    print(f"  {path:40} {preset:8} accessibility {s['accessibility']:3}  "
                          f"SEO {s['seo']:3}")
        finally:
            server.terminate()
            server.wait(30)


if __name__ == "__main__":
    main()
