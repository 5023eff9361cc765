"""What the benchmark's sections share: the gold corpora, the texts' type, timing, text size, a child's env."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

__all__ = ["CORPORA", "Corpus", "Texts", "child_env", "text_mb", "timed_call"]


@dataclass(frozen=True, slots=True)
class Corpus:
    name: str
    path: str
    split: str
    values_reliable: bool = True
    own_notation: bool = False  # some gold values are spelt its own way (see _timex_scoring.timex3_notation)


CORPORA = (
    Corpus("TimeBank", "tempeval3/TBAQ-cleaned/TimeBank", "train"),
    Corpus("AQUAINT", "tempeval3/TBAQ-cleaned/AQUAINT", "dev"),
    Corpus("tweets", "tweets/trainingset/tml", "train", own_notation=True),
    Corpus("WikiWars", "wikiwars/trainingset/tml", "train", values_reliable=False),
)

Texts = Sequence[tuple[str, date | None]]


def timed_call(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def text_mb(texts: Texts) -> float:
    return sum(len(t.encode("utf-8")) for t, _ in texts) / 1e6


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    src = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH")) if p)
    return env
