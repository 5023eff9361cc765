"""The relative kinds: shift ("yesterday", "last week", "the next day"), offset ("two years ago",
"three days later") and anaphor ("that day", "the following year")."""

from __future__ import annotations

import re
from datetime import date, timedelta

from newsline.timex._calendar import fmt_at, shift
from newsline.timex._context import REPORT_VERB, Context, Reading
from newsline.timex._grammar import Rule
from newsline.timex._interpret_common import _REL_AMOUNT, _amount, _lookup, _mod, _norm, _reading, _unit_code

_GRAIN_OF_UNIT = {
    "Y": "year", "M": "month", "W": "day", "D": "day", "2W": "day", "Q": "quarter",
    "DE": "decade", "CE": "century", "TH": "day", "TM": "day", "TS": "day", "WE": "weekend",
    "H": "half",
}
_DEICTIC_ALIASES = {"tdy": "today", "2day": "today", "tmr": "tomorrow", "tmrw": "tomorrow", "tmw": "tomorrow",
                    "trmw": "tomorrow", "tomo": "tomorrow",
                    "2moro": "tomorrow", "2morrow": "tomorrow", "2nite": "tonight", "tonite": "tonight",
                    "yday": "yesterday"}
_UNIT_SPELLINGS = {"yr": "year", "wk": "week", "mth": "month"}  # "nxt yr", "this wk" (tweets)
_FINER = {"century": 0, "decade": 1, "year": 2, "half": 3, "quarter": 4, "month": 5, "week": 6, "day": 7}
_SHIFT_GRAIN = {
    "Y": "year", "M": "month", "W": "week", "D": "day", "Q": "quarter", "DE": "decade",
    "CE": "century", "WE": "weekend", "H": "half",
}
_ANAPHORIC_REL = {"following", "previous", "prior", "same"}
_COMPARISON_BEFORE = re.compile(r"(?i)\b(?:from|with|than|versus|vs\.)\s[^.;:!?]{0,40}$")
_OF_BEFORE = re.compile(r"(\w+) of $")  # "album of " before "the year"
_MARKET_SESSION = re.compile(r"\s+(?:trading|trade|dealings|deals|session)\b", re.IGNORECASE)


def _kind_shift(rule: Rule, m: re.Match[str], g: dict[str, str], ctx: Context) -> Reading | None:
    lex = ctx.lexicon
    mod = _mod(g, lex)
    if "deictic" in g or "deictic2" in g or "deictic3" in g:  # 3: after its part of day ("mid-afternoon yesterday")
        word = _norm(g.get("deictic") or g.get("deictic2") or g["deictic3"])
        word = _DEICTIC_ALIASES.get(word, word)
        if word == "overnight":
            return _overnight(rule, m, mod, ctx)
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
    rel = "next" if rel == "nxt" else rel
    unitw = _norm(g.get("unitw", "year"))
    unitw = _UNIT_SPELLINGS.get(unitw, unitw)
    if rule.id == "date.definite-unit" and unitw == "year":
        award = _OF_BEFORE.search(ctx.text, max(0, m.start() - 30), m.start())
        if award is not None and award.group(1).lower() in lex.award_nouns:
            return None  # "album of the year": an award
    if unitw in ("morning", "afternoon", "evening", "night", "nite"):
        base, anchor = ctx.anchor_date(day=True, at=m.span())  # a morning of a year ("the end of 2021") is no day
        if anchor == "ref" and ctx.dct is not None and _MARKET_SESSION.match(ctx.text, m.end()) \
                and ctx.ref_end < ctx.sentence_start(m.start()):
            base, anchor = ctx.dct, "dct"  # "Shares fell 4 percent in afternoon trading": the trading day the news is
            # of, not a day an earlier sentence told of (TE3 silver: the 3 tagged sessions are the DCT's; we had 1987)
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
    if unit == "Q" and rel in _ANAPHORIC_REL and (ctx.last_quarter is not None or rel != "same"):
        # "the previous quarter": before the quarter in focus, else before the publication day's (not the year a
        # story gave before: "The plant opened in 2019. Revenue rose 9% in the previous quarter" was 2019; trial AY);
        # "the same period" with no quarter in focus is of the reference time, below
        base, anchor = (ctx.last_quarter, "ref") if ctx.last_quarter is not None else (ctx.dct, "dct")
    elif unit == "W" and "rel" not in g and "this" not in _norm(m.group(0)).split():
        # "the week", "the end of the week": the week of the day the story is at, else the DCT's
        base, anchor = ctx.anchor_date(day=True, at=m.span())
    elif rel in _ANAPHORIC_REL or (the_next and (unitw == "day" or ctx.narrative())):
        # "met on the set of the 2019 drama ... the following year": the name's year
        # "set his trial for May 5. His lawyer said the previous week ...": not the week before a date ahead
        base, anchor = ctx.anchor_date(at=m.span(), year_at=m.start() if unit == "Y" else None)
    else:
        base, anchor = ctx.dct, "dct"
    if base is None:
        return _reading(rule, m, "XXXX", mod=mod, anchor="none", confidence=0.5)
    if rule.id == "date.definite-unit" and unit == "Q":
        ended = _quarter_ended(ctx, m.end())
        if ended is not None:  # "the quarter ended June 30": the quarter that ended then (new-user trial AB)
            return _reading(rule, m, fmt_at(ended, "quarter"), mod=mod, anchor="dct", confidence=0.85)
        # in reports, "the quarter" is the last completed one; not in what is ahead: "will finish the repairs by the
        # end of the quarter" (new-user trial AJ had the quarter before)
        amount = 0 if ctx.tense(m.start(), m.end()) == "future" else -1
    if rule.id == "date.year-end" and unit == "Y" and anchor == "dct" and base.month <= 3 \
            and ctx.tense(m.start(), m.end()) == "past":
        amount = -1  # "gains from the year-end rally faded" in February: last year's (new-user trial AI; no TE3
        # paper of January to March has one)
    if unit == "WE" and amount == 0 and "rel" not in g:
        tense = ctx.tense(m.start(), m.end())
        wd = base.isoweekday()
        if (tense == "past" and wd < 6) or (tense is None and wd == 1):
            amount = -1  # "over the weekend" in a Monday paper is the one just past (ISO weeks start on Monday)
    grain = _SHIFT_GRAIN[unit]
    d = shift(base, unit, amount)
    day = ctx.day_instead() if anchor == "ref" and grain == "day" else None
    if day is not None:  # "announced on Monday. The couple, who married in 2015, ... The next day": Tuesday
        d = shift(day, unit, amount)
        return _reading(rule, m, fmt_at(d, grain), mod=mod, anchor=anchor, confidence=0.7, point=d)
    if anchor == "ref" and _FINER.get(grain, 0) > _FINER.get(ctx.ref_grain, 0):
        # "in March ... the next day": known only as precisely as the reference time ("the previous day" of 2018 is
        # no day of 2017)
        return _reading(rule, m, fmt_at(max(d, base), ctx.ref_grain), mod=mod, anchor=anchor, confidence=0.5)
    return _reading(rule, m, fmt_at(d, grain), mod=mod, anchor=anchor, confidence=0.9,
                    point=d if grain in ("day", "week") else None)


def _kind_offset(rule: Rule, m: re.Match[str], g: dict[str, str], ctx: Context) -> Reading | None:
    lex = ctx.lexicon
    mod = _mod(g, lex)
    if "or so" in _norm(m.group(0)):
        mod = mod or "APPROX"
    unit = _unit_code(g, lex)
    if unit == "SE":
        unit = "Y"  # "relegated two seasons ago": news counts sports seasons, a year each (it gave the DCT)
    if unit == "2W":
        unit, scale = "W", 2.0
    else:
        scale = 1.0
    n = _amount(g, lex)
    direction = _norm(g["dir"])
    back = direction in ("ago", "earlier", "before", "back")
    ref_grain = ctx.ref_grain
    if direction in ("ago", "from now", "hence", "back"):
        base, anchor = ctx.dct, "dct"
    elif unit in ("TH", "TM", "TS"):
        base, anchor, ref_grain = ctx.hours_anchor(m.span())
    else:
        base, anchor = ctx.anchor_date(at=m.span())
        if anchor == "ref" and (before := ctx.restated_from(m.start())) is not None:
            base, ref_grain = before  # "on Monday, almost two weeks later": after the time before the Monday
    if n is None:
        if "bare" in g and base is not None:
            grain = {"TH": "day", "TM": "day", "TS": "day", "D": "month", "W": "month"}.get(unit, "year")
            if anchor == "ref" and _FINER.get(grain, 0) > _FINER.get(ref_grain, 0):
                grain = ref_grain  # "in 2021 ...; hours later": no more precise than the year
            return _reading(rule, m, fmt_at(base, grain), mod="BEFORE" if back else "AFTER",
                            anchor=anchor, confidence=0.5)
        return _reading(rule, m, "PAST_REF" if back else "FUTURE_REF", mod=mod, anchor=anchor,
                        confidence=0.6)
    if base is None:
        return _reading(rule, m, "XXXX", mod=mod, anchor="none", confidence=0.4)
    steps = n * scale * (-1 if back else 1)
    grain = _GRAIN_OF_UNIT.get(unit, "day")
    if unit in ("DE", "CE"):
        grain = "year"  # "a decade ago" (1999): 1989, not the 1980s (AQUAINT, 2 of 2); so "a decade earlier"
    if (unit == "Y" and n == 1 and back) or rule.id == "date.year-ago-adj":
        if _quarter_context(ctx, m.start(), m.end()) and ctx.dct is not None:
            # earnings reports: "up from a year earlier" is the same quarter a year before
            quarter = ctx.last_quarter or shift(ctx.dct, "Q", -1)
            d = shift(quarter, "Y", -1)
            return _reading(rule, m, fmt_at(d, "quarter"), mod=mod, anchor="ref", confidence=0.7)
        if anchor == "ref" and ctx.dct is not None and _COMPARISON_BEFORE.search(ctx.text, max(0, m.start() - 50),
                                                                                 m.start()):
            # "up 8% from a year earlier": a year before the period reported on (the DCT's), not
            # before the last date mentioned; a comparison does not move the narrative either
            return _reading(rule, m, fmt_at(shift(ctx.dct, "Y", -1), "year"), mod=mod, anchor="dct", confidence=0.7)
    if unit in ("TH", "TM", "TS"):
        hours = steps * {"TH": 1, "TM": 1 / 60, "TS": 1 / 3600}[unit]
        d = base + timedelta(days=int(hours // 24) if hours >= 0 else -int(-hours // 24))
    elif steps != int(steps):
        d = base + timedelta(days=round(steps * {"Y": 365, "M": 30.4, "W": 7, "D": 1}.get(unit, 1)))
    else:
        d = shift(base, unit, int(steps))
    day = ctx.day_instead() if anchor == "ref" and unit == "D" and steps == int(steps) else None
    if day is not None:  # "arrested on Saturday. He, who moved there in 2019, ... Two days later": Monday
        d = shift(day, unit, int(steps))
        return _reading(rule, m, fmt_at(d, grain), mod=mod, anchor=anchor, confidence=0.7, point=d)
    if anchor == "ref" and _FINER.get(grain, 0) > _FINER.get(ref_grain, 0):
        # "in 2018 ...; two days later": known only as precisely as the reference time (counted back from the
        # first day of a month, a day before it is still that month's: new-user trial AE had "2019-09")
        return _reading(rule, m, fmt_at(max(d, base), ref_grain), mod=mod, anchor=anchor, confidence=0.5)
    if anchor == "dct" and not back and ctx.dct is not None and d > ctx.dct and ctx.tense(m.start(), m.end()) == "past":
        # "Earlier this month, ... Two days later, Okafor won", "revealed last month ... dissolved the federation 10
        # days later" (silver news): later than a past the story gave no day for, and not after the DCT
        return _reading(rule, m, "PAST_REF", mod=mod, anchor=anchor, confidence=0.4)
    return _reading(rule, m, fmt_at(d, grain), mod=mod, anchor=anchor,
                    confidence=0.85 if anchor == "dct" else 0.75, point=d)


_SAID_ON = re.compile(REPORT_VERB + r"\S+\Z")  # "said on Sunday", up to the day


def _overnight(rule: Rule, m: re.Match[str], mod: str | None, ctx: Context) -> Reading | None:
    """ "overnight": the night before the DCT, or ahead ("will fall overnight") the DCT's (rules.toml:
    time.overnight).  Not the night of the day the story is at: in the TE3 silver news that was the right night for
    2 or 3 of the 7 whose story was at another day ("After ordering the roundup Monday, the Authority arrested
    more teachers overnight" in a Wednesday paper is Tuesday night)."""
    if ctx.dct is None:
        return _reading(rule, m, "XXXX-XX-XXTNI", mod=mod, anchor="none", confidence=0.5)
    d = ctx.dct if ctx.tense(m.start(), m.end()) == "future" else ctx.dct - timedelta(days=1)
    said = ctx.day_ref
    if said is not None and said < ctx.dct and ctx.sentence_start(m.start()) <= ctx.day_ref_end <= m.start() \
            and d < ctx.dct and _SAID_ON.search(ctx.text, max(0, ctx.day_ref_end - 40), ctx.day_ref_end):
        # "Officials said on Sunday that the toll had climbed overnight" (a Monday paper): the night before the day
        # of the report, not the night after it (new-user trial AD)
        d = said - timedelta(days=1)
    # no point: the night before the paper is no day the story moves to ("Asian shares rose Friday after sharp
    # overnight gains ... at 10:15 am" is Friday's morning; TE3 silver news)
    return _reading(rule, m, f"{d.isoformat()}TNI", mod=mod, anchor="dct", confidence=0.8)


_ENDED_ON = re.compile(r"\s*,?\s*(?:which\s+|that\s+)?(?P<verb>ended|ending|ends|that ends)\s+(?:on\s+)?"
                       r"(?P<month>[A-Z][a-z]{2,8})\.?\s+(?:[1-9]|[12][0-9]|3[01])\b")


def _quarter_ended(ctx: Context, at: int) -> date | None:
    """The first day of the quarter that ends on the day written after "the quarter" ("the quarter ended June 30",
    "the quarter ending Dec. 31"): ended, the last such quarter up to the DCT; ending, the one nearest the DCT.
    TimeBank: "for the quarter ended Sept. 30" is that quarter (1989-Q3)."""
    m = _ENDED_ON.match(ctx.text, at)
    month = _lookup(ctx.lexicon.months, m.group("month")) if m is not None else None
    if m is None or not isinstance(month, int) or ctx.dct is None:
        return None
    first = date(ctx.dct.year, 3 * ((month - 1) // 3) + 1, 1)
    end = shift(first, "Q", 1)
    if m.group("verb") == "ended":
        return first if end <= ctx.dct + timedelta(days=7) else shift(first, "Y", -1)
    if end <= ctx.dct - timedelta(days=183):
        return shift(first, "Y", 1)
    return first if first <= ctx.dct + timedelta(days=183) else shift(first, "Y", -1)


def _quarter_context(ctx: Context, s: int, e: int) -> bool:
    """Earnings-report style: "a year ago" there means the same quarter a year ago."""
    a, b = ctx.sentence(s, e)
    window = ctx.text[max(0, a - 300):b].lower()
    return "quarter" in window or "the latest period" in window or "three months to" in window \
        or "three months ended" in window


_NIGHT_ENDS = 4  # a clock time in the small hours (before 4 a.m.) is the night before its day's morning


def _kind_anaphor(rule: Rule, m: re.Match[str], g: dict[str, str], ctx: Context) -> Reading | None:
    if "nth" in g:
        return _day_of_month(rule, m, int(g["nth"]), ctx)
    word = _norm(g["unitw"])
    surface = _norm(m.group(0))
    base, anchor = ctx.anchor_date(year_at=m.start() if word == "year" else None)
    if base is None:
        return None
    amount = 0
    if "side" in g:  # "the day before", "the week after" (said with nothing after it)
        amount = -1 if g["side"].lower() == "before" else 1
    elif re.search(r"following|next", surface):
        amount = 1
    elif re.search(r"previous|preceding|prior", surface):
        amount = -1
    if word in ("morning", "afternoon", "evening", "night"):
        part = str(_lookup(ctx.lexicon.parts_of_day, word))
        if word == "morning" and amount == 1 and anchor == "ref" and ctx.ref_hour is not None \
                and ctx.ref_hour < _NIGHT_ENDS:
            amount = 0  # "shortly after 2 a.m. on Sunday ... the next morning": the morning after that night
        day = ctx.day_instead() if anchor == "ref" else None
        if day is not None:  # "told parliament on Wednesday that she had declared it in 2023. The next morning"
            base = day
        elif anchor == "ref" and ctx.ref_grain != "day":
            # "In 2018 the plant closed. The next morning ...": known only as precisely as the reference time
            return _reading(rule, m, fmt_at(max(shift(base, "D", amount), base), ctx.ref_grain), anchor=anchor,
                            confidence=0.5)
        d = base + timedelta(days=amount)
        return _reading(rule, m, d.isoformat() + "T" + part, anchor=anchor, confidence=0.7, point=d)
    unit = {"day": "D", "week": "W", "month": "M", "year": "Y"}[word]
    d = shift(base, unit, amount)
    grain = _GRAIN_OF_UNIT[unit] if unit != "W" else "week"
    day = ctx.day_instead() if anchor == "ref" and grain in ("day", "week") else None
    if day is not None:  # "the following day" of a day the story named, not of a year said in passing
        d = shift(day, unit, amount)
        return _reading(rule, m, fmt_at(d, grain), anchor=anchor, confidence=0.7, point=d)
    if anchor == "ref" and _FINER.get(grain, 0) > _FINER.get(ctx.ref_grain, 0):
        # "in March ... the next day": known only as precisely as the reference time; "in October 2019 ... the day
        # before": still October (new-user trial AE had September)
        return _reading(rule, m, fmt_at(max(d, base), ctx.ref_grain), anchor=anchor, confidence=0.5)
    return _reading(rule, m, fmt_at(d, grain), anchor=anchor, confidence=0.7, point=d)


_DAY_PAIRED_AFTER = re.compile(r"\s*(?:to|through|until|till|and|-|–)\s+(?:the\s+)?(?:[1-9]|[12][0-9]|3[01])"
                               r"(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>[A-Za-z]{3,9}\.?)"
                               r"(?:,?\s+(?P<year>1[0-9]{3}|20[0-9]{2}))?")


def _day_of_month(rule: Rule, m: re.Match[str], day: int, ctx: Context) -> Reading | None:
    """"On the 18th": that day of the month last named in its paragraph ("next month's meeting on the 18th"),
    else of the reference time's month, else of the DCT's; nothing when the reference time is known only to
    the year, or the month has no such day."""
    base: date | None
    later = _DAY_PAIRED_AFTER.match(ctx.text, m.end())
    month = _lookup(ctx.lexicon.months, later.group("month").rstrip(".")) if later else None
    named = ctx.last_month
    if later is not None and isinstance(month, int):  # "from the 13th to the 19th of October 1950"
        year = int(later.group("year")) if later.group("year") else None
        base, anchor = date(year or (ctx.ref_year or (ctx.dct.year if ctx.dct else 1)), month, 1), "ref"
        if year is None and ctx.ref_year is None and ctx.dct is None:
            return None
    elif named is not None and "\n\n" not in ctx.text[named[1]:m.start()]:
        base, anchor = named[0], "ref"
    else:
        base, anchor = ctx.anchor_date()
        if base is None or (anchor == "ref" and ctx.ref_grain not in ("month", "week", "day")):
            return None
    try:
        d = date(base.year, base.month, day)
    except ValueError:
        return None
    return _reading(rule, m, d.isoformat(), anchor=anchor, confidence=0.6, point=d)


def _kind_period(rule: Rule, m: re.Match[str], g: dict[str, str], ctx: Context) -> Reading | None:
    """The period in focus a year before: "the same quarter a year before", "the corresponding month last year".

    The focus is the quarter the text last named (else, in a report, the last completed one), or the
    month or week of the last date mentioned (else the DCT's).  "The 1988 quarter" is the period in
    focus in the year named.
    """
    word = _norm(g["unitw"])
    if ctx.dct is None:
        return _reading(rule, m, g.get("year", "XXXX"), anchor="none", confidence=0.4)
    if word == "quarter" or (word == "period" and (ctx.last_quarter is not None or _quarter_context(
            ctx, m.start(), m.end()))):
        focus, grain = ctx.last_quarter or shift(ctx.dct, "Q", -1), "quarter"
    elif word == "period":
        focus, grain = ctx.dct, "year"
    else:
        ref, _anchor = ctx.anchor_date()
        focus, grain = (ref or ctx.dct), ("week" if word == "week" else "month")
    d = shift(focus, "Y", -1)
    if "year" in g:  # "the 1988 quarter": the period in focus, in the year named
        d = date(int(g["year"]), focus.month, 1)
    if grain == "week":
        d = focus - timedelta(weeks=52)
    return _reading(rule, m, fmt_at(d, grain), anchor="ref", confidence=0.7)
