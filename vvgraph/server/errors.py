"""Errors the server answers with a fixed HTTP status, raised wherever a request is judged.

Each carries its status and any headers its answer needs (``Retry-After``, ``Allow``), so one
handler in :mod:`vvgraph.server.app` answers them all with the message as plain text.
"""

from __future__ import annotations

from collections.abc import Mapping

from .._exceptions import VvgraphError


class HttpError(VvgraphError):
    """A request answered with ``status`` and this message; never a server fault."""

    status = 400

    def __init__(self, message: str, headers: Mapping[str, str] | None = None) -> None:
        self.headers = dict(headers or {})
        super().__init__(message)


class QueryRejected(HttpError):
    """A query over a guard limit, or with an escape that names no character."""


class MalformedHeader(HttpError):
    """A header the server would have to act on holds something it cannot mean."""


class TooManyRequests(HttpError):
    """One client has too many queries running, or too many recent ones failed."""

    status = 429
