"""Concepts and their code lists: speerpunten, clusters, statuses, kinds of amount."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any

from .core import ViewCore
from .formatting import decimal, natural_key, percent
from .links import Links
from .vocabulary import _V, DCT, MILESTONE, PROJECT, PROV, SCHEMA, SCHEME_NAMES, SKOS


class ConceptViews(ViewCore):
    """Concepts and their code lists: speerpunten, clusters, statuses, kinds of amount."""

    def concept(self, c: str, links: Links) -> dict[str, Any]:
        r = self.r
        scheme = self.scheme_name(c)
        schemes = r.iris(c, SKOS + "inScheme")
        ctx: dict[str, Any] = {
            "concept": self.status(c, links), "scheme": self.link(schemes[0], links) if schemes else None,
            "scheme_name": SCHEME_NAMES.get(scheme, scheme), "kind": scheme,
            "definition": r.text(c, SKOS + "definition"),
            "broader": [self.link(b, links) for b in r.iris(c, SKOS + "broader")],
            "narrower": [self.link(n, links) for n in sorted(r.subjects(SKOS + "broader", c),
                                                              key=natural_key)],
            "projects": None, "milestones": None, "amounts": None, "agents": None}
        projects = [s for prop in (_V + "speerpunt", _V + "cluster", _V + "status")
                    for s in r.subjects(prop, c) if PROJECT in r.types(s)]
        if projects:
            ctx["projects"] = self.project_table(projects, links)
        milestones = [s for s in r.subjects(_V + "status", c) if MILESTONE in r.types(s)]
        if milestones:
            rows = []
            for m in milestones:
                owner = r.owner(m)
                rows.append({**self.milestone_row(m, links),
                             "project": self.project_row(owner, links) if owner else None})
            rows.sort(key=lambda x: (x["project"]["code"] if x["project"] else "", x["n"]))
            ctx["milestones"] = rows
        amounts = [s for s in r.subjects(DCT + "type", c) if SCHEMA + "MonetaryAmount" in r.types(s)]
        if amounts:
            rows = []
            for a in amounts:
                owner = r.owner(a)
                value = decimal(r.text(a, SCHEMA + "value"))
                rows.append({"project": self.project_row(owner, links) if owner else None,
                             "amount": value, **self.link(a, links)})
            rows.sort(key=lambda x: (-(x["amount"] or 0), x["project"]["code"] if x["project"] else ""))
            total = sum((x["amount"] or 0 for x in rows), Decimal(0))
            top = rows[0]["amount"] or 0 if rows else 0
            for x in rows:
                x["width"] = percent(x["amount"] or 0, top)
            ctx["amounts"] = {"rows": rows, "total": total,
                              "nonzero": sum(1 for x in rows if x["amount"])}
        assocs = r.subjects(PROV + "hadRole", c)
        if assocs:
            counts: Counter[str] = Counter()
            for assoc in assocs:
                for agent in r.iris(assoc, PROV + "agent"):
                    counts[agent] += 1
            ctx["agents"] = [{**self.link(a, links), "count": n}
                             for a, n in sorted(counts.items(), key=lambda x: (-x[1], self.label(x[0])))]
        return ctx

    def scheme(self, s: str, links: Links) -> dict[str, Any]:
        r = self.r
        concepts = sorted(r.subjects(SKOS + "inScheme", s),
                          key=lambda c: natural_key(r.text(c, SKOS + "notation") or c))
        rows = []
        for c in concepts:
            uses = sum(len(v) for p, v in r.refs.get(c, {}).items() if not p.startswith(SKOS))
            rows.append({**self.status(c, links), "uses": uses,  # type: ignore[dict-item]
                         "definition": r.text(c, SKOS + "definition")})
        return {"concepts": rows, "definition": r.text(s, SKOS + "definition"),
                "name": r.label(s) or self.label(s)}

