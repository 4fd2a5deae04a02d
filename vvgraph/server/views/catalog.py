"""The data catalog as a page a person reads: each dataset with its downloads (format, size,
SHA-256, licence, date) and the SPARQL service, rather than a table of DCAT properties. The
same facts give ``/dumps/`` its listing."""

from __future__ import annotations

from typing import Any

from .core import Page, ViewCore
from .formatting import date_nl, number_nl
from .links import Links
from .vocabulary import DCAT, DCT

SPDX = "http://spdx.org/rdf/terms#"


def size_nl(size: str | None) -> str:
    """Bytes as a reader takes them in.

    >>> size_nl("3238486"), size_nl("912"), size_nl(None)
    ('3,1 MiB (3.238.486 bytes)', '912 bytes', '')
    """
    if not size or not size.isdigit():
        return ""
    n = int(size)
    if n < 1024:
        return f"{n} bytes"
    unit, value = ("MiB", n / 1024 ** 2) if n >= 1024 ** 2 else ("KiB", n / 1024)
    return f"{number_nl(value, 1)} {unit} ({number_nl(n)} bytes)"


class CatalogViews(ViewCore):
    """``/doc/catalogus`` and the ``/dumps/`` listing."""

    def distribution_row(self, d: str, links: Links) -> dict[str, Any]:
        r = self.r
        url = r.iris(d, DCAT + "downloadURL") or r.iris(d, DCAT + "accessURL")
        media = r.iris(d, DCAT + "mediaType")
        checksum = (r.iris(d, SPDX + "checksum") or [None])[0]
        licence = (r.iris(d, DCT + "license") or [None])[0]
        name = url[0].rsplit("/", 1)[-1] if url else d.rsplit("/", 1)[-1]
        return {**self.link(d, links), "name": name, "title": r.label(d) or name,
                "download": (links.href(url[0]) or url[0]) if url else None,
                "media_type": media[0].rsplit("media-types/", 1)[-1] if media else "",
                "size": size_nl(r.text(d, DCAT + "byteSize")),
                "sha256": r.text(checksum, SPDX + "checksumValue") if checksum else None,
                "license": self.link(licence, links) if licence else None,
                "modified": date_nl(r.text(d, DCT + "modified") or r.text(d, DCT + "issued"))}

    def datasets(self, links: Links) -> list[dict[str, Any]]:
        r = self.r
        out = []
        for catalog in r.of_type(DCAT + "Catalog"):
            for ds in r.iris(catalog, DCAT + "dataset"):
                out.append({**self.link(ds, links), "description": r.text(ds, DCT + "description"),
                            "license": [self.link(x, links) for x in r.iris(ds, DCT + "license")],
                            "modified": date_nl(r.text(ds, DCT + "modified") or r.text(ds, DCT + "issued")),
                            "distributions": [self.distribution_row(d, links) for d in
                                              sorted(r.iris(ds, DCAT + "distribution"))]})
        return out

    def catalog(self, c: str, links: Links) -> dict[str, Any]:
        r = self.r
        services = []
        for s in r.iris(c, DCAT + "service"):
            endpoint = (r.iris(s, DCAT + "endpointURL") or [None])[0]
            services.append({**self.link(s, links), "endpoint": endpoint,
                             "href_endpoint": links.sparql or endpoint})
        return {"catalog_description": r.text(c, DCT + "description"),
                "publisher": [self.link(x, links) for x in r.iris(c, DCT + "publisher")],
                "license": [self.link(x, links) for x in r.iris(c, DCT + "license")],
                "datasets": self.datasets(links), "services": services}

    def dumps_page(self, files: list[tuple[str, int]], links: Links) -> Page:
        """``/dumps/``: every file of the build (name, bytes), with what the catalog says of
        it (format, SHA-256, licence) where it lists it."""
        known = {d["name"]: d for ds in self.datasets(links) for d in ds["distributions"]}
        rows = []
        for name, size in files:
            d = known.get(name)
            rows.append({"name": name, "href": links.path(f"dumps/{name}"),
                         "size": size_nl(str(size)), "title": d["title"] if d else "",
                         "media_type": d["media_type"] if d else "",
                         "sha256": d["sha256"] if d else None,
                         "license": d["license"] if d else None,
                         "about": d["href"] if d else None})
        ctx = self.base_context(links, "Downloads")
        catalog = f"{self.r.id_space}catalogus"
        ctx.update(page_kind="dumps", files=rows,
                   catalog=self.link(catalog, links) if catalog in self.r else None,
                   breadcrumbs=[{"href": links.home, "label": "Overzicht"}])
        return Page("dumps.html", ctx)
