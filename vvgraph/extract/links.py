"""Pair the URLs printed after each page with the anchors on that page.

The converter prints a page's link URLs after its text, in reading order, and usually once
per line of anchor text. The anchors vvgraph needs are the word "Projectpagina", each
decision paragraph and each linked-project line (whose SharePoint URL names the project, so it
needs no alignment). Decisions are aligned to runs of URLs by line counts: when the counts add
up, the URLs are dealt out in order (this handles a paragraph with two links and neighbours
sharing one URL); when they do not, a small edit-distance alignment decides which paragraph
has no link and which run is an extra copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .decisions import LinkedLine, Paragraph
from .source import Source, UrlBlock

DECISION_SITE = "beslissingenvlaamseregering.vlaanderen.be"
PROJECT_DETAIL = re.compile(r"/Projectdetail\.aspx\?p=(VV\d{3})$")


@dataclass(frozen=True, slots=True)
class Links:
    project_page: str | None
    decisions: tuple[tuple[str, ...], ...]


def _runs(urls: list[str]) -> list[tuple[str, int]]:
    runs: list[tuple[str, int]] = []
    for u in urls:
        if runs and runs[-1][0] == u:
            runs[-1] = (u, runs[-1][1] + 1)
        else:
            runs.append((u, 1))
    return runs


def _deal(counts: list[int], urls: list[str]) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = []
    pos = 0
    for k in counts:
        out.append(tuple(dict.fromkeys(urls[pos: pos + k])))
        pos += k
    return out


def _align(counts: list[int], runs: list[tuple[str, int]]) -> list[tuple[str, ...]]:
    """Edit-distance alignment of paragraphs (line counts) to URL runs.

    A paragraph may get no run (unlinked decision) or two (two links in one paragraph), a run
    may stay unused (a duplicate or a link elsewhere in the text); a match costs the
    difference between lines and copies.
    """
    n, m = len(counts), len(runs)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    move: list[list[str]] = [[""] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            c = cost[i][j]
            if c == inf:
                continue
            if i < n and c + 2.0 < cost[i + 1][j]:
                cost[i + 1][j], move[i + 1][j] = c + 2.0, "skip-paragraph"
            if j < m and c + 1.5 < cost[i][j + 1]:
                cost[i][j + 1], move[i][j + 1] = c + 1.5, "skip-run"
            if i < n and j < m:
                d = c + min(abs(counts[i] - runs[j][1]), 1.4)
                if d < cost[i + 1][j + 1]:
                    cost[i + 1][j + 1], move[i + 1][j + 1] = d, "match"
            if i < n and j + 1 < m:
                # One paragraph carrying two different links.
                d = c + 0.3 + min(abs(counts[i] - runs[j][1] - runs[j + 1][1]), 1.4)
                if d < cost[i + 1][j + 2]:
                    cost[i + 1][j + 2], move[i + 1][j + 2] = d, "match2"
    out: list[tuple[str, ...]] = [()] * n
    i, j = n, m
    while i or j:
        mv = move[i][j]
        if mv == "match":
            out[i - 1] = (runs[j - 1][0],)
            i, j = i - 1, j - 1
        elif mv == "match2":
            out[i - 1] = (runs[j - 2][0], runs[j - 1][0])
            i, j = i - 1, j - 2
        elif mv == "skip-paragraph":
            i -= 1
        else:
            j -= 1
    return out


def _page_bounds(source: Source, first: int, last: int) -> list[tuple[int, UrlBlock]]:
    """(lower bound, block) for each URL block of the sheet: the block's page is (lower, block.after]."""
    breaks = sorted({b.after for b in source.url_blocks} | set(source.page_numbers))
    out = []
    for block in source.url_blocks:
        if not first <= block.after <= last:
            continue
        lower = max((b for b in breaks if b < block.after), default=first - 1)
        out.append((max(lower, first - 1), block))
    return out


def align_links(source: Source, first: int, last: int, page_line: int | None,
                paragraphs: list[Paragraph], linked: list[LinkedLine]) -> Links:
    project_page: str | None = None
    found: list[list[str]] = [[] for _ in paragraphs]
    for lower, block in _page_bounds(source, first, last):
        def on_page(no: int) -> bool:
            return lower < no <= block.after
        urls = [u for _, u in block.urls if not PROJECT_DETAIL.search(u)]
        runs = _runs(urls)
        idx = [i for i, p in enumerate(paragraphs) if any(on_page(ln.no) for ln in p.lines)]
        if (page_line is not None and on_page(page_line) and runs and project_page is None
                and not (idx and DECISION_SITE in runs[0][0])):
            # "Projectpagina" is the first anchor of a sheet; a word without a link leaves the
            # first URL to a decision, recognisable by its site.
            project_page = runs[0][0]
            runs = runs[1:]
        if not idx or not runs:
            continue
        counts = [sum(1 for ln in paragraphs[i].lines if on_page(ln.no)) for i in idx]
        if sum(counts) == sum(c for _, c in runs):
            flat = [u for u, c in runs for _ in range(c)]
            got = _deal(counts, flat)
        else:
            got = _align(counts, runs)
        for i, urls_of in zip(idx, got):
            for u in urls_of:
                if u not in found[i]:
                    found[i].append(u)
    return Links(project_page, tuple(tuple(f) for f in found))
