"""Files served as they are on disk (dumps, the source text, stylesheets, scripts): validators,
304 and byte ranges.

The dumps run to megabytes and change only with a new build, so a client that has one asks
``If-None-Match`` and should get 304, and a client that lost a download half-way asks for the
rest with ``Range``. The tag is strong (byte size and modification time, to the nanosecond), so
ranges and ``If-Range`` may use it; Starlette's ``FileResponse`` sends the ranges (one, several
as multipart, 416 for none that fits).
"""

from __future__ import annotations

import os
from email.utils import formatdate, parsedate_to_datetime
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, Response

CACHE_CONTROL = "public, no-cache"


def file_etag(stat: os.stat_result) -> str:
    """A strong tag of a file's bytes, as far as its size and modification time tell."""
    return f'"{stat.st_size:x}-{stat.st_mtime_ns:x}"'


def _matches(header: str, etag: str) -> bool:
    """If-None-Match compares weakly (RFC 9110 13.1.2)."""
    opaque = etag.removeprefix("W/")
    return any(tag.strip() in ("*", opaque) or tag.strip().removeprefix("W/") == opaque
               for tag in header.split(","))


def unchanged(request: Request, etag: str, mtime: float) -> bool:
    """Whether a conditional GET or HEAD may be answered 304; If-None-Match wins over
    If-Modified-Since (RFC 9110 13.2.2), whose dates have whole seconds."""
    if request.method not in ("GET", "HEAD"):
        return False
    if (tags := request.headers.get("if-none-match")) is not None:
        return _matches(tags, etag)
    if (since := request.headers.get("if-modified-since")) is not None:
        try:
            return int(mtime) <= parsedate_to_datetime(since).timestamp()
        except (TypeError, ValueError, OverflowError):
            return False
    return False


def file_response(request: Request, path: Path, media_type: str) -> Response:
    """``path`` as the answer to ``request``: 304 if the client has it, else the file or the
    ranges it asks for."""
    stat = path.stat()
    etag = file_etag(stat)
    headers = {"ETag": etag, "Last-Modified": formatdate(stat.st_mtime, usegmt=True),
               "Cache-Control": CACHE_CONTROL}
    if unchanged(request, etag, stat.st_mtime):
        return Response(status_code=304, headers=headers)
    return FileResponse(path, media_type=media_type, headers=headers, stat_result=stat)
