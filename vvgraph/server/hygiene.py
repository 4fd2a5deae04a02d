"""Request hygiene and security headers: one ASGI layer in front of every route.

Before a request reaches a route:

- a path that holds a NUL or another control character, or is not percent-encoded UTF-8, is
  answered 404 (no file or resource can have such a name, and no handler should see one);
- headers over ``max_header_bytes`` in all get 431;
- ``X-Forwarded-*`` and ``Forwarded`` are removed unless the connection comes from a trusted
  proxy (``trusted_proxies``, addresses or networks); from one, they are checked (a malformed
  value is a 400 naming the header) and the client address becomes the forwarded one, which is
  what the per-client fairness of the endpoint counts.

On the way out every answer gets ``X-Content-Type-Options: nosniff``; an HTML answer also gets a
Content-Security-Policy that allows scripts only from this origin plus the inline scripts of that
very page (by their SHA-256, computed from the body, so a page cannot run a script it did not
ship), ``Referrer-Policy`` and ``frame-ancestors 'none'``. Styles may be inline: the pages draw
their charts with ``style`` attributes and YASGUI sets them too; a style cannot run code.
"""

from __future__ import annotations

import base64
import hashlib
import ipaddress
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote_to_bytes

from starlette.types import ASGIApp, Message, Receive, Scope, Send

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_BAD_ESCAPE = re.compile(rb"%(?![0-9A-Fa-f]{2})")
_INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc\s*=)([^>]*)>(.*?)</script\s*>",
                            re.DOTALL | re.IGNORECASE)
_DATA_BLOCK = re.compile(rb"""\btype\s*=\s*["']?application/(?:ld\+)?json""", re.IGNORECASE)
_HOST = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.?)+(?::\d{1,5})?"
                   r"|\[[0-9A-Fa-f:.]+\](?::\d{1,5})?")
_PREFIX = re.compile(r"(?:/[A-Za-z0-9._~!$&'()*+,;=:@%-]*)*")
_FORWARDED = ("x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port",
              "x-forwarded-prefix", "forwarded")

# Everything a page of this site or YASGUI loads comes from this origin; data: covers the icons
# and fonts the stylesheets inline.
CSP = ("default-src 'none'; script-src 'self'{hashes}; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; font-src 'self' data:; connect-src 'self'{connect}; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
# YASGUI's editor looks prefixes up at prefix.cc and completes terms from LOV; only a page that
# loads YASGUI may connect there.
YASGUI_SCRIPT = b"/yasgui.min.js"
YASGUI_CONNECT = (" http://prefix.cc https://prefix.cc https://lov.linkeddata.es")
HTML_HEADERS = {"referrer-policy": "strict-origin-when-cross-origin",
                "x-frame-options": "DENY"}


@dataclass(frozen=True, slots=True)
class Hygiene:
    max_header_bytes: int
    trusted_proxies: tuple[str, ...] = ()


def _networks(specs: Sequence[str]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(spec, strict=False) for spec in specs)


def _is_in(address: str | None, networks: Sequence[Any]) -> bool:
    if not address:
        return False
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in networks)


def bad_path(scope: Scope) -> str | None:
    """Why the request's path cannot name anything, or ``None`` if it may.

    >>> bad_path({"path": "/dumps/\\x00", "raw_path": b"/dumps/%00"})
    'the path holds a control character'
    >>> bad_path({"path": "/x", "raw_path": b"/%FF"})
    'the path is not percent-encoded UTF-8'
    >>> bad_path({"path": "/doc/project/VV001", "raw_path": b"/doc/project/VV001"}) is None
    True
    """
    raw = scope.get("raw_path") or scope.get("path", "").encode("utf-8", "surrogateescape")
    if _BAD_ESCAPE.search(raw):
        return "the path has a malformed percent escape"
    try:
        unquote_to_bytes(raw).decode("utf-8")
    except UnicodeDecodeError:
        return "the path is not percent-encoded UTF-8"
    if _CONTROL.search(scope.get("path", "")):
        return "the path holds a control character"
    return None


def _first(value: str) -> str:
    return value.split(",")[0].strip()


def check_forwarded(headers: dict[str, str]) -> str | None:
    """The first malformed ``X-Forwarded-*`` header from a trusted proxy, as a message.

    >>> check_forwarded({"x-forwarded-host": "data.example.org", "x-forwarded-proto": "https"})
    >>> check_forwarded({"x-forwarded-host": "a b"})
    "X-Forwarded-Host: 'a b' is not a host name (expected name[:port])"
    """
    if (proto := headers.get("x-forwarded-proto")) is not None and \
            _first(proto).lower() not in ("http", "https"):
        return f"X-Forwarded-Proto: {proto!r} is not a scheme (expected http or https)"
    if (host := headers.get("x-forwarded-host")) is not None and \
            not _HOST.fullmatch(_first(host)):
        return f"X-Forwarded-Host: {host!r} is not a host name (expected name[:port])"
    if (port := headers.get("x-forwarded-port")) is not None and not (
            _first(port).isdigit() and 0 < int(_first(port)) < 65536):
        return f"X-Forwarded-Port: {port!r} is not a port (expected 1-65535)"
    if (prefix := headers.get("x-forwarded-prefix")) is not None and \
            not _PREFIX.fullmatch(_first(prefix)):
        return f"X-Forwarded-Prefix: {prefix!r} is not a path (expected /segment/...)"
    if (chain := headers.get("x-forwarded-for")) is not None:
        for hop in chain.split(","):
            if not _is_address(hop.strip()):
                return f"X-Forwarded-For: {hop.strip()!r} is not an IP address"
    return None


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def content_security_policy(body: bytes) -> str:
    """The CSP of an HTML page: this origin's scripts, and the page's own inline scripts.

    >>> content_security_policy(b"<script>go()</script>").split(";")[1]
    " script-src 'self' 'sha256-5KYv+PUboo5h+0+YAtGRPbwv5d/QxzHslP4YGnUaxRw='"
    """
    hashes = []
    for attributes, code in _INLINE_SCRIPT.findall(body):
        if _DATA_BLOCK.search(attributes):
            continue   # a data block (JSON-LD) is never run, so CSP does not apply to it
        digest = base64.b64encode(hashlib.sha256(code).digest()).decode()
        hashes.append(f" 'sha256-{digest}'")
    connect = YASGUI_CONNECT if YASGUI_SCRIPT in body else ""
    return CSP.format(hashes="".join(dict.fromkeys(hashes)), connect=connect)


def _plain(status: int, message: str) -> tuple[Message, Message]:
    body = f"{message}\n".encode()
    return ({"type": "http.response.start", "status": status,
             "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                         (b"content-length", str(len(body)).encode()),
                         (b"x-content-type-options", b"nosniff")]},
            {"type": "http.response.body", "body": body})


class HygieneMiddleware:
    """The ASGI layer (see the module's docstring)."""

    def __init__(self, app: ASGIApp, *, rules: Hygiene) -> None:
        self.app = app
        self.rules = rules
        self.trusted = _networks(rules.trusted_proxies)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = self._refusal(scope)
        if refusal is not None:
            for message in _plain(*refusal):
                await send(message)
            return
        await self.app(scope, receive, _SecurityHeaders(send))

    def _refusal(self, scope: Scope) -> tuple[int, str] | None:
        """Refuse the request, or make its scope what the routes may trust (in place)."""
        if (why := bad_path(scope)) is not None:
            return 404, f"not found: {why}"
        headers: list[tuple[bytes, bytes]] = scope.get("headers", [])
        size = sum(len(k) + len(v) + 4 for k, v in headers)
        if size > self.rules.max_header_bytes:
            return 431, (f"the request's headers have {size} bytes, over the limit of "
                         f"{self.rules.max_header_bytes}")
        client = scope.get("client")
        forwarded = {k.decode("latin-1"): v.decode("latin-1") for k, v in headers
                     if k.decode("latin-1") in _FORWARDED}
        if not forwarded:
            return None
        if not _is_in(client[0] if client else None, self.trusted):
            scope["headers"] = [(k, v) for k, v in headers
                                if k.decode("latin-1") not in _FORWARDED]
            return None
        if (why := check_forwarded(forwarded)) is not None:
            return 400, f"malformed header from the proxy: {why}"
        if "x-forwarded-for" in forwarded:
            hops = [h.strip() for h in forwarded["x-forwarded-for"].split(",")]
            # The nearest hop that is not one of ours is the client (the rest could be forged).
            for hop in reversed(hops):
                if not _is_in(hop, self.trusted):
                    scope["client"] = (hop, 0)
                    break
        return None


class _SecurityHeaders:
    """The ``send`` of one response, adding the headers; an HTML body is held until complete,
    since its CSP names its inline scripts."""

    def __init__(self, send: Send) -> None:
        self.send = send
        self.start: Message | None = None
        self.chunks: list[bytes] = []

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            headers.append((b"x-content-type-options", b"nosniff"))
            message = {**message, "headers": headers}
            kind = next((v for k, v in headers if k.lower() == b"content-type"), b"")
            if kind.lower().startswith(b"text/html"):
                self.start = message
                return
            await self.send(message)
            return
        if self.start is None or message["type"] != "http.response.body":
            await self.send(message)
            return
        self.chunks.append(message.get("body", b""))
        if message.get("more_body", False):
            return
        body = b"".join(self.chunks)
        extra = [(b"content-security-policy", content_security_policy(body).encode()),
                 *((k.encode(), v.encode()) for k, v in HTML_HEADERS.items())]
        start = {**self.start, "headers": [*self.start["headers"], *extra]}
        self.start = None
        await self.send(start)
        await self.send({"type": "http.response.body", "body": body})
