"""The client gate's rules over time, on a clock the test moves (no sleeping): failures count
for one window, suspicion for ``SUSPECT_WINDOWS``; the record of many clients stays bounded."""

from __future__ import annotations

import asyncio

import pytest

from vvgraph._exceptions import QueryTimeout
from vvgraph.server.errors import TooManyRequests
from vvgraph.server.fairness import PRUNE_AT, SUSPECT_WINDOWS, ClientGate, FairShare


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def fail(gate: ClientGate, client: str) -> None:
    with pytest.raises(QueryTimeout):
        async with gate.admit(client):
            raise QueryTimeout("ran over")


async def passes(gate: ClientGate, client: str) -> bool:
    try:
        async with gate.admit(client):
            return True
    except TooManyRequests:
        return False


def test_failures_expire_after_the_window_and_suspicion_later() -> None:
    async def scenario() -> None:
        clock, idle = Clock(), [2]
        gate = ClientGate(FairShare(concurrency=2, failures=2, window=60), lambda: idle[0], clock)
        await fail(gate, "a")
        await fail(gate, "a")
        assert not await passes(gate, "a") and await passes(gate, "b")
        clock.now += 61                       # the failures expired
        assert await passes(gate, "a")        # two workers free: it may take one
        idle[0] = 1
        assert not await passes(gate, "a")    # but not the last one, while suspect
        assert await passes(gate, "b")
        clock.now += SUSPECT_WINDOWS * 60     # suspicion over too
        assert await passes(gate, "a")

    asyncio.run(scenario())


def test_the_record_of_many_failing_clients_is_swept() -> None:
    async def scenario() -> None:
        clock = Clock()
        gate = ClientGate(FairShare(concurrency=2, failures=2, window=1), lambda: 2, clock)
        for n in range(3 * PRUNE_AT):
            clock.now += 0.01
            await fail(gate, f"10.0.{n // 256}.{n % 256}")
        assert len(gate._last_failure) <= PRUNE_AT + 1   # noqa: SLF001
        assert len(gate._failed) <= PRUNE_AT + 1         # noqa: SLF001

    asyncio.run(scenario())


def test_concurrency_per_client() -> None:
    async def scenario() -> None:
        gate = ClientGate(FairShare(concurrency=1, failures=2, window=60), lambda: 2, Clock())
        async with gate.admit("a"):
            assert not await passes(gate, "a") and await passes(gate, "b")
        assert await passes(gate, "a")

    asyncio.run(scenario())
