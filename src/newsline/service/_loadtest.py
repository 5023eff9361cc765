"""The load test behind ``newsline bench --serve N``: a server on a free loopback port, clients hammering it.

Also :func:`free_port` and :func:`wait_healthy`, which the end-to-end tests use.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from newsline.timex._inputs import split_header

__all__ = ["LoadFigures", "bench_texts", "free_port", "load_test", "wait_healthy"]


@dataclass(frozen=True, slots=True)
class LoadFigures:
    endpoint: str
    requests: int
    errors: int
    seconds: float
    p50_ms: float
    p99_ms: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "requests_per_s": round(self.rps, 1)}


def _percentile(values: Sequence[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def free_port(host: str = "127.0.0.1") -> int:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def wait_healthy(url: str, timeout: float = 120.0, process: Any = None) -> None:
    """Poll ``url``/healthz until it answers 200 with every annotation worker ready."""
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server exited with status {process.returncode}")
        try:
            r = httpx.get(url + "healthz", timeout=2.0)
            if r.status_code == 200 and r.json().get("annotate_workers", 0) >= 1:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"the server at {url} did not become ready in {timeout:.0f} s")


def load_test(db: Path, requests: int, *, workers: int = 2, concurrency: int = 4,
              texts: Sequence[tuple[str, str]] = (), entities: Sequence[str] = ()) -> list[LoadFigures]:
    """Start ``newsline serve --workers N`` on a free loopback port, then send ``requests`` requests to
    ``/v1/annotate`` (``texts``: (text, dct) pairs in turn) and ``requests`` to ``/v1/timeline``
    (``entities`` in turn), ``concurrency`` at a time; stops the server.  Bounded: every request
    has a 60 s timeout."""
    import subprocess
    import sys

    import httpx

    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    cmd = [sys.executable, "-m", "newsline", "serve", "--db", str(db), "--port", str(port), "--workers",
           str(workers)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_healthy(url, process=proc)
        with httpx.Client(base_url=url, timeout=60.0) as client:  # each worker process: its model loaded
            for _ in range(2 * workers):
                if texts:
                    client.post("v1/annotate", json={"text": texts[0][0], "dct": texts[0][1]})
        jobs: list[tuple[str, Callable[[httpx.Client, int], httpx.Response]]] = []
        if texts:
            jobs.append(("/v1/annotate", lambda c, i: c.post(
                "v1/annotate", json={"text": texts[i % len(texts)][0], "dct": texts[i % len(texts)][1]})))
        if entities:
            jobs.append(("/v1/timeline", lambda c, i: c.get("v1/timeline",
                                                            params={"entity": entities[i % len(entities)]})))
        return [_hammer(url, name, fn, requests, concurrency) for name, fn in jobs]
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _hammer(url: str, name: str, fn: Callable[[Any, int], Any], requests: int, concurrency: int) -> LoadFigures:
    import httpx

    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    counter = iter(range(requests))

    def next_index() -> int | None:
        with lock:
            return next(counter, None)

    def client_loop() -> None:
        nonlocal errors
        with httpx.Client(base_url=url, timeout=60.0) as client:
            while (i := next_index()) is not None:
                t0 = time.perf_counter()
                try:
                    ok = fn(client, i).status_code == 200
                except httpx.HTTPError:
                    ok = False
                dt = time.perf_counter() - t0
                with lock:
                    latencies.append(dt)
                    errors += 0 if ok else 1

    started = time.perf_counter()
    threads = [threading.Thread(target=client_loop) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - started
    return LoadFigures(name, len(latencies), errors, seconds, _percentile(latencies, 50) * 1000,
                       _percentile(latencies, 99) * 1000)


def bench_texts(folder: Path) -> list[tuple[str, str]]:
    """(text, dct) pairs of the dated ``.txt`` articles in ``folder`` (the header is left in the text)."""
    out = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        dct, _ = split_header(text)
        if dct is not None:
            out.append((text, dct.isoformat()))
    return out
