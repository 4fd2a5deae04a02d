"""Corrupted copies of real data must fail with the expected constraint component on the
expected focus node. Records-level corruptions go through the real mapping (what a faulty
extraction would produce); graph-level ones edit one triple of the real mapping's output."""

from __future__ import annotations

import dataclasses

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS, XSD
from validation_helpers import copy_of, map_projects

from vvgraph.mapping.uris import Uris
from vvgraph.namespaces import DOSSIER, PERSON, SCHEMA, SH, SKOS, TIME, VV
from vvgraph.validation import validate_graph


def _one(g: Graph, *pattern) -> tuple:
    return sorted(g.triples(pattern))[0]


def _results(outcome, focus) -> set[tuple[str, str]]:
    return {(f.component, f.severity) for f in outcome.findings if f.focus == str(focus)}


def test_the_small_real_graph_passes(small_outcome):
    assert small_outcome.conforms, small_outcome.violations


def test_the_small_graph_covers_every_targeted_class(small_graph, shapes):
    """So that every corruption below, and every required property, has a node to act on."""
    targeted = set(shapes.objects(None, SH.targetClass))
    present = set(small_graph.objects(None, RDF.type))
    assert targeted <= present, targeted - present


# -- graph-level corruptions --------------------------------------------------------------------

def _missing_title(g):
    m = _one(g, None, RDF.type, VV.Milestone)[0]
    g.remove((m, DCTERMS.title, None))
    return m, "MinCountConstraintComponent"


def _line_as_string(g):
    s, p, o = _one(g, None, VV.sourceLine, None)
    g.remove((s, p, o))
    g.add((s, p, Literal(str(o))))
    return s, "DatatypeConstraintComponent"


def _amount_as_string(g):
    s, p, o = _one(g, None, SCHEMA.value, None)
    g.remove((s, p, o))
    g.add((s, p, Literal(str(o))))
    return s, "DatatypeConstraintComponent"


def _title_in_english(g):
    s = _one(g, None, RDF.type, VV.Project)[0]
    t = g.value(s, DCTERMS.title)
    g.remove((s, DCTERMS.title, t))
    g.add((s, DCTERMS.title, Literal(str(t), lang="en")))
    return s, "LanguageInConstraintComponent"


def _two_titles(g):
    s = _one(g, None, RDF.type, VV.OutputIndicator)[0]
    g.add((s, DCTERMS.title, Literal("nog een titel", lang="nl")))
    return s, "MaxCountConstraintComponent"


def _dangling_link(g):
    s = _one(g, None, RDF.type, VV.Project)[0]
    g.add((s, VV.linkedProject, URIRef(str(s)[:-3] + "999")))
    return s, "ClassConstraintComponent"


def _bad_identifier(g):
    s = _one(g, None, RDF.type, VV.Project)[0]
    g.set((s, DCTERMS.identifier, Literal("VV1")))
    return s, "PatternConstraintComponent"


def _bad_document_view(g):
    s = _one(g, None, RDF.type, DOSSIER.Stuk)[0]
    page = g.value(s, FOAF.page)
    g.set((s, FOAF.page, URIRef(str(page).replace("/document-view/", "/?search="))))
    return s, "PatternConstraintComponent"


def _bad_quarter(g):
    q = _one(g, None, RDF.type, TIME.ProperInterval)[0]
    g.set((q, RDFS.label, Literal("Q4 2022")))
    return q, "PatternConstraintComponent"


def _minister_is_an_organisation(g):
    s, _, person = _one(g, None, VV.minister, None)
    org = _one(g, s, VV.leadEntity, None)[2]
    g.remove((s, VV.minister, person))
    g.add((s, VV.minister, org))
    return s, "ClassConstraintComponent"


def _orphan_milestone(g):
    project, _, m = _one(g, None, VV.milestone, None)
    g.remove((project, VV.milestone, m))
    return m, "MinCountConstraintComponent"


def _lines_reversed(g):
    span = _one(g, None, RDF.type, VV.SourceSpan)[0]
    first = g.value(span, VV.firstLine)
    g.set((span, VV.lastLine, Literal(int(first) - 1, datatype=XSD.integer)))
    return span, "LessThanOrEqualsConstraintComponent"


def _concept_outside_every_scheme(g):
    c = sorted(g.subjects(SKOS.inScheme, None))[0]
    g.remove((c, SKOS.inScheme, None))
    return c, "MinCountConstraintComponent"


def _budget_points_to_the_vak_amount(g):
    project, _, budget = _one(g, None, VV.budget, None)
    vak = g.value(project, VV.commitments)
    g.remove((project, VV.budget, budget))
    g.add((project, VV.budget, vak))
    return vak, "HasValueConstraintComponent"


def _person_without_name(g):
    p = _one(g, None, RDF.type, PERSON.Person)[0]
    g.remove((p, FOAF.name, None))
    return p, "MinCountConstraintComponent"


@pytest.mark.parametrize("corrupt", [
    _missing_title, _line_as_string, _amount_as_string, _title_in_english, _two_titles,
    _dangling_link, _bad_identifier, _bad_document_view, _bad_quarter,
    _minister_is_an_organisation, _orphan_milestone, _lines_reversed,
    _concept_outside_every_scheme, _person_without_name, _budget_points_to_the_vak_amount,
], ids=lambda f: f.__name__.strip("_"))
def test_a_corrupted_graph_fails(small_graph, shapes, ontology, corrupt):
    g = copy_of(small_graph)
    focus, component = corrupt(g)
    outcome = validate_graph(g, shapes, ontology)
    assert not outcome.conforms
    assert (component, "Violation") in _results(outcome, focus), [
        (f.focus, f.component) for f in outcome.violations]


# -- corruptions of the records, through the real mapping -----------------------------------------

def _first(projects, test):
    return next(p for p in projects if test(p))


def test_an_unknown_project_status_is_a_violation(settings, report, small_projects, shapes, ontology):
    p = small_projects[0]
    changed = [dataclasses.replace(p, status="Bijna klaar")] + list(small_projects[1:])
    outcome = validate_graph(map_projects(settings, report, changed), shapes, ontology)
    focus = Uris(settings.base).project(p.id)
    assert ("InConstraintComponent", "Violation") in _results(outcome, focus)


def test_an_unknown_milestone_status_is_a_violation(settings, report, small_projects, shapes, ontology):
    p = _first(small_projects, lambda p: p.milestones)
    ms = (dataclasses.replace(p.milestones[0], status="Half af"),) + p.milestones[1:]
    changed = [dataclasses.replace(p, milestones=ms) if q is p else q for q in small_projects]
    outcome = validate_graph(map_projects(settings, report, changed), shapes, ontology)
    focus = Uris(settings.base).milestone(p.id, 1)
    assert ("InConstraintComponent", "Violation") in _results(outcome, focus)


def test_a_negative_amount_is_a_violation(settings, report, small_projects, shapes, ontology):
    p = small_projects[0]
    changed = [dataclasses.replace(p, financing=dataclasses.replace(p.financing, vak=-1))] + list(small_projects[1:])
    outcome = validate_graph(map_projects(settings, report, changed), shapes, ontology)
    focus = Uris(settings.base).amount(p.id, "vak")
    assert ("MinInclusiveConstraintComponent", "Violation") in _results(outcome, focus)


def test_a_link_to_a_project_not_in_the_graph_is_a_violation(settings, report, small_projects, shapes, ontology):
    p = small_projects[0]
    changed = [dataclasses.replace(p, linked_projects=p.linked_projects + ("VV999",))] + list(small_projects[1:])
    outcome = validate_graph(map_projects(settings, report, changed), shapes, ontology)
    uris = Uris(settings.base)
    assert ("ClassConstraintComponent", "Violation") in _results(outcome, uris.project(p.id))
    link = uris.project_link(p.id, len(p.linked_projects) + 1)
    assert ("ClassConstraintComponent", "Violation") in _results(outcome, link)
    assert {f.value for f in outcome.violations} == {str(uris.project("VV999"))}


def test_a_bad_project_code_is_a_violation(settings, report, small_projects, shapes, ontology):
    p = small_projects[0]
    changed = [dataclasses.replace(p, id="VV01")] + list(small_projects[1:])
    outcome = validate_graph(map_projects(settings, report, changed), shapes, ontology)
    assert ("PatternConstraintComponent", "Violation") in _results(outcome, Uris(settings.base).project("VV01"))


# -- the report's own inconsistencies: warnings, never violations ----------------------------------

def test_payments_above_commitments_is_a_warning(settings, report, small_projects, shapes, ontology):
    p = _first(small_projects, lambda p: p.financing.vak is not None)
    f = dataclasses.replace(p.financing, vek=p.financing.vak + 1)
    changed = [dataclasses.replace(p, financing=f) if q is p else q for q in small_projects]
    outcome = validate_graph(map_projects(settings, report, changed), shapes, ontology)
    assert outcome.conforms
    focus = Uris(settings.base).project(p.id)
    assert ("SPARQLConstraintComponent", "Warning") in _results(outcome, focus)
    warned = next(x for x in outcome.warnings if x.focus == str(focus) and "VEK" in x.label)
    assert str(p.financing.vak + 1) in warned.message and str(p.financing.vak) in warned.message


def test_origins_that_do_not_add_up_are_a_warning(settings, report, small_projects, shapes, ontology):
    p = _first(small_projects, lambda p: p.financing.budget_update and p.financing.flemish_regular is not None)
    f = dataclasses.replace(p.financing, flemish_regular=p.financing.flemish_regular + 5)
    changed = [dataclasses.replace(p, financing=f) if q is p else q for q in small_projects]
    outcome = validate_graph(map_projects(settings, report, changed), shapes, ontology)
    assert outcome.conforms
    hits = [x for x in outcome.warnings if x.shape.endswith("#OriginsAddUpToBudget")]
    assert str(Uris(settings.base).project(p.id)) in {x.focus for x in hits}


def test_a_rate_that_disagrees_is_a_warning(settings, report, small_projects, shapes, ontology):
    from vvgraph.mapping.numbers import number_value

    p = _first(small_projects, lambda p: any(number_value(i.target) and number_value(i.realisation) is not None
                                            for i in p.indicators))
    n, i = next((n, i) for n, i in enumerate(p.indicators, 1)
                if number_value(i.target) and number_value(i.realisation) is not None)
    real = number_value(i.realisation) / number_value(i.target) * 100
    wrong = "0 %" if real > 2 else "50 %"
    inds = tuple(dataclasses.replace(x, rate=wrong) if x is i else x for x in p.indicators)
    changed = [dataclasses.replace(p, indicators=inds) if q is p else q for q in small_projects]
    outcome = validate_graph(map_projects(settings, report, changed), shapes, ontology)
    assert outcome.conforms
    focus = Uris(settings.base).indicator(p.id, n)
    assert ("SPARQLConstraintComponent", "Warning") in _results(outcome, focus)


def test_flattened_shapes_give_the_results_of_the_nested_ones(small_graph, shapes, ontology):
    """validate_graph hands pyshacl the property shapes with their node shape's targets (it is
    faster); pyshacl on the shapes as written must find exactly the same results."""
    import pyshacl

    g = copy_of(small_graph)
    expected_foci = {corrupt(g)[0] for corrupt in (_missing_title, _line_as_string, _amount_as_string,
                                                   _dangling_link, _orphan_milestone, _two_titles)}
    outcome = validate_graph(g, shapes, ontology)
    _, results, _ = pyshacl.validate(g, shacl_graph=shapes, inference="none", allow_warnings=True)

    def key(focus, path, component, severity, value):
        return (str(focus), str(path) if path is not None else None, str(component).rsplit("#", 1)[-1],
                str(severity).rsplit("#", 1)[-1], None if value is None else str(value))

    direct = set()
    for r in results.subjects(RDF.type, SH.ValidationResult):
        path = results.value(r, SH.resultPath)
        inverse = results.value(path, SH.inversePath) if path is not None else None
        direct.add(key(results.value(r, SH.focusNode),
                       None if path is None else (f"^{inverse}" if inverse is not None else path),
                       results.value(r, SH.sourceConstraintComponent),
                       results.value(r, SH.resultSeverity), results.value(r, SH.value)))
    from vvgraph.namespaces import PREFIXES

    def expand(path):
        if path is None:
            return None
        inverse = path.startswith("^")
        prefix, local = path.lstrip("^").split(":", 1)
        return ("^" if inverse else "") + PREFIXES[prefix] + local

    ours = {key(f.focus, expand(f.path), f.component, f.severity, f.value) for f in outcome.findings}
    assert ours == direct
    assert {str(f) for f in expected_foci} <= {f.focus for f in outcome.violations}


def test_the_ontology_supplies_the_class_hierarchy(small_graph, shapes):
    """A minister typed only with a subclass of person:Person passes when the ontology says
    so, fails without it; the caller's graph is not changed either way."""
    g = copy_of(small_graph)
    minister = _one(g, None, VV.minister, None)[2]
    sub = URIRef("https://example.org/Minister")
    g.remove((minister, RDF.type, PERSON.Person))
    g.add((minister, RDF.type, sub))
    before = len(g)
    ontology = Graph()
    ontology.add((sub, RDFS.subClassOf, PERSON.Person))
    assert validate_graph(g, shapes, ontology).conforms
    without = validate_graph(g, shapes, Graph())
    assert not without.conforms
    assert {f.value for f in without.violations if f.component == "ClassConstraintComponent"} == {str(minister)}
    assert len(g) == before and (sub, RDFS.subClassOf, PERSON.Person) not in g
