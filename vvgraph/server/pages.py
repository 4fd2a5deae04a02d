"""The linked-data pages: every ``/id/`` URI answers 303 to its ``/doc/`` document, which answers
HTML, Turtle, JSON-LD, N-Triples or RDF/XML by content negotiation (or by extension); the
vocabulary at ``/ns``, the report's text at ``/bron/`` and its numbered lines at
``/bron/regels/{a}-{b}``, the dumps at ``/dumps/`` (listed at ``/dumps/``), the pages of cited
documents of other sites at ``/verwijzing/{key}``, and ``/robots.txt``, ``/sitemap.xml``,
``/favicon.svg``. Every unknown path gets the Dutch 404 page (:func:`not_found_response`).

The configured base URI is mapped onto this server: ``{base}id/project/VV001`` is served at
``/id/project/VV001`` and every link on a page points here, so the pages work on any host.
Everything is computed once from the dataset when the router is made (:class:`Site`); the
static export renders the same :class:`Site` to files.
"""

from __future__ import annotations

import hashlib
import json
from xml.sax.saxutils import escape
from dataclasses import dataclass
from pathlib import Path

import jinja2
import pyoxigraph as ox
from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.templating import Jinja2Templates

from ..config import Settings
from ..export.jsonld import context as jsonld_context
from ..namespaces import PREFIXES
from ..store import LoadedDataset
from .files import file_response
from .describe import EXTENSIONS, HTML, MEDIA_TYPES, RDF_MEDIA_TYPES, Resources, read_triples
from .describe import serialize as serialize_triples
from .negotiation import negotiate
from .service_description import endpoint_url
from .sparql import cache_headers, not_modified
from .views import Links, Page, Views, environment, load_ontology

CATALOG_FILE = "catalog.ttl"
INFERRED_SUFFIX = "/afgeleid"   # vvgraph.pipeline.inferred_graph: the entailments' named graph
STATIC_FILES = ("style.css", "zoeken.js", "query.js")
FAVICON = "favicon.svg"


def dump_files(folder: Path) -> list[tuple[str, int]]:
    """The files ``/dumps/`` lists: the build's, but not its validation reports."""
    return [(p.relative_to(folder).as_posix(), p.stat().st_size) for p in sorted(folder.rglob("*"))
            if p.is_file() and p.relative_to(folder).parts[0] != "validation"
            and not p.name.startswith(".")]


def robots_txt(root: str) -> str:
    """Crawl the pages, not the query service (every query there is a request to a worker)."""
    return f"User-agent: *\nDisallow: /sparql\nAllow: /\nSitemap: {root}/sitemap.xml\n"


def sitemap_xml(root: str, paths: list[str]) -> str:
    """The sitemaps.org list of ``paths`` (site-absolute) under ``root``."""
    entries = "".join(f"<url><loc>{escape(root + path)}</loc></url>\n" for path in paths)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{entries}</urlset>\n")


def content_type(media_type: str) -> str:
    return f"{media_type}; charset=utf-8" if media_type.startswith("text/") else media_type


@dataclass
class Site:
    """The pages of one dataset: the index, the views, the templates, and the folders the
    report text and the dumps are served from."""

    settings: Settings
    resources: Resources
    views: Views
    env: jinja2.Environment
    dumps_dir: Path | None
    ontology_path: Path | None

    @classmethod
    def build(cls, settings: Settings, triples: list[ox.Triple], dumps_dir: Path | None,
              *, with_catalog: bool = True, inferred: list[ox.Triple] | None = None) -> Site:
        """Index ``triples``, plus the DCAT catalog of the build in ``dumps_dir`` (if asked and
        there is one), so the catalog, its distributions and the SPARQL service have pages."""
        if with_catalog and dumps_dir is not None and (dumps_dir / CATALOG_FILE).is_file():
            triples = [*triples, *read_triples([dumps_dir / CATALOG_FILE])]
        resources = Resources(triples, settings.base)
        path = settings.ontology_dir / "vv.ttl"
        ontology_path = path if path.is_file() else None
        lines = tuple(settings.report.read_text(encoding="utf-8").splitlines()) \
            if settings.report.is_file() else ()
        views = Views(resources, load_ontology(ontology_path), settings.report.name, lines,
                      inferred or ())
        return cls(settings, resources, views, environment(settings.site_dir), dumps_dir,
                   ontology_path)

    @classmethod
    def from_dataset(cls, settings: Settings, dataset: LoadedDataset) -> Site:
        """The union of the dataset's graphs; the dumps are those of the build its first
        source came from (the folder holding a ``catalog.ttl``), else ``settings.build_dir``."""
        quads = dataset.store.quads_for_pattern(None, None, None, None)
        triples: list[ox.Triple] = []
        inferred: list[ox.Triple] = []   # the entailments' graph, kept apart
        for q in quads:
            graph = q.graph_name
            entailed = isinstance(graph, ox.NamedNode) and graph.value.endswith(INFERRED_SUFFIX)
            (inferred if entailed else triples).append(ox.Triple(q.subject, q.predicate, q.object))
        dumps_dir = next((Path(p).parent for _, p in dataset.sources
                          if (Path(p).parent / CATALOG_FILE).is_file()), None)
        if dumps_dir is not None:
            return cls.build(settings, triples, dumps_dir, inferred=inferred)
        return cls.build(settings, triples, settings.build_dir if settings.build_dir.is_dir()
                         else None, with_catalog=False, inferred=inferred)

    @property
    def fingerprint(self) -> str:
        """Changes when the templates or stylesheet do, so cached pages are revalidated."""
        digest = hashlib.sha256()
        for folder in (self.settings.site_dir / "templates", self.settings.site_dir / "static"):
            for path in sorted(folder.glob("*")):
                if path.is_file():
                    digest.update(path.name.encode() + path.read_bytes())
        return digest.hexdigest()[:12]

    def render(self, page: Page) -> str:
        return self.env.get_template(page.template).render(page.context)

    def resource_iri(self, path: str) -> tuple[str | None, str | None]:
        """The resource a ``/doc/`` or ``/id/`` path names, and the format its extension asks
        for (``None``: negotiate). An exact match wins over an extension."""
        iri = self.resources.id_space + path
        if iri in self.resources:
            return iri, None
        stem, dot, ext = path.rpartition(".")
        if dot and ext in EXTENSIONS and self.resources.id_space + stem in self.resources:
            return self.resources.id_space + stem, EXTENSIONS[ext]
        return None, None

    def ontology_bytes(self, media_type: str) -> bytes:
        """The vocabulary: the hand-written Turtle file itself, other formats converted."""
        assert self.ontology_path is not None and self.views.ontology is not None
        if media_type == "text/turtle":
            return self.ontology_path.read_bytes()
        return serialize_triples(self.views.ontology.triples, media_type)


# What a document offers: the five formats, and JSON-LD also to a client that asks for plain JSON.
OFFERED = [*MEDIA_TYPES, "application/json"]


def choose(accept: str | None) -> str | None:
    """The format of a negotiated document, or ``None`` (406).

    >>> choose("application/json"), choose(None), choose("image/png")
    ('application/ld+json', 'text/html', None)
    """
    media_type = negotiate(accept, OFFERED)
    return "application/ld+json" if media_type == "application/json" else media_type


def _not_acceptable() -> Response:
    offered = ", ".join(MEDIA_TYPES)
    return PlainTextResponse(f"none of the formats this document has is acceptable: {offered}\n",
                             status_code=406, headers={"Vary": "Accept"})


def links_for(settings: Settings, request: Request) -> Links:
    return Links(settings.base, request.scope.get("root_path", "").rstrip("/"))


def not_found_response(site: Site, request: Request, path: str) -> Response:
    """404 in Dutch for a person (a page with suggestions and a search box), plain text for a
    program; for any path of the application, not only ``/id/`` and ``/doc/``."""
    if negotiate(request.headers.get("accept"), [HTML, "text/plain"]) == HTML:
        view = site.views.not_found(path, links_for(site.settings, request))
        return HTMLResponse(site.render(view), status_code=404, headers={"Vary": "Accept"})
    return PlainTextResponse(f"no resource at {path}; the home page is /\n", status_code=404,
                             headers={"Vary": "Accept"})


@dataclass(frozen=True)
class QueryPages:
    """The query page for people, which the SPARQL router shows to browsers: the Dutch form,
    and answers as HTML (:mod:`vvgraph.server.views.query`)."""

    site: Site
    yasgui: str | None   # where YASGUI's files are served, when it is installed

    def _examples(self) -> list[tuple[str, str]]:
        folder = self.site.settings.queries_dir
        return [(path.stem, path.read_text(encoding="utf-8"))
                for path in sorted(folder.glob("*.rq"))] if folder.is_dir() else []

    def form(self, request: Request, endpoint_path: str) -> str:
        links = links_for(self.site.settings, request)
        return self.site.render(self.site.views.query_form(
            links, endpoint_path, self._examples(), self.yasgui and links.root + self.yasgui,
            endpoint_url(request)))

    def answer(self, request: Request, endpoint_path: str, query: str, keyword: str,
               body: bytes) -> str:
        links = links_for(self.site.settings, request)
        return self.site.render(self.site.views.query_answer(
            links, endpoint_path, self._examples(), query, keyword, body))


def create_router(settings: Settings, dataset: LoadedDataset, site: Site | None = None) -> APIRouter:
    """The routes of the linked-data pages for ``dataset`` (``site``: its pages, when the
    application has built them already)."""
    site = site or Site.from_dataset(settings, dataset)
    views, resources = site.views, site.resources
    templates = Jinja2Templates(env=site.env)
    tag = hashlib.sha256(f"{dataset.version}{site.fingerprint}".encode()).hexdigest()[:20]
    router = APIRouter()

    def links(request: Request) -> Links:
        return Links(settings.base, request.scope.get("root_path", "").rstrip("/"))

    def etag(*parts: str) -> str:
        return 'W/"{}"'.format(hashlib.sha256("\0".join((tag, *parts)).encode()).hexdigest()[:24])

    def page(request: Request, view: Page, *, cache: str | None = None,
             headers: dict[str, str] | None = None) -> Response:
        extra = dict(headers or {})
        if cache is not None:
            extra.update(cache_headers(cache, dataset))
        return templates.TemplateResponse(request, view.template, view.context,
                                          status_code=view.status, headers=extra,
                                          media_type="text/html")

    def not_found(request: Request, path: str) -> Response:
        return not_found_response(site, request, path)

    async def home(request: Request) -> Response:
        cache = etag("home")
        if not_modified(request, cache, dataset):
            return Response(status_code=304, headers=cache_headers(cache, dataset))
        return page(request, views.home(links(request)), cache=cache)

    async def thing(request: Request) -> Response:
        path = request.path_params["path"]
        iri, _ = site.resource_iri(path)
        if iri is None:
            return not_found(request, f"/id/{path}")
        root = request.scope.get("root_path", "").rstrip("/")
        return RedirectResponse(f"{root}/doc/{path}", status_code=303, headers={"Vary": "Accept"})

    async def document(request: Request) -> Response:
        path = request.path_params["path"]
        iri, media_type = site.resource_iri(path)
        if iri is None:
            return not_found(request, f"/doc/{path}")
        headers = {}
        rest = iri[len(resources.id_space):]
        if media_type is None:
            media_type = choose(request.headers.get("accept"))
            if media_type is None:
                return _not_acceptable()
            headers["Content-Location"] = links(request).alternate(rest, MEDIA_TYPES[media_type])
        alternates = ", ".join(f'<{links(request).alternate(rest, MEDIA_TYPES[m])}>; rel="alternate"; '
                               f'type="{m}"' for m in RDF_MEDIA_TYPES)
        headers["Link"] = alternates
        with_inferred = request.query_params.get("afgeleid", "").lower() in ("ja", "1", "true")
        cache = etag(iri, media_type, "afgeleid" if with_inferred else "")
        if not_modified(request, cache, dataset):
            return Response(status_code=304, headers={**cache_headers(cache, dataset), **headers})
        if media_type == HTML:
            return page(request, views.resource(iri, links(request)), cache=cache, headers=headers)
        body = (serialize_triples([*resources.describe(iri), *views.inferred.get(iri, [])], media_type)
                if with_inferred else resources.serialize(iri, media_type))
        return Response(body, media_type=content_type(media_type),
                        headers={**cache_headers(cache, dataset), **headers})

    async def ontology(request: Request) -> Response:
        ext = request.path_params.get("ext")
        if ext is not None and ext not in EXTENSIONS:
            return not_found(request, f"/ns.{ext}")
        media_type = EXTENSIONS[ext] if ext else choose(request.headers.get("accept"))
        if media_type is None:
            return _not_acceptable()
        if site.ontology_path is None:
            return not_found(request, "/ns")
        if media_type == HTML:
            return page(request, views.ontology_page(links(request)), headers={"Vary": "Accept"})
        return Response(site.ontology_bytes(media_type), media_type=content_type(media_type),
                        headers={"Vary": "Accept"})

    async def source_text(request: Request) -> Response:
        name = request.path_params["name"]
        if name != settings.report.name or not settings.report.is_file():
            return not_found(request, f"/bron/{name}")
        return file_response(request, settings.report, "text/plain; charset=utf-8")

    async def dump(request: Request) -> Response:
        path = request.path_params["path"]
        root = site.dumps_dir
        if root is not None:
            target = (root / path).resolve()
            if target.is_file() and target.is_relative_to(root.resolve()) and \
                    "validation" not in target.relative_to(root.resolve()).parts[:1]:
                media = {"ttl": "text/turtle", "nt": "application/n-triples", "nq": "application/n-quads",
                         "trig": "application/trig", "jsonld": "application/ld+json",
                         "rdf": "application/rdf+xml", "json": "application/json",
                         "csv": "text/csv", "graph": "text/plain"}
                kind = media.get(target.suffix.lstrip("."), "application/octet-stream")
                return file_response(request, target, content_type(kind))
        return not_found(request, f"/dumps/{path}")

    async def context(request: Request) -> Response:
        body = json.dumps(jsonld_context(PREFIXES), ensure_ascii=False, indent=1) + "\n"
        return Response(body, media_type="application/ld+json")

    async def catalog(request: Request) -> Response:
        iri = f"{resources.id_space}catalogus"
        if iri not in resources:
            return not_found(request, "/catalog")
        root = request.scope.get("root_path", "").rstrip("/")
        return RedirectResponse(f"{root}/doc/catalogus", status_code=303)

    async def search(request: Request) -> Response:
        query = request.query_params.get("q", "")[:200]
        return page(request, views.search(query, links(request)))

    async def source_lines(request: Request) -> Response:
        first, dash, last = request.path_params["span"].partition("-")
        view = views.source_page(int(first), int(last), links(request)) \
            if dash and first.isdigit() and last.isdigit() else None
        if view is None:
            return not_found(request, f"/bron/regels/{request.path_params['span']}")
        return page(request, view, cache=etag("bron", request.path_params["span"]))

    async def cited_elsewhere(request: Request) -> Response:
        view = views.external_page(request.path_params["key"], links(request))
        if view is None:
            return not_found(request, f"/verwijzing/{request.path_params['key']}")
        return page(request, view, cache=etag("verwijzing", request.path_params["key"]))

    async def dumps_index(request: Request) -> Response:
        if site.dumps_dir is None:
            return not_found(request, "/dumps/")
        return page(request, views.dumps_page(dump_files(site.dumps_dir), links(request)),
                    cache=etag("dumps"))

    async def favicon(request: Request) -> Response:
        return Response((settings.site_dir / "static" / FAVICON).read_bytes(),
                        media_type="image/svg+xml", headers={"Cache-Control": "max-age=86400"})

    async def robots(request: Request) -> Response:
        root = str(request.base_url).rstrip("/")
        return PlainTextResponse(robots_txt(root))

    async def sitemap(request: Request) -> Response:
        root = str(request.base_url).rstrip("/")
        return Response(sitemap_xml(root, views.page_links(links(request))),
                        media_type="application/xml")

    async def static(request: Request) -> Response:
        name = request.path_params["name"]
        path = settings.site_dir / "static" / name
        if name not in STATIC_FILES or not path.is_file():
            return not_found(request, f"/static/{name}")
        kind = "text/css" if name.endswith(".css") else "text/javascript"
        return file_response(request, path, f"{kind}; charset=utf-8")

    get = ["GET", "HEAD"]
    for path, endpoint in (("/", home), ("/doc", home), ("/doc/", home),
                           ("/id/{path:path}", thing), ("/doc/{path:path}", document),
                           ("/ns", ontology), ("/ns.{ext}", ontology),
                           ("/bron/{name}", source_text), ("/dumps/", dumps_index),
                           ("/dumps/{path:path}", dump),
                           ("/context.jsonld", context), ("/catalog", catalog),
                           ("/zoeken", search), ("/static/{name}", static),
                           ("/bron/regels/{span}", source_lines),
                           ("/verwijzing/{key}", cited_elsewhere), ("/favicon.svg", favicon),
                           ("/favicon.ico", favicon), ("/robots.txt", robots),
                           ("/sitemap.xml", sitemap)):
        router.add_api_route(path, endpoint, methods=get, include_in_schema=False)
    return router
