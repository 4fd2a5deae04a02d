"""Limits that protect the server: a query that runs over its time is stopped (its worker killed
and replaced) while other queries go on; a full waiting line turns requests away at once."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pytest
from live_endpoint import TIMEOUT

from vvgraph._exceptions import QueryTimeout
from vvgraph.server.workers import Overloaded, WorkerDied, WorkerPool, worker_setup
from vvgraph.store import LoadedDataset, QueryJob

# Over the 300-number graph: 303^4 rows, hours of work.
CROSS_PRODUCT = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f . ?g ?s ?h }")
JSON = "application/sparql-results+json"
LIGHT = QueryJob("ASK { ?s ?p 7 }", JSON)


def test_a_cross_product_is_stopped_while_light_queries_answer(endpoint: str) -> None:
    heavy: dict[str, httpx.Response] = {}
    done = threading.Event()

    def run_heavy() -> None:
        with httpx.Client(timeout=60) as c:
            heavy["response"] = c.get(endpoint, params={"query": CROSS_PRODUCT})
        done.set()

    thread = threading.Thread(target=run_heavy)
    thread.start()
    answered_meanwhile = 0
    with httpx.Client(timeout=60) as c:
        while not done.is_set():
            r = c.get(endpoint, params={"query": "ASK { ?s ?p 7 }"})
            assert r.status_code == 200 and r.json()["boolean"] is True
            answered_meanwhile += not done.is_set()
        thread.join()
        response = heavy["response"]
        assert response.status_code == 504
        assert f"time limit of {TIMEOUT:g} s" in response.text
        assert answered_meanwhile > 0
        # The killed worker's successor takes queries again: two at once need both workers.
        with httpx.Client(timeout=60) as c2:
            first = c.build_request("GET", endpoint, params={"query": "ASK {}"})
            results = [c.send(first), c2.get(endpoint, params={"query": "ASK {}"})]
        assert [r.status_code for r in results] == [200, 200]


async def _busy(pool: WorkerPool, count: int) -> None:
    while pool.busy < count:
        await asyncio.sleep(0.01)


@asynccontextmanager
async def one_worker(dataset: LoadedDataset, memory: int | None = None
                     ) -> AsyncIterator[WorkerPool]:
    """A pool of one worker with a waiting line of one."""
    pool = WorkerPool(worker_setup(dataset.sources, (), memory), size=1, queue_size=1)
    await pool.start()
    try:
        yield pool
    finally:
        await pool.close()


async def _answers_light_queries(pool: WorkerPool) -> bool:
    answer = await pool.run(LIGHT, timeout=60)
    return b'"boolean":true' in answer.body


def test_a_full_queue_turns_requests_away_and_the_pool_recovers(dataset: LoadedDataset) -> None:
    async def scenario() -> None:
        async with one_worker(dataset) as pool:
            running = asyncio.create_task(pool.run(QueryJob(CROSS_PRODUCT, JSON), timeout=60))
            await _busy(pool, 1)
            waiting = asyncio.create_task(pool.run(LIGHT, timeout=60))
            await asyncio.sleep(0.05)
            assert not waiting.done()
            with pytest.raises(Overloaded, match="busy"):
                await pool.run(LIGHT, timeout=60)
            running.cancel()   # the client went away: its worker is killed and replaced
            answer = await waiting
            assert b'"boolean":true' in answer.body
            with pytest.raises(asyncio.CancelledError):
                await running

    asyncio.run(scenario())


def test_the_pool_replaces_a_worker_that_ran_over(dataset: LoadedDataset) -> None:
    async def scenario() -> None:
        async with one_worker(dataset) as pool:
            with pytest.raises(QueryTimeout, match="time limit of 0.5 s"):
                await pool.run(QueryJob(CROSS_PRODUCT, JSON), timeout=0.5)
            assert await _answers_light_queries(pool)   # waits for the killed one's successor

    asyncio.run(scenario())


def test_a_query_over_the_memory_limit_kills_only_its_worker(dataset: LoadedDataset) -> None:
    sort_everything = ("SELECT ?a ?b ?c WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z } "
                       "ORDER BY ?a ?b ?c")

    async def scenario() -> None:
        async with one_worker(dataset, memory=512 * 1024**2) as pool:
            with pytest.raises(WorkerDied, match="(SIGABRT|SIGKILL).*memory.*replaced"):
                await pool.run(QueryJob(sort_everything, JSON), timeout=120)
            assert await _answers_light_queries(pool)

    asyncio.run(scenario())
