"""An output indicator's page, with its project."""

from __future__ import annotations

from typing import Any

from .core import ViewCore
from .links import Links
from .vocabulary import _V


class IndicatorViews(ViewCore):
    """An output indicator's page, with its project."""

    def indicator(self, i: str, links: Links) -> dict[str, Any]:
        owner = self.r.owner(i)
        r = self.r
        return {"indicator": self.indicator_row(i, links),
                "target_value": r.text(i, _V + "targetValue"),
                "realisation_value": r.text(i, _V + "realisationValue"),
                "project": self.project_row(owner, links) if owner else None}

