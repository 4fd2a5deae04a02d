"""A project's page, laid out like its sheet in the report."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any

from .document import DocumentViews
from .formatting import blocks, number_nl, percent, position_of
from .links import Links
from .vocabulary import _V, BUDGET_PROPS, DCT, FOAF, ORIGINS, PROV, ROLE_PROPS


# The project's prose fields, laid out as paragraphs and bullets.
PROSE_FIELDS = (("description", DCT + "description"), ("output", _V + "output"),
                ("outcome", _V + "outcome"), ("status_description", _V + "statusDescription"),
                ("political_action", _V + "politicalAction"), ("stakeholders", _V + "stakeholders"))


class ProjectViews(DocumentViews):
    """A project's page, laid out like its sheet in the report."""

    def project(self, p: str, links: Links) -> dict[str, Any]:
        r = self.r
        roles: dict[str, list[tuple[int, str]]] = {}
        for assoc in r.iris(p, PROV + "qualifiedAssociation"):
            agent, role = r.iris(assoc, PROV + "agent"), r.iris(assoc, PROV + "hadRole")
            if agent and role:
                roles.setdefault(role[0].rsplit("/", 1)[-1], []).append((position_of(r, assoc), agent[0]))
        agents = []
        for prop, code, heading in ROLE_PROPS:
            named = [a for _, a in sorted(roles.get(code, []))] or r.iris(p, prop)
            agents.append({"heading": heading, "agents": [self.link(a, links) for a in named]})
        milestones = []
        for m in sorted(r.iris(p, _V + "milestone"), key=lambda m: position_of(r, m)):
            milestones.append(self.milestone_row(m, links))
        indicators = [self.indicator_row(i, links)
                      for i in sorted(r.iris(p, _V + "indicator"), key=lambda i: position_of(r, i))]
        budget = [{"label": label, "amount": self.amount(p, prop)} for prop, label in BUDGET_PROPS]
        origins = [{"label": label, "amount": self.amount(p, prop), "colour": c,
                    "href": links.href(self.r.iris(node, DCT + "type")[0]) if (node := self._node(p, prop))
                    and self.r.iris(node, DCT + "type") else None}
                   for prop, label, c in ORIGINS]
        total = sum((o["amount"] or 0 for o in origins), Decimal(0))
        for o in origins:
            o["width"] = percent(o["amount"] or 0, total)
            o["share"] = number_nl(Decimal(o["width"]), 1) if total else ""
        decisions = [self.citation(c, links, p) for c in
                     sorted(r.iris(p, _V + "decisionCitation"), key=lambda c: position_of(r, c))]
        linked_iris = [r.iris(link, _V + "linkTarget")[0] for link in
                       sorted(r.iris(p, _V + "projectLink"), key=lambda x: position_of(r, x))
                       if r.iris(link, _V + "linkTarget")] or r.iris(p, _V + "linkedProject")
        linked = [self.project_row(q, links) for q in dict.fromkeys(linked_iris)]
        linked_from = [self.project_row(q, links) for q in r.subjects(_V + "linkedProject", p)
                       if q != p]
        shared: dict[str, list[str]] = {}
        for doc in r.iris(p, _V + "decisionDocument"):
            for other in r.subjects(_V + "decisionDocument", doc):
                if other != p:
                    shared.setdefault(other, []).append(doc)
        shared_rows = [{**self.project_row(q, links),
                        "via": [self.link(d, links) for d in docs]}
                       for q, docs in sorted(shared.items())]
        input_amount = self.amount(p, _V + "inputAmount")
        page = r.iris(p, FOAF + "page")
        cluster, speerpunt = r.iris(p, _V + "cluster"), r.iris(p, _V + "speerpunt")
        status = r.iris(p, _V + "status")
        return {
            "code": r.text(p, DCT + "identifier") or "", "project_title": r.label(p) or "",
            "cluster": self.link(cluster[0], links) if cluster else None,
            "speerpunt": self.link(speerpunt[0], links) if speerpunt else None,
            "agents": agents, "stakeholders": r.text(p, _V + "stakeholders"),
            "project_page": page[0] if page else None,
            "description": r.text(p, DCT + "description"),
            "input_text": r.text(p, _V + "input"), "input_amount": input_amount,
            "output": r.text(p, _V + "output"), "outcome": r.text(p, _V + "outcome"),
            "status": self.status(status[0] if status else None, links),
            "status_description": r.text(p, _V + "statusDescription"),
            "political_action": r.text(p, _V + "politicalAction"),
            "milestones": milestones, "milestone_statuses": self.distribution(
                Counter(m["status"]["iri"] for m in milestones if m["status"]), links),
            "indicators": indicators, "budget": budget, "origins": origins, "origin_total": total,
            "decisions": decisions, "linked": linked, "linked_from": linked_from,
            "shared": shared_rows, "source": self.source(p, links),
            "prose_blocks": {name: blocks(r.text(p, prop)) for name, prop in PROSE_FIELDS},
        }

