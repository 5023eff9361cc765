"""The timeline page in a real browser: headless Debian chromium driven by playwright-core (tests/service/e2e/run.mjs).

A fixture starts ``newsline serve`` on a free loopback port over the service
test corpus; the Node script annotates a pasted article, opens an entity
timeline through the suggestions, zooms, pans, clicks an event, checks the
highlighted sentence and the document link, the shared URL, the date filter,
keyboard use, escaping of hostile text and names, the Story view (a topic's key dates, each
sentence linked to its article), and phone width, and saves
screenshots under tests/service/e2e/screenshots/ (or $NEWSLINE_E2E_SCREENSHOTS).

Skips, saying which, when chromium or node is missing.  Where both are installed
the test FAILS when playwright-core is missing (``make test`` runs ``npm ci`` in
tests/service/e2e and stops when it fails: ``make e2e-deps``), so that a broken
install cannot pass as a skip.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("uvicorn", reason="needs newsline[serve] (FastAPI, uvicorn, httpx)")

from _service_corpus import corpus_db, require_events  # noqa: E402

from newsline.service._loadtest import free_port, wait_healthy  # noqa: E402

E2E = Path(__file__).resolve().parent / "e2e"
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(os.environ.get("NEWSLINE_E2E_SCREENSHOTS", E2E / "screenshots"))


def _browser_tools() -> str:
    """The node executable; skips the test (with what to install) when chromium or Node.js is missing, and
    fails it when both are there but playwright-core is not."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("browser tests need Node.js (Debian: apt-get install nodejs npm)")
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(f"browser tests need chromium at {CHROMIUM} (Debian: apt-get install chromium chromium-driver; "
                    "or set CHROMIUM=/path/to/chromium)")
    if not (E2E / "node_modules" / "playwright-core").is_dir():
        pytest.fail(f"chromium ({CHROMIUM}) and Node.js ({node}) are installed but playwright-core is not: "
                    "cd tests/service/e2e && npm ci (make e2e-deps does it)", pytrace=False)
    return node


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """``newsline serve`` over the test corpus on a free loopback port; its base URL."""
    _browser_tools()
    require_events()
    db = corpus_db()
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    proc = subprocess.Popen([sys.executable, "-m", "newsline", "serve", "--db", str(db), "--port", str(port),
                             "--time-budget", "180"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        wait_healthy(url, timeout=120, process=proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stderr is not None:
            proc.stderr.close()


def test_the_page_in_headless_chromium(server: str) -> None:
    node = _browser_tools()
    if SCREENSHOTS.exists():
        shutil.rmtree(SCREENSHOTS)
    env = {**os.environ, "CHROMIUM": CHROMIUM}
    try:
        r = subprocess.run([node, str(E2E / "run.mjs"), server, str(SCREENSHOTS)], capture_output=True, text=True,
                           timeout=240, env=env, cwd=E2E)
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"the browser test did not finish in 240 s:\n{exc.stdout or ''}\n{exc.stderr or ''}")
    passed = [line for line in r.stdout.splitlines() if '"ok":true' in line]
    assert r.returncode == 0, f"{r.stdout}\n{r.stderr}"
    assert len(passed) >= 25, r.stdout
    for name in ("article.png", "entity.png", "event.png", "document.png", "escaped.png", "phone-entity.png",
                 "phone-article.png", "story.png"):
        assert (SCREENSHOTS / name).stat().st_size > 10_000, name


def test_the_timelinejs_export_in_timelinejs(server: str) -> None:
    """The entity timeline's TimelineJS export loaded into the vendored TimelineJS (e2e/timelinejs.mjs)."""
    node = _browser_tools()
    env = {**os.environ, "CHROMIUM": CHROMIUM}
    try:
        r = subprocess.run([node, str(E2E / "timelinejs.mjs"), server, str(SCREENSHOTS)], capture_output=True,
                           text=True, timeout=180, env=env, cwd=E2E)
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"the TimelineJS browser test did not finish in 180 s:\n{exc.stdout or ''}\n{exc.stderr or ''}")
    assert r.returncode == 0, f"{r.stdout}\n{r.stderr}"
    passed = [line for line in r.stdout.splitlines() if '"ok":true' in line]
    assert len(passed) >= 9, r.stdout
    assert (SCREENSHOTS / "timelinejs.png").stat().st_size > 10_000
