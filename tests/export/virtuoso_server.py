"""A real OpenLink Virtuoso 7 (Debian ``virtuoso-opensource``) for the tests: its own ini and
database folder, loopback ports, user dba/dba, stopped after. Themis and every mu-semtech
stack run this store, so ``vvgraph publish`` is tested against it as they would load it."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

INI = """[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
DirsAllowed = .
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
CheckpointInterval = 0
ThreadsPerQuery = 2
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {db}
Charset = UTF-8
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def virtuoso(folder: Path) -> Iterator[str]:
    """Start Virtuoso in ``folder``; yield its SPARQL endpoint, which accepts updates as
    mu-semtech configures it (SPARQL_UPDATE granted to the anonymous SPARQL user)."""
    exe, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if not exe or not isql:
        raise RuntimeError("virtuoso-t / isql-vt not found: install the Debian package "
                           "virtuoso-opensource (make system-deps does)")
    folder.mkdir(parents=True, exist_ok=True)
    sql, http = _free_port(), _free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(INI.format(db=folder, sql=sql, http=http), encoding="utf-8")
    proc = subprocess.Popen([exe, "+foreground", "+configfile", str(ini)], cwd=folder,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    endpoint = f"http://127.0.0.1:{http}/sparql"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                urllib.request.urlopen(f"{endpoint}?query=ASK%7B%7D", timeout=2).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    log = folder / "virtuoso.log"
                    raise RuntimeError("virtuoso did not start: " + (
                        log.read_text(errors="replace")[-2000:] if log.exists() else "no log"))
                time.sleep(0.5)
        for statement in ('GRANT SPARQL_UPDATE TO "SPARQL";',
                          "DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);"):
            subprocess.run([isql, f"127.0.0.1:{sql}", "dba", "dba", f"exec={statement}"],
                           check=True, capture_output=True, timeout=60)
        yield endpoint
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
