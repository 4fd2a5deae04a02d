"""Where a page links to: the server's paths or the static export's relative files."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from .vocabulary import VV_NS

# -- Links ---------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Links:
    """Where a page links to: the server's paths or the static export's relative files.

    ``root`` is what leads to the site root from the current page: the server's root path
    (``""`` unless mounted below one) or ``"../"`` once per folder level in the export.
    """

    base: str
    root: str = ""
    static: bool = False

    def _local(self, path: str) -> str:
        return self.root + quote(path, safe="/#:=,-._~%")

    def href(self, iri: str) -> str | None:
        """The local link of an IRI, or ``None`` if it is not ours (link to it as it is)."""
        if iri == VV_NS or iri.startswith(VV_NS + "#"):
            return self.ns() + iri[len(VV_NS):]
        if not iri.startswith(self.base):
            return None
        path = iri[len(self.base):]
        if path.startswith("id/"):
            path = "doc/" + path[3:]
        if path in ("", "doc/", "doc"):
            return self.home
        if path.startswith("doc/"):
            head, hash_, frag = path.partition("#")
            return self.page(head[4:], "html") + (hash_ + frag if hash_ else "")
        if self.static:
            if path.startswith(("bron/", "dumps/", "context.jsonld")):
                return self._local(path)
            return None
        return self._local("/" + path)

    def page(self, rest: str, ext: str | None = None) -> str:
        """The document of the resource ``{base}id/{rest}``; ``ext`` picks a format (the server
        negotiates without one)."""
        if self.static:
            return self._local(f"doc/{rest}.{ext or 'html'}")
        return self._local(f"/doc/{rest}" + (f".{ext}" if ext and ext != "html" else ""))

    def alternate(self, rest: str, ext: str) -> str:
        if self.static:
            return self._local(f"doc/{rest}.{ext}")
        return self._local(f"/doc/{rest}.{ext}")

    @property
    def home(self) -> str:
        """The home page (an explicit ``index.html`` in the export: ``file://`` opens no folder)."""
        return self.root + "index.html" if self.static else self.root + "/"

    def asset(self, name: str) -> str:
        return self._local(("static/" if self.static else "/static/") + name)

    @property
    def search(self) -> str:
        return self.root + ("zoeken.html" if self.static else "/zoeken")

    def ns(self, ext: str | None = None) -> str:
        if self.static:
            return self.root + f"ns.{ext or 'html'}"
        return self.root + "/ns" + (f".{ext}" if ext and ext != "html" else "")

    def path(self, name: str) -> str:
        """A file or route at the site root (``bron/...``, ``dumps/...``, ``context.jsonld``)."""
        return self._local(name if self.static else "/" + name)

    def permalink(self, iri: str) -> str:
        """Where the permanent link of ``iri`` leads: this server's ``/id/`` path (which
        answers 303 to the page), or the IRI itself from a static copy, which cannot."""
        if self.static or not iri.startswith(self.base):
            return iri
        return self._local("/" + iri[len(self.base):])

    def extern(self, key: str) -> str:
        """The page of a cited document of another site (``key``: its short hash)."""
        return self._local(f"verwijzing/{key}.html" if self.static else f"/verwijzing/{key}")

    def source(self, first: int, last: int, line: int | None = None) -> str:
        """The source view of lines ``first``-``last`` of the report, at ``line`` if given."""
        anchor = f"#r{line}" if line is not None else ""
        name = f"bron/regels/{first}-{last}"
        return self._local(f"{name}.html" if self.static else f"/{name}") + anchor

    @property
    def sparql(self) -> str | None:
        return None if self.static else self.root + "/sparql"


def static_links(base: str, rest: str | None) -> Links:
    """Links for the export page of ``{base}id/{rest}`` (``None``: a page at the root)."""
    depth = 0 if rest is None else rest.count("/") + 1
    return Links(base, "../" * depth, static=True)


