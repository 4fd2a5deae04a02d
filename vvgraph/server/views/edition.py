"""The edition of the report: its projects and its downloads."""

from __future__ import annotations

from typing import Any

from .core import ViewCore
from .formatting import date_nl, number_nl
from .links import Links
from .vocabulary import _V, DCAT, DCT


class EditionViews(ViewCore):
    """The edition of the report: its projects and its downloads."""

    def edition(self, e: str, links: Links) -> dict[str, Any]:
        r = self.r
        projects = r.subjects(DCT + "isReferencedBy", e)
        distributions = []
        for d in sorted(r.iris(e, DCAT + "distribution")):
            url = r.iris(d, DCAT + "downloadURL")
            size = r.text(d, DCAT + "byteSize")
            distributions.append({**self.link(d, links),
                                  "download": (links.href(url[0]) or url[0]) if url else None,
                                  "media_type": (r.iris(d, DCAT + "mediaType") or [""])[0]
                                  .rsplit("media-types/", 1)[-1],
                                  "size": number_nl(int(size)) if size and size.isdigit() else ""})
        sources = r.iris(e, DCT + "source")
        return {"measured_on": date_nl(r.text(e, _V + "measuredOn")),
                "report_title": r.label(e) or "",
                "publisher": [self.link(x, links) for x in r.iris(e, DCT + "publisher")],
                "plan": [self.link(x, links) for x in r.iris(e, _V + "monitors")],
                "source_links": [{"label": r.text(x, _V + "fileName") or x,
                                  "href": links.href(x) or x} for x in sources],
                "projects": self.project_table(projects, links), "distributions": distributions}

