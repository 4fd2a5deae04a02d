"""The graph of the bundled report: no violation, and exactly the report's own inconsistencies
as warnings. Every expected finding is computed here from the records, not read from the
validator."""

from __future__ import annotations

import pytest
from rdflib import Graph
from validation_helpers import DOCUMENT_VIEW, origins_total

from vvgraph.mapping.numbers import number_value, rate_value
from vvgraph.mapping.uris import Uris

VVSH = "https://w3id.org/vlaamse-veerkracht/shapes#"


def _focus(outcome, shape: str) -> dict[str, list]:
    found: dict[str, list] = {}
    for f in outcome.findings:
        if f.shape == VVSH + shape:
            found.setdefault(f.focus, []).append(f)
    return found


@pytest.fixture(scope="module")
def uris(settings) -> Uris:
    return Uris(settings.base)


def test_the_built_graph_has_no_violation(outcome, graph):
    assert outcome.conforms
    assert outcome.violations == ()
    assert outcome.triples == len(graph)


def test_the_one_million_project_whose_origins_sum_to_zero_is_warned(report, outcome, uris):
    expected = [p for p in report.projects
                if p.financing.budget_update == 1_000_000 and origins_total(p) == 0]
    assert len(expected) == 1, "the report has one such project"
    p = expected[0]
    found = _focus(outcome, "OriginsAddUpToBudget")
    assert str(uris.project(p.id)) in found
    f = found[str(uris.project(p.id))][0]
    assert f.severity == "Warning" and f.project == p.id
    assert f.lines == (p.source.first_line, p.source.last_line)
    assert "1000000 EUR" in f.message and "1000000 EUR" in f.message_en and f.message != f.message_en
    assert f.source is not None and f.source.endswith(f"#line={p.source.first_line - 1},{p.source.last_line}")


def test_origins_warnings_are_exactly_the_projects_that_do_not_add_up(report, outcome, uris):
    expected = {str(uris.project(p.id)) for p in report.projects
                if p.financing.budget_update is not None
                and origins_total(p) not in (None, p.financing.budget_update)}
    assert set(_focus(outcome, "OriginsAddUpToBudget")) == expected


@pytest.mark.parametrize("shape, more, less", [
    ("PaymentsWithinCommitments", "vek", "vak"),
    ("CommitmentsWithinBudget", "vak", "budget_update"),
])
def test_amount_order_warnings(report, outcome, uris, shape, more, less):
    expected = {str(uris.project(p.id)) for p in report.projects
                if None not in (getattr(p.financing, more), getattr(p.financing, less))
                and getattr(p.financing, more) > getattr(p.financing, less)}
    found = _focus(outcome, shape)
    assert set(found) == expected
    for p in report.projects:
        if str(uris.project(p.id)) in found:
            f = found[str(uris.project(p.id))][0]
            assert str(getattr(p.financing, more)) in f.message


def _rate_findings(report, uris):
    """(indicator URI, line) of rates more than one point off realisation / target, split
    into those printed as 100 % while the realisation is above target and the others."""
    capped, off = set(), set()
    for p in report.projects:
        for n, i in enumerate(p.indicators, 1):
            t, r, rate = number_value(i.target), number_value(i.realisation), rate_value(i.rate)
            if None in (t, r, rate) or t == 0:
                continue
            computed = 100 * r / t
            if abs(computed - rate) <= 1:
                continue
            key = (str(uris.indicator(p.id, n)), i.line)
            (capped if rate == 100 and computed > 100 else off).add(key)
    return capped, off


def test_rate_warnings_are_the_rates_that_disagree(report, outcome, uris):
    capped, off = _rate_findings(report, uris)
    assert off and capped, "the report has both kinds"
    for shape, expected in (("RateAgreesWithFigures", off), ("RateNotCappedAtHundred", capped)):
        found = _focus(outcome, shape)
        assert {(focus, fs[0].lines[0]) for focus, fs in found.items()} == expected
        assert all(fs[0].severity == "Warning" for fs in found.values())


def test_decision_links_that_are_no_document_view_are_warned(report, outcome, uris):
    expected = {(str(uris.citation(p.id, n)), url)
                for p in report.projects for n, d in enumerate(p.decisions, 1)
                for url in d.urls if not DOCUMENT_VIEW.match(url)}
    found = {(f.focus, f.value) for fs in _focus(outcome, "DecisionLinksToDocumentView").values() for f in fs}
    assert len(expected) > 40
    assert found == expected
    lines = {str(uris.citation(p.id, n)): d.line for p in report.projects for n, d in enumerate(p.decisions, 1)}
    for fs in _focus(outcome, "DecisionLinksToDocumentView").values():
        assert all(f.severity == "Warning" and f.lines == (lines[f.focus],) * 2 for f in fs)


def test_infos_are_the_gaps_of_the_report(report, outcome, uris):
    no_status = {str(uris.milestone(p.id, n)) for p in report.projects
                 for n, m in enumerate(p.milestones, 1) if m.status is None}
    no_link = {str(uris.citation(p.id, n)) for p in report.projects
               for n, d in enumerate(p.decisions, 1) if not d.urls}
    by_id = {p.id: p for p in report.projects}
    one_sided = {(str(uris.project(p.id)), str(uris.project(o))) for p in report.projects
                 for o in p.linked_projects if p.id not in by_id[o].linked_projects}
    assert set(_focus(outcome, "MilestoneHasStatus")) == no_status
    assert set(_focus(outcome, "DecisionHasLink")) == no_link
    assert {(f.focus, f.value) for fs in _focus(outcome, "LinkIsMutual").values() for f in fs} == one_sided
    assert all(f.severity == "Info" for f in outcome.infos)


def test_every_warning_is_placed_in_the_report_and_explained(outcome, graph):
    assert outcome.warnings
    for f in outcome.warnings + outcome.infos:
        assert f.project is not None and f.project.startswith("VV")
        assert f.lines is not None and f.lines[0] <= f.lines[1]
        assert f.source is not None and "#line=" in f.source
        assert f.message and f.message_en and f.message != f.message_en, f
        assert "{?" not in f.message and "{?" not in f.message_en


def test_the_shacl_report_has_every_result_with_its_language(outcome):
    from vvgraph.namespaces import SH

    g = Graph().parse(data=outcome.results.serialize(format="turtle"), format="turtle")
    results = list(g.objects(None, SH.result))
    assert len(results) == len(outcome.findings)
    assert g.value(next(g.subjects(SH.conforms, None)), SH.conforms).toPython() is True
    for r in results:
        if g.value(r, SH.resultSeverity) == SH.Warning:
            assert {m.language for m in g.objects(r, SH.resultMessage)} == {"nl", "en"}


def test_findings_are_sorted(outcome):
    keys = [f.sort_key() for f in outcome.findings]
    assert keys == sorted(keys)
