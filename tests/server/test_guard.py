"""Property-based fuzz of the query guard (Hypothesis).

- Its depth is the depth of the structure a query was built from, whatever strings, IRIs and
  comments full of brackets and operators lie in between.
- Whatever text it gets, it answers with the unescaped text or a ``QueryRejected``, nothing else.
- Every query it lets through, nested up to the limit in any mix of groups, subqueries,
  OPTIONALs, UNIONs, brackets and prefix operators, is evaluated by the engine on a thread with
  the workers' stack size without a crash (if the stack were too small, this process would die).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vvgraph.config import Settings
from vvgraph.server.errors import QueryRejected
from vvgraph.server.guard import QueryLimits, check_query, nesting

DEFAULTS = Settings()
LIMITS = QueryLimits(DEFAULTS.max_query_chars, DEFAULTS.max_query_depth)

# Tokens that hold brackets and operators the guard must not count.
OPAQUE = st.sampled_from([
    '"{{(("', "'}}]]'", '"""multi\n{(\nline"""', "'''!!!^^^'''", '"esc \\" {"',
    "<http://e/x?a=(1)&b=[2]!-+>",
    "# a comment with { ( [ !!!\n", '"a\\\\"', "?var", "ex:name-with-dash", "42", "1.5e3", "a",
])


@dataclass(frozen=True)
class Node:
    opener: str          # "{", "(", "[", or a run of prefix operators
    children: tuple["Node | str", ...]


def _depth(item: "Node | str") -> int:
    if isinstance(item, str):
        return 0
    inner = max((_depth(c) for c in item.children), default=0)
    if item.opener in "{([":
        return 1 + inner
    return max(len(item.opener), inner)   # a run of prefix operators before a plain token


def _render(item: "Node | str", space: str) -> str:
    if isinstance(item, str):
        return item
    if item.opener in "{([":
        closer = {"{": "}", "(": ")", "[": "]"}[item.opener]
        return item.opener + space + space.join(_render(c, space) for c in item.children) \
            + space + closer
    return space.join(item.opener) + "x"   # operators, then what they apply to


def _bracket(children: st.SearchStrategy) -> st.SearchStrategy:
    return st.builds(Node, st.sampled_from("{(["), st.lists(children, max_size=3).map(tuple))


TREES = st.recursive(OPAQUE | st.builds(Node, st.text("!^+-", min_size=1, max_size=5),
                                         st.just(())),
                     _bracket, max_leaves=40)


@given(tree=TREES, space=st.sampled_from([" ", "\n", "\t "]))
@settings(max_examples=300, deadline=None)
def test_the_depth_is_that_of_the_structure(tree: Node | str, space: str) -> None:
    text = _render(tree, space)
    assert nesting(text)[0] == _depth(tree)


@given(text=st.text(max_size=300) | st.text("{}()[]!^-+\"'<>#\\uU0123456789ABCDEF \n",
                                             max_size=300))
@settings(max_examples=500, deadline=None)
def test_any_text_is_passed_or_refused_never_anything_else(text: str) -> None:
    try:
        plain = check_query(text, LIMITS)
    except QueryRejected as e:
        assert "max_query_depth" in str(e) or "bad escape" in str(e)
    else:
        assert nesting(plain)[0] <= LIMITS.max_depth


# Wrappers that each add nesting to a graph pattern, or to an expression, as legal SPARQL.
PATTERNS = {
    "group": ("{ ", " }"),
    "subquery": ("{ SELECT * WHERE { ", " } }"),
    "optional": ("{ ?s ?p ?o OPTIONAL { ", " } }"),
    "union": ("{ { ", " } UNION { ?s ?p ?o } }"),
    "minus": ("{ ?s ?p ?o MINUS { ", " } }"),
}
EXPRESSIONS = {
    "brackets": ("(", ")"),
    "not": ("!", ""),
    "negative": ("-(", ")"),
    "call": ("STRLEN(STR(", "))"),
    "sum": ("(1 + ", ")"),
}


def _query(patterns: list[str], expressions: list[str]) -> str:
    expression = "?o"
    for kind in expressions:
        left, right = EXPRESSIONS[kind]
        expression = f"{left}{expression}{right}"
    pattern = f"?s ?p ?o FILTER(BOUND(?s) || {expression} != 0)"
    for kind in patterns:
        left, right = PATTERNS[kind]
        pattern = f"{left}{pattern}{right}"
    return f"SELECT * WHERE {{ {pattern} }}"


@pytest.fixture(scope="module")
def store() -> ox.Store:
    s = ox.Store()
    s.add(ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal(1)))
    return s


def _on_worker_stack(store: ox.Store, query: str) -> object:
    """Evaluate as a worker does: on a thread with the workers' stack size."""
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(len(list(store.query(query))))  # type: ignore[arg-type]
        except SyntaxError as e:
            outcome.append(e)

    threading.stack_size(DEFAULTS.worker_stack)
    try:
        thread = threading.Thread(target=run)
        thread.start()
        thread.join()
    finally:
        threading.stack_size(0)
    return outcome[0]


@given(patterns=st.lists(st.sampled_from(sorted(PATTERNS)), max_size=40),
       expressions=st.lists(st.sampled_from(sorted(EXPRESSIONS)), max_size=70))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
def test_whatever_the_guard_lets_through_runs_on_a_worker_stack(
        store: ox.Store, patterns: list[str], expressions: list[str]) -> None:
    query = _query(patterns, expressions)
    try:
        check_query(query, LIMITS)
    except QueryRejected:
        assert nesting(query)[0] > LIMITS.max_depth
        return
    outcome = _on_worker_stack(store, query)
    assert isinstance(outcome, int), f"{outcome} for {query}"
