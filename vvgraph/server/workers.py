"""Query workers: separate processes that run queries and can be killed when they run over.

Neither pyoxigraph nor rdflib can stop a query once it runs, and a thread cannot be killed; a
process can. Each worker loads the dataset into its own in-memory store and answers one query
at a time over a pipe (length-prefixed pickles). The pool hands a query to a free worker, lets a
bounded number of requests wait for one and turns the rest away at once; a worker that runs over
its time is killed and a fresh one is started in the background, so the other workers go on
answering meanwhile.

The engine recurses while parsing and evaluating, so queries run on a thread with a stack of its
own size (``WorkerSetup.stack``) rather than the main thread's 8 MiB. A panic of the engine
(pyo3's ``PanicException`` derives from ``BaseException``) is reported as a fault and the worker
ends, since the engine's state after a panic is not to be trusted; a worker that dies is
described by how it died (signal or exit status), and replaced either way.
"""

from __future__ import annotations

import asyncio
import ctypes
import logging
import os
import pickle
import resource
import signal
import struct
import sys
import threading
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from .. import store as _store
from .._exceptions import QueryError, QueryTimeout, StoreError

log = logging.getLogger(__name__)

_HEADER = struct.Struct(">I")
_PR_SET_PDEATHSIG = 1
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])
_BOOT = (f"import sys; sys.path.insert(0, {_PACKAGE_ROOT!r}); "
         "from vvgraph.server.workers import worker_main; worker_main()")
_SIGNAL_CAUSES = {
    "SIGKILL": "killed, most likely for memory, or by an operator",
    "SIGABRT": "the engine aborted, most likely out of stack or memory",
    "SIGSEGV": "the engine crashed",
    "SIGBUS": "the engine crashed",
}
# Errors a worker reports, by name (exceptions do not cross the pipe as objects).
_ERRORS: dict[str, type[StoreError]] = {cls.__name__: cls for cls in (
    StoreError, QueryError, _store.ServiceNotAllowed, _store.ServiceFailed,
    _store.ResultTooLarge)}


class Overloaded(StoreError):
    """Every worker is busy and the waiting line is full: try again shortly."""


class WorkerDied(StoreError):
    """A worker process ended while answering (crashed, or ran out of memory)."""


class EngineFault(StoreError):
    """The query engine failed on a query in a way it does not report as an error (a panic)."""


@dataclass(frozen=True, slots=True)
class WorkerSetup:
    """What a worker needs before its first query."""

    sources: tuple[_store.Source, ...]
    allowlist: tuple[str, ...]
    memory: int | None = None   # bytes of address space a worker may use; None: no limit
    stack: int = 64 * 1024 ** 2  # bytes of stack for the thread that runs the queries


# -- The worker process ----------------------------------------------------------------------------

def _read_frame(stream: BinaryIO) -> Any | None:
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None
    (size,) = _HEADER.unpack(header)
    return pickle.loads(stream.read(size))


def _write_frame(stream: BinaryIO, message: Any) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _error_message(error: StoreError) -> tuple[Any, ...]:
    return ("error", type(error).__name__, str(error),
            getattr(error, "line", None), getattr(error, "column", None))


def _die_with_parent() -> None:
    """Have Linux kill this process when the server dies, however it dies: a worker left
    running a heavy query would otherwise go on burning a core for nobody."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: stdin closing still ends an idle worker
        pass


def worker_main() -> None:
    """Entry point of a worker process: load the data, then answer queries until stdin closes."""
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server stops its workers itself
    # Answers go over a private copy of stdout; anything a library prints goes to stderr.
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    requests = sys.stdin.buffer
    setup = _read_frame(requests)
    if not isinstance(setup, WorkerSetup):
        return
    if setup.memory:
        # A sort or group over a huge intermediate result fails here, alone, instead of
        # taking the machine's memory before the time limit comes.
        resource.setrlimit(resource.RLIMIT_AS, (setup.memory, setup.memory))
    try:
        store = _store.load_store(setup.sources)
    except StoreError as e:
        _write_frame(out, _error_message(e))
        return
    _store.service_iris("SELECT * { SERVICE <urn:x:warm-up> {} }")  # import the parser now
    _write_frame(out, ("ready",))
    threading.stack_size(setup.stack)
    thread = threading.Thread(target=_answer_queries, args=(store, setup, requests, out),
                              name="queries")
    thread.start()
    thread.join()


def _answer_queries(store: Any, setup: WorkerSetup, requests: BinaryIO, out: BinaryIO) -> None:
    while (job := _read_frame(requests)) is not None:
        try:
            reply: tuple[Any, ...] = ("ok", _store.run_query(store, job, setup.allowlist))
        except StoreError as e:
            reply = _error_message(e)
        except Exception as e:  # a bug must not take the worker down with an unread reply
            reply = ("error", "StoreError", f"internal error: {type(e).__name__}: {e}",
                     None, None)
        except BaseException as e:  # an engine panic: report it, then end this worker
            _write_frame(out, ("fault", f"{type(e).__name__}: {e}"))
            return
        _write_frame(out, reply)


# -- The server side -------------------------------------------------------------------------------

def _raise_reply(reply: tuple[Any, ...]) -> Any:
    if reply[0] == "ok":
        return reply[1]
    if reply[0] == "ready":
        return None
    if reply[0] == "fault":
        raise EngineFault(f"the query engine failed on this query ({reply[1]}); its worker was "
                          "replaced. This is a fault of the engine, not of the query: please "
                          "report it")
    _, name, message, line, column = reply
    cls = _ERRORS.get(name, StoreError)
    if issubclass(cls, QueryError):
        raise cls(message, line=line, column=column)
    raise cls(message)


class Worker:
    """One worker process and the pipe to it. What the process writes to stderr is passed on to
    the server's stderr, and its last lines are kept: when the engine panics and aborts, the
    panic's message is only there."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.last_lines: deque[str] = deque(maxlen=40)
        self.panic_message: str | None = None
        self._relay: asyncio.Task[None] | None = None
        if process.stderr is not None:
            self._relay = asyncio.get_running_loop().create_task(self._pass_on(process.stderr))

    async def _pass_on(self, stream: asyncio.StreamReader) -> None:
        panicking = in_backtrace = False
        while line := await stream.readline():
            text = line.decode("utf-8", "replace").rstrip()
            self.last_lines.append(text)
            if panicking:   # Rust prints "thread ... panicked at FILE:" then the message
                self.panic_message, panicking = text.strip(), False
            elif " panicked at " in text:
                panicking = True
            # A backtrace is dozens of lines per panic: kept here, not written to the server's
            # stderr, which is written from the event loop (a slow reader would stall it).
            in_backtrace = (in_backtrace and text[:1].isspace()) or text == "stack backtrace:"
            if not in_backtrace and not text.startswith("note: Some details are omitted"):
                log.warning("query worker %s: %s", self.process.pid, text)

    def panic(self) -> str | None:
        """The message of the engine's last panic, if it printed one."""
        return self.panic_message

    @classmethod
    async def start(cls, setup: WorkerSetup) -> "Worker":
        """Start a worker and wait until it has loaded the data.

        :raises StoreError: if the worker cannot load the data.
        """
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-c", _BOOT, stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
        worker = cls(process)
        try:
            await worker.call(setup)
        except BaseException:
            await worker.kill()
            raise
        return worker

    async def call(self, message: Any) -> Any:
        """Send one message and wait for the reply.

        :raises WorkerDied: if the process ends before replying.
        """
        assert self.process.stdin is not None and self.process.stdout is not None
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            self.process.stdin.write(_HEADER.pack(len(data)) + data)
            await self.process.stdin.drain()
            (size,) = _HEADER.unpack(await self.process.stdout.readexactly(_HEADER.size))
            reply = pickle.loads(await self.process.stdout.readexactly(size))
        except (asyncio.IncompleteReadError, ConnectionError) as e:
            raise WorkerDied(await self._death()) from e
        return _raise_reply(reply)

    async def _death(self) -> str:
        """What ended the process, in words, for the 500 answer."""
        try:
            async with asyncio.timeout(2):
                code = await self.process.wait()
        except TimeoutError:
            return "the query worker stopped answering; it was replaced"
        if self._relay is not None:   # the panic message, if any, is read to its end
            try:
                async with asyncio.timeout(1):
                    await self._relay
            except TimeoutError:
                pass
        if code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = f"signal {-code}"
            if (panic := self.panic()) is not None:
                return (f"the query engine panicked on this query ({panic!r}) and its worker "
                        f"died ({name}); it was replaced. This is a fault of the engine, not of "
                        "the query")
            cause = _SIGNAL_CAUSES.get(name, "it was stopped from outside")
            return (f"the query worker died while answering ({name}: {cause}); "
                    "it was replaced")
        return f"the query worker exited with status {code} while answering; it was replaced"

    async def kill(self) -> None:
        """Stop the process at once, whatever it is doing."""
        if self.process.returncode is None:
            self.process.kill()
        await self.process.wait()


class WorkerPool:
    """A fixed number of workers, a bounded waiting line, and a time limit per query."""

    def __init__(self, setup: WorkerSetup, *, size: int, queue_size: int) -> None:
        self._setup = setup
        self._size = max(1, size)
        self._queue_size = max(0, queue_size)
        self._idle: list[Worker] = []
        self._all: set[Worker] = set()
        self._free: asyncio.Semaphore | None = None
        self._waiting = 0
        self._respawns: set[asyncio.Task[None]] = set()
        self._closed = False

    async def start(self) -> None:
        """Start every worker; returns once all have loaded the data.

        :raises StoreError: if a worker cannot load the data.
        """
        self._free = asyncio.Semaphore(0)
        started = await asyncio.gather(*(Worker.start(self._setup) for _ in range(self._size)),
                                       return_exceptions=True)
        for worker in started:
            if isinstance(worker, Worker):
                self._add(worker)
        errors = [e for e in started if isinstance(e, BaseException)]
        if errors:
            await self.close()
            raise errors[0]

    def _add(self, worker: Worker) -> None:
        assert self._free is not None
        self._all.add(worker)
        self._idle.append(worker)
        self._free.release()

    async def close(self) -> None:
        """Stop every worker, busy or not."""
        self._closed = True
        for task in list(self._respawns):
            task.cancel()
        await asyncio.gather(*(w.kill() for w in self._all), return_exceptions=True)
        self._all.clear()
        self._idle.clear()

    @property
    def busy(self) -> int:
        """Workers answering a query right now."""
        return len(self._all) - len(self._idle)

    @property
    def idle(self) -> int:
        """Workers ready for a query right now (not busy, not being restarted)."""
        return len(self._idle)

    @property
    def size(self) -> int:
        """Workers the pool keeps (some may be restarting)."""
        return self._size

    @property
    def alive(self) -> int:
        """Worker processes running now, busy or idle (``size`` once restarts are done)."""
        return sum(1 for w in self._all if w.process.returncode is None)

    def pids(self) -> list[int]:
        """Process ids of the workers, for an operator (or a fault test) to look at."""
        return [w.process.pid for w in self._all]

    async def run(self, job: _store.QueryJob, timeout: float) -> _store.Answer:
        """Answer ``job`` on a free worker within ``timeout`` seconds of it starting there.

        :raises Overloaded: if no worker is free and the waiting line is full, or none became
            free within ``timeout``.
        :raises QueryTimeout: if the query ran longer than ``timeout``; its worker was killed.
        :raises StoreError: as :func:`vvgraph.store.run_query`, or if the worker died.
        """
        worker = await self._acquire(timeout)
        try:
            async with asyncio.timeout(timeout):
                answer: _store.Answer = await worker.call(job)
        except TimeoutError:
            self._replace(worker)
            raise QueryTimeout(f"the query ran over the time limit of {timeout:g} s and was "
                               "stopped; narrow it down or add a LIMIT") from None
        except (WorkerDied, EngineFault, asyncio.CancelledError):
            self._replace(worker)
            raise
        except BaseException:
            self._release(worker)
            raise
        self._release(worker)
        return answer

    async def _acquire(self, timeout: float) -> Worker:
        assert self._free is not None, "the pool was not started"
        if self._closed:
            raise Overloaded("the endpoint is shutting down")
        if self._free.locked() and self._waiting >= self._queue_size:
            raise Overloaded(f"all {self._size} query workers are busy and {self._waiting} "
                             "queries are waiting; try again in a moment")
        self._waiting += 1
        try:
            async with asyncio.timeout(timeout):
                await self._free.acquire()
        except TimeoutError:
            raise Overloaded(f"no query worker became free within {timeout:g} s; "
                             "try again in a moment") from None
        finally:
            self._waiting -= 1
        return self._idle.pop()

    def _release(self, worker: Worker) -> None:
        assert self._free is not None
        self._idle.append(worker)
        self._free.release()

    def _replace(self, worker: Worker) -> None:
        """Kill ``worker`` and start its successor without making the caller wait."""
        self._all.discard(worker)
        if worker.process.returncode is None:
            worker.process.kill()   # now, not in the task: close() may cancel that
        task = asyncio.get_running_loop().create_task(self._respawn(worker))
        self._respawns.add(task)
        task.add_done_callback(self._respawns.discard)

    async def _respawn(self, old: Worker) -> None:
        await old.kill()
        delay = 0.5
        while not self._closed:
            try:
                worker = await Worker.start(self._setup)
            except StoreError as e:  # pragma: no cover - the data loaded a moment ago
                log.error("could not restart a query worker: %s; retrying in %.1f s", e, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30)
                continue
            if self._closed:
                await worker.kill()
                return
            self._add(worker)
            return


def worker_setup(sources: Sequence[_store.Source], allowlist: Sequence[str],
                 memory: int | None = None, stack: int = 64 * 1024 ** 2) -> WorkerSetup:
    """The setup for workers answering from ``sources``, calling only ``allowlist`` services,
    each within ``memory`` bytes, running queries on a ``stack``-byte stack."""
    return WorkerSetup(tuple((g, Path(p)) for g, p in sources), tuple(allowlist), memory, stack)
