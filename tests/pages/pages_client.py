"""Requests to the application in process: httpx's ASGI transport, no socket, one event loop
per batch. (Starlette's TestClient would do, but warns about its httpx use.)"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import httpx

Request = tuple[str, dict[str, str]]


def fetch(app: object, requests: Sequence[Request], method: str = "GET") -> list[httpx.Response]:
    """Ask ``app`` in process for each (path, headers), without following redirects."""

    async def run() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            return [await client.request(method, path,
                                         headers={"accept-encoding": "identity", **headers})
                    for path, headers in requests]

    return asyncio.run(run())


def get(app: object, path: str, accept: str | None = None, **headers: str) -> httpx.Response:
    extra = {k.replace("_", "-"): v for k, v in headers.items()}
    return fetch(app, [(path, {**({"accept": accept} if accept else {}), **extra})])[0]
