"""The calendar kind: days, months, weekdays, seasons, quarters, halves, holidays, decades, centuries and
years, with the plausibility checks that keep verbs and numbers from reading as dates."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache

from newsline.timex._calendar import fmt_at, holiday_date
from newsline.timex._context import Context, Reading
from newsline.timex._grammar import Rule
from newsline.timex._interpret_common import (
    _REL_AMOUNT,
    _closest_year,
    _day_num,
    _lookup,
    _mod,
    _norm,
    _reading,
    _weekday_date,
    _year,
)

_DETERMINER = re.compile(r"(the|its|their|a)\s+", re.I)
_HYPHENATED_QUARTER = re.compile(r"\w-(?:quarter|qtr)", re.I)
_NEXT_WORDS = re.compile(r"(?:[ \t]+[A-Za-z-]+){1,2}")
_DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}


# a date right after "Election Day" says which election's it is (new-user trial AF: a city's April election)
_DATE_AFTER_ELECTION_DAY = re.compile(r"(?i),?\s+(?:is|was|will be|falls on|on)?\s*,?\s*(?:(?:mon|tues|wednes|"
                                      r"thurs|fri|satur|sun)day|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)")
_AGE_BEFORE = re.compile(r"(?i)\b(?:her|his|their|my|your|our|one's)\s+(?:(?:early|mid|late)[ -])?\Z")
_NOT_A_WEEK_NUMBER_BEFORE = re.compile(r"(?i)\b(?:a|the|one|per|each|every)\s+\Z")
_MORE_DIGITS = re.compile(r"[.,:]?\d")


_WEEK_ORDINALS = ("first", "second", "third", "fourth")

# the word after a season, for the nouns that make it a kind of thing ("summer school": lexicon season_nouns)
_NEXT_WORD = re.compile(r"[ -]([A-Za-z]+)")
# "said Fall", "Fall flew" (a name), "the Spring Festival"
_NAMED_SEASON_WORD = re.compile(r"\bsaid (?:Fall|Spring)\b|\b(?:Fall|Spring) (?:said|told|flew|[A-Z][a-z]+)\b")
# a bare "spring" or "fall" (words of other senses too) is the season after a preposition of time and before the
# end of a phrase ("only swans born in spring died", "a deal by spring next year": TE3 silver tags 2 of 2 such
# "in spring"); not "in spring training", "in fall colours"
_SEASON_PREPOSITION_BEFORE = re.compile(r"(?i)\b(?:in|by|until|till|since|before|after|through|during)\s+\Z")
_SEASON_ALONE_AFTER = re.compile(r"\s*(?:[,.;:!?)\"”]|\Z|\s(?:next|last|this|and|or|when|before|after|until|to|with|"
                                 r"as|if|but|the|a|an|he|she|it|they|we|i|was|were|is|are|will|would|had|has|"
                                 r"[a-z]+ed)\b)", re.IGNORECASE)


def _kind_calendar(rule: Rule, m: re.Match[str], g: dict[str, str], ctx: Context) -> Reading | None:
    lex = ctx.lexicon
    s, e = m.span()
    mod = _mod(g, lex)
    year = _year(g, ctx)
    if year is None and "two thousand" in _norm(m.group(0)):
        year = 2000
    month = int(g["mm"]) if "mm" in g else (_lookup(lex.months, g["month"]) if "month" in g else None)
    day = int(g["dd"]) if "dd" in g else (_day_num(g["day"], lex) if "day" in g else None)
    rel = _norm(g["rel"]) if "rel" in g else None
    if "wordinal" in g and month is not None:  # "the first week of April": the week of its middle day
        ordinal = _norm(g["wordinal"])
        last = calendar.monthrange(year or 2001, int(month))[1]
        day = last - 3 if ordinal in ("last", "final") else 4 + 7 * _WEEK_ORDINALS.index(ordinal)
    explicit = year is not None
    if year is None and "arel" in g:  # "July of that year": the year last written, else the narrative's
        base, _ = ctx.anchor_date()
        base_year = ctx.ref_year if ctx.ref_year is not None else base.year if base is not None else None
        arel = _norm(g["arel"])
        if base_year is not None:
            year = base_year + (1 if arel in ("the following", "the next") else -1 if arel == "the previous" else 0)
            explicit = True  # the year is given, by reference: it moves the year in focus as a written one does
    if year is None and "mrel" in g and month is not None:  # "the following February": after the story's time
        base, _ = ctx.anchor_date()
        if base is not None:
            ahead = _norm(g["mrel"]) in ("following", "next")
            if ctx.ref_grain not in ("day", "month"):
                year = base.year + (1 if ahead else -1)
            elif ahead:
                year = base.year if int(month) > base.month else base.year + 1
            else:
                year = base.year if int(month) < base.month else base.year - 1
            explicit = True
    if year is None and "yrel" in g and ctx.dct is not None:
        yrel = _norm(g["yrel"])
        year = ctx.dct.year + (1 if yrel.startswith("next") else 0 if yrel.startswith("this") else -1)
    conf = 0.97 if explicit and "arel" not in g and "mrel" not in g else 0.9
    anchor = "ref" if "arel" in g or "mrel" in g else "none" if explicit else "dct"
    surface = m.group(0)

    if "isoweek" in g:  # "week 9": the ISO week of that number in the year written, else in the DCT's
        if _NOT_A_WEEK_NUMBER_BEFORE.search(ctx.text, max(0, s - 5), s) or _MORE_DIGITS.match(ctx.text, e):
            return None  # "a week 9 miles away", "the week 10,000 fans came"
        n = int(g["isoweek"])
        if year is None and ctx.dct is not None:
            now = ctx.dct.isocalendar()
            year = now.year - (1 if n - now.week > 26 else 0)  # "week 52" in January: last year's
        if year is None or n > date(year, 12, 28).isocalendar().week:
            return None
        return _reading(rule, m, f"{year}-W{n:02d}", mod=mod, anchor=anchor, confidence=conf)
    if "month" in g and g["month"] in ("may", "march"):
        return None  # lower-case "may" and "march" are verbs
    if "month" in g and day is None and year is None and rel is None:
        if not _plausible_bare_month(g["month"], surface, ctx, s, e):
            return None
    if "weekday" in g and month is None and rel is None and not _plausible_weekday(g["weekday"]):
        return None

    if month is not None and day is not None:  # a calendar day
        if year is None:
            if rel is not None and "weekday" in g:
                year = ctx.dct.year if ctx.dct else None
            else:
                year, anchor, conf = _closest_year(month, day, ctx, s, e)
        if year is None:
            return _reading(rule, m, f"XXXX-{month:02d}-{day:02d}", mod=mod, anchor="none", confidence=0.6)
        d = date(year, month, day)
        if rule.params.get("grain") == "week":  # "the week of March 6"
            return _reading(rule, m, fmt_at(d, "week"), mod=mod, anchor=anchor, confidence=conf)
        return _reading(rule, m, d.isoformat(), mod=mod, anchor=anchor, confidence=conf,
                        point=d, explicit_year=explicit)
    if month is not None:  # a month
        if year is None and rel is not None:
            if ctx.dct is None:
                return _reading(rule, m, f"XXXX-{month:02d}", anchor="none", confidence=0.6)
            base = ctx.dct
            if rel in ("last", "past", "this past"):
                year = base.year if month < base.month else base.year - 1
            elif rel in ("next", "this coming"):
                year = base.year if month > base.month else base.year + 1
            else:
                year = base.year
            anchor = "dct"
        elif year is None:
            y, anchor, conf = _closest_year(month, 1, ctx, s, e, bare_month=True) if ctx.dct else (
                ctx.ref_year, "ref" if ctx.ref_year else "none", 0.7)
            if y is None:
                return _reading(rule, m, f"XXXX-{month:02d}", mod=mod, anchor="none", confidence=0.6)
            year = y
        d = date(year, month, 1)
        return _reading(rule, m, fmt_at(d, "month"), mod=mod, anchor=anchor, confidence=conf,
                        point=d, explicit_year=explicit)
    if "weekday" in g:
        wd = int(_lookup(lex.weekdays, g["weekday"]))
        d2, anchor = _weekday_date(wd, ctx, s, e, rel)
        part = ("T" + str(_lookup(lex.parts_of_day, g["part"]))) if "part" in g else ""
        if d2 is None:
            return _reading(rule, m, f"XXXX-WXX-{wd}{part}", mod=mod, anchor="none", confidence=0.6)
        value = d2.isoformat()
        typ = rule.type
        if "part" in g:  # "Friday night": the corpora type it DATE, the value keeps the part
            value += "T" + str(_lookup(lex.parts_of_day, g["part"]))
        return _reading(rule, m, value, type=typ, mod=mod, anchor=anchor, confidence=0.85, point=d2)
    if "season" in g:
        code = str(_lookup(lex.seasons, g["season"]))
        if year is None:
            if ctx.dct is None:
                return _reading(rule, m, f"XXXX-{code}", mod=mod, anchor="none", confidence=0.6)
            if rel in ("following", "previous", "that") and ctx.ref is not None:
                year, anchor = ctx.ref.year + {"following": 1, "previous": -1, "that": 0}[rel], "ref"
            elif ctx.ref_year is not None and ctx.ref_year != ctx.dct.year and ctx.narrative() and rel is None:
                year, anchor = ctx.ref_year, "ref"
            else:
                # "closed early for the winter" (November): the stretch the state lasts, the season nearest the DCT
                # whatever the tense (re-check trial AS had the winter before; TE3 silver: "headed south for the
                # winter" in December is that winter)
                lasts = ctx.text.endswith(("for ", "For "), max(0, s - 4), s)
                year = _season_year(code, rel, ctx.dct, ctx.tense(s, e) if rel is None and not lasts else None)
                anchor = "dct"
        if rel is None and "year" not in g and _no_season(surface, _norm(g["season"]), ctx, s, e):
            return None
        start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
        return _reading(rule, m, f"{year:04d}-{code}", mod=mod, anchor=anchor, confidence=conf,
                        point=date(year, start_month, 1), explicit_year=explicit)
    if ("qord" in g or "qnum" in g or "half" in g) and year is None and _of_a_game(ctx, s, e):
        return None  # "scored 12 of his points in the fourth quarter" (new-user trial AM)
    if "qord" in g or "qnum" in g:
        q = _quarter_num(g)
        if q == -1:
            q = 4
        if year is None:
            if ctx.dct is None or "yrel" in g:
                return _reading(rule, m, f"XXXX-Q{q}", anchor="none", confidence=0.6)
            year = ctx.dct.year
            cur_q = (ctx.dct.month - 1) // 3 + 1
            if rel in ("last", "past", "previous"):
                year -= 1 if q >= cur_q else 0
            elif rel == "next":
                year += 1 if q <= cur_q else 0
            elif q > cur_q and (ctx.tense(s, e) != "future" or (q - cur_q >= 2 and _reported_period(ctx, e))):
                year -= 1  # "will report fourth-quarter results" in February: the quarter just ended
            if re.search(r"(?i)of (?:the )?last (?:fiscal )?year", surface):
                year = ctx.dct.year - 1
            elif re.search(r"(?i)of next (?:fiscal )?year", surface):
                year = ctx.dct.year + 1
            anchor = "dct"
        reading = _reading(rule, m, f"{year:04d}-Q{q}", mod=mod, anchor=anchor, confidence=conf)
        det = _DETERMINER.match(surface)
        if det and (det.group(1).lower() != "the" or _HYPHENATED_QUARTER.search(surface)):
            reading.start += det.end()  # "a [third-quarter] loss", "[its fourth quarter]": the article stays out
        return reading
    if "half" in g:
        h = 1 if _norm(g["half"]) in ("first", "1st", "h1") else 2
        if year is None:
            if ctx.dct is None:
                return _reading(rule, m, f"XXXX-H{h}", anchor="none", confidence=0.6)
            year = ctx.dct.year + (_REL_AMOUNT.get(rel or "this", 0))
            anchor = "dct"
        return _reading(rule, m, f"{year:04d}-H{h}", mod=mod, anchor=anchor, confidence=conf)
    if "holiday" in g:
        spec = str(_lookup(lex.holidays, g["holiday"]))
        if spec == "election" and (not g["holiday"][:1].isupper() or _DATE_AFTER_ELECTION_DAY.match(ctx.text, e)):
            return None  # "election day was calm" (any election), "Election Day is Tuesday, April 15" (a local one)
        if spec.startswith(("date:", "dates:")):  # a named day of a known date: "9/11", "D-Day"
            known = holiday_date(spec, 1, ctx.dct)
            if known is None:
                return None
            return _reading(rule, m, known.isoformat(), mod=mod, anchor="dct" if spec.startswith("dates:") else "none",
                            confidence=0.9, point=known)
        if year is None:
            if ctx.dct is None:
                fixed = f"XXXX-{spec}" if re.fullmatch(r"\d\d-\d\d", spec) else "XXXX-XX-XX"
                return _reading(rule, m, fixed, anchor="none", confidence=0.5)
            dct = ctx.dct
            if rel == "last":
                year = dct.year if (holiday_date(spec, dct.year) or dct) < dct else dct.year - 1
            elif rel == "next":
                year = dct.year if (holiday_date(spec, dct.year) or dct) > dct else dct.year + 1
            else:
                tense = ctx.tense(s, e)
                hd = holiday_date(spec, dct.year) or dct
                year = dct.year
                if tense == "past" and hd > dct + timedelta(days=30):
                    year -= 1
                elif tense is None:  # no cue: the nearest ("a side that sat 16th at Christmas" in May: the last
                    # one, not December's; new-user trial R)
                    year = min((dct.year - 1, dct.year, dct.year + 1), key=lambda y: (
                        abs(((holiday_date(spec, y) or dct) - dct).days), y))
            anchor = "dct"
        hd2 = holiday_date(spec, year)
        if hd2 is None:
            return None
        if "hweekend" in g:  # "the Easter weekend"; a Monday holiday's is the weekend before it
            week = (hd2 - timedelta(days=1 if hd2.isoweekday() == 1 else 0)).isocalendar()
            return _reading(rule, m, f"{week[0]:04d}-W{week[1]:02d}-WE", mod=mod, anchor=anchor,
                            confidence=conf * 0.9, point=date.fromisocalendar(week[0], week[1], 6))
        return _reading(rule, m, hd2.isoformat(), mod=mod, anchor=anchor, confidence=conf * 0.95, point=hd2)
    if "dec" in g or "dec2" in g or "decw" in g:
        if ("decw" in g or "dec2" in g) and _AGE_BEFORE.search(ctx.text, max(0, s - 12), s):
            return None  # "into her seventies", "in his '60s": an age, no decade of the calendar
        if "dec" in g:
            value = g["dcent"] + g["dec"]
        else:
            digit = int(g["dec2"]) if "dec2" in g else _DECADE_WORDS[_norm(g["decw"])]
            cent = 19 if ctx.dct is None or digit > (ctx.dct.year % 100) // 10 else ctx.dct.year // 100
            value = f"{cent}{digit}"
        return _reading(rule, m, value, mod=mod, anchor="none", confidence=0.93)
    if "centord" in g or "century" in surface.lower():
        if "centord" in g:
            n = _day_num(g["centord"], lex)
            return _reading(rule, m, f"{n - 1:02d}", mod=mod, anchor="none", confidence=0.95)
        if ctx.dct is None:
            return None
        amount = -1 if re.search(r"(?i)last|past|previous", surface) else (1 if "next" in surface.lower() else 0)
        return _reading(rule, m, f"{ctx.dct.year // 100 + amount:02d}", mod=mod, anchor="dct")
    if "era" in g:
        n = int(g["eyear"])
        if _norm(g["era"]).replace(".", "") in ("bc", "bce"):
            return _reading(rule, m, f"BC{n:04d}", mod=mod, anchor="none", confidence=0.9)
        return _reading(rule, m, f"{n:04d}", mod=mod, anchor="none", confidence=0.9, point=date(n, 1, 1),
                        explicit_year=True)
    if year is not None:
        if not _plausible_year(year, surface, ctx, s, e):
            return None
        d = date(year, 1, 1)
        return _reading(rule, m, f"{year:04d}", mod=mod, anchor="none", confidence=0.95,
                        point=d, explicit_year=True)
    return None


def _no_season(surface: str, season: str, ctx: Context, s: int, e: int) -> bool:
    """Whether a season word with neither a relative word nor a year, ``surface`` at [s, e), is no time."""
    text = ctx.text
    after_preposition = _SEASON_PREPOSITION_BEFORE.search(text, max(0, s - 10), s) is not None
    if surface.lower() == "the fall":
        return not after_preposition  # "The fall in prices was higher", "led the fall in banking stocks": a decline
        # (TE3 silver: 6 such, none a season); "in the fall", "by the fall" stay
    if re.match(r"(?i)the|early|late|mid", surface):
        return False
    if (after := _NEXT_WORD.match(text, e)) and after.group(1).lower() in ctx.lexicon.season_nouns:
        return True  # "summer school", "a six-week winter break": a kind of thing
    if season not in ("fall", "spring"):
        return False
    if surface.islower():  # "spring water", "the leaves fall"; but "born in spring", "talks resume in fall."
        return not (after_preposition and _SEASON_ALONE_AFTER.match(text, e))
    # "said Fall", "Fall said" (a name), "the Spring Festival" (TE3 silver: 5 such, all wrong); not "Spring's florals",
    # "hues of Spring" (the tweets, train: 5 seasons)
    return _NAMED_SEASON_WORD.search(text[max(0, s - 6):min(len(text), e + 12)]) is not None


def _season_year(code: str, rel: str | None, dct: date, tense: str | None) -> int:
    """The year of a season named without one; winter belongs to the year it starts in."""
    order = {"SP": 0, "SU": 1, "FA": 2, "WI": 3}
    season_year = dct.year - 1 if dct.month <= 2 else dct.year  # the year of the current season
    cur = {12: 3, 1: 3, 2: 3, 3: 0, 4: 0, 5: 0, 6: 1, 7: 1, 8: 1, 9: 2, 10: 2, 11: 2}[dct.month]
    if rel in ("last", "past", "this past") or (rel is None and tense == "past"):
        return season_year if order[code] <= cur - (1 if rel else 0) else season_year - 1
    if rel in ("next", "coming", "this coming") or (rel is None and tense == "future"):
        return season_year if order[code] >= cur + (1 if rel else 0) else season_year + 1
    return _nearest_season(code, dct)


def _nearest_season(code: str, dct: date) -> int:
    """ "this spring": the occurrence of the season nearest the DCT (in January, the coming spring)."""
    start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]

    def distance(year: int) -> int:
        start = date(year, start_month, 1)
        end = date(year + (start_month + 3 > 12), (start_month + 3 - 1) % 12 + 1, 1)
        return (start - dct).days if dct < start else (dct - end).days + 1 if dct >= end else 0

    return min((dct.year - 1, dct.year, dct.year + 1), key=lambda y: (distance(y), y))


@lru_cache(maxsize=4)
def _game_pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    return re.compile(r"(?i)\b(?:" + "|".join(map(re.escape, words)) + r")\b") if words else None


def _of_a_game(ctx: Context, s: int, e: int) -> bool:
    """Whether the sentence of [s, e) tells of a game (the lexicon's game_periods words)."""
    if _OF_A_GAME.match(ctx.text, e):  # "the third quarter of Sunday's loss"
        return True
    pattern = _game_pattern(ctx.lexicon.game_words)
    if pattern is None:
        return False
    a, b = ctx.sentence(s, e)
    return pattern.search(ctx.text, a, b) is not None


_OF_A_GAME = re.compile(r"\s+of\s+(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day(?:'s|’s|\s+night's)|(?:the|a|that|"
                        r"their|his|her|its)\s+(?:[\w'’-]+\s+){0,2}(?:game|match|loss|win|victory|defeat|final|"
                        r"semifinal|opener|contest)\b)")


def _quarter_num(g: dict[str, str]) -> int:
    if "qnum" in g:
        return int(g["qnum"][1])
    w = _norm(g["qord"])
    return {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
            "final": 4, "last": 4}[w]


# compiled once, for _plausible_year (a year in digits is read for every four-digit number)
_SHORT_YEAR = re.compile(r"['’]\d\d")
_FOUR_DIGITS = re.compile(r"\d{4}")
# an amount, or a clock time in GMT as wire copy writes it ("at 1900 GMT Saturday", "1530 UTC")
_AMOUNT_AFTER = re.compile(r"\s*(?:%|percent|per|-(?!\d)|,\d|\.\d|(?:GMT|UTC)\b)")
_WORD_AFTER = re.compile(r"\s+[a-z]+")
_YEAR_GOES_ON = re.compile(
    r"\s+(?:and|or|to|through|when|after|before|as|in|on|at|with|the|that|season|was|were|"
    r"is|had|has|election|elections|census|budget|levels?|figures?|model|olympics|games|"
    r"for|from|by|until|compared|than|versus|vs|but|while|because|if)\b")
_EARLY_YEAR_BEFORE = re.compile(r"(?i)\b(?:in|since|of|by|from|until|before|after|during|year)\s+$")
_YEAR_CONTEXT_BEFORE = re.compile(
    r"(?i)(?:\b(?:in|since|of|by|from|until|till|before|after|during|year|fiscal|early|late|mid|the|and|or|to|"
    r"through|between|around|circa)|'s|-)\s*$"
)
_CODE_BEFORE = re.compile(r"(?:[A-Z]|(?<![0-9])[0-9]{1,2})-\Z")  # "CR-1187", "24-1187"; not "1980-1988"
# "2021-0873", "2019-00123", "2019-123": no year has a leading zero or three digits; "2005-06", "1980-1988" stay
_CODE_AFTER = re.compile(r"-(?:0\d\d|\d{3}(?!\d))")
_NUMBER_SIGN_BEFORE = re.compile(r"(?:\bNos?\.?|#)\s*\Z")  # "permit No. 2020-11", "case #2019": a number
_DETERMINER_BEFORE = re.compile(r"(?i)\b(?:an?|his|her|its|their|our|my|your)\s+\Z")
_PLURAL_AFTER = re.compile(r"\s+[a-z]+[^s\W]s\b(?<!ss)")  # "employees", "workers" (not "loss", "crisis")
_MONTH_VERB_AFTER = re.compile(r"\s+(?:on|to|through|against|for|into|past|toward|towards)\b", re.I)


_ABBREVIATED_MONTH_BEFORE = re.compile(
    r"(?:\b(?:in|since|until|during)|\b(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?,? (?:and|or|to|through|-)) $")

_PHRASE_ENDS = re.compile(r"\s*(?:[.,;:!?)]|$)|\s+(?:and|or|to|through)\b")


def _plausible_bare_month(word: str, surface: str, ctx: Context, s: int, e: int) -> bool:
    w = _norm(word).rstrip(".")
    if not word[:1].isupper() and (len(w) <= 4 or w in ("march", "may", "august")):
        return False
    if len(w) <= 4 and w not in ("may", "june", "july"):
        # a bare abbreviation ("Mar", "Jan") is too often something else, but not after "in" or after
        # another month in a list: "exam in Jun", "camps in July and Aug." (3 in the tweets, train)
        # and only where a phrase ends ("in Mar del Plata" is a place)
        return (_ABBREVIATED_MONTH_BEFORE.search(ctx.text, max(0, s - 24), s) is not None
                and (surface.endswith(".") or _PHRASE_ENDS.match(ctx.text, e) is not None))
    if w == "may":
        before = ctx.text[max(0, s - 12):s].lower()
        if not re.search(r"(?:in|of|since|until|by|early|late|mid|last|next|this|during|from|to|through)\s+$", before):
            return False
    if w == "march":
        before = ctx.text[max(0, s - 5):s].lower()
        before = ctx.text[max(0, s - 9):s].lower()
        if _MONTH_VERB_AFTER.match(ctx.text, e) and not re.search(
                r"(?:in|of|since|until|by|from|between|early|late|mid|and|or)\s+$", before):
            return False
    return True


def _reported_period(ctx: Context, e: int) -> bool:
    """True when a results noun follows the expression within two words ("fourth-quarter net profit")."""
    words = _NEXT_WORDS.match(ctx.text, e)
    return words is not None and any(w.lower() in ctx.lexicon.result_nouns for w in words.group(0).split())


def _plausible_weekday(word: str) -> bool:
    w = _norm(word)
    if not word[:1].isupper() and len(w) <= 4:
        return False
    return not (len(w.rstrip(".")) <= 4 and not w.endswith("."))


def _plausible_year(year: int, surface: str, ctx: Context, s: int, e: int) -> bool:
    if _SHORT_YEAR.fullmatch(surface.strip()):
        return True  # checked in context by the recognizer
    if not _FOUR_DIGITS.fullmatch(surface.strip()):
        return True  # "fiscal 1989", "the year 2000": the words say it is a year
    text = ctx.text
    before = text[max(0, s - 2):s]
    after = text[e:e + 12]
    if "$" in before or _AMOUNT_AFTER.match(after):
        return False
    code = _CODE_BEFORE.search(text, max(0, s - 4), s)
    if (code is not None and (code.group(0)[0].isdigit() or year < 1900)) or _CODE_AFTER.match(text, e) \
            or _NUMBER_SIGN_BEFORE.search(text, max(0, s - 5), s):
        return False  # "Case No. 2024-CR-1187", "docket 24-1187": part of a code (new-user trial AH); not "APEC-2006"
    if _DETERMINER_BEFORE.search(text, max(0, s - 7), s):
        # "a 2021 recount", "her 2023 campaign"; not a count, "its 1800 employees", "a 1200 bonus" (new-user trial AI)
        return 1900 <= year <= ((ctx.dct.year + 30) if ctx.dct else 2100) and not _PLURAL_AFTER.match(text, e)
    if _YEAR_CONTEXT_BEFORE.search(text[max(0, s - 10):s]):
        return 1000 <= year <= ((ctx.dct.year + 30) if ctx.dct else 2100)
    if _WORD_AFTER.match(after) and not _recent_event_name(text, s, year, ctx) and not _YEAR_GOES_ON.match(after):
        return False
    lo = 1600 if _EARLY_YEAR_BEFORE.search(text[max(0, s - 8):s]) else 1900
    hi = (ctx.dct.year + 30) if ctx.dct else 2100
    return lo <= year <= hi


_NAME_BEFORE = re.compile(r"(?<![.!?:]\s)(?<![.!?:])\b(?:[A-Z][a-z]+|[A-Z]{2,})\s+$")
_RECENT_NAME_YEARS = 5  # a name with a year close to the DCT is an edition: "Euro 2016", "IFA 2014"


def _recent_event_name(text: str, s: int, year: int, ctx: Context) -> bool:
    """A year right after a capitalised name that is within a few years of the DCT names an edition of an event
    ("unveiled at IFA 2014 offers", "Venice International Film Festival 2014 opened"): a year, though a word in
    lower case follows.  Not "He joined Orion 1980, a joint venture" (far from the DCT)."""
    if ctx.dct is None or abs(year - ctx.dct.year) > _RECENT_NAME_YEARS:
        return False
    return _NAME_BEFORE.search(text, max(0, s - 30), s) is not None
