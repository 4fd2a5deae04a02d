"""The report's own text, lines numbered: every "bron" link of a page lands here on its lines.

A page shows one sheet's lines (a project's span), each line an anchor (``#r2374``), so a link
to a milestone's line scrolls to it and the stylesheet highlights it (``:target``). Browsers
ignore ``#line=`` in plain text, which is why the text file alone would not do.
"""

from __future__ import annotations

from typing import Any

from .core import Page, ViewCore
from .links import Links

MAX_LINES = 5000   # the longest range one page shows (the longest sheet has about 1,400)


class SourceViews(ViewCore):
    """Source view pages over ``self.source_lines``."""

    def source_page(self, first: int, last: int, links: Links) -> Page | None:
        """Lines ``first``-``last`` (1-based, inclusive), or ``None`` if the report has no
        such range."""
        lines = self.source_lines
        if not (1 <= first <= last <= len(lines)) or last - first >= MAX_LINES:
            return None
        sheets = self.sheet_spans
        index = next((i for i, (a, b, _) in enumerate(sheets) if a <= first and last <= b), None)
        project = None
        if index is not None:
            code = sheets[index][2]
            project = self.project_row(f"{self.r.id_space}project/{code}", links)
        ctx = self.base_context(links, f"Bron: regels {first}–{last} van het rapport")

        def neighbour(i: int) -> dict[str, Any] | None:
            if index is None or not 0 <= i < len(sheets):
                return None
            a, b, code = sheets[i]
            return {"href": links.source(a, b), "label": f"{code} (regels {a}–{b})"}

        ctx.update(page_kind="source", first=first, last=last, project=project,
                   lines=[{"n": n, "text": lines[n - 1]} for n in range(first, last + 1)],
                   previous=neighbour(index - 1) if index is not None else None,
                   next=neighbour(index + 1) if index is not None else None,
                   text_href=links.path(f"bron/{self.source_file}") if self.source_file else None,
                   breadcrumbs=[{"href": links.home, "label": "Overzicht"},
                                *([{"href": project["href"], "label": project["code"]}]
                                  if project else [])])
        return Page("source.html", ctx)
