"""Wire datelines: "PARIS, March 4 (Reuters) -- ", "WASHINGTON \u2014 ", "CANBERRA, Australia (AP)_ ".

A dateline says where (and sometimes when, and through which agency) a story was
filed; it is no part of the story's sentences.  It opens the article body or a
paragraph: a place in capitals (up to four words: "THE HAGUE", "ST. LOUIS"; two joined: "OSLO/CHICAGO"), then
optionally a region (", Kenya", ", Calif."), a date (", March 4", ", 4 March 2015",
", Tuesday") and an agency in brackets ("(Reuters)"), then a dash ("-", "--", an en
or em dash, or the "_" of AP copy) before the story's first word.  The event stage
keeps its words out of events' participants, subjects and titles; the summaries of
``corpus/_summary.py`` cut it off their sentences.  One definition serves both.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from newsline._model import Timex
from newsline.events._nlp import doc_text

_PLACE = r"[A-Z][A-Z'.\-]+(?:[ ][A-Z][A-Z'.\-]*){0,3}(?:/[A-Z][A-Z'.\-]+(?:[ ][A-Z][A-Z'.\-]*){0,2})?"  # "OSLO/CHICAGO"
_REGION = r"(?:,[ ][A-Z][A-Za-z'.\-]*(?:[ ][A-Z][A-Za-z'.\-]*){0,2})?"
_DATE = (r"(?:,?[ ](?:[A-Z][a-z]{2,8}\.?[ ]\d{1,2}(?:,?[ ]\d{4})?|\d{1,2}[ ][A-Z][a-z]{2,8}\.?(?:[ ]\d{4})?"
         r"|[A-Z][a-z]{2,5}day))?")
_AGENCY = r"(?:[ ]?\([A-Za-z][A-Za-z .&'\-]{0,30}\))?"
_DASH = r"(?:[ \t]+-{1,2}[ \t]+|[ \t]*_[ \t]+|[ \t]*(?:--|\u2013|\u2014)[ \t]*)"
_STORY = r"(?=[A-Z0-9\"'\u201c\u2018])"
# at the start of the text or of a line, after any blanks
DATELINE = re.compile(rf"^[ \t]*{_PLACE}{_REGION}{_DATE}{_AGENCY}{_DASH}{_STORY}", re.MULTILINE)


def dateline_end(text: str) -> int | None:
    """Where the story starts when ``text`` opens with a dateline (after any blanks), else None."""
    m = DATELINE.match(text.lstrip())
    return None if m is None else len(text) - len(text.lstrip()) + m.end()


def dateline_over(text: str, start: int) -> int | None:
    """Where the story starts when the line that holds ``start`` opens with a dateline that reaches past
    ``start``, else None: a sentence split off inside a dateline ("SALEM, Ore., May 2 (Wire) -" on its own,
    or ", March 7 (Wire) - Carraway resigned" after "LONDON") is dateline up to there."""
    line = text.rfind("\n", 0, start) + 1
    m = DATELINE.match(text, line)
    return m.end() if m is not None and m.end() > start else None


def datelines(text: str) -> list[tuple[int, int]]:
    """The character spans [start, end) of the datelines of ``text``: at its start or a line's, the dash included."""
    return [(m.start() + len(m.group()) - len(m.group().lstrip()), m.end()) for m in DATELINE.finditer(text)]


def dateline_tokens(doc: Any, text: str | None = None) -> frozenset[int]:
    """The indexes of the tokens of a spaCy ``doc`` that lie in a dateline.

    ``text`` is ``doc.text`` where the caller has it already (spaCy joins the tokens anew on each access).
    """
    spans = datelines(doc_text(doc) if text is None else text)
    if not spans:
        return frozenset()
    out: set[int] = set()
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            out.update(range(span.start, span.end))
    return frozenset(out)


def outside_dateline(tok: Any, dateline: frozenset[int]) -> Any | None:
    """``tok`` when it is no word of a dateline; for a dateline's place that the parser made an argument,
    the story's own noun it hangs as an apposition ("OSLO (Reuters) - Oslo will host": Oslo), else None."""
    if tok.i not in dateline:
        return tok
    return next((c for c in tok.children if c.i not in dateline and c.dep_ in ("appos", "conj")
                 and c.pos_ in ("NOUN", "PROPN", "PRON")), None)


def story_timexes(timexes: Sequence[Timex], text: str) -> tuple[Timex, ...]:
    """The time expressions of the story: not the date of a dateline ("LONDON, March 4 (Reuters) - The trial
    opened on Friday": the trial opened on Friday, March 4 is when the story was filed)."""
    spans = datelines(text)
    if not spans:
        return tuple(timexes)
    return tuple(t for t in timexes if not any(a <= t.start < b for a, b in spans))


# a wire's credit line: "(Reporting by Lena Varga; Editing by Tomas Reyes)", "Additional reporting by ..."
_CREDIT = re.compile(r"(?m)^[ \t]*[(\[]?[ \t]*(?:(?:Additional |Further )?[Rr]eporting|Writing|Editing|Compiled|"
                     r"Edited|Written|Photos?)(?: and (?:writing|editing|reporting))? by\b[^\n]*$")


def credit_lines(text: str) -> list[tuple[int, int]]:
    """The spans of a wire story's credit lines ("(Reporting by ...; Editing by ...)"): who wrote it, no event of
    the story (new-user trial AG had "Reporting by Varga" dated on the publication day)."""
    return [m.span() for m in _CREDIT.finditer(text)]
