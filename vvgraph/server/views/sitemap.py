"""Every page of the site, for ``sitemap.xml`` (search engines) and for the static export."""

from __future__ import annotations

from .document import DocumentViews
from .links import Links
from .source import SourceViews


class SitemapViews(DocumentViews, SourceViews):
    """Lists the pages: home, vocabulary, every resource, every source view, every cited
    document of another site."""

    def page_links(self, links: Links) -> list[str]:
        out = [links.home, links.ns()]
        out += [links.page(self.rest(iri)) for iri in self.r.resources]
        out += [links.source(a, b) for a, b, _ in self.sheet_spans]
        out += [links.extern(key) for key in self.external_documents.values()]
        return list(dict.fromkeys(out))
