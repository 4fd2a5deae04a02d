"""The linked-data pages: every ``/id/`` URI answers 303 to its ``/doc/`` document, which answers
HTML, Turtle, JSON-LD, N-Triples or RDF/XML by content negotiation (or by extension); the
vocabulary at ``/ns``, the report's text at ``/bron/``, the dumps at ``/dumps/``.

The configured base URI is mapped onto this server: ``{base}id/project/VV001`` is served at
``/id/project/VV001`` and every link on a page points here, so the pages work on any host.
Everything is computed once from the dataset when the router is made (:class:`Site`); the
static export renders the same :class:`Site` to files.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import jinja2
import pyoxigraph as ox
from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, RedirectResponse, Response
from starlette.templating import Jinja2Templates

from ..config import Settings
from ..export.jsonld import context as jsonld_context
from ..namespaces import PREFIXES
from ..store import LoadedDataset
from .describe import EXTENSIONS, HTML, MEDIA_TYPES, RDF_MEDIA_TYPES, Resources, read_triples
from .describe import serialize as serialize_triples
from .negotiation import negotiate
from .sparql import cache_headers, not_modified
from .views import Links, Page, Views, environment, load_ontology

CATALOG_FILE = "catalog.ttl"
STATIC_FILES = ("style.css", "zoeken.js")


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
              *, with_catalog: bool = True) -> Site:
        """Index ``triples``, plus the DCAT catalog of the build in ``dumps_dir`` (if asked and
        there is one), so the catalog, its distributions and the SPARQL service have pages."""
        if with_catalog and dumps_dir is not None and (dumps_dir / CATALOG_FILE).is_file():
            triples = [*triples, *read_triples([dumps_dir / CATALOG_FILE])]
        resources = Resources(triples, settings.base)
        path = settings.ontology_dir / "vv.ttl"
        ontology_path = path if path.is_file() else None
        views = Views(resources, load_ontology(ontology_path), settings.report.name)
        return cls(settings, resources, views, environment(settings.site_dir), dumps_dir,
                   ontology_path)

    @classmethod
    def from_dataset(cls, settings: Settings, dataset: LoadedDataset) -> Site:
        """The union of the dataset's graphs; the dumps are those of the build its first
        source came from (the folder holding a ``catalog.ttl``), else ``settings.build_dir``."""
        quads = dataset.store.quads_for_pattern(None, None, None, None)
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
        dumps_dir = next((Path(p).parent for _, p in dataset.sources
                          if (Path(p).parent / CATALOG_FILE).is_file()), None)
        if dumps_dir is not None:
            return cls.build(settings, triples, dumps_dir)
        return cls.build(settings, triples, settings.build_dir if settings.build_dir.is_dir()
                         else None, with_catalog=False)

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


def create_router(settings: Settings, dataset: LoadedDataset) -> APIRouter:
    """The routes of the linked-data pages for ``dataset``."""
    site = Site.from_dataset(settings, dataset)
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
        if negotiate(request.headers.get("accept"), [HTML, "text/plain"]) == HTML:
            return page(request, views.not_found(path, links(request)), headers={"Vary": "Accept"})
        return PlainTextResponse(f"no resource at {path}; the home page is /\n", status_code=404,
                                 headers={"Vary": "Accept"})

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
        cache = etag(iri, media_type)
        if not_modified(request, cache, dataset):
            return Response(status_code=304, headers={**cache_headers(cache, dataset), **headers})
        if media_type == HTML:
            return page(request, views.resource(iri, links(request)), cache=cache, headers=headers)
        body = resources.serialize(iri, media_type)
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
        return FileResponse(settings.report, media_type="text/plain; charset=utf-8")

    async def dump(request: Request) -> Response:
        path = request.path_params["path"]
        root = site.dumps_dir
        if root is not None:
            target = (root / path).resolve()
            if target.is_file() and target.is_relative_to(root.resolve()) and \
                    "validation" not in target.relative_to(root.resolve()).parts[:1]:
                media = {"ttl": "text/turtle", "nt": "application/n-triples", "nq": "application/n-quads",
                         "trig": "application/trig", "jsonld": "application/ld+json",
                         "rdf": "application/rdf+xml", "json": "application/json"}
                kind = media.get(target.suffix.lstrip("."), "application/octet-stream")
                return FileResponse(target, media_type=content_type(kind))
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

    async def static(request: Request) -> Response:
        name = request.path_params["name"]
        path = settings.site_dir / "static" / name
        if name not in STATIC_FILES or not path.is_file():
            return not_found(request, f"/static/{name}")
        kind = "text/css" if name.endswith(".css") else "text/javascript"
        return FileResponse(path, media_type=f"{kind}; charset=utf-8")

    get = ["GET", "HEAD"]
    for path, endpoint in (("/", home), ("/doc", home), ("/doc/", home),
                           ("/id/{path:path}", thing), ("/doc/{path:path}", document),
                           ("/ns", ontology), ("/ns.{ext}", ontology),
                           ("/bron/{name}", source_text), ("/dumps/{path:path}", dump),
                           ("/context.jsonld", context), ("/catalog", catalog),
                           ("/zoeken", search), ("/static/{name}", static)):
        router.add_api_route(path, endpoint, methods=get, include_in_schema=False)
    return router
