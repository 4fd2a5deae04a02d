"""A quarter's page: the milestones and indicators planned in it, grouped by project with the
project's status and each milestone's, instead of a list of hundreds of bare links."""

from __future__ import annotations

from collections import Counter
from typing import Any

from .core import ViewCore
from .links import Links
from .vocabulary import _V, INDICATOR, MILESTONE, SKOS, TIME


class QuarterViews(ViewCore):
    """``/doc/kwartaal/2022-Q4`` and the like."""

    def quarter(self, q: str, links: Links) -> dict[str, Any]:
        r = self.r
        groups: dict[str, dict[str, Any]] = {}
        statuses: Counter[str] = Counter()
        for item in r.subjects(_V + "plannedQuarter", q):
            owner = r.owner(item)
            if owner is None:
                continue
            group = groups.setdefault(owner, {**self.project_row(owner, links),
                                              "milestones": [], "indicators": []})
            types = r.types(item)
            if MILESTONE in types:
                row = self.milestone_row(item, links)
                group["milestones"].append(row)
                if row["status"]:
                    statuses[row["status"]["iri"]] += 1
            elif INDICATOR in types:
                group["indicators"].append(self.indicator_row(item, links))
        for g in groups.values():
            g["milestones"].sort(key=lambda m: m["n"])
            g["indicators"].sort(key=lambda i: i["n"])
        begin = r.iris(q, TIME + "hasBeginning")
        end = r.iris(q, TIME + "hasEnd")
        return {"groups": sorted(groups.values(), key=lambda g: g["code"]),
                "milestone_count": sum(len(g["milestones"]) for g in groups.values()),
                "indicator_count": sum(len(g["indicators"]) for g in groups.values()),
                "milestone_statuses": self.distribution(statuses, links),
                "begin": self.link(begin[0], links) if begin else None,
                "end": self.link(end[0], links) if end else None,
                "notation": r.text(q, SKOS + "notation")}
