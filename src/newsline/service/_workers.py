"""The annotation workers: spawned processes that load spaCy once and annotate one request at a time.

:class:`AnnotatePool` hands each text to an idle worker within the request's time
budget and kills a worker that overruns it.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import threading
import time
from multiprocessing.connection import Connection
from typing import Any

from newsline._model import AnnotatedDocument
from newsline.errors import InputError, NewslineError

__all__ = ["AnnotatePool", "AnnotationUnavailable", "BudgetExceeded"]


class BudgetExceeded(Exception):
    """The time budget ran out."""


class AnnotationUnavailable(Exception):
    """The worker could not annotate at all (spaCy or its model missing)."""


def _worker_main(conn: Connection, parent: int) -> None:  # pragma: no cover - runs in a child process
    """A worker process: load spaCy once, then annotate one request at a time until the pipe closes."""
    from newsline.corpus._ingest import worker_init

    worker_init(parent)  # Ctrl-C is the server's business; exit when the server is gone
    from newsline.events._annotate import annotate

    try:
        from newsline.events._detect import load_model
        from newsline.events._nlp import load_nlp

        load_nlp()
        load_model()
        annotate("date 2020-10-16\nThe vote was held on Sunday.")  # warm up
        conn.send(("ready", None))
    except NewslineError as exc:
        conn.send(("unavailable", str(exc)))
        return
    while True:
        try:
            text, dct, doc_id = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(("ok", annotate(text, dct, doc_id=doc_id)))
        except NewslineError as exc:
            conn.send(("input", str(exc)))
        except Exception as exc:  # one bad text must not end the worker
            conn.send(("internal", f"{type(exc).__name__}: {exc}"))


class _Worker:
    def __init__(self, ctx: Any) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, os.getpid()), daemon=True,
                                   name="newsline-annotate")
        self.process.start()
        child.close()
        self.ready = False
        self.unavailable: str | None = None
        self._lock = threading.Lock()

    def wait_ready(self, timeout: float) -> None:
        """Wait up to ``timeout`` seconds for the worker to have loaded spaCy."""
        with self._lock:
            if self.ready:
                return
            if self.unavailable is not None:
                raise AnnotationUnavailable(self.unavailable)
            if not self.conn.poll(max(timeout, 0.0)):
                raise BudgetExceeded
            kind, message = self.conn.recv()
            if kind != "ready":
                self.unavailable = str(message)
                raise AnnotationUnavailable(self.unavailable)
            self.ready = True

    def check_ready(self) -> bool:
        """Whether the worker has loaded spaCy, without waiting (False while it is busy being asked)."""
        if self.ready or not self._lock.acquire(blocking=False):
            return self.ready
        try:
            if not self.ready and self.unavailable is None and self.conn.poll(0):
                kind, message = self.conn.recv()
                self.ready = kind == "ready"
                self.unavailable = None if self.ready else str(message)
            return self.ready
        except (EOFError, OSError):
            return False
        finally:
            self._lock.release()

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class AnnotatePool:
    """``size`` worker processes (spawned, so no DuckDB handle or thread is copied into them).

    :meth:`annotate` hands a text to an idle worker and waits for the answer
    within the time budget; a worker that does not answer in time is killed and
    replaced, so a runaway text cannot keep a core busy.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._ctx = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: list[_Worker] = []
        self._lock = threading.Lock()
        self._started = False

    def start(self) -> None:
        with self._lock:
            if self._started:
                return
            self._started = True
            for _ in range(self.size):
                self._add()

    def _add(self) -> None:
        w = _Worker(self._ctx)
        self._all.append(w)
        self._idle.put(w)

    def ready_count(self) -> int:
        """How many workers have their model loaded."""
        with self._lock:
            workers = list(self._all)
        return sum(1 for w in workers if w.check_ready())

    def annotate(self, text: str, dct: str | None, doc_id: str | None, budget: float) -> AnnotatedDocument:
        self.start()
        deadline = time.monotonic() + budget
        try:
            w = self._idle.get(timeout=max(budget, 0.0))
        except queue.Empty:
            raise BudgetExceeded from None
        ok = False
        try:
            w.wait_ready(deadline - time.monotonic())
            w.conn.send((text, dct, doc_id))
            if not w.conn.poll(max(deadline - time.monotonic(), 0.0)):
                raise BudgetExceeded
            kind, payload = w.conn.recv()
            ok = True
        except AnnotationUnavailable:
            ok = True  # the worker is fine, the machine lacks the model: keep it to say so quickly
            raise
        except (EOFError, OSError):
            raise AnnotationUnavailable("the annotation worker stopped; try again") from None
        finally:
            if ok:
                self._idle.put(w)
            else:  # timed out or died: kill it, start a fresh one in its place
                with self._lock:
                    w.stop()
                    self._all.remove(w)
                    self._add()
        if kind == "ok":
            assert isinstance(payload, AnnotatedDocument)
            return payload
        if kind == "input":
            raise InputError(str(payload))
        raise RuntimeError(str(payload))

    def close(self) -> None:
        with self._lock:
            for w in self._all:
                w.stop()
            self._all.clear()
