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
    if reading is None or not _context_ok(rule, m, text):
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


_AGE_AFTER = re.compile(r"-old\b|\s+old\b", re.I)
_ARTICLE_NUM = re.compile(r"(?i)an?\s")
_PER_BEFORE = re.compile(r"(?:[\d$%]|\b(?:[a-z]+s|million|billion|trillion|thousand|hundred|dozen))\W{0,2}\s*$")
_TITLE_BEFORE = re.compile(
    r"\b(?:Mayor|Mr|Mrs|Ms|Dr|Sen|Rep|Gov|President|Judge|Coach|Councilman|Councilwoman|Minister|Officer)\.?\s+$")
_APART_AFTER = re.compile(r"\s+(?:apart|after|before)\b", re.I)
_FALL_OF_A_THING = re.compile(r"\s+of\s+(?!\d|'\d|(?:that|this|last|next|the same|the following|the previous|"
                              r"nineteen|twenty|two thousand)\b)", re.I)  # "the fall of the Berlin Wall"
_GAME = re.compile(r"(?i)\b(?:scor\w*|goals?|match|game|halftime|half-time|kick-?off|minutes?|inning\w*|"
                   r"touchdowns?|penalt\w+|striker|goalkeeper|referee|whistle|quarterback)\b")


_MINUTES_OF_A_MEETING = re.compile(
    r"\s+(?:of|from)\s+(?:[\w'’.-]+\s+){0,4}?(?:meeting|session|hearing|board|committee|council|conference|"
    r"gathering|talks|assembly|cabinet)s?\b", re.I)
_DAY_PREPOSITION_BEFORE = re.compile(r"(?i)\b(?:on|from|by|until|till|to|through|since|before|after)\s+$")
_NOUN_AFTER_DAY = re.compile(r"[-\w]|\s+(?!(?:and|or|to|through|until|till|when|was|were|at|of|in|the|he|she|they|it|"
                             r"we|a|an|but|as|after|before|while|is|will|would|had|has)\b)[A-Za-z]")  # "the 18th green"
_NTH_NOUN_AFTER = re.compile(r"\s*(?:to|through|until|till|and|or|-|–)\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)"
                             r"\s+(?!of\b)[a-z]")
# "a quarter of", "three-quarters of", "more than a quarter of"; not "the first three quarters of 2005"
_A_QUARTER_OF = re.compile(r"(?i)(?<!first )(?<!last )(?<!past )(?<!next )\b(?:an?|one|two|three)[ -]quarters?\Z")
_SHARE_AFTER = re.compile(r"(?i)\s+(?:of\s+(?!an?\s+(?:century|hour)\b)|(?:percentage\s+)?points?\b|-point\b)")
_CODE_PERIOD = re.compile(r"[QqH][1-4]")  # a bare "Q3" or "H1", without a year
_DETERMINERS = frozenset({"the", "its", "their", "a", "this", "last", "next"})
_PERIOD_WORD_BEFORE = re.compile(r"(?i)\b(in|for|during|of|the|its|their|a|by|from|to|since|than|over|this|last|next|"
                                 r"and|or|vs\.?|versus)\s+\Z")
_RESULTS_AFTER = re.compile(r"(?i)\s+(?:results|earnings|revenue|revenues|sales|profits?|losses|loss|GDP|growth|report|"
                            r"figures|numbers|deliveries|guidance|margins?)\b")
# "the overnight rate", "an overnight stay": a thing of that name, no night (TE3 silver news; new-user trial Y)
_OVERNIGHT_THING = re.compile(r"(?i)\s+(?:call\s+|lending\s+|interbank\s+|repo\s+|interest\s+)?"
                              r"(?:rates?|repos?|deposits?|loans?|lending|funds?|stays?|stops?|bags?|flights?|trains?|trips?|shifts?|sensations?|"
                              r"success(?:es)?|visits?|guests?|accommodation|parking|oats|delivery|express|camps?)\b")
# "overnight Tuesday", "overnight into Sunday", "Wednesday overnight": the day written beside it says when
_DAY_BESIDE_OVERNIGHT = re.compile(r"(?i)\s+(?:(?:on|into|to|from)\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
                                   r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d)")
_DAY_BEFORE_OVERNIGHT = re.compile(r"(?i)(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
                                   r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2})\s+\Z")
_DAY_POSSESSIVE_BEFORE = re.compile(r"(?i)\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|night|tonight)['’]s\s+\Z")
_BEFORE_AN_EVENT = re.compile(r"(?i)\s+(?:before|after)\s+(?:the|a|an|his|her|its|their|each|every|this|that)\s")
# what may follow "the day before" that counts from the story's time: punctuation, a conjunction, the end
_NOTHING_AFTER = re.compile(r"\s*(?:[,.;:!?)\]\"'”’—]|\Z)|\s+(?:and|but|when|as|while|or|then)\b")
# words naming an event's night (trials AE, AM: "a 41-point night"; not "date night": the tweets tag 4 of 4)
_EVENT_BEFORE_PART = re.compile(r"(?i)\b(?:opening|closing|premiere|election|wedding|prom|awards|gala|debut"
                                r"|\d+-point)\s+\Z")
_EDGE_BEFORE = re.compile(r"(?i)\b(?:last|first|final|closing|opening|few|dying)\s+$")  # "the final minutes of"
_RANGE_BEFORE = re.compile(r"\d[-/]$")  # compiled once: checked before every duration


# the rules besides durations that _context_ok checks (each has a branch of its own there)
_CHECKED_IN_CONTEXT = frozenset({"date.day-of-month", "date.definite-unit",
                                 "set.adverb", "date.season", "date.half", "date.bare-part", "date.month-rel-year",
                                 "date.rel-month", "date.later", "ref.future", "date.year-short",
                                 "date.unit-beside", "time.overnight", "date.quarter", "time.clock-wire"})


def _context_ok(rule: Rule, m: re.Match[str], text: str) -> bool:
    """Context checks that a pattern alone cannot make (the words around the match)."""
    if rule.kind != "duration" and rule.id not in _CHECKED_IN_CONTEXT:
        return True  # most rules (weekdays, dates, years): no check below is theirs
    s, e = m.span()
    if rule.kind == "duration":
        if _RANGE_BEFORE.search(text[max(0, s - 2):s]):
            return False  # "the 2020-21 season": part of a range of years, not a duration
        if text.startswith("-", e) and rule.id == "duration.span":
            return False  # "a years-long feud", "two-and-a-half-year": an adjective the -long rules read
        if rule.id == "duration.span" and not _range_rises(m, text):
            return False
        if (_A_QUARTER_OF.search(m.group(0)) or _A_QUARTER_OF.search(text, max(0, s - 6), e)) \
                and _SHARE_AFTER.match(text, e):
            return False  # "a quarter of a million dollars", "by a quarter point": a share (new-user trials AA, AB)
        if _AGE_AFTER.match(text, e) or m.group(0).lower().endswith("-old"):
            return False  # "a 44-year-old protester", "52 years old"
        if _ARTICLE_NUM.match(m.group(0)) and _PER_BEFORE.search(text, max(0, s - 20), s) \
                and not _APART_AFTER.match(text, e):
            return False  # "$500 million a year", "four flights a week": a rate, not a duration; but "The vote
            # comes a week after the protests" (a verb in -s) is a distance
        if rule.id == "duration.bare-units":
            if re.match(r"(?i)(?:the\s+)?(?:early|small|wee)\s+hours$", m.group(0)) or re.search(
                    r"(?i)\b(?:early|small|wee)\s+$", text[max(0, s - 6):s]):
                if re.match(r"\s+of\b", text[e:e + 4]):
                    return False  # "in the early hours of Sunday": the date says when (TE3 corpora: 4 of 4)
            if text.endswith("-", 0, s):
                return False  # the end of a hyphenated word: "after-hours trading", "out-of-hours care"
            if re.fullmatch(r"(?i)(?:the\s+)?minutes", m.group(0)) and _MINUTES_OF_A_MEETING.match(text, e) \
                    and not _EDGE_BEFORE.search(text, max(0, s - 9), s):
                return False  # "Minutes of the previous meeting showed": the record (new-user trial W)
            if _APART_AFTER.match(text, e) or (m.group(0)[:1].isupper() and s > 0
                                                and not re.search(r"[.!?\n\"'`]\s*$", text[max(0, s - 3):s])):
                return False
    elif rule.id == "date.day-of-month":
        return bool(_DAY_PREPOSITION_BEFORE.search(text, max(0, s - 8), s)) and not _NOUN_AFTER_DAY.match(text, e) \
            and not _NTH_NOUN_AFTER.match(text, e)  # "from the 3rd to the 9th floor"
    elif rule.id == "set.adverb":
        if m.group(0).lower() == "quarterly" and _LOWER_WORD_AFTER.match(text, e):
            return False  # "its quarterly dividend", "quarterly results": a kind of thing (TimeBank and AQUAINT tag 1
            # of 11; trial AJ's headline)
        if m.group(0)[:1].isupper() and _CAPITAL_AFTER.match(text, e) \
                and not re.search(r"(?:^|[.!?:\n\"“(])\s*$", text[max(0, s - 3):s]):
            return False  # "the Daily Courier", "Weekly Standard": a name
    elif rule.id == "date.season":
        if _TITLE_BEFORE.search(text, max(0, s - 20), s):
            return False  # "Mayor Fall": a name
        if re.match(r"(?i)(?:the )?fall$", m.group(0)) and _FALL_OF_A_THING.match(text, e):
            return False  # "the fall of Saigon", "the fall of the Berlin Wall": an event, not the season
    elif rule.id in ("date.quarter", "date.half") and _CODE_PERIOD.fullmatch(m.group(0)):
        # "Q3", "H1": a period only as a time, in capitals (new-user trial AB); not "the Audi Q3", "the H1 visa"
        before = _PERIOD_WORD_BEFORE.search(text, max(0, s - 12), s)
        return m.group(0)[0] in "QH" and not re.match(r"[\w-]", text[e:e + 1]) and (
            (before is not None and (m.group(0)[0] == "Q" or before.group(1).lower() not in _DETERMINERS))
            or _RESULTS_AFTER.match(text, e) is not None)  # "the H1 visa": a determiner makes no half a time
    elif rule.id == "date.half":
        if re.match(r"\s+of\b", text[e:e + 5]):
            return False  # "the first half of the new bridge": half of a thing, not of a year
        if not re.search(r"\d|year", m.group(0)) and _GAME.search(text, max(0, s - 120), min(len(text), e + 120)):
            return False  # "scored twice in the first half": half of a match
        if _DAY_POSSESSIVE_BEFORE.search(text, max(0, s - 16), s):
            return False  # "throughout Saturday's second half": the match's (new-user trial AC)
    elif rule.id == "date.bare-part":
        if re.match(r"\s+(?:of|the|that|when|before|after)\b", text[e:e + 8]):
            return False  # "on the night of Oct. 23", "the night the plane fell": the date or event says when
        if re.search(r"\b(?:a|per)\s+$", text[max(0, s - 5):s]) and _PER_BEFORE.search(text, max(0, s - 25), s - 2):
            return False  # "$55 a night": a rate
        if _EVENT_BEFORE_PART.search(text, max(0, s - 12), s):
            return False  # "the opening night was moved", "election night": the night of an event, named by it
    elif rule.id == "date.month-rel-year":
        if text.startswith(("'s", "’s"), e):
            return False  # "in June last year's champion": the year qualifies a noun
    elif rule.id == "date.rel-month":
        if re.match(r"\s+\d", text[e:e + 3]):
            return False  # "last Oct. 23": the day is the expression, "last" only says it is past
    elif rule.id == "time.clock-wire":
        return not text.endswith("(", 0, s)  # "at 10:35 a.m. (0735 GMT)": the same time again
    elif rule.id == "time.overnight":
        return not _OVERNIGHT_THING.match(text, e) and not _DAY_BESIDE_OVERNIGHT.match(text, e) \
            and not _DAY_BEFORE_OVERNIGHT.search(text, max(0, s - 12), s)
    elif rule.id == "date.definite-unit" and re.match(r"-(?!to-)[A-Za-z]", text[e:e + 5]):
        return False  # the first part of a word: "the quarter-final on December 16" (new-user trial AC), "the
        # quarter-cent tax" (trial AF), "the year-end rally" (its own rule); "the quarter-to-quarter comparison"
        # still names the quarter in focus (TimeBank: the 3 values after it)
    elif rule.id == "date.definite-unit" and _BEFORE_AN_EVENT.match(text, e) \
            and re.search(r"(?i)(?:week|month|year)\Z", m.group(0)):
        return False  # "the week before the vote": a week counted from an event (events._relative_anchors); not the
        # DCT's week (new-user trial AA); "the week before, ..." is date.unit-beside's
    elif rule.id == "date.unit-beside":
        return bool(_NOTHING_AFTER.match(text, e))  # "The day before, ..."; not "the day before the verdict"
    elif rule.id == "date.later":
        if re.match(r"\s+than\b", text[e:e + 8]):
            return False  # "six weeks later than planned": a delay, not a date
    elif rule.id == "ref.future":
        if re.match(r"(?i)shortly|soon$", m.group(0)) and _APART_AFTER.match(text, e):
            return False  # "soon after the vote": a relation, not a time
    elif rule.id == "date.year-short":
        if not re.search(r"(?i)\b(?:in|since|of|by|from|until|fiscal|early|late|mid|class|summer|spring|"
                         r"fall|winter|the)\s+$", text[max(0, s - 10):s]):
            return False
    return True


_VERB_LAST = re.compile(r"(?i)\b(?:will|would|could|can|may|might|must|should|shall|to|not|n't|'ll|’ll)\s+$")


def _range_rises(m: re.Match[str], text: str) -> bool:
    """False for a duration whose words are no span: the verb "last" ("will last three days"; the
    days alone are the expression) or two numbers that are no range ("3-1 hours", "2010-12 years")."""
    groups = m.re.groupindex
    if "rel" in groups and (m.group("rel") or "").lower() == "last" and m.group(0)[:4].lower() == "last" \
            and _VERB_LAST.search(text, max(0, m.start() - 8), m.start()):
        return False
    low = (m.group("lo") or m.group("lod") or "") if "lo" in groups else ""
    if low and "num" in groups and m.group("num"):
        low, high = low.replace(",", ""), m.group("num").replace(",", "")
        if low.replace(".", "").isdigit() and high.replace(".", "").isdigit() and float(low) >= float(high):
            return False
    return True


_CAPITAL_AFTER = re.compile(r" [A-Z][a-z]")
_LOWER_WORD_AFTER = re.compile(r" [a-z]{3,}\b(?<!\band)(?<!\bfor)(?<!\bthe)")
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
