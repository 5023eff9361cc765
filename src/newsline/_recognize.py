"""Find time expressions: one compiled scan for candidates, then per-candidate rules.

Flow for each candidate span the scanner reports:
  1. which rule matches it exactly (rules in file order; else shorter prefixes),
  2. the rule's parts become a meaning (newsline._interpret), resolved against the
     DCT, the narrative reference time and the tense of the sentence,
  3. context filters drop readings that are not time expressions ("may" the verb).
"""

from __future__ import annotations

import re
from datetime import date

from newsline._calendar import interval_of
from newsline._grammar import Grammar, Rule, load_grammar
from newsline._interpret import Context, Reading, interpret
from newsline._model import Timex

_WORD_END = re.compile(r"\w", re.ASCII)


def _boundary_ok(text: str, start: int, end: int) -> bool:
    if end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        return False
    return not (start > 0 and text[start].isalnum() and text[start - 1].isalnum())


def _readings(g: Grammar, text: str, s: int, e: int, ctx: Context) -> Reading | None:
    """The best reading of the candidate at [s, e), or of the longest acceptable prefix."""
    for rule in g.rules:
        m = rule.regex.fullmatch(text, s, e)
        if m is not None:
            r = _try(rule, m, text, ctx)
            if r is not None:
                return r
    # the longest span was rejected: fall back to shorter matches starting at s
    tried: list[tuple[int, int, Rule, re.Match[str]]] = []
    for i, rule in enumerate(g.rules):
        m = rule.regex.match(text, s, e)
        if m is not None and m.end() < e and m.end() > s:
            tried.append((m.end(), -i, rule, m))
    tried.sort(reverse=True, key=lambda x: (x[0], x[1]))
    for _end, _i, rule, m in tried:
        r = _try(rule, m, text, ctx)
        if r is not None:
            return r
    return None


def _try(rule: Rule, m: re.Match[str], text: str, ctx: Context) -> Reading | None:
    s, e = m.span()
    if not _boundary_ok(text, s, e):
        return None
    if rule.followed_by is not None and not rule.followed_by.match(text, e):
        return None
    return interpret(rule, m, ctx)


def find_timexes(text: str, body: int, dct: date | None, language: str = "en") -> tuple[Timex, ...]:
    """Every time expression in ``text[body:]`` with offsets into ``text``."""
    g = load_grammar(language)
    ctx = Context(text=text, dct=dct, lexicon=g.lexicon)
    out: list[Timex] = []
    last_end = body
    for m in g.scanner.finditer(text, max(0, body - 1)):
        s, e = m.span(1)
        if s < last_end:
            continue
        reading = _readings(g, text, s, e, ctx)
        if reading is None:
            continue
        # trim white space the rule may have swallowed at the edges
        rs, re_ = reading.start, reading.end
        while re_ > rs and text[re_ - 1].isspace():
            re_ -= 1
        interval, grain = (None, None)
        if reading.type in ("DATE", "TIME"):
            interval, grain = interval_of(reading.value, dct)
        elif reading.type == "DURATION":
            grain = reading.grain
        tid = f"t{len(out) + 1}"
        out.append(
            Timex(
                start=rs,
                end=re_,
                text=text[rs:re_],
                type=reading.type,
                value=reading.value,
                mod=reading.mod or None,
                interval=interval,
                grain=grain or reading.grain,
                anchor=reading.anchor,
                rule=reading.rule,
                confidence=reading.confidence,
                tid=tid,
                extra=reading.extra,
            )
        )
        ctx.update(reading)
        last_end = re_
    return tuple(out)
