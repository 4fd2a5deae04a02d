"""Command line: composes the pipeline stages; each subcommand is one stage's entry point.

Exit codes: 0 success, 1 the data does not pass a check, 2 bad input or usage.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ._exceptions import CheckError, ExtractError, VvgraphError
from .config import bundled_report
from .extract import parse_report
from .records import to_json


def _extract(args: argparse.Namespace) -> int:
    report = parse_report(Path(args.report), check=not args.no_check)
    data = to_json(report)
    if args.output in (None, "-"):
        sys.stdout.write(data)
    else:
        Path(args.output).write_text(data, encoding="utf-8")
        print(f"wrote {report.project_count} projects to {args.output}", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vvgraph", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("extract", help="extract the project sheets into JSON records")
    p.add_argument("report", nargs="?", default=str(bundled_report()),
                   help="report text (default: the bundled 2022-06-01 report)")
    p.add_argument("-o", "--output", help="output file (default: standard output)")
    p.add_argument("--no-check", action="store_true",
                   help="skip the self-checks against the report's own totals")
    p.set_defaults(run=_extract)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except CheckError as e:
        print(f"vvgraph: {e}", file=sys.stderr)
        return 1
    except ExtractError as e:
        print(f"vvgraph: error: {e}", file=sys.stderr)
        return 2
    except VvgraphError as e:
        print(f"vvgraph: error: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
