"""The regular forms of English words, for matching what people type against what articles write: a query
word finds "flooding" and "flooded" as well as "flood" (summaries, search)."""

from __future__ import annotations

from functools import lru_cache

_SUFFIXES = ("ings", "ing", "ies", "ied", "ers", "es", "ed", "er", "s")
ENDINGS = "(?:" + "|".join(("e", "y", *_SUFFIXES)) + ")?"  # a regular expression: any ending after a core


@lru_cache(maxsize=65536)
def word_core(word: str) -> str:
    """What the regular forms of an English word share: a suffix and then a final "e" or "y" cut off
    ("flooding" -> "flood", "strikes" -> "strik", "companies" -> "compan"), leaving four letters at least;
    "news", "virus", "crisis", "press" keep their "s"."""
    w = word.lower()
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 4 and not (suffix == "s" and w[-2] in "usi'"):
            w = w[:-len(suffix)]
            break
    if len(w) >= 5 and w[-1] in "ey":
        w = w[:-1]
    return w
