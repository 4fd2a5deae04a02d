"""Fair shares of the query workers: one client's heavy or crashing queries cannot starve others.

Two workers are all a small machine has, and a query's cost is only known by running it. So the
gate judges clients by what their queries did:

- a client may have ``concurrency`` queries running or waiting at once;
- a query that failed the hard way (ran over time, killed or crashed its worker) counts against
  its client for ``window`` seconds; with ``failures`` of them the client gets 429 until the
  oldest expires (``Retry-After`` says when);
- a client with such a failure in the last ``SUSPECT_WINDOWS`` windows may not take the last
  free worker: that one stays for clients whose queries behave (429, retry in a second). This
  memory is longer than the window, or every client that keeps sending costly queries would be
  trusted again, all at once, each time its failures expire.

Clients are told apart by their address (behind a trusted proxy, the one it forwarded: see
:mod:`vvgraph.server.hygiene`). The gate's state lives in the one ``ClientGate`` the router
makes; old entries are dropped as they expire, so it stays as small as the set of recent
offenders.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass

from .._exceptions import QueryTimeout
from .errors import TooManyRequests
from .workers import EngineFault, WorkerDied

# What counts as a failure "the hard way": it cost a worker its time or its life.
COSTLY_FAILURES = (QueryTimeout, WorkerDied, EngineFault)
SUSPECT_WINDOWS = 10
PRUNE_AT = 4096   # clients on record before expired ones are swept out


@dataclass(frozen=True, slots=True)
class FairShare:
    concurrency: int
    failures: int
    window: float


class ClientGate:
    """Admission of one client's query to the workers (see the module's rules)."""

    def __init__(self, share: FairShare, idle_workers: Callable[[], int],
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._share = share
        self._idle = idle_workers
        self._clock = clock
        self._running: dict[str, int] = {}
        self._failed: dict[str, deque[float]] = {}
        self._last_failure: dict[str, float] = {}

    def _suspect(self, client: str, now: float) -> bool:
        last = self._last_failure.get(client)
        if last is None:
            return False
        if last <= now - SUSPECT_WINDOWS * self._share.window:
            del self._last_failure[client]
            return False
        return True

    def _recent_failures(self, client: str, now: float) -> deque[float]:
        failed = self._failed.get(client)
        if failed is None:
            return deque()
        while failed and failed[0] <= now - self._share.window:
            failed.popleft()
        if not failed:
            del self._failed[client]
        return failed

    def _refuse(self, client: str, now: float) -> None:
        share = self._share
        running = self._running.get(client, 0)
        if running >= share.concurrency:
            raise TooManyRequests(
                f"this client already has {running} queries running or waiting (the limit is "
                f"{share.concurrency}, client_concurrency); wait for their answers",
                {"Retry-After": "1"})
        failed = self._recent_failures(client, now)
        if len(failed) >= share.failures:
            wait = max(1, math.ceil(failed[0] + share.window - now))
            raise TooManyRequests(
                f"{len(failed)} of this client's queries ran over time or crashed their worker "
                f"in the last {share.window:g} s (the limit is {share.failures}, "
                f"client_failures); try again in {wait} s",
                {"Retry-After": str(wait)})
        if self._suspect(client, now) and self._idle() <= 1:
            raise TooManyRequests(
                "this client's recent query ran over time or crashed its worker, and the last "
                "free worker is kept for other clients; try again in a moment",
                {"Retry-After": "1"})

    @asynccontextmanager
    async def admit(self, client: str) -> AsyncIterator[None]:
        """Hold a place for one of ``client``'s queries while the block runs.

        :raises TooManyRequests: (429, with ``Retry-After``) if the client is over its share.
        """
        now = self._clock()
        self._refuse(client, now)
        self._running[client] = self._running.get(client, 0) + 1
        try:
            yield
        except COSTLY_FAILURES:
            now = self._clock()
            self._failed.setdefault(client, deque()).append(now)
            self._last_failure[client] = now
            if len(self._last_failure) > PRUNE_AT:   # many addresses, each failing once
                for other in list(self._last_failure):
                    self._recent_failures(other, now)
                    self._suspect(other, now)
            raise
        finally:
            left = self._running[client] - 1
            if left:
                self._running[client] = left
            else:
                del self._running[client]
