"""``vvgraph query``: the library's queries and free text, over the local build and over a
real SPARQL server, in every output format."""

from __future__ import annotations

import argparse
import csv
import io
import json
import urllib.request
from contextlib import redirect_stderr, redirect_stdout
from decimal import Decimal

import pytest

from vvgraph._exceptions import VvgraphError
from vvgraph.query_command import register


def vvgraph_query(*argv: str) -> tuple[int, str, str]:
    """The subcommand as ``vvgraph`` runs it: its parser, and errors to exit code 2."""
    parser = argparse.ArgumentParser(prog="vvgraph")
    register(parser.add_subparsers(dest="command", required=True))
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        args = parser.parse_args(["query", *argv])
        try:
            code = args.run(args)
        except VvgraphError as e:
            print(f"vvgraph: error: {e}", file=err)
            code = 2
    return code, out.getvalue(), err.getvalue()


def test_csv_over_the_local_build(built, report):
    code, out, _ = vvgraph_query("report-totals", "--build-dir", str(built.out_dir), "--format", "csv")
    assert code == 0
    [row] = list(csv.DictReader(io.StringIO(out)))
    assert int(row["projects"]) == 180 == len(report.projects)
    assert Decimal(row["recoveryBudget"]) == 4303972320


def test_table_is_readable(built, report):
    code, out, _ = vvgraph_query("projects-by-status.rq", "--build-dir", str(built.out_dir))
    lines = out.splitlines()
    assert code == 0
    assert [c.strip() for c in lines[0].split("|")] == ["status", "label", "colour", "projects"]
    assert set(lines[1]) <= {"-", "+"}
    assert lines[-1] == "(6 rows)"
    counts = {c.split("|")[1].strip(): int(c.split("|")[3]) for c in lines[2:-1]}
    assert counts["Gerealiseerd"] == sum(p.status == "Gerealiseerd" for p in report.projects)


def test_json_and_tsv_are_sparql_results(built):
    text = 'SELECT ?id WHERE { ?p a <https://w3id.org/vlaamse-veerkracht/ns#Project> ; ' \
           '<http://purl.org/dc/terms/identifier> ?id } ORDER BY ?id LIMIT 3'
    code, out, _ = vvgraph_query(text, "--build-dir", str(built.out_dir), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert [b["id"]["value"] for b in data["results"]["bindings"]] == ["VV001", "VV002", "VV003"]
    code, out, _ = vvgraph_query(text, "--build-dir", str(built.out_dir), "--format", "tsv")
    assert out.splitlines() == ["?id", '"VV001"', '"VV002"', '"VV003"']


def test_ask(built):
    code, out, _ = vvgraph_query("ASK { ?s ?p ?o }", "--build-dir", str(built.out_dir))
    assert (code, out) == (0, "true\n")


def test_against_a_real_endpoint(built, oxigraph_server, report):
    """The same query against Oxigraph's own server, loaded with the N-Triples dump."""
    data = (built.out_dir / "vvgraph.nt").read_bytes()
    urllib.request.urlopen(urllib.request.Request(
        f"{oxigraph_server}/store?default", data=data, method="POST",
        headers={"Content-Type": "application/n-triples"}), timeout=60).read()
    code, out, err = vvgraph_query("milestones-by-status", "--endpoint", f"{oxigraph_server}/query",
                                   "--format", "csv")
    assert code == 0, err
    rows = {r["label"]: int(r["milestones"]) for r in csv.DictReader(io.StringIO(out))}
    assert rows["Vertraging"] == sum(m.status == "Vertraging" for p in report.projects
                                     for m in p.milestones)


@pytest.mark.parametrize("argv, says", [
    (["SELECT ?x WHERE { ?x ?y }"], "not valid SPARQL"),
    (["no-such-query"], "neither a query file"),
    (["missing/file.rq"], "not found"),
    (["report-totals", "--endpoint", "ftp://example.org/"], "expected an http(s) URL"),
])
def test_bad_input_is_a_clear_error(built, argv, says):
    code, out, err = vvgraph_query(*argv, "--build-dir", str(built.out_dir))
    assert code == 2 and says in err and "Traceback" not in err and out == ""


def test_unreachable_endpoint_is_a_clear_error(built):
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code, _, err = vvgraph_query("report-totals", "--endpoint", f"http://127.0.0.1:{port}/sparql")
    assert code == 2 and "could not be asked" in err
