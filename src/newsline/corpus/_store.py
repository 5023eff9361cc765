"""The corpus store: annotated documents in one DuckDB file (:class:`Store`: opening it, locks).

The schema and its migrations are in ``_store_schema`` (``docs/store.md`` has the same
with examples), the writes in ``_store_writes``, the queries in ``_store_queries``;
:class:`Store` brings them together.

Concurrency: DuckDB lets one process open a file for writing, and while it has
it open no other process may open it at all, not even read-only; several
processes may open it read-only together.  :meth:`Store.open` waits up to
``wait`` seconds for the file to become free, then raises
:class:`StoreLockedError` saying which process holds it.  ``newsline ingest``
holds the file only while it writes a batch, so readers get in between batches.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from types import TracebackType

import duckdb

from newsline.corpus._store_queries import _StoreQueries
from newsline.corpus._store_writes import _StoreWrites
from newsline.errors import StoreError, StoreLockedError


class Store(_StoreWrites, _StoreQueries):
    """A newsline database (a DuckDB file).  Use :meth:`open`, preferably as a context manager."""

    # -- opening ------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, read_only: bool = False, *, wait: float = 0.0) -> Store:
        """Open (for writing: create when missing) the database at ``path``.

        Checks the schema version: a newer or unknown one is refused, an older one
        migrated when opened for writing (refused read-only).  When another process
        holds the file, retries for up to ``wait`` seconds, then raises
        :class:`StoreLockedError`.
        """
        path = Path(path)
        if read_only and not path.exists():
            raise StoreError(f"{path}: no such database; create it with: newsline ingest FILES... --db {path}")
        if path.is_dir():
            raise StoreError(f"{path}: is a directory; --db takes a database file, e.g. {path / 'newsline.duckdb'}")
        conn = _connect(path, read_only, wait)
        try:
            store = cls(conn, path, read_only)
            store._check_schema()
        except BaseException:
            conn.close()
            raise
        return store

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


# --- connecting -----------------------------------------------------------------------------------

_LOCK = re.compile(r"Conflicting lock is held in (.*?) \(PID (\d+)\)")


def _connect(path: Path, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + wait
    delay = 0.02
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            message = str(exc)
            held = _LOCK.search(message)
            if held is None:
                if "not a valid DuckDB database file" in message:
                    raise StoreError(f"{path}: not a DuckDB database; give --db another file name") from exc
                raise StoreError(f"{path}: cannot open the database ({message})") from exc
            late = time.monotonic() >= deadline
            if late or _a_server(_command_line(held.group(2))):  # a server holds it as long as it runs
                raise _locked(path, read_only, held.group(1), held.group(2), wait if late else 0.0) from exc
        except duckdb.ConnectionException as exc:
            raise StoreError(f"{path}: already open in this process with other settings (read-only and "
                             f"read-write at once); close the other connection first ({exc})") from exc
        except duckdb.Error as exc:
            raise StoreError(f"{path}: cannot open the database ({exc})") from exc
        time.sleep(delay)
        delay = min(delay * 2, 0.25)


def _command_line(pid: str) -> str:
    """The command line of a process, as far as this system tells (Linux: /proc), else ""."""
    try:
        return Path(f"/proc/{int(pid)}/cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
    except (OSError, ValueError):
        return ""


def _a_server(command: str) -> bool:
    return "newsline" in command and " serve" in command


def _locked(path: Path, read_only: bool, program: str, pid: str, wait: float) -> StoreLockedError:
    waited = f" (waited {wait:g} s)" if wait else ""
    want = "read it" if read_only else "write it"
    command = _command_line(pid)
    if _a_server(command):
        writing = "--allow-ingest" in command
        use = ("its HTTP API reads it meanwhile (/v1/search, /v1/timeline, /v1/summary)" if read_only else
               "it takes changes over HTTP (POST /v1/documents, DELETE /v1/documents/{id}, with the ingest token)"
               if writing else "serve with --allow-ingest to add or remove documents over HTTP (POST /v1/documents, "
               "DELETE /v1/documents/{id})")
        return StoreLockedError(
            f"{path}: in use by a running newsline serve (PID {pid}){waited}, which holds the file as long as it "
            f"runs. Stop it (kill {pid}) and run this again; or {use}")
    return StoreLockedError(
        f"{path}: in use by another process (PID {pid}, {Path(program).name}){waited}. DuckDB allows one "
        f"process at a time to open a database file for writing, and no other process beside it, not even a "
        f"reader (several readers together are fine). To {want}, wait until the other process is done and try "
        f"again: newsline ingest opens the file only while it writes a batch, so readers get in between "
        f"batches, and an interrupted ingest resumes where it stopped")
