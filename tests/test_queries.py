"""Each query of the researchers' library, run over the built Turtle dump, against facts
computed independently from the extracted records or stated in the report."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest

QUERIES = Path(__file__).resolve().parent.parent / "queries"


@pytest.fixture(scope="module")
def store(built) -> ox.Store:
    s = ox.Store()
    s.bulk_load(path=str(built.out_dir / "vvgraph.ttl"), format=ox.RdfFormat.TURTLE)
    return s


def run(store: ox.Store, name: str) -> list[dict[str, object]]:
    results = store.query((QUERIES / name).read_text(encoding="utf-8"))
    names = [v.value for v in results.variables]
    return [{n: (None if row[n] is None else row[n].value) for n in names} for row in results]


def offline(path: Path) -> bool:
    """A federated query says so in its header; the others run on the graph alone."""
    return "# Needs internet:" not in path.read_text(encoding="utf-8")


def test_every_query_opens_with_its_question_in_dutch_and_english_and_its_answer():
    files = sorted(QUERIES.glob("*.rq"))
    assert len(files) >= 15
    for q in files:
        lines = q.read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("# Question: ") and lines[0].endswith("?"), q.name
        assert lines[1].startswith("# Vraag: "), q.name
        header = [line for line in lines if line.startswith("#")]
        assert any(line.startswith("# Answer: ") for line in header), q.name


def test_federated_queries_are_marked():
    for q in QUERIES.glob("*.rq"):
        if "SERVICE" in q.read_text(encoding="utf-8").upper().replace("# NEEDS INTERNET", ""):
            assert not offline(q), q.name


def test_report_totals_match_what_the_report_states(store):
    [row] = run(store, "report-totals.rq")
    assert int(row["projects"]) == 180
    assert int(row["projectsWithEuRecoveryFund"]) == 55
    assert Decimal(row["recoveryBudget"]) == Decimal("4303972320")


def test_report_totals_regular_means_match_the_records(store, report):
    [row] = run(store, "report-totals.rq")
    assert Decimal(row["regularMeans"]) == sum(p.financing.flemish_regular or 0 for p in report.projects)


def test_projects_per_minister(store, report):
    rows = {r["name"]: r for r in run(store, "projects-per-minister.rq")}
    counts = Counter(m for p in report.projects for m in p.ministers)
    assert {n: int(r["projects"]) for n, r in rows.items()} == dict(counts)
    for name in counts:
        expected = sum(p.financing.budget_update or 0 for p in report.projects if name in p.ministers)
        assert Decimal(rows[name]["budgetUpdate"]) == expected, name


def test_delayed_milestones(store, report):
    rows = run(store, "delayed-milestones.rq")
    expected = [(p.id, m.name) for p in report.projects for m in p.milestones if m.status == "Vertraging"]
    assert sorted((r["id"], r["name"]) for r in rows) == sorted(expected)
    ends = [r["quarterEnd"] for r in rows if r["quarterEnd"] is not None]
    assert ends == sorted(ends)


def test_shared_decisions(store, report):
    cited: dict[str, set[str]] = {}
    for p in report.projects:
        for d in p.decisions:
            for url in d.urls:
                if "/document-view/" in url:
                    cited.setdefault(url.rsplit("/", 1)[1], set()).add(p.id)
    shared = {k: v for k, v in cited.items() if len(v) > 1}
    rows = run(store, "shared-decisions.rq")
    assert {r["uuid"]: set(str(r["codes"]).split()) for r in rows} == shared


def test_budget_by_speerpunt(store, report):
    rows = run(store, "budget-by-speerpunt.rq")
    assert [r["notation"] for r in rows] == [f"{n:02d}" for n in range(1, 8)]
    for r in rows:
        ps = [p for p in report.projects if p.speerpunt.number == int(str(r["notation"]))]
        assert int(r["projects"]) == len(ps)
        assert Decimal(r["recoveryBudget"]) == sum(p.financing.recovery_total for p in ps)
    assert sum(Decimal(r["recoveryBudget"]) for r in rows) == Decimal("4303972320")


def test_projects_by_status(store, report):
    rows = run(store, "projects-by-status.rq")
    counts = Counter(p.status for p in report.projects)
    assert {r["label"]: int(r["projects"]) for r in rows if int(r["projects"])} == dict(counts)
    assert len(rows) == 6
    assert [r["colour"] for r in rows][0] == "grijs"


def test_project_decisions(store, report):
    rows = run(store, "project-decisions.rq")
    vv001 = next(p for p in report.projects if p.id == "VV001")
    assert sorted({int(r["position"]) for r in rows}) == [
        n for n, d in enumerate(vv001.decisions, 1) if d.urls]
    for r in rows:
        d = vv001.decisions[int(r["position"]) - 1]
        assert r["page"] in d.urls
        others = {p.id for p in report.projects if p.id != "VV001"
                  and any(r["page"] in x.urls for x in p.decisions)}
        assert set((r["alsoCitedBy"] or "").split()) == others


def test_themis_documents_joins_on_the_document_view_id(store, oxigraph_server):
    """Themis itself is out of reach here, so a real SPARQL server on 127.0.0.1 plays it,
    holding one Stuk under a Themis-style URI; the query's SERVICE IRI is pointed at it."""
    import urllib.request
    uuid = "6040EB9E33914000080003B0"  # cited by 14 projects
    stuk = f"http://themis.vlaanderen.be/id/stuk/{uuid}"
    data = (f'INSERT DATA {{ <{stuk}> <http://mu.semte.ch/vocabularies/core/uuid> "{uuid}" ; '
            f'<http://purl.org/dc/terms/title> "VR 2021 0502 DOC.0135/1" }}')
    urllib.request.urlopen(urllib.request.Request(
        f"{oxigraph_server}/update", data=data.encode(),
        headers={"Content-Type": "application/sparql-update"}), timeout=10).read()
    text = (QUERIES / "themis-documents.rq").read_text(encoding="utf-8").replace(
        "https://themis.vlaanderen.be/sparql", f"{oxigraph_server}/query")
    results = store.query(text)
    rows = [{v.value: (None if r[v.value] is None else r[v.value].value) for v in results.variables}
            for r in results]
    found = {r["uuid"]: r for r in rows}
    assert found[uuid]["themis"] == stuk and found[uuid]["name"] == "VR 2021 0502 DOC.0135/1"
    assert all(r["themis"] is None for u, r in found.items() if u != uuid)
    assert len(rows) == len(found)


ORIGINS = {"eu_recovery_fund": "Europees herstelfonds", "brexit_fund": "Brexit-fonds",
           "react_eu": "React EU", "flemish_recovery": "Vlaamse relancemiddelen",
           "flemish_regular": "Reguliere Vlaamse middelen"}


def test_budget_per_minister_and_origin(store, report):
    rows = run(store, "budget-per-minister-and-origin.rq")
    got = {(r["name"], r["origin"].rsplit("/", 1)[1]): (int(r["projects"]), Decimal(r["amount"]))
           for r in rows}
    expected: dict[tuple[str, str], tuple[int, Decimal]] = {}
    slugs = {"eu_recovery_fund": "europees-herstelfonds", "brexit_fund": "brexit-fonds",
             "react_eu": "react-eu", "flemish_recovery": "vlaamse-relancemiddelen",
             "flemish_regular": "reguliere-vlaamse-middelen"}
    for p in report.projects:
        for field, code in slugs.items():
            value = getattr(p.financing, field)
            if value is None:
                continue
            for m in p.ministers:
                n, total = expected.get((m, code), (0, Decimal(0)))
                expected[(m, code)] = (n + 1, total + value)
    assert got == expected


def test_delayed_milestones_per_cluster(store, report):
    rows = run(store, "delayed-milestones-per-cluster.rq")
    delayed = Counter(p.cluster.number for p in report.projects for m in p.milestones
                      if m.status == "Vertraging")
    projects = Counter(p.cluster.number for p in report.projects
                       if any(m.status == "Vertraging" for m in p.milestones))
    assert {int(r["notation"]): (int(r["delayed"]), int(r["projects"])) for r in rows} == {
        c: (n, projects[c]) for c, n in delayed.items()}
    assert [int(r["delayed"]) for r in rows] == sorted((int(r["delayed"]) for r in rows), reverse=True)


def _number(cell: str | None) -> Decimal | None:
    """A plain number as the report prints it: "." between thousands, "," before decimals,
    or spaces between thousands; anything else (units, words, ranges) is no number."""
    import re
    text = (cell or "").strip()
    if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?|\d{1,3}( \d{3})+(,\d+)?|\d+(,\d+)?", text):
        return Decimal(text.replace(".", "").replace(" ", "").replace(",", "."))
    return None


def test_indicators_below_half_target(store, report):
    rows = run(store, "indicators-below-half-target.rq")
    expected = set()
    for p in report.projects:
        for n, i in enumerate(p.indicators, 1):
            goal, done = _number(i.target), _number(i.realisation)
            if goal is not None and done is not None and goal > 0 and done / goal < Decimal("0.5"):
                expected.add((p.id, n))
    assert {(r["id"], int(r["indicator"].rsplit("/", 1)[1])) for r in rows} == expected
    assert expected  # the report has such indicators
    shares = [Decimal(r["share"]) for r in rows]
    assert shares == sorted(shares) and all(s < Decimal("0.5") for s in shares)


def test_funds_not_adding_up(store, report):
    rows = run(store, "funds-not-adding-up.rq")
    expected = {}
    for p in report.projects:
        f = p.financing
        if f.budget_update is None:
            continue
        origins = sum(getattr(f, k) or 0 for k in ORIGINS)
        if origins != f.budget_update:
            expected[p.id] = origins - f.budget_update
    assert {r["id"]: Decimal(r["difference"]) for r in rows} == expected
    assert expected.get("VV162") == -1_000_000  # the README's example: origins sum to 0 EUR


def test_linked_project_network(store, report):
    rows = run(store, "linked-project-network.rq")
    links = {(p.id, o) for p in report.projects for o in p.linked_projects}
    assert sorted((r["from"], r["to"], int(r["position"])) for r in rows) == sorted(
        (p.id, o, n) for p in report.projects for n, o in enumerate(p.linked_projects, 1))
    for r in rows:
        assert (r["mutual"] == "true") == ((r["to"], r["from"]) in links)


def test_milestones_by_status(store, report):
    rows = run(store, "milestones-by-status.rq")
    counts = Counter(m.status for p in report.projects for m in p.milestones if m.status)
    projects = Counter(s for p in report.projects for s in {m.status for m in p.milestones if m.status})
    assert {r["label"]: (int(r["milestones"]), int(r["projects"])) for r in rows} == {
        s: (n, projects[s]) for s, n in counts.items()}


def test_projects_per_organisation(store, report):
    rows = run(store, "projects-per-organisation.rq")
    leads = Counter(e for p in report.projects for e in set(p.lead_entities))
    involved = Counter(e for p in report.projects for e in set(p.involved_entities))
    assert {r["name"]: (int(r["leads"]), int(r["involved"])) for r in rows} == {
        e: (leads[e], involved[e]) for e in set(leads) | set(involved)}
