"""Shared fixtures: the project's folders and the optional ../shared/data corpora."""

from __future__ import annotations

import os
from pathlib import Path
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


@pytest.fixture(scope="session")
def spacy_nlp() -> Any:
    """spaCy's English pipeline; skips the test when spaCy or its model is not installed."""
    return require_spacy_model()


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
