"""The linked-data pages as a static site: the same templates as the server, every link relative,
so the folder works from any static host and straight from disk (``file://``).

Layout (every page an explicit ``.html`` file, since ``file://`` opens no folder index)::

    index.html  zoeken.html  404.html  ns.html  ns.{ttl,jsonld,nt,rdf}  context.jsonld  favicon.svg
    doc/project/VV001.html  doc/project/VV001.{ttl,jsonld,nt,rdf}
    doc/project/VV001/mijlpaal/1.html ...
    bron/monitoringsrapport-2022-06-01.txt  bron/regels/2374-2600.html (a sheet's lines)
    verwijzing/{hash}.html  (a cited document of another site, with its citing projects)
    dumps/  (the build: vvgraph.ttl ... catalog.ttl, void.ttl, ontology/, shapes/)
    static/style.css  static/zoeken.js  static/zoekindex.js

``/id/`` URIs have no files: a static host cannot answer 303. Their pages are under ``doc/``.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .._exceptions import CheckError
from ..config import Settings
from ..pipeline import NQUADS_FILE, BuildResult, build
from ..server.describe import MEDIA_TYPES, RDF_MEDIA_TYPES, read_triples
from ..server.pages import FAVICON, STATIC_FILES, Site, dump_files
from ..server.views import Links, static_links

MARKER = ".vvgraph-site"
JSONLD = "application/ld+json"


@dataclass
class SiteExport:
    """What an export wrote, and how long each part took."""

    out_dir: Path
    pages: int = 0
    files: int = 0
    steps: list[tuple[str, float]] = field(default_factory=list)

    def summary(self) -> str:
        took = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in self.steps)
        return f"wrote {self.pages} pages, {self.files} files to {self.out_dir} ({took})"


def export_site(settings: Settings, out_dir: Path, *, validate: bool = True,
                result: BuildResult | None = None, processes: int | None = None,
                progress: Callable[[str], None] | None = None) -> SiteExport:
    """Build the graph (unless ``result`` is an existing build) and write the static site.

    :raises CheckError: if the graph has SHACL violations, so nothing fit to publish.
    """
    out_dir = Path(out_dir)
    report = SiteExport(out_dir)
    started = time.perf_counter()
    _clear(out_dir)
    dumps = out_dir / "dumps"
    if result is None:
        result = build(settings.with_(build_dir=dumps), validate=validate)
        if not result.publishable:
            raise CheckError(f"not exporting: the build has SHACL violations\n{result.summary()}")
    else:
        _copy_build(result, dumps)
    report.steps.append(("build", time.perf_counter() - started))

    t = time.perf_counter()
    site = Site.build(settings, read_triples([dumps / NQUADS_FILE]), dumps)
    report.steps.append(("index", time.perf_counter() - t))

    t = time.perf_counter()
    report.files += _write_site_files(settings, site, out_dir)
    report.steps.append(("home, search, vocabulary", time.perf_counter() - t))

    t = time.perf_counter()
    pages, files = write_pages(site, out_dir, processes, progress)
    report.pages += pages
    report.files += files
    report.steps.append(("resource pages", time.perf_counter() - t))
    (out_dir / MARKER).write_text("written by vvgraph site; the folders doc/, static/, bron/ and "
                                  "dumps/ are replaced on the next export\n", encoding="utf-8")
    return report


def _clear(out_dir: Path) -> None:
    """Remove what an earlier export wrote (only if it was an export: its marker is there)."""
    if (out_dir / MARKER).is_file():
        for name in ("doc", "static", "bron", "dumps", "verwijzing"):
            shutil.rmtree(out_dir / name, ignore_errors=True)
    out_dir.mkdir(parents=True, exist_ok=True)


def _copy_build(result: BuildResult, dumps: Path) -> None:
    for f in result.files:
        target = dumps / f.relative_to(result.out_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(f, target)


def _write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)


def _write_site_files(settings: Settings, site: Site, out: Path) -> int:
    """The pages at the root, the vocabulary, the stylesheet, search index and report text."""
    views = site.views
    root = Links(settings.base, "", static=True)
    files = 0
    for name, page in (("index.html", views.home(root)), ("zoeken.html", views.search("", root)),
                       ("404.html", views.not_found("", root))):
        _write(out / name, site.render(page))
        files += 1
    if site.ontology_path is not None:
        _write(out / "ns.html", site.render(views.ontology_page(root)))
        for media_type in RDF_MEDIA_TYPES:
            _write(out / f"ns.{MEDIA_TYPES[media_type]}", site.ontology_bytes(media_type))
        files += 1 + len(RDF_MEDIA_TYPES)
    for name in STATIC_FILES:
        _write(out / "static" / name, (settings.site_dir / "static" / name).read_bytes())
        files += 1
    index = json.dumps(views.search_index(root), ensure_ascii=False, separators=(",", ":"))
    # A script, not JSON: browsers refuse fetch() of a file:// URL, but run a <script src>.
    _write(out / "static" / "zoekindex.js",
           "window.VV_ZOEKINDEX = " + index.replace("</", "<\\/") + ";\n")
    _write(out / "bron" / settings.report.name, settings.report.read_bytes())
    for first, last, _ in views.sheet_spans:
        page = views.source_page(first, last, Links(settings.base, "../../", static=True))
        if page is not None:
            _write(out / "bron" / "regels" / f"{first}-{last}.html", site.render(page))
            files += 1
    for key in views.external_documents.values():
        cited = views.external_page(key, Links(settings.base, "../", static=True))
        assert cited is not None
        _write(out / "verwijzing" / f"{key}.html", site.render(cited))
        files += 1
    listing = views.dumps_page(dump_files(out / "dumps"), Links(settings.base, "../", static=True))
    _write(out / "dumps" / "index.html", site.render(listing))
    _write(out / FAVICON, (settings.site_dir / "static" / FAVICON).read_bytes())
    files += 1
    context = out / "dumps" / "context.jsonld"
    if context.is_file():
        _write(out / "context.jsonld", context.read_bytes())
        files += 1
    return files + 2


def write_pages(site: Site, out: Path, processes: int | None = None,
                progress: Callable[[str], None] | None = None) -> tuple[int, int]:
    """Every resource's page and its four RDF documents; returns (pages, files).

    With ``processes`` > 1 (default: one per core, at most two, when this process runs no
    other thread) the resources are split over forked copies of this process, which share
    the index read-only; a single process otherwise.
    """
    iris = site.resources.resources
    n = _processes() if processes is None else max(1, processes)
    if n == 1 or not hasattr(os, "fork"):
        return _write_pages(site, out, iris, _counter(progress, len(iris), 1))
    # Whole subtrees (a project with its milestones...) to one process, so two never write
    # into the same folder; subtrees dealt out in turn, which balances the work.
    groups: dict[str, list[str]] = {}
    for iri in iris:
        rest = iri[len(site.resources.id_space):]
        groups.setdefault("/".join(rest.split("/")[:2]), []).append(iri)
    chunks: list[list[str]] = [[] for _ in range(n)]
    for k, key in enumerate(sorted(groups)):
        chunks[k % n].extend(groups[key])
    children = []
    for chunk in chunks[1:]:
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child, which never returns
            status = 1
            try:
                _write_pages(site, out, chunk)
                status = 0
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(status)
        children.append(pid)
    try:
        pages, files = _write_pages(site, out, chunks[0], _counter(progress, len(iris), n))
    finally:
        failed = [pid for pid in children if os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) != 0]
    if failed:
        raise RuntimeError(f"{len(failed)} page-writing process(es) failed; see the errors above")
    rest_pages = sum(len(c) for c in chunks[1:])
    return pages + rest_pages, files + rest_pages * (1 + len(RDF_MEDIA_TYPES))


def _processes() -> int:
    if threading.active_count() > 1:  # forking a threaded process can deadlock the child
        return 1
    return max(1, min(2, os.cpu_count() or 1))


PROGRESS_EVERY = 500


def _counter(progress: Callable[[str], None] | None, total: int, share: int
             ) -> Callable[[int], None] | None:
    """Report every few hundred pages; with ``share`` processes, this one writes 1/share."""
    if progress is None:
        return None

    def tick(done: int) -> None:
        if done % PROGRESS_EVERY == 0:
            progress(f"resource pages: about {min(done * share, total):,} of {total:,}")
    return tick


def _write_pages(site: Site, out: Path, iris: list[str],
                 tick: Callable[[int], None] | None = None) -> tuple[int, int]:
    resources, views = site.resources, site.views
    base = site.settings.base
    pages = files = 0
    for iri in iris:
        rest = iri[len(resources.id_space):]
        links = static_links(base, rest)
        target = out / "doc" / rest
        target.parent.mkdir(parents=True, exist_ok=True)
        triples = resources.describe(iri)
        jsonld = resources.jsonld(triples)
        html = site.render(views.resource(iri, links, jsonld))
        target.with_name(f"{target.name}.html").write_bytes(html.encode())
        for media_type in RDF_MEDIA_TYPES:
            data = jsonld.encode() if media_type == JSONLD else resources.serialize(
                iri, media_type, triples)
            target.with_name(f"{target.name}.{MEDIA_TYPES[media_type]}").write_bytes(data)
        pages += 1
        files += 1 + len(RDF_MEDIA_TYPES)
        if tick is not None:
            tick(pages)
    return pages, files
