"""Find time expressions: one compiled scan for candidates, then per-candidate rules.

Flow for each candidate span the scanner reports:
  1. which rule matches it exactly (rules in file order; else shorter prefixes),
  2. the rule's parts become a meaning (newsline.timex._interpret), resolved against the
     DCT, the narrative reference time and the tense of the sentence,
  3. context filters drop readings that are not time expressions ("may" the verb).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache

import re2

from newsline._model import Timex
from newsline._records import positional_maker
from newsline.timex._calendar import interval_of
from newsline.timex._context import Context, Reading
from newsline.timex._context_checks import context_ok
from newsline.timex._grammar import Grammar, Rule, load_grammar
from newsline.timex._interpret import interpret
from newsline.timex._lexicon import Lexicon


def _boundary_ok(text: str, start: int, end: int) -> bool:
    if end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        return False
    return not (start > 0 and text[start].isalnum() and text[start - 1].isalnum())


def _readings(g: Grammar, text: str, s: int, e: int, ctx: Context) -> Reading | None:
    """The best reading of the candidate at [s, e), or of the longest acceptable prefix."""
    for rule in _full_matchers(g, text[s:e]):
        m = rule.regex.fullmatch(text, s, e)
        if m is not None:
            r = _try(rule, m, text, ctx)
            if r is not None:
                return r
    # the longest span was rejected: fall back to shorter matches starting at s
    for rule, m in _prefix_matches(g, text, s, e):
        r = _try(rule, m, text, ctx)
        if r is not None:
            return r
    return None


_PREFIX_CACHE: dict[tuple[str, str], tuple[tuple[Rule, int], ...]] = {}


def _prefix_matches(g: Grammar, text: str, s: int, e: int) -> list[tuple[Rule, re.Match[str]]]:
    """The rules matching a proper prefix of [s, e), longest first, then in file order.

    Which rules match depends on the span and on the character before it (a pattern
    may start with ``\b``; none looks further back), so the answer is remembered for
    that text, and only the rules that match are run again here for their groups.
    """
    key = (text[s - 1] if s else "", text[s:e])
    known = _PREFIX_CACHE.get(key)
    if known is not None:
        out = []
        for rule, end in known:
            m = rule.regex.match(text, s, e)
            if m is None or m.end() != s + end:
                break  # not expected: work it out afresh
            out.append((rule, m))
        else:
            return out
    tried: list[tuple[int, int, Rule, re.Match[str]]] = []
    for i, rule in enumerate(g.rules_at(text[s])):
        m = rule.regex.match(text, s, e)
        if m is not None and m.end() < e and m.end() > s:
            tried.append((m.end(), -i, rule, m))
    tried.sort(reverse=True, key=lambda x: (x[0], x[1]))
    if len(_PREFIX_CACHE) >= _FULL_CACHE_SIZE:
        _PREFIX_CACHE.clear()
    _PREFIX_CACHE[key] = tuple((rule, end - s) for end, _i, rule, _m in tried)
    return [(rule, m) for _end, _i, rule, m in tried]


_FULL_CACHE: dict[str, tuple[Rule, ...]] = {}
_FULL_CACHE_SIZE = 20_000


def _full_matchers(g: Grammar, span: str) -> tuple[Rule, ...]:
    """The rules (in file order) that match exactly ``span``.

    A rule's exact match depends on the span's text alone (patterns look at no
    context), and news repeats the same expressions ("Friday", "last year") all
    the time, so the answer is remembered per span text.
    """
    found = _FULL_CACHE.get(span)
    if found is None:
        found = tuple(r for r in g.rules_at(span[:1]) if r.regex.fullmatch(span))
        if len(_FULL_CACHE) >= _FULL_CACHE_SIZE:
            _FULL_CACHE.clear()
        _FULL_CACHE[span] = found
    return found


def _try(rule: Rule, m: re.Match[str], text: str, ctx: Context) -> Reading | None:
    s, e = m.span()
    if not _boundary_ok(text, s, e):
        return None
    if rule.followed_by is not None and not rule.followed_by.match(text, e):
        return None
    reading = interpret(rule, m, ctx)
    if reading is None or not context_ok(rule, m, text):
        return None
    if rule.id != "date.holiday" and (_in_a_title(text, s, e, ctx.lexicon)
                                      or _quoted_title(text, s, e, ctx)):
        return None
    if rule.id == "date.month" and m.group(0).lower() in ctx.lexicon.month_first_names \
            and _FIRST_NAME_AFTER.match(text, e) and not _DATING_BEFORE.search(text, max(0, s - 25), s):
        return None  # "Mayor April Jones", "met June Carter": a person
    return reading


_FIRST_NAME_AFTER = re.compile(r" (?!(?:of|the|and)\b)[A-Z][a-z]+\b(?! \d)")
_DATING_BEFORE = re.compile(r"(?i)\b(?:in|since|by|until|till|from|through|of|during|before|after|early|late|mid|"
                            r"last|next|this|each|every|between|and|or|to|until|the end of|the start of)\s+$")


_TOKENS = re.compile(r"[\w'’-]+")
_LETTERS = re.compile(r"[A-Za-z][\w'’-]*")
_OPENS = re.compile(r"(?:^|[.!?:\n\"“`'‘(\[]|--)\s*$")  # a sentence, quotation, line or aside opens here
_QUOTE_OPENS = re.compile(r"(?:[\"“‘]|``|'')\s*$")
_OF_NAME = re.compile(r"\s+of\s+(?:the\s+)?[A-Z]")
_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")
_FUNCTION = frozenset({"in", "on", "at", "by", "for", "of", "the", "a", "an", "and", "or", "to", "this", "that",
                       "next", "last", "early", "late", "every", "each", "since", "until", "from", "over", "your",
                       "my", "our", "his", "her", "their", "its", "with", "is", "are"})


_NO_TITLE_WORD, _A_MONTH_ALONE = -1, -2  # what _title_word finds besides a word's place


@lru_cache(maxsize=8192)  # news writes the same expressions again and again: "Friday", "last year"
def _title_word(span: str, lex: Lexicon) -> tuple[int, bool]:
    """What :func:`_in_a_title` reads of the expression's own words, the same wherever it is written: the place of
    its first word that running text writes in lower case but the span capitalises (``_NO_TITLE_WORD``: none;
    ``_A_MONTH_ALONE``: the span is a month's name alone), and whether a function word comes right before it."""
    tokens: list[str] = _TOKENS.findall(span)  # the words only (no match objects): most spans are no title
    if len(tokens) == 1 and tokens[0].lower() in lex.months:
        return _A_MONTH_ALONE, False
    for i, word in enumerate(tokens):
        if word[0].isupper() and not word.isupper() and word.lower() in lex.title_words:
            return i, i > 0 and tokens[i - 1].lower() in _FUNCTION
    return _NO_TITLE_WORD, False


def _in_a_title(text: str, s: int, e: int, lex: Lexicon) -> bool:
    """Whether the expression at [s, e) is part of a name in title case: a time word that running text
    writes in lower case is capitalised ("This Week" the programme, "60 Minutes", "High Noon", "the Arab
    Spring"), or a name goes on from it with "of" ("Spring of Life", "the March of the Combatant Mothers")."""
    i, after_function = _title_word(text[s:e], lex)
    if i == _NO_TITLE_WORD:
        return False
    if i == _A_MONTH_ALONE:  # "the March of Dimes", not "in January of X"
        before = text[max(0, s - 8):s]
        named = _QUOTE_OPENS.search(before) is not None or _THE_BEFORE.search(before) is not None
        return named and _OF_NAME.match(text, e) is not None and _lower_case_near(text, s, e)
    if i == 0:
        before = text[max(0, s - 40):s]
        prev = list(_LETTERS.finditer(before))
        named = (_OPENS.search(before) is None and bool(prev) and prev[-1].group()[0].isupper()
                 and prev[-1].group().lower() not in _FUNCTION and prev[-1].end() == len(before.rstrip()))
        if not named and not _OF_NAME.match(text, e):
            return False
    elif after_function and not _QUOTE_OPENS.search(text, max(0, s - 3), s):
        return False  # "Next Week we go": a capital out of place, no title unless quoted
    return _lower_case_near(text, s, e)


_OPEN_QUOTE = frozenset("\"“‘'`")
_CLOSE_QUOTE = frozenset("\"”’'")
_TITLE_SMALL = frozenset({"of", "the", "in", "a", "an", "and", "on", "at", "to", "for"})
_TITLE_REACH = 6  # words of a title before or after the expression
_TITLE_WORD = r"([A-Za-z][\w-]*(?:['’][a-z]+)?)"  # no quote mark at either end
_WORD_BEFORE = re.compile(_TITLE_WORD + r"\s+$")
_WORD_AFTER = re.compile(r"\s+" + _TITLE_WORD)
# where a quoted title can begin: an opening quote (_OPEN_QUOTE), then a word; an apostrophe inside a word
# ("the company's") opens none
_QUOTE_BEFORE_WORD = re.compile(r"(?:[\"“‘`]|(?<![A-Za-z])')[A-Za-z]")
# what the walk back below needs to succeed, in one scan: an opening quote, then one to _TITLE_REACH words, each
# capitalised or a small title word (_TITLE_SMALL), up to the expression
_QUOTED_RUN = re.compile(r"[\"“‘'`](?:(?:[A-Z][\w-]*(?:['’][a-z]+)?|(?i:of|the|in|a|an|and|on|at|to|for))\s+)"
                         rf"{{1,{_TITLE_REACH}}}\Z")


def _quoted_title(text: str, s: int, e: int, ctx: Context) -> bool:
    """Whether the expression lies in a quoted title in title case: "'The Tonight Show'", "'Sunday Morning' on
    CBS", "the film 'Seven Days in May'" (new-user trial N).  The quoted words must number two or more and say
    it is a title: a word that is no time word, or a time word that running text writes in lower case, after the
    first ("Next Monday," in quotes is an answer, not a title)."""
    if not (s > 0 and text[s - 1] in _OPEN_QUOTE):
        reach = max(0, s - _TITLE_REACH * 30 - 1)
        if _QUOTED_RUN.search(text, reach, s) is None or _QUOTE_BEFORE_WORD.search(text, reach, s) is None:
            return False  # no opening quote within the reach of the walk back below, or words between it and the
            # expression that the walk would refuse: most expressions, in one or two scans
    lo = s
    words: list[str] = []
    for _ in range(_TITLE_REACH):
        m = _WORD_BEFORE.search(text[max(0, lo - 30):lo])
        if m is None:
            break
        word = m.group(1)
        if not (word[0].isupper() or word.lower() in _TITLE_SMALL):
            return False
        words.insert(0, word)
        lo -= len(text[max(0, lo - 30):lo]) - m.start()
    if not (lo > 0 and text[lo - 1] in _OPEN_QUOTE):
        return False
    hi = e
    after: list[str] = []
    for _ in range(_TITLE_REACH):
        m = _WORD_AFTER.match(text[hi:hi + 30])
        if m is None:
            break
        word = m.group(1)
        if not (word[0].isupper() or word.lower() in _TITLE_SMALL):
            break
        after.append(word)
        hi += m.end()
    if not (hi < len(text) and (text[hi] in _CLOSE_QUOTE or text[hi:hi + 2] in {",'", ".'", ',"', '."', ",”", ".”"})):
        return False
    inner = [t.group() for t in _TOKENS.finditer(text, s, e)]
    run = [*words, *inner, *after]
    if len(run) < 2 or not any(c.isalpha() for c in text[s:e]) or any(
            not (w[0].isupper() or w[0].isdigit() or w.lower() in _TITLE_SMALL) for w in run):
        return False  # a year in a name is a time ("'Friendship 2006'"); "in the next few days" is no title
    lex = ctx.lexicon
    timeish = lex.months.keys() | lex.weekdays.keys() | lex.title_words | _FUNCTION | lex.cardinals.keys()
    return any(w.lower() not in timeish and w.lower() not in _TITLE_SMALL for w in run) or any(
        w[0].isupper() and w.lower() in lex.title_words for w in run[1:])


def _lower_case_near(text: str, s: int, e: int) -> bool:
    """A lower-case word (no function word, no web address) near the expression, in its part of the line
    (a headline in title case goes on with running text after a colon or a dash: "Soundbar Now Available in
    Singapore: The latest ...")."""
    lo = max(0, s - 40)
    window = _URL.sub(lambda m: " " * len(m.group()), text[lo:min(len(text), e + 40)])
    before, after = window[:s - lo], window[e - lo:]
    if lo > 0 and text[lo - 1].isalnum():
        before = before.partition(" ")[2]  # not the end of a word cut off
    if e + 40 < len(text) and text[e + 40].isalnum():
        after = after.rpartition(" ")[0]
    cut = _SEGMENT.search(before[::-1])
    if cut:
        before = before[len(before) - cut.start():]
    cut = _SEGMENT.search(after)
    if cut:
        after = after[:cut.start()]
    return any(w.group()[0].islower() and w.group().lower() not in _FUNCTION
               for w in _TOKENS.finditer(before + " " + after))


_SEGMENT = re.compile(r"\n|:|\s[-–—|]\s")
_URL = re.compile(r"\S*(?:https?:|www\.|\.com|\.co/)\S*")


_RESCAN = 80
_UNANCHORED = getattr(getattr(re2, "_Anchor", None), "UNANCHORED", None)


def _scan(g: Grammar, text: str, start: int) -> list[tuple[int, int]]:
    """Spans of the scanner's matches, as character offsets.

    ASCII text (most news) goes to RE2 as bytes, where byte and character
    offsets agree, straight to the compiled automaton's ``Match`` when the re2
    module offers it (its ``finditer`` builds a match object per candidate).
    All spans are found before any is used (they depend on the text alone): the
    automaton runs with its states in the CPU's caches, not between the rules'
    Python work, which takes twice as long.
    """
    if not text.isascii():
        return [m.span() for m in g.scanner.finditer(text, start)]
    data = text.encode("ascii")
    match = getattr(getattr(g.scanner, "_regexp", None), "Match", None)
    if match is None or _UNANCHORED is None:
        return [m.span() for m in g.scanner.finditer(data, start)]
    spans: list[tuple[int, int]] = []
    pos, end = start, len(data)
    while pos <= end:
        span = match(_UNANCHORED, data, pos, end)[0]
        if span[0] < 0:
            break
        spans.append(span)
        pos = span[1] if span[1] > pos else pos + 1  # as finditer: past an empty match
    return spans


def _rescan(g: Grammar, text: str, lo: int, e: int) -> list[tuple[int, int]]:
    """Candidates starting in [lo, e), from a scan of a short slice of the text.

    Used when a candidate was refused or only partly used, so that "last Oct. 23"
    still yields "Oct. 23" once "last Oct." is refused.
    """
    hi = min(len(text), e + _RESCAN)
    window = text[lo:hi]
    out = []
    for ms, me in _scan(g, window, 0):
        a, b = _body_span(window, ms, me)
        if lo + a < e:
            out.append((lo + a, lo + b))
    return out


def _body_span(text: str, a: int, b: int) -> tuple[int, int]:
    """The expression's span: the scanner's match minus the boundary character before it."""
    if a < b and not text[a].isalnum() and (a > 0 or b - a > 1):
        return a + 1, b
    return a, b


def find_timexes(text: str, body: int, dct: date | None, language: str = "en") -> tuple[Timex, ...]:
    """Every time expression in ``text[body:]`` with offsets into ``text``."""
    g = load_grammar(language)
    ctx = Context(text=text, dct=dct, lexicon=g.lexicon, body=body)
    out: list[Timex] = []
    written_year: list[bool] = []  # for each expression in out: does it give its own year?
    last_end = body
    for ms, me in _scan(g, text, max(0, body - 1)):
        todo = [(*_body_span(text, ms, me), 0)]
        while todo:
            s, e, depth = todo.pop(0)
            if s < last_end or s < body:
                continue
            reading = _readings(g, text, s, e, ctx)
            if reading is None:
                if depth < 3:
                    todo[:0] = [(a, b, depth + 1) for a, b in _rescan(g, text, s + 1, e)]
                continue
            if reading.end < e and depth < 3:
                todo[:0] = [(a, b, depth + 1) for a, b in _rescan(g, text, reading.end, e)]
            if g.day_beside is not None:
                reading = _day_beside(g.day_beside, text, reading, max(last_end, body))
            first = _range_start(text, reading, max(last_end, body))
            if first is not None:
                _emit(out, text, first, dct, ctx)
                written_year.append(first.explicit_year)
            last_end = _emit(out, text, reading, dct, ctx)
            written_year.append(reading.explicit_year)
            if reading.explicit_year:
                _share_year(out, written_year, text, dct)
            if g.day_list is not None and reading.type == "DATE" and text[last_end - 1].isdigit():
                last_end = _emit_day_list(out, text, reading, dct, ctx, g.day_list, last_end)
                written_year += [reading.explicit_year] * (len(out) - len(written_year))
    return tuple(out)


_FULL_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _day_beside(pattern: re.Pattern[str], text: str, reading: Reading, lo: int) -> Reading:
    """ "[the day before last Tuesday]'s hearing", "[the day after Christmas]": the day next to the DATE
    known to the day that follows (rules.toml: day_beside); any other reading as it is."""
    if reading.type != "DATE" or reading.point is None or not _FULL_DAY.fullmatch(reading.value):
        return reading
    m = pattern.search(text, max(lo, reading.start - 24), reading.start)
    if m is None:
        return reading
    d = reading.point + timedelta(days=-1 if m.group("before") else 1)
    return replace(reading, start=m.start(), value=d.isoformat(), point=d,
                   confidence=min(reading.confidence, 0.85))


# "10-12 October", "from the 3rd to 5th of May": the first day of a range written day first
_RANGE_START = re.compile(r"(?<![\w.,/:$%-])(?P<written>(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?)\s*(?:-|–|to|and|&)\s*\Z")
_DAY_FIRST_RULES = frozenset({"date.day-month-year", "date.day-month-that-year"})


def _range_start(text: str, reading: Reading, lo: int) -> Reading | None:
    """The first day of a day-first range or pair before ``reading`` ("[10]-12 October", "[2] and 3 July
    2013"): a DATE of the same month, earlier than the day it is paired with.  (The later days after a
    month-first date are found by ``_emit_day_list``.)"""
    if reading.rule not in _DAY_FIRST_RULES or not text[reading.start].isdigit():
        return None
    ymd = _DAY_OF_MONTH.fullmatch(reading.value)
    m = _RANGE_START.search(text, max(lo, reading.start - 12), reading.start) if ymd else None
    if ymd is None or m is None:
        return None
    year, month, day = ymd.group(1), int(ymd.group(2)), int(m.group("day"))
    if not 1 <= day < int(ymd.group(3)):
        return None
    value = f"{year}-{month:02d}-{day:02d}"
    return Reading(start=m.start("written"), end=m.end("written"), type="DATE", value=value, rule=reading.rule,
                   anchor=reading.anchor, confidence=reading.confidence,
                   point=date(int(year), month, day) if year != "XXXX" else None,
                   explicit_year=reading.explicit_year)


# what joins dates of one list or range: "March 3 [and] April 5, 2009", "from May [to] July 2010"
_JOINED = re.compile(r"\s*(?:,|,?\s*(?:and|or)(?:\s+(?:on|in))?|to|through|till|until|-|–|&)\s*", re.I)
_YEARLESS = re.compile(r"(?:[0-9]{4}|XXXX)-(?P<month>[0-9]{2})(?P<rest>(?:-[0-9]{2})?)")
_SHARES_YEAR = frozenset({"date.month-day-year", "date.day-month-year", "date.month"})


def _share_year(out: list[Timex], written_year: list[bool], text: str, dct: date | None) -> None:
    """The dates before the last one in a list or range, written without a year, take its year:
    "on March 3 and April 5, 2009", "15 October and 9 November 2008", "from December to March 2009" (December
    of the year before).  Without it, each would be read against the publication date."""
    last = _YEARLESS.fullmatch(out[-1].value) if out[-1].value[:1].isdigit() else None
    if last is None:
        return
    year, month = int(out[-1].value[:4]), int(last.group("month"))
    i = len(out) - 2
    while i >= 0 and not written_year[i] and out[i].rule in _SHARES_YEAR \
            and _JOINED.fullmatch(text, out[i].end, out[i + 1].start):
        m = _YEARLESS.fullmatch(out[i].value)
        if m is None:
            break
        if int(m.group("month")) > month:
            year -= 1  # "Dec. 28 and Jan. 3, 2009"
        month = int(m.group("month"))
        value = f"{year}-{m.group('month')}{m.group('rest')}"
        if value != out[i].value:
            out[i] = replace(out[i], value=value, interval=interval_of(value, dct)[0], anchor="none")
        i -= 1


_DAY_OF_MONTH = re.compile(r"(\d{4}|XXXX)-(\d\d)-(\d\d)")


def _emit_day_list(out: list[Timex], text: str, reading: Reading, dct: date | None, ctx: Context,
                   day_list: re.Pattern[str], end: int) -> int:
    """The later days of a list or range after a day ("May [2] - [3], [9] - [10]", "April 24 and [25]"):
    each a DATE in the same month, later than the one before it.  Returns where the last one ends."""
    ymd = _DAY_OF_MONTH.fullmatch(reading.value)
    if ymd is None:
        return end
    year, month, prev = ymd.group(1), int(ymd.group(2)), int(ymd.group(3))
    while (m := day_list.match(text, end)) is not None:
        ds, de = m.span("day")
        day = int(m.group("day"))
        try:
            point = date(int(year) if year != "XXXX" else 2000, month, day)
        except ValueError:
            break
        if day <= prev:
            break
        r = Reading(start=ds, end=de, type="DATE", value=f"{year}-{month:02d}-{day:02d}", rule=reading.rule,
                    anchor=reading.anchor, confidence=reading.confidence,
                    point=point if year != "XXXX" else None, explicit_year=reading.explicit_year)
        end, prev = _emit(out, text, r, dct, ctx), day
    return end


_timex = positional_maker(Timex)  # Timex(...) with every field, in order (a third of the time of the keywords)


def _emit(out: list[Timex], text: str, reading: Reading, dct: date | None, ctx: Context) -> int:
    """Append the reading as a Timex; return where it ends."""
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
    # start, end, text, type, value, mod, interval, grain, anchor, rule, confidence, tid, extra
    out.append(_timex(rs, re_, text[rs:re_], reading.type, reading.value, reading.mod or None, interval,
                      grain or reading.grain, reading.anchor, reading.rule, reading.confidence, tid, reading.extra))
    ctx.update(reading, interval)
    return re_
