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
import errno
import os
import socket
import sys
from pathlib import Path
from typing import Any

from ._exceptions import CheckError, ConfigError, VvgraphError
from .config import Settings, bundled_report, load_settings
from .query_command import register as register_query


def _settings(args: argparse.Namespace, **extra: Any) -> Settings:
    flags = {k: getattr(args, k, None) for k in ("base", "host", "port", "query_timeout", "workers")}
    report = getattr(args, "report", None)
    if report is not None:
        flags["report"] = Path(report)
    return load_settings({**flags, **extra})


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("vvgraph")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "unknown (not installed)"


def _writable_file(name: str) -> Path:
    """Check before the work that an output file can be written (its folder exists and may be
    written), so a long run does not end in a traceback over a typo."""
    path = Path(name)
    folder = path.parent
    if not folder.is_dir():
        raise VvgraphError(f"cannot write {path}: the folder {folder} does not exist")
    if path.is_dir():
        raise VvgraphError(f"cannot write {path}: it is a folder (expected a file name)")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise VvgraphError(f"cannot write {path}: permission denied")
    return path


def _writable_folder(name: str) -> Path:
    """The same for an output folder, which may still have to be made."""
    path = Path(name)
    if path.exists() and not path.is_dir():
        raise VvgraphError(f"cannot write into {path}: it is a file (expected a folder)")
    existing = next((p for p in (path, *path.parents) if p.exists()), Path("."))
    if not existing.is_dir() or not os.access(existing, os.W_OK):
        raise VvgraphError(f"cannot write into {path}: {existing} is not a writable folder")
    return path


def _check_port(host: str, port: int) -> None:
    """Fail at once, before the graph is built, if the address cannot be listened on."""
    if not 0 <= port <= 65535:
        raise VvgraphError(f"--port {port}: expected a port number from 0 to 65535")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as e:
        raise VvgraphError(f"--host {host!r}: not an address of this machine ({e.strerror})"
                           ) from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
        try:
            probe.bind(address)
        except OSError as e:
            hint = (" (another server listens there: stop it or choose --port)"
                    if e.errno == errno.EADDRINUSE else "")
            raise VvgraphError(f"cannot listen on {host}:{port}: {e.strerror}{hint}") from None


def _extract(args: argparse.Namespace) -> int:
    from .extract import parse_report
    from .extract.review import Review
    from .records import to_json

    if args.output not in (None, "-"):
        _writable_file(args.output)
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
        _writable_file(args.output).write_text(data, encoding="utf-8")
        print(f"wrote {report.project_count} projects to {args.output}", file=sys.stderr)
    return 0


def _build(args: argparse.Namespace) -> int:
    from .pipeline import build

    # The first report is the edition built; the others are earlier or later editions whose
    # versions join the LDES feed (README, "Editions and the event stream").
    reports = list(args.reports) or [str(bundled_report())]
    for r in reports:
        if not Path(r).is_file():
            raise ConfigError(f"{r}: no such report file (expected the text of a monitoring report)")
    args.report = reports[0]
    settings = _settings(args, build_dir=_writable_folder(args.output),
                         editions=tuple(Path(r) for r in reports[1:]))
    result = build(settings, validate=not args.no_validate, progress=sys.stderr.isatty())
    print(result.summary(), file=sys.stderr)
    return 0 if result.publishable else 1


def _validate(args: argparse.Namespace) -> int:
    from .validation import run_validate_command

    return run_validate_command(_settings(args), graph=args.graph,
                                out_dir=_writable_folder(args.output))


def _serve(args: argparse.Namespace) -> int:
    from .server import serve

    graphs: list[tuple[str, Path]] = []
    for spec in args.graph or []:
        iri, sep, file = spec.partition("=")
        if not sep or not iri or not file:
            raise VvgraphError(f"--graph {spec!r}: expected IRI=FILE")
        graphs.append((iri, Path(file)))
    settings = _settings(args)
    _check_port(settings.host, settings.port)
    serve(settings, graphs, include_report=not args.no_report)
    return 0


def _site(args: argparse.Namespace) -> int:
    out = _writable_folder(args.output)
    import tempfile

    from .export.site import export_site
    from .pipeline import build

    settings = _settings(args)
    # The export takes half a minute; its build is run here, so its steps can be shown.
    print(f"exporting the site into {out}", file=sys.stderr)
    print("1/2 building and validating the graph", file=sys.stderr, flush=True)
    with tempfile.TemporaryDirectory() as scratch:
        result = build(settings.with_(build_dir=Path(scratch)), progress=True)
        if not result.publishable:
            print(f"vvgraph: not exporting: the build has SHACL violations\n{result.summary()}",
                  file=sys.stderr)
            return 1
        print("2/2 writing the pages, dumps and search index", file=sys.stderr, flush=True)
        print(export_site(settings, out, result=result,
                          progress=lambda m: print(f"  {m}", file=sys.stderr, flush=True)).summary(),
              file=sys.stderr)
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
    parser.add_argument("--version", action="version", version=f"vvgraph {_version()}")
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
    p.add_argument("reports", nargs="*", metavar="REPORT",
                   help="report text (default: the bundled 2022-06-01 report); more reports are "
                        "other editions, whose changed versions join the LDES feed")
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

    register_query(sub)
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
    except OSError as e:   # a file named on the command line that cannot be read or written
        where = f"{e.filename}: " if e.filename else ""
        print(f"vvgraph: error: {where}{e.strerror or e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("vvgraph: interrupted", file=sys.stderr)
        return 130
