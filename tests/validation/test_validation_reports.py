"""The report files: the same graph gives the same bytes, and the data-quality report shows
each finding with its project, the figures involved and the lines of the report."""

from __future__ import annotations

from html.parser import HTMLParser

from rdflib import Graph
from validation_helpers import origins_total

from vvgraph.config import Settings
from vvgraph.namespaces import SH
from vvgraph.validation import validate_graph, write_reports


def test_the_same_graph_gives_the_same_files(small_graph, shapes, ontology, tmp_path):
    a = write_reports(validate_graph(small_graph, shapes, ontology), tmp_path / "a")
    b = write_reports(validate_graph(small_graph, shapes, ontology), tmp_path / "b")
    for x, y in zip(a, b):
        assert x.read_bytes() == y.read_bytes(), x.name


def test_the_data_quality_report_names_project_figures_and_lines(small_outcome, small_projects, tmp_path):
    ttl, md, html = write_reports(small_outcome, tmp_path)
    odd = [p for p in small_projects if origins_total(p) not in (None, p.financing.budget_update)]
    assert odd
    text_md, text_html = md.read_text(encoding="utf-8"), html.read_text(encoding="utf-8")
    for p in odd:
        printed = f"{p.financing.budget_update:,}".replace(",", ".") + " EUR"   # as the report prints it
        lines = f"regels {p.source.first_line}-{p.source.last_line}"
        for text in (text_md, text_html):
            assert p.id in text and p.title in text.replace("&amp;", "&")
            assert printed in text and lines in text
    for f in small_outcome.warnings:
        assert f.focus in text_md and f.source in text_html


def test_the_html_is_well_formed(small_outcome, tmp_path):
    _, _, html = write_reports(small_outcome, tmp_path)

    class Check(HTMLParser):
        VOID = {"meta", "link", "br", "img", "input", "hr"}

        def __init__(self) -> None:
            super().__init__()
            self.stack: list[str] = []

        def handle_starttag(self, tag, attrs):
            if tag not in self.VOID:
                self.stack.append(tag)

        def handle_endtag(self, tag):
            assert self.stack and self.stack[-1] == tag, (tag, self.stack[-3:])
            self.stack.pop()

    c = Check()
    c.feed(html.read_text(encoding="utf-8"))
    assert c.stack == []


def test_the_turtle_report_has_one_result_per_finding(small_outcome, tmp_path):
    ttl, _, _ = write_reports(small_outcome, tmp_path)
    g = Graph().parse(ttl, format="turtle")
    assert len(list(g.objects(None, SH.result))) == len(small_outcome.findings)


def test_the_appendix_ends_the_markdown_report(small_outcome, tmp_path):
    """The build ends the data-quality report with the extraction's review list."""
    from vvgraph.extract import parse_report
    from vvgraph.extract.review import Review, review_markdown

    review = Review()
    parse_report(Settings().report, review=review)
    _, md, _ = write_reports(small_outcome, tmp_path, appendix=review_markdown(review.notes))
    plain = write_reports(small_outcome, tmp_path / "plain")[1].read_text(encoding="utf-8")
    text = md.read_text(encoding="utf-8")
    assert text.startswith(plain.rstrip("\n") + "\n\n## Extraction: cells placed by rule")
    assert "### VV069" in text
    assert text.count("\n- line ") == len(review.notes) > 0
