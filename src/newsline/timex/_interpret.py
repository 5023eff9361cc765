"""From a rule match to a TIMEX3 reading: the parts of the match, resolved in context.

Relative values are resolved against, in order of preference:
  * the narrative reference time (the last date the text mentioned) for anaphoric
    expressions ("two years later", "that day", "the following year");
  * the document creation time (DCT) for deictic ones ("yesterday", "last week");
  * the tense of the sentence for bare weekdays and month-days ("Wednesday" is in
    the past in "he said Wednesday" and in the future in "he will speak Wednesday").
Without a DCT, year-relative values stay underspecified (``XXXX-10-14``).
One function per rule kind; newsline.timex._context holds what they resolve against.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from newsline.timex._calendar import fmt_at, holiday_date, shift
from newsline.timex._context import Context, Reading
from newsline.timex._grammar import Rule
from newsline.timex._lexicon import Lexicon

_GRAIN_OF_UNIT = {
    "Y": "year", "M": "month", "W": "day", "D": "day", "2W": "day", "Q": "quarter",
    "DE": "decade", "CE": "century", "TH": "day", "TM": "day", "TS": "day", "WE": "weekend",
    "H": "half",
}
_REL_AMOUNT = {
    "this": 0, "current": 0, "same": 0, "this coming": 1, "coming": 1, "next": 1,
    "following": 1, "upcoming": 1, "last": -1, "past": -1, "previous": -1, "prior": -1,
    "this past": -1, "recent": -1, "latest": -1,
}
_DEICTIC_ALIASES = {"tdy": "today", "2day": "today", "tmr": "tomorrow", "tmrw": "tomorrow", "tmw": "tomorrow",
                    "2moro": "tomorrow", "2morrow": "tomorrow", "2nite": "tonight", "tonite": "tonight",
                    "yday": "yesterday"}
_DURATION_GRAIN = {
    "Y": "year", "M": "month", "W": "week", "2W": "week", "D": "day", "Q": "quarter", "DE": "decade",
    "CE": "century", "TH": "hour", "TM": "minute", "TS": "second", "WE": "weekend", "NI": "night",
    "SE": "season", "ML": "millennium",
}
_FINER = {"century": 0, "decade": 1, "year": 2, "half": 3, "quarter": 4, "month": 5, "week": 6, "day": 7}
_SHIFT_GRAIN = {
    "Y": "year", "M": "month", "W": "week", "D": "day", "Q": "quarter", "DE": "decade",
    "CE": "century", "WE": "weekend", "H": "half",
}
_ANAPHORIC_REL = {"following", "previous", "prior", "same"}
_DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}
_YEAR_WORDS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
def _groups(m: re.Match[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for k, v in m.groupdict().items():
        if v is None:
            continue
        base = k.split("__", 1)[0]
        out.setdefault(base, v)
    return out


_SPACES = re.compile(r"\s+")


def _norm(s: str) -> str:
    return _SPACES.sub(" ", s.lower().replace("’", "'")).strip()


def _lookup(table: dict[str, Any], word: str) -> Any:
    w = _norm(word)
    if w in table:
        return table[w]
    return table.get(w.rstrip("."))


def interpret(rule: Rule, m: re.Match[str], ctx: Context) -> Reading | None:
    g = _groups(m)
    fn = _KIND[rule.kind]
    try:
        return fn(rule, m, g, ctx)
    except (ValueError, OverflowError, KeyError):
        return None


def _reading(rule: Rule, m: re.Match[str], value: str, **kw: Any) -> Reading:
    kw.setdefault("type", rule.type)
    return Reading(start=m.start(), end=m.end(), value=value, rule=rule.id, **kw)


def _mod(g: dict[str, str], lex: Lexicon) -> str:
    for key in ("edge", "edge2"):
        if key in g:
            w = _norm(g[key])
            if key == "edge2":
                return "START" if w == "earlier" else "END"
            return str(_lookup(lex.edges, w) or "")
    for key in ("mod", "mod2"):
        if key in g:
            return str(_lookup(lex.mods, g[key]) or "")
    return ""


def _year(g: dict[str, str], ctx: Context) -> int | None:
    for key in ("year", "year2", "year3", "yyyy"):
        if key in g:
            raw = g[key].strip("'’")
            if len(raw) == 4:
                return int(raw)
            return _two_digit_year(int(raw), ctx)
    if "yy" in g:
        return _two_digit_year(int(g["yy"]), ctx)
    if "cent" in g:
        base = 1900 if _norm(g["cent"]) == "nineteen" else 2000
        yw = _norm(g["yw"]).replace(" ", "-")
        if yw in _YEAR_WORDS:
            return base + _YEAR_WORDS[yw]
        n = ctx.lexicon.number(yw)
        return base + int(n) if n is not None else None
    if "yw2" in g:
        n = ctx.lexicon.number(g["yw2"])
        return 2000 + int(n or 0)
    return None


def _two_digit_year(yy: int, ctx: Context) -> int:
    """'69 is 1969 and '98 is 1998 from 2021: the past, unless at most ten years ahead."""
    base = ctx.dct.year if ctx.dct else 2000
    year = base // 100 * 100 + yy
    if year > base + 10:
        year -= 100
    return year


def _day_num(raw: str, lex: Lexicon) -> int:
    w = _norm(raw)
    if w in lex.ordinals:
        return int(lex.ordinals[w])
    return int(re.sub(r"\D", "", w))


def _closest_year(month: int, day: int, ctx: Context, s: int, e: int) -> tuple[int | None, str, float]:
    """Year of a month(-day) without a year: narrative year, else the DCT's, by tense."""
    if ctx.ref_year is not None and ctx.dct is not None and ctx.ref_year != ctx.dct.year:
        near = 0 <= s - ctx.ref_year_pos < 250
        same_sentence = ctx.ref_year_pos >= ctx.sentence(s, e)[0]
        if same_sentence or (near and ctx.narrative()):
            return ctx.ref_year, "ref", 0.75
    if ctx.dct is None:
        if ctx.ref_year is not None:
            return ctx.ref_year, "ref", 0.7
        return None, "none", 0.6
    dct = ctx.dct
    cands = []
    for y in (dct.year - 1, dct.year, dct.year + 1):
        try:
            cands.append(date(y, month, day))
        except ValueError:
            continue
    if not cands:
        raise ValueError("no such date")
    pick = min(cands, key=lambda c: abs((c - dct).days))
    slack = timedelta(days=45 if day == 1 else 14)
    if dct - slack <= pick <= dct + slack:
        return pick.year, "dct", 0.9  # close to the DCT: the tense cannot move it
    tense = ctx.tense(s, e, use_ed=day == 1)  # "-ed" verbs help for months, mislead for days
    if tense is None and abs((pick - dct).days) > 90:
        tense = ctx.tense(s, e, use_ed=True)
    if tense == "past" and pick > dct + slack:
        earlier = [c for c in cands if c < pick]
        pick = max(earlier) if earlier else pick
    elif tense == "future" and pick < dct - slack:
        later = [c for c in cands if c > pick]
        pick = min(later) if later else pick
    return pick.year, "dct", 0.9


def _weekday_date(weekday: int, ctx: Context, s: int, e: int, rel: str | None) -> tuple[date | None, str]:
    base = ctx.dct
    if base is None:
        return None, "none"
    diff = (weekday - base.isoweekday()) % 7  # days forward to the next such weekday (0 = today)
    if rel in ("next", "this coming", "coming"):
        return base + timedelta(days=diff or 7), "dct"
    if rel in ("last", "this past", "past"):
        return base - timedelta(days=(7 - diff) % 7 or 7), "dct"
    if rel == "this":
        return base + timedelta(days=diff), "dct"
    tense = ctx.tense(s, e)
    if tense == "future":
        return base + timedelta(days=diff), "dct"
    if diff == 0:
        return base, "dct"
    return base - timedelta(days=7 - diff), "dct"


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
    explicit = year is not None
    if year is None and "arel" in g:  # "July of that year": the narrative's year
        base, _ = ctx.anchor_date()
        arel = _norm(g["arel"])
        if base is not None:
            year = base.year + (1 if arel in ("the following", "the next") else -1 if arel == "the previous" else 0)
    if year is None and "yrel" in g and ctx.dct is not None:
        yrel = _norm(g["yrel"])
        year = ctx.dct.year + (1 if yrel.startswith("next") else 0 if yrel.startswith("this") else -1)
    conf = 0.97 if explicit else 0.9
    anchor = "none" if explicit else "dct"
    surface = m.group(0)

    if "month" in g and g["month"] in ("may", "march"):
        return None  # lower-case "may" and "march" are verbs
    if "month" in g and day is None and year is None and rel is None:
        if not _plausible_bare_month(g["month"], surface, ctx, s, e):
            return None
    if "weekday" in g and month is None and not _plausible_weekday(g["weekday"]):
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
            y, anchor, conf = _closest_year(month, 1, ctx, s, e) if ctx.dct else (
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
                year = _season_year(code, rel, ctx.dct, ctx.tense(s, e) if rel is None else None)
                anchor = "dct"
        if rel is None and "year" not in g and not re.match(r"(?i)the|early|late|mid", surface) \
                and surface.islower() and _norm(g["season"]) in ("fall", "spring"):
            return None
        start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
        return _reading(rule, m, f"{year:04d}-{code}", mod=mod, anchor=anchor, confidence=conf,
                        point=date(year, start_month, 1), explicit_year=explicit)
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
            elif q > cur_q and ctx.tense(s, e) != "future":
                year -= 1
            if re.search(r"(?i)of (?:the )?last (?:fiscal )?year", surface):
                year = ctx.dct.year - 1
            elif re.search(r"(?i)of next (?:fiscal )?year", surface):
                year = ctx.dct.year + 1
            anchor = "dct"
        return _reading(rule, m, f"{year:04d}-Q{q}", mod=mod, anchor=anchor, confidence=conf)
    if "half" in g:
        h = 1 if _norm(g["half"]) in ("first", "1st") else 2
        if year is None:
            if ctx.dct is None:
                return _reading(rule, m, f"XXXX-H{h}", anchor="none", confidence=0.6)
            year = ctx.dct.year + (_REL_AMOUNT.get(rel or "this", 0))
            anchor = "dct"
        return _reading(rule, m, f"{year:04d}-H{h}", mod=mod, anchor=anchor, confidence=conf)
    if "holiday" in g:
        spec = str(_lookup(lex.holidays, g["holiday"]))
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
            anchor = "dct"
        hd2 = holiday_date(spec, year)
        if hd2 is None:
            return None
        return _reading(rule, m, hd2.isoformat(), mod=mod, anchor=anchor, confidence=conf * 0.95, point=hd2)
    if "dec" in g or "dec2" in g or "decw" in g:
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


def _quarter_num(g: dict[str, str]) -> int:
    if "qnum" in g:
        return int(g["qnum"][1])
    w = _norm(g["qord"])
    return {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
            "final": 4, "last": 4}[w]


_YEAR_CONTEXT_BEFORE = re.compile(
    r"(?i)(?:\b(?:in|since|of|by|from|until|till|before|after|during|year|fiscal|early|late|mid|the|and|or|to|"
    r"through|between|around|circa)|'s|-)\s*$"
)
_MONTH_VERB_AFTER = re.compile(r"\s+(?:on|to|through|against|for|into|past|toward|towards)\b", re.I)


def _plausible_bare_month(word: str, surface: str, ctx: Context, s: int, e: int) -> bool:
    w = _norm(word).rstrip(".")
    if not word[:1].isupper() and (len(w) <= 4 or w in ("march", "may", "august")):
        return False
    if len(w) <= 4 and w not in ("may", "june", "july"):
        return False  # a bare abbreviation ("Mar", "Jan") is too often something else
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


def _plausible_weekday(word: str) -> bool:
    w = _norm(word)
    if not word[:1].isupper() and len(w) <= 4:
        return False
    return not (len(w.rstrip(".")) <= 4 and not w.endswith("."))


def _plausible_year(year: int, surface: str, ctx: Context, s: int, e: int) -> bool:
    if re.fullmatch(r"['’]\d\d", surface.strip()):
        return True  # checked in context by the recognizer
    if not re.fullmatch(r"\d{4}", surface.strip()):
        return True  # "fiscal 1989", "the year 2000": the words say it is a year
    text = ctx.text
    before = text[max(0, s - 2):s]
    after = text[e:e + 12]
    if "$" in before or re.match(r"\s*(?:%|percent|per|-(?!\d)|,\d|\.\d)", after):
        return False
    if _YEAR_CONTEXT_BEFORE.search(text[max(0, s - 10):s]):
        return 1000 <= year <= ((ctx.dct.year + 30) if ctx.dct else 2100)
    if re.match(r"\s+[a-z]+", after) and not re.match(
        r"\s+(?:and|or|to|through|when|after|before|as|in|on|at|with|the|that|season|was|were|"
        r"is|had|has|election|elections|census|budget|levels?|figures?|model|olympics|games|"
        r"for|from|by|until|compared|than|versus|vs|but|while|because|if)\b", after
    ):
        return False
    lo = 1600 if re.search(r"(?i)\b(?:in|since|of|by|from|until|before|after|during|year)\s+$",
                            text[max(0, s - 8):s]) else 1900
    hi = (ctx.dct.year + 30) if ctx.dct else 2100
    return lo <= year <= hi


def _kind_shift(rule: Rule, m: re.Match[str], g: dict[str, str], ctx: Context) -> Reading | None:
    lex = ctx.lexicon
    mod = _mod(g, lex)
    if "deictic" in g or "deictic2" in g:
        word = _norm(g.get("deictic") or g["deictic2"])
        word = _DEICTIC_ALIASES.get(word, word)
        amount = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0,
                  "the day before yesterday": -2, "the day after tomorrow": 2}[word]
        if ctx.dct is None:
            return _reading(rule, m, "XXXX-XX-XX", mod=mod, anchor="none", confidence=0.5)
        d = ctx.dct + timedelta(days=amount)
        value, typ = d.isoformat(), rule.type
        part = g.get("part")
        if word == "tonight":
            part = part or "night"
        if part:
            value += "T" + str(_lookup(lex.parts_of_day, part))
            typ = "TIME"
        elif re.search(r"(?i)at noon", m.group(0)):
            value += "T12:00"
            typ = "TIME"
        return _reading(rule, m, value, type=typ, mod=mod, anchor="dct-deictic", confidence=0.95, point=d)
    if "part" in g:  # this morning, last night
        surface = _norm(m.group(0))
        amount = -1 if ("yesterday" in surface or surface.startswith("last") or " last " in surface) \
            else (1 if "tomorrow" in surface else 0)
        if ctx.dct is None:
            return _reading(rule, m, "XXXX-XX-XXT" + str(_lookup(lex.parts_of_day, g["part"])),
                            mod=mod, anchor="none", confidence=0.5)
        d = ctx.dct + timedelta(days=amount)
        return _reading(rule, m, d.isoformat() + "T" + str(_lookup(lex.parts_of_day, g["part"])),
                        mod=mod, anchor="dct-deictic", confidence=0.9, point=d)
    mod = mod or str(rule.params.get("mod", ""))
    rel = _norm(g.get("rel", "this"))
    unitw = _norm(g.get("unitw", "year"))
    if unitw in ("morning", "afternoon", "evening"):
        base, anchor = ctx.anchor_date()
        if base is None:
            return None
        part = str(_lookup(lex.parts_of_day, unitw))
        return _reading(rule, m, f"{base.isoformat()}T{part}", type="TIME", mod=mod, anchor=anchor,
                        confidence=0.7, point=base)
    unit = str(rule.params.get("unit") or {
        "year": "Y", "month": "M", "week": "W", "weekend": "WE", "decade": "DE", "century": "CE",
        "day": "D", "quarter": "Q"}[unitw])
    amount = int(rule.params.get("amount", _REL_AMOUNT.get(rel, 0)))
    the_next = rel == "next" and _norm(m.group(0)).startswith("the")
    if rel in _ANAPHORIC_REL or (the_next and (unitw == "day" or ctx.narrative())):
        base, anchor = ctx.anchor_date()
    else:
        base, anchor = ctx.dct, "dct"
    if base is None:
        return _reading(rule, m, "XXXX", mod=mod, anchor="none", confidence=0.5)
    if rule.id == "date.definite-unit" and unit == "Q":
        amount = -1  # in reports, "the quarter" is the last completed one
    if unit == "WE" and amount == 0 and "rel" not in g:
        tense = ctx.tense(m.start(), m.end())
        wd = base.isoweekday()
        if tense == "past" and wd < 6:
            amount = -1
    grain = _SHIFT_GRAIN[unit]
    d = shift(base, unit, amount)
    if anchor == "ref" and _FINER.get(grain, 0) > _FINER.get(ctx.ref_grain, 0):
        # "in March ... the next day": known only as precisely as the reference time
        return _reading(rule, m, fmt_at(d, ctx.ref_grain), mod=mod, anchor=anchor, confidence=0.5)
    return _reading(rule, m, fmt_at(d, grain), mod=mod, anchor=anchor, confidence=0.9,
                    point=d if grain == "day" else None)


def _unit_code(g: dict[str, str], lex: Lexicon) -> str:
    return str(_lookup(lex.units, g["unit"]))


def _amount(g: dict[str, str], lex: Lexicon) -> float | None:
    if "num" in g:
        n = lex.number(g["num"])
        if n is None:
            return None
    elif "vnum" in g or "bare" in g:
        return None
    else:
        n = 1.0
    if g.get("half") or g.get("half2"):
        n += 0.5
    return n


def _kind_offset(rule: Rule, m: re.Match[str], g: dict[str, str], ctx: Context) -> Reading | None:
    lex = ctx.lexicon
    mod = _mod(g, lex)
    if "or so" in _norm(m.group(0)):
        mod = mod or "APPROX"
    unit = _unit_code(g, lex)
    if unit == "2W":
        unit, scale = "W", 2.0
    else:
        scale = 1.0
    n = _amount(g, lex)
    direction = _norm(g["dir"])
    back = direction in ("ago", "earlier", "before", "back")
    if direction in ("ago", "from now", "hence", "back"):
        base, anchor = ctx.dct, "dct"
    else:
        base, anchor = ctx.anchor_date(at=m.span())
    if n is None:
        if "bare" in g and base is not None:
            grain = {"TH": "day", "TM": "day", "TS": "day", "D": "month", "W": "month"}.get(unit, "year")
            return _reading(rule, m, fmt_at(base, grain), mod="BEFORE" if back else "AFTER",
                            anchor=anchor, confidence=0.5)
        return _reading(rule, m, "PAST_REF" if back else "FUTURE_REF", mod=mod, anchor=anchor,
                        confidence=0.6)
    if base is None:
        return _reading(rule, m, "XXXX", mod=mod, anchor="none", confidence=0.4)
    steps = n * scale * (-1 if back else 1)
    grain = _GRAIN_OF_UNIT.get(unit, "day")
    if (unit == "Y" and n == 1 and back) or rule.id == "date.year-ago-adj":
        if _quarter_context(ctx, m.start(), m.end()) and ctx.dct is not None:
            # earnings reports: "up from a year earlier" is the same quarter a year before
            quarter = ctx.last_quarter or shift(ctx.dct, "Q", -1)
            d = shift(quarter, "Y", -1)
            return _reading(rule, m, fmt_at(d, "quarter"), mod=mod, anchor="ref", confidence=0.7)
    if unit in ("TH", "TM", "TS"):
        hours = steps * {"TH": 1, "TM": 1 / 60, "TS": 1 / 3600}[unit]
        d = base + timedelta(days=int(hours // 24) if hours >= 0 else -int(-hours // 24))
    elif steps != int(steps):
        d = base + timedelta(days=round(steps * {"Y": 365, "M": 30.4, "W": 7, "D": 1}.get(unit, 1)))
    else:
        d = shift(base, unit, int(steps))
    if anchor == "ref" and _FINER.get(grain, 0) > _FINER.get(ctx.ref_grain, 0):
        # "in 2018 ...; two days later": known only as precisely as the reference time
        return _reading(rule, m, fmt_at(d, ctx.ref_grain), mod=mod, anchor=anchor, confidence=0.5)
    return _reading(rule, m, fmt_at(d, grain), mod=mod, anchor=anchor,
                    confidence=0.85 if anchor == "dct" else 0.75, point=d)


def _quarter_context(ctx: Context, s: int, e: int) -> bool:
    """Earnings-report style: "a year ago" there means the same quarter a year ago."""
    a, b = ctx.sentence(s, e)
    window = ctx.text[max(0, a - 300):b].lower()
    return "quarter" in window or "the latest period" in window


def _kind_anaphor(rule: Rule, m: re.Match[str], g: dict[str, str], ctx: Context) -> Reading | None:
    word = _norm(g["unitw"])
    surface = _norm(m.group(0))
    base, anchor = ctx.anchor_date()
    if base is None:
        return None
    amount = 0
    if re.search(r"following|next", surface):
        amount = 1
    elif re.search(r"previous|preceding|prior", surface):
        amount = -1
    if word in ("morning", "afternoon", "evening", "night"):
        part = str(_lookup(ctx.lexicon.parts_of_day, word))
        d = base + timedelta(days=amount)
        return _reading(rule, m, d.isoformat() + "T" + part, anchor=anchor, confidence=0.7, point=d)
    unit = {"day": "D", "week": "W", "month": "M", "year": "Y"}[word]
    d = shift(base, unit, amount)
    grain = _GRAIN_OF_UNIT[unit] if unit != "W" else "week"
    if anchor == "ref" and _FINER.get(grain, 0) > _FINER.get(ctx.ref_grain, 0):
        # "in March ... the next day": known only as precisely as the reference time
        return _reading(rule, m, fmt_at(d, ctx.ref_grain), anchor=anchor, confidence=0.5)
    return _reading(rule, m, fmt_at(d, grain), anchor=anchor, confidence=0.7, point=d)


def _fmt_amount(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def duration_value(n: float | None, unit: str) -> str:
    """ISO 8601 / TIMEX3 duration for ``n`` units (None = unknown number, 'X')."""
    if unit == "2W":
        unit, n = "W", (None if n is None else n * 2)
    if n is not None and n != int(n) and n * 2 == int(n * 2):
        whole = int(n)
        sub = {"Y": "6M", "D": "T12H", "TH": "30M", "TM": "30S", "W": "3DT12H", "M": ""}.get(unit)
        if sub:
            head = f"{whole}{unit}" if whole and not unit.startswith("T") else ""
            if unit.startswith("T"):
                return f"PT{whole}{unit[1:]}{sub}" if whole else f"PT{sub}"
            return f"P{head}{sub}"
    amount = "X" if n is None else _fmt_amount(n)
    if unit.startswith("T"):
        return f"PT{amount}{unit[1:]}"
    if unit == "SE":
        return f"P{amount}Q" if n is None else f"P{_fmt_amount(n * 3)}M"
    return f"P{amount}{unit}"


def _kind_duration(rule: Rule, m: re.Match[str], g: dict[str, str], ctx: Context) -> Reading | None:
    lex = ctx.lexicon
    unit = _unit_code(g, lex)
    surface = _norm(m.group(0))
    if "amount" in rule.params:
        n: float | None = float(rule.params["amount"])
    else:
        n = _amount(g, lex)
    if unit in ("NI", "SE", "ML") and n is None:
        return None
    num_word = _norm(g.get("num", ""))
    if unit == "TS" and num_word in ("a", "an", "one"):
        return None  # "a second term"
    if num_word in ("a", "an") and unit in ("WE", "NI") :
        return None
    mod = _mod(g, lex)
    if re.search(r"or (?:more|longer)$", surface):
        mod = mod or "EQUAL_OR_MORE"
    elif surface.endswith("or so"):
        mod = mod or "APPROX"
    if "bare" in g or ("unit" in g and "num" not in g and "vnum" not in g and "amount" not in rule.params):
        n = None
    value = duration_value(n, unit)
    grain = _DURATION_GRAIN.get(unit)
    return _reading(rule, m, value, mod=mod, anchor="none", confidence=0.9 if n is not None else 0.75,
                    grain=grain)


_ADVERB_SET = {
    "daily": ("P1D", "1X"), "nightly": ("P1D", "1X"), "weekly": ("P1W", "1X"), "monthly": ("P1M", "1X"),
    "yearly": ("P1Y", "1X"), "annually": ("P1Y", "1X"), "hourly": ("PT1H", "1X"),
    "quarterly": ("P3M", "1X"), "biweekly": ("P2W", "1X"), "bimonthly": ("P2M", "1X"),
    "semiannually": ("P6M", "1X"), "biannually": ("P6M", "1X"),
}


def _kind_set(rule: Rule, m: re.Match[str], g: dict[str, str], ctx: Context) -> Reading | None:
    lex = ctx.lexicon
    extra: list[tuple[str, str]] = []
    if "adverb" in g:
        adv = _norm(g["adverb"])
        if adv in _ADVERB_SET:
            value, freq = _ADVERB_SET[adv]
        else:
            per = adv.rsplit(" ", 1)[-1]
            value = {"day": "P1D", "week": "P1W", "month": "P1M", "year": "P1Y"}[per]
            times = 1 if adv.startswith("once") else 2 if adv.startswith("twice") else int(lex.number(g["times"]) or 1)
            freq = f"{times}X"
        extra.append(("freq", freq))
        return _reading(rule, m, value, anchor="none", confidence=0.9, extra=tuple(extra))
    if "wds" in g:
        wd = int(_lookup(lex.weekdays, _norm(g["wds"])[:-1]))
        return _reading(rule, m, f"XXXX-WXX-{wd}", anchor="none", confidence=0.85,
                        extra=(("quant", "EVERY"),))
    extra.append(("quant", "EVERY"))
    if "holiday" in g:
        spec = str(_lookup(lex.holidays, g["holiday"]))
        fixed = re.fullmatch(r"(\d\d)-(\d\d)", spec)
        month = re.match(r"nth-weekday:(\d+):", spec)
        value = f"XXXX-{spec}" if fixed else (f"XXXX-{int(month.group(1)):02d}" if month else "XXXX-XX-XX")
        return _reading(rule, m, value, anchor="none", confidence=0.85, extra=tuple(extra))
    if "weekday" in g:
        wd = int(_lookup(lex.weekdays, g["weekday"]))
        value = f"XXXX-WXX-{wd}"
        if "part" in g:
            value += "T" + str(_lookup(lex.parts_of_day, g["part"]))
        elif "hour" in g:
            hh = int(g["hour"]) % 12 + (12 if _norm(g["ampm"]).startswith("p") else 0)
            value += f"T{hh:02d}:{int(g.get('minute') or 0):02d}"
        return _reading(rule, m, value, anchor="none", confidence=0.9, extra=tuple(extra))
    if "part" in g:
        return _reading(rule, m, "XXXX-XX-XXT" + str(_lookup(lex.parts_of_day, g["part"])),
                        anchor="none", confidence=0.85, extra=tuple(extra))
    n = 1.0
    if "n" in g:
        n = 2.0 if _norm(g["n"]) == "other" else float(lex.number(g["n"]) or 1)
    return _reading(rule, m, duration_value(n, _unit_code(g, lex)), anchor="none", confidence=0.9,
                    extra=tuple(extra))


def _kind_vague(rule: Rule, m: re.Match[str], g: dict[str, str], ctx: Context) -> Reading | None:
    surface = _norm(m.group(0))
    if surface in ("current", "the current") and not re.match(r"\s+(?:year|month|week|quarter|period|session|term)\b",
                                                               ctx.text[m.end():m.end() + 12]):
        return None
    return _reading(rule, m, str(rule.params["value"]), anchor="dct", confidence=0.7)


def _kind_clock(rule: Rule, m: re.Match[str], g: dict[str, str], ctx: Context) -> Reading | None:
    lex = ctx.lexicon
    s, e = m.span()
    named = _norm(g.get("named") or g.get("named2") or "")
    if named:
        hh, mm = (24 if named == "midnight" else 12), 0
    else:
        raw_h = g.get("hour") or g.get("hourw") or ""
        n = lex.number(raw_h)
        if n is None:
            return None
        hh = int(n)
        mm = int(g.get("minute") or 0)
        ampm = _norm(g.get("ampm", "")).replace(" ", "").replace(".", "")
        if hh > 24 or mm > 59:
            return None
        if ampm == "pm" and hh < 12:
            hh += 12
        elif ampm == "am" and hh == 12:
            hh = 0
        elif not ampm and "partw" in g and _norm(g["partw"]) != "morning" and hh < 12:
            hh += 12
        if not ampm and "minute" not in g and "hourw" not in g and "partw" not in g \
                and "clock" not in m.group(0).lower() and "daypart" not in g:
            return None
        if not ampm and "daypart" in g and _norm(g["daypart"]) in ("tonight", "this evening") and hh < 12:
            hh += 12
        if rule.id == "time.clock24" and not g.get("tz") and not re.search(r"(?i)\bat\s+$", ctx.text[max(0, s - 4):s]):
            if hh < 10 and len(g.get("hour", "")) == 1:
                return None
    if "month" in g and "day" in g:
        month, dday = int(_lookup(lex.months, g["month"])), _day_num(g["day"], lex)
        y: int | None = _year(g, ctx)
        anchor = "none"
        if y is None:
            y, anchor, _c = _closest_year(month, dday, ctx, s, e)
        d = date(y, month, dday) if y else None
    elif "weekday" in g:
        wd = int(_lookup(lex.weekdays, g["weekday"]))
        d, anchor = _weekday_date(wd, ctx, s, e, None)
    elif "deictic" in g or "deictic2" in g or "daypart" in g:
        word = _norm(g.get("deictic") or g.get("deictic2") or g["daypart"])
        if ctx.dct is None:
            d, anchor = None, "none"
        else:
            d = ctx.dct + timedelta(days={"yesterday": -1, "tomorrow": 1}.get(word, 0))
            anchor = "dct"
    else:
        d, anchor = ctx.anchor_date(day=True)
    day = d.isoformat() if d else "XXXX-XX-XX"
    time = f"{hh:02d}" if named == "midnight" else f"{hh:02d}:{mm:02d}"
    return _reading(rule, m, f"{day}T{time}", mod=_mod(g, lex), anchor=anchor, confidence=0.85, point=d)


_KIND = {
    "calendar": _kind_calendar,
    "shift": _kind_shift,
    "offset": _kind_offset,
    "duration": _kind_duration,
    "set": _kind_set,
    "vague": _kind_vague,
    "clock": _kind_clock,
    "anaphor": _kind_anaphor,
}
