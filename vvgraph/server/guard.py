"""The query guard: cheap lexical limits checked before a query reaches a worker.

The engine parses and evaluates queries by recursion, so a query nested thousands of levels deep
(a 20 KB text) overflows a worker's stack and kills it; a request that costs its sender nothing
must not cost the server a worker. The guard measures what drives that recursion, the nesting of
brackets and runs of prefix operators (``!!!!x``, ``- - -1``, ``^^p``), outside strings, IRIs and
comments, and refuses a query over the limit with a 400 that names it. Workers run queries on a
thread whose stack holds every query within the limits (``tests/server/test_guard.py`` runs the
deepest legal query of each kind).

SPARQL applies ``\\u``/``\\U`` escapes before anything else, so an escape naming no Unicode code
point is refused here too (with its position), and nesting is measured on the unescaped text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import QueryRejected

_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# Strings, IRIs, comments and names (what a SPARQL lexer treats as one token whatever it
# holds), then the characters the guard counts.
_TOKENS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*(?:"""|$)|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*(?:\'\'\'|$)'
    r'|"(?:[^"\\\n\r]|\\.)*"?|\'(?:[^\'\\\n\r]|\\.)*\'?'
    r'|<[^<>"{}|^`\\\s]*>|#[^\n\r]*'
    r'|[?$]?\w[\w.:%-]*|:[\w.:%-]*'   # names, numbers, variables: their "-" is no operator
    r'|(?P<open>[({\[])|(?P<close>[)}\]])|(?P<prefix>[!^+-](?:\s*[!^+-])*)', re.DOTALL)


@dataclass(frozen=True, slots=True)
class QueryLimits:
    """What one query may be: ``max_chars`` characters, nested ``max_depth`` levels deep."""

    max_chars: int
    max_depth: int


def _position(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"


def unescape(text: str) -> str:
    r"""``text`` with SPARQL's ``\u``/``\U`` escapes applied.

    :raises QueryRejected: for an escape that names no Unicode scalar value.

    >>> unescape(r"\u0053ERVICE")
    'SERVICE'
    >>> unescape(r"SELECT * { ?s ?p '\U0011FFFF' }")
    Traceback (most recent call last):
    ...
    vvgraph.server.errors.QueryRejected: bad escape \U0011FFFF at line 1, column 19: not a Unicode code point (expected at most \U0010FFFF, and no surrogate D800-DFFF)
    """
    if "\\u" not in text and "\\U" not in text:
        return text

    def replace(match: re.Match[str]) -> str:
        value = int(match.group(1) or match.group(2), 16)
        if value > 0x10FFFF or 0xD800 <= value <= 0xDFFF:
            raise QueryRejected(
                f"bad escape {match.group(0)} at {_position(text, match.start())}: not a Unicode "
                "code point (expected at most \\U0010FFFF, and no surrogate D800-DFFF)")
        return chr(value)

    return _CODEPOINT.sub(replace, text)


def nesting(text: str) -> tuple[int, int]:
    """The deepest nesting in ``text`` (brackets plus a run of prefix operators) and the offset
    where it is reached. Unbalanced brackets are the parser's business, not the guard's.

    >>> nesting("SELECT * { ?s ?p ?o FILTER(!(?o = '{{{{')) } # ((((")
    (3, 27)
    >>> nesting("ASK { FILTER(!!!!true) }")[0]
    6
    """
    depth = deepest = where = 0
    for match in _TOKENS.finditer(text):
        kind = match.lastgroup
        if kind == "open":
            depth += 1
            if depth > deepest:
                deepest, where = depth, match.start()
        elif kind == "close":
            depth = max(0, depth - 1)
        elif kind == "prefix":
            run = sum(1 for c in match.group() if not c.isspace())
            if depth + run > deepest:
                deepest, where = depth + run, match.start()
    return deepest, where


def check_query(text: str, limits: QueryLimits) -> str:
    """Refuse ``text`` if it is over ``limits`` or holds a bad escape; returns it unescaped.

    :raises QueryRejected: (400) naming the limit, the figure and where it is passed.
    """
    if len(text) > limits.max_chars:
        raise QueryRejected(f"the query has {len(text)} characters, over the limit of "
                            f"{limits.max_chars} (max_query_chars)")
    plain = unescape(text)
    depth, where = nesting(plain)
    if depth > limits.max_depth:
        raise QueryRejected(f"the query nests {depth} levels deep (brackets and prefix "
                            f"operators) at {_position(plain, where)}, over the limit of "
                            f"{limits.max_depth} (max_query_depth)")
    return plain
