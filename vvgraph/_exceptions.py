"""The errors vvgraph raises, one tree so callers can catch at the level they care about.

    VvgraphError
     +-- ExtractError      the report text does not have the expected shape (carries file and line)
     |    +-- SheetErrors  several sheets failed; lists every one, the others were parsed
     +-- CheckError        the text parsed but contradicts the report's own totals or structure
     +-- ConfigError       a setting is missing or malformed
     +-- StoreError        the triple store could not load data or answer
          +-- QueryError   a query is malformed or asks for something refused (carries line/column)
          +-- QueryTimeout a query ran over its time limit and was stopped

A failed data check of a graph (SHACL) is a result, not an exception.
"""

from __future__ import annotations


class VvgraphError(Exception):
    """Base of every error vvgraph raises on purpose."""


class ExtractError(VvgraphError):
    """The text is not what a monitoring report of this kind looks like at a given place.

    The message always says where (file and line) and what was expected there, so a
    person can open the file and see the problem without a traceback.
    """

    def __init__(self, message: str, *, source: str = "<text>", line: int | None = None,
                 expected: str | None = None) -> None:
        self.source = source
        self.line = line
        self.expected = expected
        self.reason = message
        where = f"{source}:{line}" if line is not None else source
        text = f"{where}: {message}"
        if expected:
            text += f" (expected {expected})"
        super().__init__(text)


class SheetErrors(ExtractError):
    """Some project sheets could not be parsed; the message names each of them."""

    def __init__(self, errors: list[ExtractError], *, source: str, parsed: int) -> None:
        self.errors = errors
        self.parsed = parsed
        lines = [f"{len(errors)} project sheet(s) could not be parsed ({parsed} parsed):"]
        lines += [f"  - {e}" for e in errors]
        super().__init__("\n".join(lines), source=source)
        # The aggregated message already carries every location.
        self.args = ("\n".join(lines),)

    def __str__(self) -> str:
        return str(self.args[0])


class CheckError(VvgraphError):
    """The records contradict a fact the report states about itself (counts, totals)."""

    def __init__(self, failures: list[str]) -> None:
        self.failures = failures
        super().__init__("self-check failed:\n" + "\n".join(f"  - {f}" for f in failures))


class ConfigError(VvgraphError):
    """A setting given by flag or environment variable is malformed."""


class StoreError(VvgraphError):
    """The triple store could not load its data or answer a query."""


class QueryError(StoreError):
    """A query the store will not run: bad syntax, or something the endpoint refuses.

    ``line`` and ``column`` locate a syntax error in the query text when the parser says where.
    """

    def __init__(self, message: str, *, line: int | None = None,
                 column: int | None = None) -> None:
        self.line = line
        self.column = column
        super().__init__(message)


class QueryTimeout(StoreError):
    """A query ran over its time limit; the process running it was stopped."""
