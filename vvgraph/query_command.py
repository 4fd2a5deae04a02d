"""``vvgraph query FILE|NAME|TEXT [--endpoint URL] [--format table|csv|json|tsv]``.

A researcher's first question is a query of ``queries/``; this runs it (or any query text)
over the local build, or over any SPARQL endpoint, and prints a table a person can read.
The machine formats are the standard SPARQL result formats, so the output pipes into other
tools unchanged. The module only registers a subcommand: ``register(subparsers)``.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from ._exceptions import QueryError, StoreError, VvgraphError
from .config import Settings, load_settings

FORMATS = ("table", "csv", "json", "tsv")
# Longest cell shown in the table format; the machine formats are never shortened.
MAX_CELL = 60


@dataclass(frozen=True, slots=True)
class Answer:
    """A SELECT or ASK answer in the SPARQL 1.1 JSON results shape."""

    variables: tuple[str, ...]
    bindings: tuple[dict[str, dict[str, str]], ...]
    boolean: bool | None = None


def query_text(arg: str, queries_dir: Path) -> str:
    """A file, a query of the library by name ("report-totals"), or the query itself."""
    path = Path(arg)
    if arg.endswith(".rq") or (len(arg) < 200 and "\n" not in arg and path.suffix):
        if path.is_file():
            return path.read_text(encoding="utf-8")
        named = queries_dir / path.name
        if named.is_file():
            return named.read_text(encoding="utf-8")
        raise VvgraphError(f"query file {arg!r} not found (expected a file, the name of a query "
                           f"in {queries_dir}, or SPARQL text)")
    named = queries_dir / f"{arg}.rq"
    if "{" not in arg and named.is_file():
        return named.read_text(encoding="utf-8")
    if "{" not in arg and not arg.strip().upper().startswith(("SELECT", "ASK", "PREFIX", "BASE")):
        raise VvgraphError(f"{arg!r} is neither a query file, nor a query of {queries_dir} "
                           f"(known: {', '.join(sorted(p.stem for p in queries_dir.glob('*.rq')))}), "
                           f"nor SPARQL text")
    return arg


def local_answer(settings: Settings, text: str) -> Answer:
    """Run over the build in ``settings.build_dir`` (built first when missing), with the
    default graph the union of the edition and its entailments, as the endpoint serves it."""
    import pyoxigraph as ox

    from .pipeline import INFERRED_FILE, NQUADS_FILE, build, inferred_graph
    from .store import load_store

    nq = settings.build_dir / NQUADS_FILE
    if not nq.is_file():
        print(f"no build in {settings.build_dir}: building it first", file=sys.stderr)
        result = build(settings, validate=False)
        edition = result.edition_graph
    else:
        edition = next(iter(ox.parse(path=str(nq), format=ox.RdfFormat.N_QUADS))).graph_name.value
    sources: list[tuple[str | None, Path]] = [(None, nq)]
    if (settings.build_dir / INFERRED_FILE).is_file():
        sources.append((inferred_graph(edition), settings.build_dir / INFERRED_FILE))
    store = load_store(sources)
    try:
        results = store.query(text, use_default_graph_as_union=True)
    except SyntaxError as e:
        raise QueryError(f"the query is not valid SPARQL: {e}") from None
    except OSError as e:
        raise StoreError(f"the query failed: {e}") from None
    if isinstance(results, ox.QueryBoolean):
        return Answer((), (), bool(results))
    if not isinstance(results, ox.QuerySolutions):
        raise QueryError("vvgraph query answers SELECT and ASK queries "
                         "(for CONSTRUCT / DESCRIBE use the endpoint or a dump)")
    data = json.loads(results.serialize(format=ox.QueryResultsFormat.JSON))
    return _from_json(data)


def remote_answer(endpoint: str, text: str, timeout: float) -> Answer:
    """Ask any SPARQL 1.1 endpoint (SPARQLWrapper, JSON results)."""
    from urllib.error import HTTPError, URLError

    from SPARQLWrapper import JSON, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    if not endpoint.startswith(("http://", "https://")):
        raise VvgraphError(f"--endpoint {endpoint!r}: expected an http(s) URL")
    client = SPARQLWrapper(endpoint)
    client.setQuery(text)
    client.setReturnFormat(JSON)
    client.setTimeout(int(timeout))
    client.setMethod("POST")
    try:
        data = client.queryAndConvert()
    except SPARQLWrapperException as e:
        raise QueryError(f"{endpoint} refused the query: {e}") from None
    except (HTTPError, URLError, OSError) as e:
        raise StoreError(f"{endpoint} could not be asked: {e}") from None
    if not isinstance(data, dict):
        raise QueryError(f"{endpoint} did not answer with SPARQL JSON results "
                         "(vvgraph query answers SELECT and ASK queries)")
    return _from_json(data)


def _from_json(data: dict[str, Any]) -> Answer:
    if "boolean" in data:
        return Answer((), (), bool(data["boolean"]))
    return Answer(tuple(data["head"].get("vars", [])), tuple(data["results"]["bindings"]))


# -- Output ---------------------------------------------------------------------------------------

def _plain(term: dict[str, str] | None) -> str:
    return "" if term is None else term["value"]


def _ntriples(term: dict[str, str] | None) -> str:
    """A term as SPARQL TSV writes it (N-Triples syntax)."""
    if term is None:
        return ""
    value = term["value"]
    if term["type"] == "uri":
        return f"<{value}>"
    if term["type"] == "bnode":
        return f"_:{value}"
    escaped = (value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
               .replace("\r", "\\r").replace("\t", "\\t"))
    if "xml:lang" in term:
        return f'"{escaped}"@{term["xml:lang"]}'
    if "datatype" in term and term["datatype"] != "http://www.w3.org/2001/XMLSchema#string":
        return f'"{escaped}"^^<{term["datatype"]}>'
    return f'"{escaped}"'


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_CELL else text[:MAX_CELL - 1] + "…"


def render(answer: Answer, fmt: str, out: TextIO) -> None:
    if answer.boolean is not None:
        if fmt == "json":
            out.write(json.dumps({"head": {}, "boolean": answer.boolean}) + "\n")
        else:
            out.write(("true" if answer.boolean else "false") + "\n")
        return
    names = answer.variables
    if fmt == "json":
        out.write(json.dumps({"head": {"vars": list(names)},
                              "results": {"bindings": list(answer.bindings)}},
                             ensure_ascii=False, indent=1) + "\n")
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(names)
        for row in answer.bindings:
            writer.writerow([_plain(row.get(n)) for n in names])
        out.write(buffer.getvalue())
    elif fmt == "tsv":
        out.write("\t".join(f"?{n}" for n in names) + "\n")
        for row in answer.bindings:
            out.write("\t".join(_ntriples(row.get(n)) for n in names) + "\n")
    else:
        cells = [[_short(_plain(row.get(n))) for n in names] for row in answer.bindings]
        widths = [max([len(n), *(len(r[i]) for r in cells)]) for i, n in enumerate(names)]
        numeric = [all(_is_number(row.get(n)) for row in answer.bindings if row.get(n)) for n in names]

        def line(values: list[str]) -> str:
            return " | ".join(v.rjust(w) if num else v.ljust(w)
                              for v, w, num in zip(values, widths, numeric)).rstrip()
        out.write(line(list(names)) + "\n")
        out.write("-+-".join("-" * w for w in widths) + "\n")
        for r in cells:
            out.write(line(r) + "\n")
        out.write(f"({len(cells)} row{'s' if len(cells) != 1 else ''})\n")


def _is_number(term: dict[str, str] | None) -> bool:
    return bool(term) and term.get("datatype", "").startswith("http://www.w3.org/2001/XMLSchema#") and \
        term["datatype"].rsplit("#", 1)[1] in {"integer", "decimal", "double", "float", "long", "int"}


# -- The subcommand -------------------------------------------------------------------------------

def run(args: argparse.Namespace) -> int:
    flags: dict[str, Any] = {"base": getattr(args, "base", None)}
    if getattr(args, "build_dir", None):
        flags["build_dir"] = Path(args.build_dir)
    settings = load_settings(flags)
    text = query_text(args.query, settings.queries_dir)
    if args.endpoint:
        answer = remote_answer(args.endpoint, text, settings.query_timeout)
    else:
        answer = local_answer(settings, text)
    render(answer, args.format, sys.stdout)
    return 0


def register(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> argparse.ArgumentParser:
    """Add ``query`` to a ``vvgraph`` parser; the handler is set as ``run`` (as for the others)."""
    p = subparsers.add_parser(
        "query", help="run a SPARQL query (a file, a query of queries/ by name, or text)",
        description="Run a SELECT or ASK query over the local build (built when missing) or "
                    "over --endpoint, and print the answer.")
    p.add_argument("query", metavar="FILE|NAME|TEXT",
                   help="a .rq file, the name of a query in queries/ (e.g. report-totals), "
                        "or the query text")
    p.add_argument("--endpoint", metavar="URL", help="a SPARQL endpoint (default: the local build)")
    p.add_argument("--format", choices=FORMATS, default="table",
                   help="table (readable, default), or the SPARQL results formats csv, json, tsv")
    p.add_argument("--build-dir", dest="build_dir", metavar="DIR",
                   help="the build to query (default: build, or VVGRAPH_BUILD_DIR)")
    p.add_argument("--base", help="base of the data URIs, when the build has to be made")
    p.set_defaults(run=run)
    return p
