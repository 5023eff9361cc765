"""The sentences of a stored article as ``summarize`` reads them: spans (spaCy's where its events are, else split
by lines and end marks), the page header, a wire dateline cut off, the clause of a long sentence."""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Sequence

from newsline.events._dateline import dateline_end, dateline_over
from newsline.events._headline import headline_end
from newsline.timex._context import _NOT_AN_END
from newsline.timex._inputs import split_header

MIN_WORDS = 6  # words a candidate sentence or clause has at least (see _summary.MAX_WORDS)
_SENTENCE_INSIDE = re.compile(r"[a-z0-9][.!?][\"”’]?\s+[\"“]?[A-Z]")  # "... on Tuesday. Engineers ..."
HEADER_WORDS = 20  # a first line this long that ends a sentence is the lead, not a headline (events._headline)

# a full stop after an abbreviation ("ended Sept. 30", "Dr. Sow") ends no sentence (as in the tagger), nor
# "a.m." before a time zone ("around 9:30 a.m. Eastern, and the company declared ...")
_ZONES = r"(?:Eastern|Central|Mountain|Pacific|[ECMP][SD]?T|GMT|UTC)\b"  # after a clock time ("9:30 a.m. Eastern")
_SPLIT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"')\]]))" + _NOT_AN_END + r"\s+(?=[\"'(\[]?[A-Z0-9])"
                    + r"(?!(?<=[ap]\.m\. )" + _ZONES + r")|\n+")


_CLOSING_QUOTES = frozenset('"\u201d\u2019\'')
_CLOCK_END = re.compile(r"[ap]\.m\.\s*\Z")
# an acronym alone, on the line of the next sentence: spaCy's split of "GHCA Director-General Henrik Solberg, who
# arrives ..." after the acronym (new-user trial AG had "Director-General ..." in a summary)
_RUNS_ON = re.compile(r"[ \t]*[A-Z][A-Z0-9&-]{1,7}[ \t]*")
_ZONE_AFTER_CLOCK = re.compile(r"\s*" + _ZONES)


def _sentence_spans(text: str, known: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans of a text: those of its events (spaCy's), and the rest split by lines and end marks."""
    spans: list[tuple[int, int]] = []
    for a, b in sorted(set(known)):  # spaCy ends a sentence at "9:30 a.m." before "Eastern, and ...": one
        if spans and a < spans[-1][1]:
            a = spans[-1][1]  # its closing quotation mark went to the sentence before (below)
        if b < len(text) and text[b] in _CLOSING_QUOTES and text[b - 1:b] in (".", "!", "?") \
                and (b + 1 == len(text) or text[b + 1].isspace()):
            b += 1  # 'had "treated the fund as his own wallet."' before a paragraph break: the parse may leave the
            # mark out (new-user trial AY's summaries lost it)
        if a >= b:
            continue
        if spans and spans[-1][1] <= a and _ZONE_AFTER_CLOCK.match(text, a) \
                and _CLOCK_END.search(text, max(0, spans[-1][1] - 6), spans[-1][1]):
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    out: list[tuple[int, int]] = []
    pos = 0
    for s, e in [*spans, (len(text), len(text))]:
        if s < pos:
            continue
        piece_start = pos
        for m in _SPLIT.finditer(text, pos, s):
            out.append((piece_start, m.start()))
            piece_start = m.end()
        out.append((piece_start, s))
        if e > s:
            out.append((s, e))
        pos = max(pos, e)
    kept: list[tuple[int, int]] = []
    for s, e in out:
        if not text[s:e].strip():
            continue
        if kept and _RUNS_ON.fullmatch(text, *kept[-1]) and "\n" not in text[kept[-1][1]:s]:
            kept[-1] = (kept[-1][0], e)
        else:
            kept.append((s, e))
    return kept


def _sentence_at(spans: Sequence[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    """The span of ``spans`` (:func:`_sentence_spans`: in order, none overlapping) that holds ``offset``, or None."""
    i = bisect_right(spans, (offset, math.inf)) - 1
    if i >= 0 and spans[i][0] <= offset < spans[i][1]:
        return spans[i][0], spans[i][1]
    return None


def _clean(text: str) -> str:
    return " ".join(text.split())


def _header_end(text: str) -> int:
    """Where the page header ends: a first line followed by an empty line is headline, byline and stamp (after
    the document's "date: ..." line, if it has one: that line too is no sentence of the story)."""
    _dct, body = split_header(text, strict=False)
    line = text.find("\n", body)
    if line < 0 or not text.startswith("\n\n", line):
        return body
    first = text[body:line].strip()
    if first.endswith((".", "!", "?", ".\"", ".”")) and (len(first.split()) > HEADER_WORDS
                                                         or _SENTENCE_INSIDE.search(first)):
        return body  # a lead paragraph of one sentence, as a saved web page stores it (its title kept apart;
        # new-user trial AH lost "Lawyers for Derek Malloy filed a notice of appeal on Wednesday, ..."), or of two
        # ("The Fenwick bridge closed on Tuesday. Engineers called it ...": re-check trial AZ's summary lost Tuesday)
    return line


# where a long sentence may be cut: before a coordinated clause (", and by early Monday the river had burst"), a
# semicolon, a dash, or a participle clause (", flooding much of the old town"); not at an "and" without a comma,
# which mostly joins nouns ("farms, golf courses and car washes": re-check trial AU had a sentence cut there)
_CLAUSE_CUT = re.compile(r", (?:and|but|while|whereas) (?=[a-z])| (?:but|while|whereas) (?=[a-z])|; "
                         r"| [-\u2013\u2014]+ |, (?=[a-z]+ing\b)")


def _clause_at(sent: str, start: int, offset: int) -> tuple[int, int, str]:
    """The clause of a long sentence (starting at ``start`` in its text) that holds the text offset ``offset``
    (the first clause for a lead sentence, offset -1), its cuts marked with an ellipsis: "A storm dumped 180 mm of
    rain late Sunday, and by early Monday the river had burst its banks" -> "A storm dumped 180 mm of rain late
    Sunday…", "…by early Monday the river had burst its banks.". The sentence itself
    (its start, end and text) when it has no such cut or the clause is too short to stand alone."""
    whole = (start, start + len(sent), sent)
    cuts = [0, *(m.end() for m in _CLAUSE_CUT.finditer(sent)), len(sent)]
    at = offset - start if offset >= start else 0
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a <= at < b or b == len(sent):
            m = _CLAUSE_CUT.search(sent, a)
            end = m.start() if m is not None and m.start() < b else b
            piece = sent[a:end].strip().rstrip(",;:")
            participle = a > 0 and sent[a - 2:a] == ", " and piece.split()[0].endswith("ing")
            if len(piece.split()) < MIN_WORDS or not piece[:1].isalnum() or participle:  # no "Flooding much of"
                return whole
            # what was cut is marked, as a quotation marks it: "... by early Monday the river had burst its banks."
            # (new-user trial AT: a clipped sentence ending in a full stop would be quoted as the whole sentence)
            text = ("\u2026" if a > 0 else "") + piece
            ended = piece.endswith((".", "!", "?"))
            return start + a, start + a + len(piece), text if ended else text + ("\u2026" if end < len(sent) else ".")
    return whole


_CLOSING = "\"\u201d"  # a quote mark that closes a quotation, or either way: '"'
_OPENING = "\"\u201c"


def _without_stray_quotes(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) without a closing quote mark and white space at its start, an opening one after white space at
    its end, and white space at its end (one pass; a regular expression with a lazy group took a summary's
    time squared in the sentence's length)."""
    a = start
    if a + 1 < end and text[a] in _CLOSING and text[a + 1].isspace():
        a += 1
        while a < end and text[a].isspace():
            a += 1
    b = end
    while b > a and text[b - 1].isspace():
        b -= 1
    if b - 2 >= a and text[b - 1] in _OPENING and text[b - 2].isspace():
        b -= 1
        while b > a and text[b - 1].isspace():
            b -= 1
    return a, b


def story_start(text: str) -> int:
    """Where the story of a stored article starts: after its page header (:func:`_header_end`) and its headline,
    which is no sentence of the story: its lead says it (new-user trial AC had both)."""
    header = _header_end(text)
    return header + (headline_end(text[header:]) or 0)


def _story_sentence(text: str, start: int, end: int, story: int) -> tuple[int, str] | None:
    """A candidate sentence of the story that starts at ``story`` (:func:`story_start`), without its wire
    dateline: (its start, its text), else None."""
    start = max(start, story)  # a sentence that runs on from the headline: the story's part of it
    if end <= start or not text[start:end].strip():
        return None
    cut = dateline_end(text[start:end])  # "WASHINGTON (Reuters) - " opening the first sentence
    if cut is not None:
        start += cut
    else:
        over = dateline_over(text, start)  # the parser split the dateline: "SALEM, Ore., May 2 (Wire) -"
        if over is not None:
            if over >= end:
                return None
            start = over
    # the parser may end a quotation's sentence before its closing quote mark, or end one with the next one's
    # opening mark: a mark with a space after it opens nothing, one with a space before it closes nothing
    start, end = _without_stray_quotes(text, start, end)
    return start, _clean(text[start:end])
