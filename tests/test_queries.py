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


def test_every_query_opens_with_its_purpose():
    for q in QUERIES.glob("*.rq"):
        assert q.read_text(encoding="utf-8").startswith("# "), q.name


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
