"""The candidate scan: straight to RE2's automaton for ASCII text, the same spans as re2's finditer."""

from __future__ import annotations

import pytest

from newsline.timex._grammar import load_grammar
from newsline.timex._recognize import _scan

TEXTS = [
    "On Friday, March 3, 2021 at 9:30 a.m. the board met; two weeks later it met again.",
    "Last year's 2020-21 season, the 1990s and the next three months",
    "no time here at all",
    "",
    "Tuesday",
]


@pytest.mark.parametrize("text", TEXTS)
def test_the_scan_finds_what_finditer_finds(text: str) -> None:
    g = load_grammar()
    for start in range(len(text) + 1):
        expected = [m.span() for m in g.scanner.finditer(text.encode("ascii"), start)]
        assert list(_scan(g, text, start)) == expected


def test_dates_are_candidates() -> None:
    spans = list(_scan(load_grammar(), TEXTS[0], 0))
    assert len(spans) >= 3  # Friday, March 3, 2021; 9:30 a.m.; two weeks later
