"""A milestone's page, with its project."""

from __future__ import annotations

from typing import Any

from .core import ViewCore
from .links import Links


class MilestoneViews(ViewCore):
    """A milestone's page, with its project."""

    def milestone(self, m: str, links: Links) -> dict[str, Any]:
        owner = self.r.owner(m)
        return {"milestone": self.milestone_row(m, links),
                "project": self.project_row(owner, links) if owner else None}

