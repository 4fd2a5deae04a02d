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
from datetime import date, datetime, timezone
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
SHARED_LINE = 0.4
EXTRA_LINK = 0.3
DEVIATION_CAP = 1.4
ELSEWHERE = 2.0
LINKLESS = re.compile(r"\bnog\s+te\s+(?:nemen|agenderen)\b|\bnog\s+niet\s+(?:genomen|geagendeerd)\b",
                      re.I)


MONTHS = {m: i for i, m in enumerate(("januari februari maart april mei juni juli augustus september "
                                        "oktober november december").split(), 1)}
DATE_WORDS = re.compile(r"\b(\d{1,2})\s*(" + "|".join(MONTHS) + r")\s*(\d{4})\b", re.I)
DATE_SLASH = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b")
DATE_VR = re.compile(r"\bVR\s+(\d{4})\s+(\d{2})(\d{2})\b")
DOCUMENT_ID = re.compile(r"/document-view/([0-9A-Fa-f]{24})$")
# A document is uploaded to Kaleidos shortly before the meeting that decides on it; a link
# whose upload time lies this far from every date its paragraph names is unlikely to be its.
DATE_GAP_DAYS = 45
DATE_MISMATCH = 0.6
DATE_FAR = 1.6
NO_DATE = 0.2
SKIP_HEADING = 0.3
HEADING_WORDS = 4


def _is_heading(text: str) -> bool:
    """A heading over the decisions below it ("Kadernota:", "Regelgeving projectfinanciering",
    VV127) rarely carries a link of its own: it ends in a colon, or is a few words without a
    number."""
    words = text.strip("-–• ").split()
    return text.rstrip().endswith(":") or (len(words) <= HEADING_WORDS and not any(c.isdigit() for c in text))


def paragraph_dates(text: str) -> tuple[date, ...]:
    """The dates a decision paragraph names ("7 mei 2021", "17/12/2021", "VR 2021 1709")."""
    found: list[date] = []
    for d, mname, y in DATE_WORDS.findall(text):
        found += _date(int(y), MONTHS[mname.lower()], int(d))
    for d, m, y in DATE_SLASH.findall(text):
        found += _date(int(y) + (2000 if len(y) == 2 else 0), int(m), int(d))
    for y, d, m in DATE_VR.findall(text):
        found += _date(int(y), int(m), int(d))
    return tuple(found)


def _date(y: int, m: int, d: int) -> list[date]:
    try:
        return [date(y, m, d)]
    except ValueError:
        return []


def uploaded(url: str) -> date | None:
    """The day in a document-view id: its first four bytes are a Unix time (a MongoDB ObjectId)."""
    m = DOCUMENT_ID.search(url)
    if m is None:
        return None
    return datetime.fromtimestamp(int(m.group(1)[:8], 16), tz=timezone.utc).date()


def _date_cost(dates: tuple[date, ...], url: str) -> float:
    when = uploaded(url)
    if when is None:
        return 0.0
    if not dates:
        # A paragraph that names no date is a weaker home for a dated document than one
        # naming its day (VV127: "Kadernota:" above "- VR 2/04/2021 Digibanken - nota").
        return NO_DATE
    gap = min(abs((when - d).days) for d in dates)
    if gap <= DATE_GAP_DAYS:
        return 0.0
    # More than half a year apart is all but impossible (VV039: a March 2021 document under
    # a paragraph of 13 May 2022 is a repeated copy of the link above, not this one's).
    return DATE_MISMATCH if gap <= 183 else DATE_FAR


def _deviation(lines: int, copies: int, links: int) -> float:
    """Two links in one paragraph may share the line where one anchor ends and the next
    begins (VV045: 7 lines, two documents printed 4 times each)."""
    over = copies - lines
    if over > 0:
        shared = min(over, links - 1)
        return min(SHARED_LINE * shared + (over - shared), DEVIATION_CAP)
    return min(-over, DEVIATION_CAP)


def _align(counts: list[int], runs: list[tuple[str, int]], linkless: list[bool],
           printed: list[frozenset[str]], dates: list[tuple[date, ...]],
           headings: list[bool]) -> tuple[list[tuple[str, ...]], bool]:
    """Deal runs of URLs to paragraphs by their printed lines; True when a tie was broken.

    A paragraph takes no run (an unlinked or future decision, VV045), one, or up to four
    consecutive runs (several documents in one paragraph, VV015); consecutive paragraphs may
    share one run (the same link printed once per line of both); a run may belong to no
    paragraph (a link elsewhere on the page). Ties go to the earlier paragraph (VV046: one
    two-line link below two two-line paragraphs belongs to the first).
    """
    n, m = len(counts), len(runs)
    shown = frozenset().union(*printed)
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
        for r in (1, 2, 3, 4):
            if j + r <= m:
                copies = sum(c for _, c in runs[j:j + r])
                cost = _deviation(counts[i], copies, r) + EXTRA_LINK * (r - 1) + penalty
                # A link whose URL another paragraph prints in its text is that one's (VV177).
                cost += sum(ELSEWHERE for u, _ in runs[j:j + r]
                            if u in shown and u not in printed[i])
                # VV017, VV036: the upload time in a document's id tells which of two
                # paragraphs of equal length names its meeting.
                cost += sum(_date_cost(dates[i], u) for u, _ in runs[j:j + r])
                rest = best(i + 1, j + r)
                options.append((cost + rest[0], ((i, tuple(u for u, _ in runs[j:j + r])),) + rest[1], rest[2]))
        for q in (2, 3):
            if j < m and i + q <= n and not any(linkless[i:i + q]) \
                    and sum(counts[i:i + q]) == runs[j][1]:
                # Only when the copies cover every line of both (VV127: a one-line heading
                # above a one-line note does not share the note's single copy).
                cost = EXTRA_LINK * (q - 1) + sum(_date_cost(dates[k], runs[j][0])
                                                  for k in range(i, i + q))
                rest = best(i + q, j + 1)
                options.append((cost + rest[0],
                                tuple((k, (runs[j][0],)) for k in range(i, i + q)) + rest[1], rest[2]))
        if j < m:
            rest = best(i, j + 1)
            options.append((SKIP_RUN + rest[0], rest[1], rest[2]))
        rest = best(i + 1, j)
        skip = 0.0 if linkless[i] else SKIP_HEADING if headings[i] else SKIP_PARAGRAPH
        options.append((skip + rest[0], rest[1], rest[2]))
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


def _leftover_documents(runs: list[tuple[str, int]], got: list[tuple[str, ...]], kept: set[str]
                        ) -> list[tuple[int, str]]:
    """A decision document printed on a page is never dropped: one that no paragraph of the
    sheet received goes to the paragraph holding the link printed just before it (VV015)."""
    out: list[tuple[int, str]] = []
    for j, (url, _) in enumerate(runs):
        if "/document-view/" not in url or url in kept:
            continue
        before = [runs[k][0] for k in range(j - 1, -1, -1)]
        k = next((n for u in before for n, g in enumerate(got) if u in g), 0)
        out.append((k, url))
        kept.add(url)
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
                paragraphs: list[Paragraph], linked: list[LinkedLine],
                review: Review | None = None) -> Links:
    project_page: str | None = None
    found: list[list[str]] = [[] for _ in paragraphs]
    pages = _page_bounds(source, first, last)
    leftovers: list[tuple[list[tuple[str, int]], list[tuple[str, ...]], list[int]]] = []
    for k, (lower, block) in enumerate(pages):
        def on_page(no: int) -> bool:
            return lower < no <= block.after
        urls = [u for _, u in block.urls if not PROJECT_DETAIL.search(u)]
        runs = _runs(urls)
        following = [u for _, u in pages[k + 1][1].urls] if k + 1 < len(pages) else []
        lines_here = sum(1 for p in paragraphs for ln in p.lines if on_page(ln.no))
        if len(runs) > 1 and following and runs[-1][0] == following[0] \
                and lines_here == sum(c for _, c in runs[:-1]):
            # The page's last link goes on at the top of the next page's list: its anchor is
            # the paragraph the break cut, dealt there (VV051: "...03DA" once here, twice there).
            runs = runs[:-1]
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
        headings = [_is_heading(paragraphs[i].text) for i in idx]
        printed = [frozenset(paragraphs[i].text_urls()) for i in idx]
        got, tie = _align(counts, runs, linkless, printed,
                          [paragraph_dates(paragraphs[i].text) for i in idx], headings)
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
        leftovers.append((runs, got, idx))
    for runs, got, idx in leftovers:
        kept = {u for f in found for u in f}
        for k, u in _leftover_documents(runs, got, kept):
            found[idx[k]].append(u)
            if review is not None:
                review.note(paragraphs[idx[k]].first, "decision links",
                            f"a document left over by the alignment given to this paragraph: {u}")
    return Links(project_page, tuple(tuple(f) for f in found))
