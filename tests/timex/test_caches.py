"""What the tagger remembers between documents changes nothing: warm answers equal cold ones."""

from __future__ import annotations

import pytest

import newsline
from newsline.timex import _recognize

TEXTS = [
    "Shares fell last Oct. 23 and again on Friday, the current quarter's low.",
    "The 3-year-old colt won a second time; the fall of the index came in the fall.",
    "It may last until May 16, officials said; sun and rain in January last year.",
    "x_last Oct. 23 ran_a second time, é3-year-old",  # word characters just before a candidate
    "A year ago the hours were long; 18 years later, days after the vote, it may rise.",
]


def _cold(text: str) -> dict[str, object]:
    _recognize._FULL_CACHE.clear()
    _recognize._PREFIX_CACHE.clear()
    return newsline.tag(text, dct="2021-03-10").to_dict()


@pytest.mark.parametrize("order", [1, -1])
def test_remembered_matches_give_the_same_readings(order: int) -> None:
    cold = {text: _cold(text) for text in TEXTS}
    for _ in range(2):
        for text in TEXTS[::order]:
            assert newsline.tag(text, dct="2021-03-10").to_dict() == cold[text]
    assert _recognize._PREFIX_CACHE  # the fallback to shorter matches was taken and remembered
