"""Command line: composes the pipeline stages; each subcommand is one stage's entry point.

    extract   report text -> JSON records
    build     records -> RDF graph, validated, written as dumps with ontology, shapes, DCAT, VoID
    validate  SHACL validation of a graph, with a data-quality report
    serve     SPARQL endpoint and linked-data pages on 127.0.0.1
    site      static export of the pages
    publish   load the graph into an external SPARQL store

Exit codes: 0 success, 1 the data does not pass a check (self-check or SHACL violation),
2 bad input or usage.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ._exceptions import CheckError, VvgraphError
from .config import Settings, bundled_report, load_settings


def _settings(args: argparse.Namespace, **extra: Any) -> Settings:
    flags = {k: getattr(args, k, None) for k in ("base", "host", "port", "query_timeout", "workers")}
    report = getattr(args, "report", None)
    if report is not None:
        flags["report"] = Path(report)
    return load_settings({**flags, **extra})


def _extract(args: argparse.Namespace) -> int:
    from .extract import parse_report
    from .extract.review import Review
    from .records import to_json

    review = Review()
    report = parse_report(Path(args.report), check=not args.no_check, review=review)
    if args.review:
        # The cells a heuristic placed, for a person to check against the report.
        for note in review.notes:
            print(note)
        print(f"{len(review.notes)} cells placed by rule in {len({n.project for n in review.notes})} "
              f"sheets", file=sys.stderr)
        return 0
    data = to_json(report)
    if args.output in (None, "-"):
        sys.stdout.write(data)
    else:
        Path(args.output).write_text(data, encoding="utf-8")
        print(f"wrote {report.project_count} projects to {args.output}", file=sys.stderr)
    return 0


def _build(args: argparse.Namespace) -> int:
    from .pipeline import build

    settings = _settings(args, build_dir=Path(args.output))
    result = build(settings, validate=not args.no_validate, progress=sys.stderr.isatty())
    print(result.summary(), file=sys.stderr)
    return 0 if result.publishable else 1


def _validate(args: argparse.Namespace) -> int:
    from .validation import run_validate_command

    return run_validate_command(_settings(args), graph=args.graph, out_dir=args.output)


def _serve(args: argparse.Namespace) -> int:
    from .server import serve

    graphs: list[tuple[str, Path]] = []
    for spec in args.graph or []:
        iri, sep, file = spec.partition("=")
        if not sep or not iri or not file:
            raise VvgraphError(f"--graph {spec!r}: expected IRI=FILE")
        graphs.append((iri, Path(file)))
    serve(_settings(args), graphs, include_report=not args.no_report)
    return 0


def _site(args: argparse.Namespace) -> int:
    from .export.site import export_site

    print(export_site(_settings(args), Path(args.output)).summary(), file=sys.stderr)
    return 0


def _publish(args: argparse.Namespace) -> int:
    from .export.publish import publish

    publish(_settings(args), endpoint=args.endpoint, graph_store=args.graph_store,
            update=args.update, user=args.user, password=args.password)
    return 0


def _report_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("report", nargs="?", default=str(bundled_report()),
                   help="report text (default: the bundled 2022-06-01 report)")


def _base_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--base", help="base of the data URIs (default https://w3id.org/vlaamse-veerkracht/"
                                  ", or VVGRAPH_BASE)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vvgraph", description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n".join(__doc__.splitlines()[2:]))
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract the project sheets into JSON records")
    _report_arg(p)
    p.add_argument("-o", "--output", help="output file (default: standard output)")
    p.add_argument("--no-check", action="store_true",
                   help="skip the self-checks against the report's own totals")
    p.add_argument("--review", action="store_true",
                   help="list the cells a heuristic placed (sheet, line, choice) instead of the JSON")
    p.set_defaults(run=_extract)

    p = sub.add_parser("build", help="build, validate and write the graph and its dumps")
    _report_arg(p)
    _base_arg(p)
    p.add_argument("-o", "--output", default="build", help="output folder (default: build)")
    p.add_argument("--no-validate", action="store_true",
                   help="write the dumps without SHACL validation (not for publishing)")
    p.set_defaults(run=_build)

    p = sub.add_parser("validate", help="validate a graph against the SHACL shapes")
    p.add_argument("graph", nargs="?", help="graph file (default: build the bundled report)")
    _base_arg(p)
    p.add_argument("-o", "--output", default="build/validation",
                   help="folder for the SHACL report and the data-quality report")
    p.set_defaults(run=_validate)

    p = sub.add_parser("serve", help="serve the SPARQL endpoint and linked-data pages")
    _base_arg(p)
    p.add_argument("--host", help="interface to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (default 8000)")
    p.add_argument("--query-timeout", type=float, dest="query_timeout",
                   help="seconds before a query is stopped (default 10)")
    p.add_argument("--workers", type=int, help="query worker processes (default 2)")
    p.add_argument("--graph", action="append", metavar="IRI=FILE",
                   help="load FILE as named graph IRI (repeatable)")
    p.add_argument("--no-report", action="store_true",
                   help="serve only the --graph files, not the report's graph")
    p.set_defaults(run=_serve)

    p = sub.add_parser("site", help="export the linked-data pages as a static site")
    _base_arg(p)
    p.add_argument("-o", "--output", default="build/site", help="output folder")
    p.set_defaults(run=_site)

    p = sub.add_parser("publish", help="load the graph into an external SPARQL store")
    _base_arg(p)
    p.add_argument("--endpoint", help="SPARQL query endpoint URL")
    p.add_argument("--update", help="SPARQL update endpoint URL")
    p.add_argument("--graph-store", dest="graph_store", help="Graph Store Protocol URL")
    p.add_argument("--user")
    p.add_argument("--password")
    p.set_defaults(run=_publish)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except CheckError as e:
        print(f"vvgraph: {e}", file=sys.stderr)
        return 1
    except VvgraphError as e:
        print(f"vvgraph: error: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
