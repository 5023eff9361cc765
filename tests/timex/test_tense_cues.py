"""The tense cues around bare weekdays: found by one pattern, the same as word by word."""

from __future__ import annotations

import pytest

import newsline
from newsline.timex._grammar import load_grammar
from newsline.timex._tense_cues import tense_cues

DCT = "2021-03-10"  # a Wednesday: Friday is 2021-03-12 ahead, 2021-03-05 behind


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The council will vote on Friday.", "2021-03-12"),
        ("The council voted on Friday.", "2021-03-05"),
        ("The bill is expected to pass Friday.", "2021-03-12"),  # a phrase of three words
        ("The hearing was scheduled for Friday.", "2021-03-05"),  # a phrase of two words
        ("The bonds will be repaid Friday.", "2021-03-12"),  # "be repaid": a participle, not the past
        ("Mr. Okafor's hearing, which O'Neill's lawyers sought, ended Friday.", "2021-03-05"),
        ("The ferry won't sail until Friday.", "2021-03-12"),
        ("Talks collapsed Friday.", "2021-03-05"),  # a word in -ed
    ],
)
def test_a_bare_weekday_follows_the_nearest_cue(text: str, value: str) -> None:
    friday = [t for t in newsline.tag(text, dct=DCT).timexes if t.text == "Friday"]
    assert [t.value for t in friday] == [value]


WINDOWS = [
    "the vote is to be held friday, officials said; it was expected earlier",
    "plans to open, planned to close, planning to wait and plans for friday",
    "going  to\nthe polls as soon as friday -- or as soon, as monday",
    "he's due friday but they're to go; jones 's team 'll travel, won't it",
    "'s and 'll at the start; rock-'n-roll ended; wasted, based, embedded, closed",
    "being signed friday, be signed monday, be, signed; maybe signed tuesday",
    "it is. to be? set to. set, to; had been set to resume; had been due; is due",
    "x_ed abc_ed 3ed annoUNCED_ed voted2 voted_ crossed' crossed'x 'crossed",
    "nounced friday was", "ed friday", "would be friday would", "intends to",
]


@pytest.mark.parametrize("window", WINDOWS)
def test_the_pattern_finds_the_cues_a_word_by_word_reading_finds(window: str) -> None:
    cues = tense_cues(load_grammar().lexicon)
    for cut in range(len(window) + 1):  # windows start and end mid-word too
        for part in (window[cut:], window[:cut]):
            assert list(cues._by_pattern(part)) == list(cues._by_words(part)), part
