"""The search box's answers, and the not-found page's suggestions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .core import Page, ViewCore
from .formatting import fold
from .links import Links
from .vocabulary import (
    _V,
    CONCEPT,
    DCT,
    EDITION,
    FOAF,
    INDICATOR,
    MILESTONE,
    MU,
    ORGANIZATION,
    PERSON,
    PROJECT,
    SCHEME,
    SCHEME_NAMES,
    STUK,
)

# The prose of projects, milestones and indicators that search reads besides their titles.
PROSE = tuple(DCT + p for p in ("description",)) + tuple(
    _V + p for p in ("statusDescription", "output", "outcome", "politicalAction", "input"))


@dataclass
class SearchEntry:
    iri: str
    kind: str
    title: str
    code: str
    text: str = field(repr=False)
    project: str | None = None   # the project a milestone or indicator belongs to


class SearchViews(ViewCore):
    """The search box's answers, and the not-found page's suggestions."""

    # -- Search ----------------------------------------------------------------------------------
    @cached_property
    def search_entries(self) -> list[SearchEntry]:
        """What the search box finds: projects, documents (also by the titles citing them),
        people, organisations, concepts, milestones and indicators."""
        r = self.r
        entries = []
        kinds = ((PROJECT, "Project"), (STUK, "Beslissing"), (PERSON, "Minister"),
                 (ORGANIZATION, "Organisatie"), (CONCEPT, "Concept"), (SCHEME, "Codelijst"),
                 (MILESTONE, "Mijlpaal"), (INDICATOR, "Indicator"), (EDITION, "Rapport"))
        for cls, kind in kinds:
            for iri in r.of_type(cls):
                if not iri.startswith(r.id_space):
                    continue
                if cls == CONCEPT:
                    kind = SCHEME_NAMES.get(self.scheme_name(iri), "Concept")
                code = r.text(iri, DCT + "identifier") or r.text(iri, MU + "uuid") or ""
                extra = []
                if cls == STUK:
                    extra = [r.label(c) or "" for c in r.subjects(DCT + "references", iri)]
                    extra += [o.rsplit("/", 1)[-1] for o in r.iris(iri, FOAF + "page")]
                owner = None
                if cls in (MILESTONE, INDICATOR):
                    owner = r.owner(iri)
                    code = r.text(owner, DCT + "identifier") or "" if owner else ""
                if cls in (PROJECT, MILESTONE, INDICATOR):   # descriptions are searched too
                    extra += [x for prop in PROSE if (x := r.text(iri, prop))]
                title = self.label(iri)
                entries.append(SearchEntry(iri, kind, title, code,
                                           fold(" ".join([title, code, *extra])), owner))
        for iri in self.external_documents:   # cited pages and PDFs of other sites
            extra = [r.label(c) or "" for c in r.subjects(DCT + "references", iri)]
            title = self.label(iri)
            entries.append(SearchEntry(iri, "Beslissing", title, "",
                                       fold(" ".join([title, iri.rsplit("/", 1)[-1], *extra]))))
        return entries

    def search_hits(self, query: str, limit: int = 100) -> tuple[list[SearchEntry], int]:
        words = fold(query).split()
        if not words:
            return [], 0
        hits = [e for e in self.search_entries if all(w in e.text for w in words)]
        order = {"Project": 0, "Beslissing": 1, "Minister": 2, "Organisatie": 3}
        q = fold(query).strip()
        hits.sort(key=lambda e: (fold(e.code) != q, order.get(e.kind, 5), e.title))
        return hits[:limit], len(hits)

    def search(self, query: str, links: Links) -> Page:
        """Hits grouped by project (the project first if it matches itself, then its matching
        milestones and indicators), then everything else."""
        hits, total = self.search_hits(query, limit=300)
        groups: dict[str, dict[str, Any]] = {}
        others = []
        for h in hits:
            project = h.iri if h.kind == "Project" else h.project
            item = {"kind": h.kind, "code": h.code, **self.link(h.iri, links, h.title)}
            if project is None:
                others.append(item)
                continue
            group = groups.setdefault(project, {**self.project_row(project, links),
                                                "matches": False, "found": []})
            if h.kind == "Project":
                group["matches"] = True
            else:
                group["found"].append(item)
        ordered = sorted(groups.values(), key=lambda g: (not g["matches"], g["code"]))
        ctx = self.base_context(links, f"Zoeken: {query}" if query else "Zoeken")
        ctx.update(page_kind="search", query=query, total=total, shown=len(hits),
                   groups=ordered, hits=others)
        return Page("search.html", ctx)

    def search_index(self, links: Links) -> list[list[str]]:
        """The client-side index of the static export: [kind, code, title, href, folded text]."""
        return [[e.kind, e.code, e.title, links.href(e.iri) or e.iri, e.text]
                for e in self.search_entries]

    # -- Not found -------------------------------------------------------------------------------
    def not_found(self, path: str, links: Links) -> Page:
        words = re.sub(r"[^0-9A-Za-zÀ-ÿ]+", " ", path.rsplit("/", 1)[-1]).strip()
        hits, _ = self.search_hits(words, limit=8) if words else ([], 0)
        ctx = self.base_context(links, "Niet gevonden")
        ctx.update(page_kind="notfound", path=path, query=words,
                   suggestions=[{"kind": h.kind, **self.link(h.iri, links, h.title)} for h in hits])
        return Page("notfound.html", ctx, status=404)

