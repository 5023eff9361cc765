"""The regular forms of English words, for matching what people type against what articles write: a query
word finds "flooding" and "flooded" as well as "flood" (summaries, search)."""

from __future__ import annotations

import re
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


def word_pattern(word: str, *, forms: bool | None = None) -> str:
    """A case-insensitive RE2 pattern for ``word`` as a whole word, in any of its regular forms ("flood":
    "floods", "flooded", "flooding"; "strike": "strikes", "striking"), its own characters taken literally.
    ``forms`` (default: when it is all letters) says whether to look for those forms; a word with other
    characters than letters ("9/11", "100%") is otherwise looked for as it is, with no word boundary beside a
    mark ("100%": a mark is not cut off from the number before it)."""
    if forms is None:
        forms = word.isalpha()
    core = re.escape(word_core(word)) + ENDINGS if forms else re.escape(word)
    before = r"(^|\W)" if forms or re.match(r"\w", word) else ""
    after = r"($|\W)" if forms or re.search(r"\w$", word) else ""
    return r"(?i)" + before + core + after
