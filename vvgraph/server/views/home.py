"""The home page: budget by speerpunt and origin, statuses, delays and ways in."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from functools import cached_property
from typing import Any

from ..describe import FORMAT_NAMES, MEDIA_TYPES, RDF_MEDIA_TYPES
from .core import Page, ViewCore
from .formatting import natural_key, percent, script_json
from .links import Links
from .vocabulary import (
    _V,
    DCT,
    DELAYED,
    EDITION,
    INDICATOR,
    MILESTONE,
    ORGANIZATION,
    ORIGINS,
    PERSON,
    RECOVERY,
    SCHEME,
    SKOS,
    STUK,
)


class HomeViews(ViewCore):
    """The home page: budget by speerpunt and origin, statuses, delays and ways in."""

    # -- Home ------------------------------------------------------------------------------------
    @cached_property
    def _overview(self) -> dict[str, Any]:
        """The numbers behind the home page's charts (links are added per request)."""
        r = self.r
        figures = self._figures
        speerpunten: dict[str, dict[str, Decimal]] = {}
        for p, f in figures.items():
            for sp in r.iris(p, _V + "speerpunt"):
                row = speerpunten.setdefault(sp, {q: Decimal(0) for q, _, _ in ORIGINS})
                for q, v in f["origins"].items():
                    row[q] += v or 0
        origin_totals = {q: sum((f["origins"][q] or 0 for f in figures.values()), Decimal(0))
                         for q, _, _ in ORIGINS}
        milestones = r.of_type(MILESTONE)
        m_status = Counter(s for m in milestones for s in r.iris(m, _V + "status"))
        delays: dict[str, Counter[str]] = {}
        for m in milestones:
            for s in r.iris(m, _V + "status"):
                if s.rsplit("/", 1)[-1] in DELAYED:
                    quarter = (r.text(m, _V + "timing") or "zonder timing")
                    key = quarter if re.match(r"^\d{4} Q[1-4]$", quarter) else "andere timing"
                    delays.setdefault(key, Counter())[s] += 1
        return {"speerpunten": speerpunten, "origins": origin_totals, "milestone_status": m_status,
                "delays": delays, "project_status": Counter(f["status"] for f in figures.values()
                                                            if f["status"])}

    def home(self, links: Links) -> Page:
        r = self.r
        o = self._overview
        ctx = self.base_context(links, "Vlaamse Veerkracht als gelinkte data")
        bars = []
        top = max((sum(v.values()) for v in o["speerpunten"].values()), default=Decimal(0))
        for sp in sorted(o["speerpunten"], key=lambda c: natural_key(r.text(c, SKOS + "notation") or c)):
            amounts = o["speerpunten"][sp]
            total = sum(amounts.values(), Decimal(0))
            bars.append({**self.link(sp, links), "total": total, "width": percent(total, top),
                         "segments": [{"label": label, "colour": c, "amount": amounts[q],
                                       "width": percent(amounts[q], total)}
                                      for q, label, c in ORIGINS if amounts[q]]})
        origin_top = max(o["origins"].values(), default=Decimal(0))
        origins = [{"label": label, "colour": c, "amount": o["origins"][q],
                    "width": percent(o["origins"][q], origin_top),
                    **({"href": links.href(f"{self.r.id_space}concept/financieringsbron/{slug}")}
                       if (slug := self._origin_slug(q)) else {"href": None})}
                   for q, label, c in ORIGINS]
        delays = []
        delay_top = max((sum(c.values()) for c in o["delays"].values()), default=0)
        for quarter in sorted(o["delays"], key=lambda q: (not q[:1].isdigit(), q)):
            counts = o["delays"][quarter]
            total = sum(counts.values())
            delays.append({"quarter": quarter, "total": total, "width": percent(total, delay_top),
                           "segments": [{**s, "width": percent(s["count"], total)}
                                        for s in self.distribution(counts, links)]})
        speerpunt_tree = []
        for sp in sorted(r.subjects(SKOS + "inScheme", f"{r.id_space}conceptscheme/speerpunt"),
                         key=lambda c: natural_key(r.text(c, SKOS + "notation") or c)):
            speerpunt_tree.append({**self.link(sp, links), "notation": r.text(sp, SKOS + "notation"),
                                   "clusters": [self.link(c, links) for c in sorted(
                                       r.subjects(SKOS + "broader", sp), key=natural_key)]})
        clusters = sorted(r.subjects(SKOS + "inScheme", f"{r.id_space}conceptscheme/cluster"),
                          key=lambda c: natural_key(r.text(c, SKOS + "notation") or c))
        ministers = [self.link(p, links) for p in sorted(r.of_type(PERSON), key=self.label)]
        organisations = [self.link(p, links) for p in sorted(
            (x for x in r.of_type(ORGANIZATION) if x.startswith(r.id_space)), key=self.label)]
        schemes = [self.link(s, links) for s in r.of_type(SCHEME)]
        catalog = f"{r.id_space}catalogus"
        # The home page's data: the catalog and the edition it lists, their own statements.
        own = [t for iri in (catalog, *r.of_type(EDITION)) for t in r.outgoing(iri)]
        if own:
            ctx["jsonld"] = script_json(r.jsonld(own))
        ctx["alternates"] = [{"media_type": m, "name": f"{FORMAT_NAMES[m]} (alle gegevens)",
                              "href": links.path(f"dumps/vvgraph.{MEDIA_TYPES[m]}")}
                             for m in RDF_MEDIA_TYPES]
        delayed: Counter[str] = Counter()
        for counts in o["delays"].values():
            delayed.update(counts)
        ctx.update(
            page_kind="home", delay_legend=self.distribution(delayed, links),
            counts={"projects": len(self.projects), "milestones": len(r.of_type(MILESTONE)),
                    "indicators": len(r.of_type(INDICATOR)), "documents": len(r.of_type(STUK)),
                    "clusters": len(clusters), "resources": len(r)},
            recovery_total=sum((o["origins"][q] for q in RECOVERY), Decimal(0)),
            budget_by_speerpunt=bars, origins=origins,
            project_status=self.distribution(o["project_status"], links),
            milestone_status=self.distribution(o["milestone_status"], links),
            delays=delays, speerpunten=speerpunt_tree, ministers=ministers,
            organisations=organisations, schemes=schemes,
            catalog=self.link(catalog, links) if catalog in r else None,
            legend=[{"label": label, "colour": c} for _, label, c in ORIGINS],
            dumps=[{"name": n, "href": links.path(f"dumps/{n}")} for n in
                   ("vvgraph.ttl", "vvgraph.nt", "vvgraph.jsonld", "vvgraph.rdf", "vvgraph.trig",
                    "vvgraph.nq")],
        )
        ctx["schema"] = script_json(self.dataset_schema())
        return Page("home.html", ctx)

    def _origin_slug(self, prop: str) -> str | None:
        for p in self.projects:
            node = self._node(p, prop)
            if node:
                kinds = self.r.iris(node, DCT + "type")
                if kinds:
                    return kinds[0].rsplit("/", 1)[-1]
        return None

