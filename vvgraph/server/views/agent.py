"""Ministers and organisations with their projects."""

from __future__ import annotations

from typing import Any

from .core import ViewCore
from .links import Links
from .vocabulary import PERSON, PROV, ROLE_PROPS


class AgentViews(ViewCore):
    """Ministers and organisations with their projects."""

    def agent(self, a: str, links: Links) -> dict[str, Any]:
        r = self.r
        by_project: dict[str, list[str]] = {}
        for assoc in r.subjects(PROV + "agent", a):
            project = r.owner(assoc)
            role = r.iris(assoc, PROV + "hadRole")
            if project:
                by_project.setdefault(project, []).extend(self.label(x) for x in role)
        for prop, code, _ in ROLE_PROPS:
            for project in r.subjects(prop, a):
                by_project.setdefault(project, [])
        table = self.project_table(list(by_project), links)
        for row in table["rows"]:
            row["roles"] = sorted(set(by_project.get(row["iri"], [])))
        return {"is_person": PERSON in r.types(a), "name": r.label(a) or self.label(a),
                "projects": table}

