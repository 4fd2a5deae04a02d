"""What each page shows: the template and its context for every kind of resource, the home
page, search, the ontology and the not-found page.

One module per kind of page, named like its template in ``site/templates`` (``project.py``
builds what ``project.html`` lays out), so a change to one kind of page touches one place;
``core.py`` holds what every page shares. :class:`Views` composes them.

The contexts are plain values (strings, numbers, lists of dicts) computed from
:class:`~vvgraph.server.describe.Resources`; templates only lay them out. Links go through
:class:`Links`, which maps the configured base URI onto the running server (``/doc/...``) or
onto relative file paths in the static export (``../../doc/project/VV001.html``), so the same
templates serve both. Everything from the report reaches the templates as text and is escaped
there; the only values written into ``style`` attributes are numbers computed here and colours
that passed :func:`~vvgraph.server.views.formatting.colour`.
"""

from __future__ import annotations

from .agent import AgentViews
from .catalog import CatalogViews
from .concept import ConceptViews
from .core import Page, environment
from .edition import EditionViews
from .formatting import script_json
from .home import HomeViews
from .indicator import IndicatorViews
from .links import Links, static_links
from .milestone import MilestoneViews
from .ontology import OntologyViews, load_ontology
from .project import ProjectViews
from .quarter import QuarterViews
from .query import QueryViews
from .search import SearchViews
from .sitemap import SitemapViews
from .vocabulary import DCAT, EDITION, PAGE_KINDS, PROJECT, SKOS


class Views(ProjectViews, AgentViews, ConceptViews, MilestoneViews,
            IndicatorViews, EditionViews, HomeViews, SearchViews, OntologyViews, SitemapViews, QueryViews, CatalogViews,
            QuarterViews):
    """The pages of one dataset. ``ontology`` is the parsed ``ontology/vv.ttl`` (or ``None``
    when there is none); it gives the project's own terms their Dutch names."""

    def resource(self, iri: str, links: Links, jsonld_text: str | None = None) -> Page:
        """The page of ``iri``, which must be one of ``self.r``'s resources: the frame every
        page shares, and what its kind's module adds."""
        types = self.r.types(iri)
        title = self.label(iri)
        ctx = self.base_context(links, title, iri, jsonld_text)
        ctx.update(type_label=self.type_label(iri), rows=self.rows(iri, links),
                   inferred=self.inferred_rows(iri, links),
                   incoming=self.incoming_rows(iri, links), types=[self.link(t, links) for t in types],
                   owner=self.link(o, links) if (o := self.r.owner(iri)) else None,
                   fragments=[{"id": child.split("#", 1)[1], "iri": child, "label": self.label(child),
                               "rows": self.rows(child, links)}
                              for child in self.r.owned(iri) if child.startswith(iri + "#")])
        ctx["breadcrumbs"] = self.breadcrumbs(iri, links)
        if DCAT + "Catalog" in types or EDITION in types:
            ctx["schema"] = script_json({**self.dataset_schema(), "includedInDataCatalog": {
                "@type": "DataCatalog", "name": "Vlaamse Veerkracht als gelinkte data"}})
        kind = next((k for classes, k in PAGE_KINDS if classes.intersection(types)), None)
        if kind is None and self.rest(iri).startswith("concept/"):
            kind = "concept"   # a status the code list does not know is still a concept
        if kind is not None:
            ctx.update(getattr(self, kind)(iri, links), page_kind=kind)
            return Page(f"{kind}.html", ctx)
        ctx["page_kind"] = "resource"
        return Page("resource.html", ctx)


    def breadcrumbs(self, iri: str, links: Links) -> list[dict[str, str]]:
        """Home, then the list or code list the resource belongs to, then its owners."""
        crumbs = [{"href": links.home, "label": "Overzicht"}]
        owner = self.r.owner(iri)
        chain = []
        while owner is not None and owner != iri and len(chain) < 4:
            chain.insert(0, owner)
            owner = self.r.owner(owner)
        top = chain[0] if chain else iri
        edition = self.edition_link(links)
        if edition is not None and PROJECT in self.r.types(top):
            crumbs.append({"href": edition["href"], "label": "Alle projecten"})
        for scheme in self.r.iris(iri, SKOS + "inScheme")[:1]:
            crumbs.append({"href": self.link(scheme, links)["href"], "label": self.label(scheme)})
        crumbs += [{"href": self.link(o, links)["href"], "label": self.label(o)} for o in chain]
        return crumbs


__all__ = ["Links", "Page", "Views", "environment", "load_ontology", "static_links"]
