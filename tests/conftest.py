"""Shared fixtures: the project's folders and the optional ../shared/data corpora."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED_DATA = Path(os.environ.get("NEWSLINE_SHARED_DATA", ROOT.parent / "shared" / "data"))


def require_spacy_model() -> Any:
    """spaCy's English pipeline (``load_nlp()``); skips the calling test when, and only when, spaCy or its
    English model is not installed.  Any other error, even a NewslineError, propagates and fails the test."""
    from newsline.errors import NewslineError
    from newsline.events._nlp import MISSING, load_nlp

    try:
        return load_nlp()
    except NewslineError as exc:
        if str(exc) != MISSING:
            raise
        pytest.skip(f"spaCy's English model is not installed: {exc}")


def ingested(folder: Path, articles: dict[str, str]) -> Path:
    """A store (``folder/news.duckdb``) holding ``articles`` (file name -> text) as ``newsline ingest`` stores
    them; skips the calling test without spaCy's English model."""
    from newsline import cli

    require_spacy_model()
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    path = folder / "news.duckdb"
    assert cli.main(["ingest", str(folder), "--db", str(path)]) == 0
    return path


@pytest.fixture(scope="session")
def spacy_nlp() -> Any:
    """spaCy's English pipeline; skips the test when spaCy or its model is not installed."""
    return require_spacy_model()


class Parses:
    """spaCy's parse of a text, each text parsed once per test session and kept.

    The slow tests (the event and link training scripts, the AQUAINT floors) parse
    the same gold corpora; with this they share one parse of each document.  A
    parse by ``nlp(text)`` is the same whether made alone or in ``nlp.pipe``.
    """

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp
        self._docs: dict[str, Any] = {}

    def __call__(self, text: str) -> Any:
        doc = self._docs.get(text)
        if doc is None:
            doc = self._docs[text] = self.nlp(text)
        return doc

    def pipe(self, texts: list[str]) -> list[Any]:
        return [self(t) for t in texts]

    def prefill(self, texts: list[str]) -> None:
        """Parse the texts not parsed yet, in two processes where there are two cores."""
        todo = list(dict.fromkeys(t for t in texts if t not in self._docs))
        n_process = max(1, min(2, os.cpu_count() or 1, len(todo) // 8))
        for text, doc in zip(todo, self.nlp.pipe(todo, batch_size=8, n_process=n_process), strict=True):
            self._docs[text] = doc


@pytest.fixture(scope="session")
def spacy_parses(spacy_nlp: Any) -> Parses:
    """The session's shared cache of spaCy parses (skips without spaCy's English model)."""
    return Parses(spacy_nlp)


@pytest.fixture(scope="session")
def gold_parses(spacy_parses: Parses, timebank: Path, aquaint: Path) -> Parses:
    """The shared cache, holding the parses of every TimeBank and AQUAINT text (skips when either is absent)."""
    from newsline.timeml import read_timeml

    spacy_parses.prefill([read_timeml(p).text for folder in (timebank, aquaint) for p in sorted(folder.glob("*.tml"))])
    return spacy_parses


def load_script(name: str) -> ModuleType:
    """scripts/<name>.py as a module (the training scripts, run in-process by the tests)."""
    spec = importlib.util.spec_from_file_location(f"newsline_script_{name}", ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it runs
    spec.loader.exec_module(module)
    return module


# Weights are written to 3 decimals: another release of the solver's libraries may move one by the last digit
# (scikit-learn 1.9 with numpy 2.4 moved 31 of the event detector's and 1 of the anchoring model's by 0.001).
WRITTEN_WEIGHT_TOLERANCE = 0.0015


def largest_difference(a: object, b: object, where: str = "") -> float:
    """The largest difference between two numbers at the same place of two JSON values whose structure, strings and
    keys are the same (an AssertionError names the first place where they are not)."""
    if isinstance(a, float | int) and isinstance(b, float | int) and not isinstance(a, bool):
        return abs(float(a) - float(b))
    assert type(a) is type(b), where
    if isinstance(a, dict) and isinstance(b, dict):
        assert a.keys() == b.keys(), where
        return max((largest_difference(a[k], b[k], f"{where}/{k}") for k in a), default=0.0)
    if isinstance(a, list) and isinstance(b, list):
        assert len(a) == len(b), where
        return max((largest_difference(x, y, f"{where}[{i}]") for i, (x, y) in enumerate(zip(a, b, strict=True))),
                   default=0.0)
    assert a == b, where
    return 0.0


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data`` (or $NEWSLINE_SHARED_DATA); skips the test when it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"corpora not available at {SHARED_DATA}")
    return SHARED_DATA


def _gold_folder(shared_data: Path, name: str) -> Path:
    folder = shared_data / "tempeval3" / "TBAQ-cleaned" / name
    if not folder.is_dir():
        pytest.skip(f"{name} not available at {folder}")
    return folder


@pytest.fixture(scope="session")
def timebank(shared_data: Path) -> Path:
    """The TempEval-3 TimeBank folder of gold TimeML files; skips when absent."""
    return _gold_folder(shared_data, "TimeBank")


@pytest.fixture(scope="session")
def aquaint(shared_data: Path) -> Path:
    """The TempEval-3 AQUAINT folder of gold TimeML files; skips when absent."""
    return _gold_folder(shared_data, "AQUAINT")


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES
