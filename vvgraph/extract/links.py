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
from .review import Review
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


# What a move of the alignment costs. A paragraph's anchor text is printed over as many lines
# as its link is repeated, so a difference of line counts costs what it is (capped); the rest
# are small fixed costs so that structure, not chance, decides.
SKIP_PARAGRAPH = 2.0
SKIP_RUN = 0.8
SHARED_LINE = 0.6
EXTRA_LINK = 0.3
DEVIATION_CAP = 1.4
ELSEWHERE = 1.0
LINKLESS = re.compile(r"\bnog\s+te\s+(?:nemen|agenderen)\b|\bnog\s+niet\s+(?:genomen|geagendeerd)\b",
                      re.I)


def _deviation(lines: int, copies: int, links: int) -> float:
    """Two links in one paragraph may share the line where one anchor ends and the next
    begins (VV045: 7 lines, two documents printed 4 times each)."""
    over = copies - lines
    if over > 0:
        shared = min(over, links - 1)
        return min(SHARED_LINE * shared + (over - shared), DEVIATION_CAP)
    return min(-over, DEVIATION_CAP)


def _align(counts: list[int], runs: list[tuple[str, int]], linkless: list[bool],
           printed: list[frozenset[str]] | None = None) -> tuple[list[tuple[str, ...]], bool]:
    """Deal runs of URLs to paragraphs by their printed lines; True when a tie was broken.

    A paragraph takes no run (an unlinked or future decision, VV045), one, or up to three
    consecutive runs (several documents in one paragraph, VV015); consecutive paragraphs may
    share one run (the same link printed once per line of both); a run may belong to no
    paragraph (a link elsewhere on the page). Ties go to the earlier paragraph (VV046: one
    two-line link below two two-line paragraphs belongs to the first).
    """
    n, m = len(counts), len(runs)
    printed = printed if printed is not None else [frozenset()] * n
    shown = frozenset().union(*printed) if printed else frozenset()
    memo: dict[tuple[int, int], tuple[float, tuple, bool]] = {}

    def best(i: int, j: int) -> tuple[float, tuple, bool]:
        if (i, j) in memo:
            return memo[(i, j)]
        if i == n:
            out = (SKIP_RUN * (m - j), (), False)
            memo[(i, j)] = out
            return out
        options: list[tuple[float, tuple, bool]] = []
        penalty = 3.0 if linkless[i] else 0.0
        for r in (1, 2, 3):
            if j + r <= m:
                copies = sum(c for _, c in runs[j:j + r])
                cost = _deviation(counts[i], copies, r) + EXTRA_LINK * (r - 1) + penalty
                # A link whose URL another paragraph prints in its text is that one's (VV177).
                cost += sum(ELSEWHERE for u, _ in runs[j:j + r]
                            if u in shown and u not in printed[i])
                rest = best(i + 1, j + r)
                options.append((cost + rest[0], ((i, tuple(u for u, _ in runs[j:j + r])),) + rest[1], rest[2]))
        for q in (2, 3):
            if j < m and i + q <= n and not any(linkless[i:i + q]):
                lines = sum(counts[i:i + q])
                cost = abs(lines - runs[j][1]) + EXTRA_LINK * (q - 1)
                rest = best(i + q, j + 1)
                options.append((cost + rest[0],
                                tuple((k, (runs[j][0],)) for k in range(i, i + q)) + rest[1], rest[2]))
        if j < m:
            rest = best(i, j + 1)
            options.append((SKIP_RUN + rest[0], rest[1], rest[2]))
        rest = best(i + 1, j)
        options.append(((0.0 if linkless[i] else SKIP_PARAGRAPH) + rest[0], rest[1], rest[2]))
        low = min(o[0] for o in options)
        winners = [o for o in options if o[0] <= low + 1e-9]
        tie = len({w[1] for w in winners}) > 1
        chosen = winners[0]
        out = (chosen[0], chosen[1], tie or chosen[2])
        memo[(i, j)] = out
        return out

    cost, plan, tie = best(0, 0)
    got: list[tuple[str, ...]] = [()] * n
    for i, urls in plan:
        got[i] = tuple(dict.fromkeys(got[i] + urls))
    return got, tie


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
                paragraphs: list[Paragraph], linked: list[LinkedLine],
                review: Review | None = None) -> Links:
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
        linkless = [bool(LINKLESS.search(paragraphs[i].text)) for i in idx]
        printed = [frozenset(paragraphs[i].text_urls()) for i in idx]
        got, tie = _align(counts, runs, linkless, printed)
        exact = all(len(g) == 1 for g in got) and len(runs) == len(idx) and \
            all(c == r for c, (_, r) in zip(counts, runs))
        if not exact and review is not None:
            review.note(paragraphs[idx[0]].first, "decision links",
                        ("a tie broken by position: " if tie else "aligned by line counts: ")
                        + ", ".join(f"paragraph at line {paragraphs[i].first}: {len(g)} link(s)"
                                    for i, g in zip(idx, got)))
        for i, urls_of in zip(idx, got):
            for u in urls_of:
                if u not in found[i]:
                    found[i].append(u)
    return Links(project_page, tuple(tuple(f) for f in found))
