"""Search as a visitor uses it: descriptions are searched, hits are grouped by project, counts
are written in Dutch (1 resultaat, 2 resultaten), and every example the home page suggests finds
something. Expectations come from the records."""

from __future__ import annotations

import html
import re

from pages_client import get

from vvgraph.records import Report
from vvgraph.server.views.formatting import fold


def project_text(p: object) -> str:
    fields = [p.title, p.description, p.status_description, p.output, p.outcome,  # type: ignore[attr-defined]
              p.political_action, *(m.name for m in p.milestones),  # type: ignore[attr-defined]
              *(m.description or "" for m in p.milestones),  # type: ignore[attr-defined]
              *(i.indicator or "" for i in p.indicators)]  # type: ignore[attr-defined]
    return fold(" ".join(f for f in fields if f))


def test_a_word_in_descriptions_finds_its_projects_grouped(pages_app: object,
                                                           report: Report) -> None:
    expected = {p.id for p in report.projects if "ventilatie" in project_text(p)}
    assert expected
    page = get(pages_app, "/zoeken?q=ventilatie").text
    groups = page.split('<ol class="hits groups">', 1)[1].split("</ol>", 1)[0]
    shown = re.findall(r'<span class="kind">Project</span> <a href="/doc/project/(VV\d{3})"', groups)
    assert set(shown) == expected and len(shown) == len(expected)
    n = len(expected)
    assert f", in {n} project{'' if n == 1 else 'en'}." in page


def test_counts_are_dutch_singular_and_plural(pages_app: object) -> None:
    one = get(pages_app, "/zoeken?q=60D57832364ED9000800048C").text   # a document-view id
    assert re.search(r"<p>1 resultaat voor", one)
    many = get(pages_app, "/zoeken?q=woningbouw").text
    assert re.search(r"<p>\d+ resultaten voor", many)


def test_every_example_on_the_home_page_finds_something(pages_app: object) -> None:
    home = get(pages_app, "/").text
    placeholder = html.unescape(re.search(r'id="zoekterm"[^>]*placeholder="([^"]+)"', home).group(1))
    examples = [x.strip() for x in placeholder.removeprefix("bv.").split(",")]
    assert len(examples) >= 3
    for example in examples:
        r = get(pages_app, "/zoeken?q=" + example.replace(" ", "+"))
        found = re.search(r"<p>([\d.]+) resulta", r.text)
        assert found and int(found.group(1).replace(".", "")) > 0, example
