"""The kinds that are amounts or times of day: duration ("three years"), set ("every Monday", "weekly"),
vague ("recently", "now") and clock ("at 3 p.m. Tuesday")."""

from __future__ import annotations

import dataclasses
import re
from datetime import date, timedelta

from newsline.timex._calendar import explicit_offset, zone_offset
from newsline.timex._context import Context, Reading
from newsline.timex._grammar import Rule
from newsline.timex._interpret_common import (
    _amount,
    _closest_year,
    _day_num,
    _lookup,
    _mod,
    _norm,
    _reading,
    _unit_code,
    _weekday_date,
    _year,
)
from newsline.timex._interpret_relative import _DEICTIC_ALIASES

_WOULD = re.compile(r"(?i)\bwould\b|\w'd\b")  # the future of a past: "she said she would", "she'd"
_OR_MORE = re.compile(r"or (?:more|longer)$")  # compiled once: checked for every duration
_DURATION_GRAIN = {
    "Y": "year", "M": "month", "W": "week", "2W": "week", "D": "day", "Q": "quarter", "DE": "decade",
    "CE": "century", "TH": "hour", "TM": "minute", "TS": "second", "WE": "weekend", "NI": "night",
    "SE": "season", "ML": "millennium",
}


def _fmt_amount(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def duration_value(n: float | None, unit: str) -> str:
    """ISO 8601 / TIMEX3 duration for ``n`` units (None = unknown number, 'X')."""
    if unit == "2W":
        unit, n = "W", (None if n is None else n * 2)
    if n is not None and n != int(n) and n * 2 == int(n * 2):
        whole = int(n)
        sub = {"Y": "6M", "D": "T12H", "TH": "30M", "TM": "30S", "W": "3DT12H", "M": "15D"}.get(unit)
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


_ABOUT_BEFORE = re.compile(r"(?i)\b(?:about|around|roughly|approximately|some)\s+\Z")


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
    if _OR_MORE.search(surface):
        mod = mod or "EQUAL_OR_MORE"
    elif surface.endswith("or so") or (not mod and _ABOUT_BEFORE.search(ctx.text, max(0, m.start() - 16),
                                                                        m.start())):
        mod = mod or "APPROX"  # "about three weeks": the TE3 corpora leave "about" out of the extent, not its sense
    if "bare" in g or ("unit" in g and "num" not in g and "vnum" not in g and "amount" not in rule.params):
        n = None
    low = lex.number(g.get("lo") or g["lod"]) if "lo" in g or "lod" in g else None
    if low is not None and n is not None and low < n:
        # a range ("two to three weeks", "10-12 hours"): at least the lower number, as TimeBank writes it
        n, mod = low, mod or "EQUAL_OR_MORE"
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


_UNIT_AFTER = re.compile(r"\s+(?:year|month|week|quarter|period|session|term)\b")


def _kind_vague(rule: Rule, m: re.Match[str], g: dict[str, str], ctx: Context) -> Reading | None:
    surface = _norm(m.group(0))
    if surface in ("current", "the current") and not _UNIT_AFTER.match(ctx.text[m.end():m.end() + 12]):
        return None
    return _reading(rule, m, str(rule.params["value"]), anchor="dct", confidence=0.7)


_ZONE_WORDS = frozenset({"eastern", "central", "mountain", "pacific"})  # US zones as words ("9:30 a.m. Eastern")
_NAME_AFTER = re.compile(r"[ -][A-Z]")  # ... unless a name goes on: "Central Park", "Pacific Heights"
_AFTER_MIDNIGHT = re.compile(r"(?i)\b(?:after|past)\s+\Z")
# "results came shortly before midnight": the end of the day the story is at, not its start (trial P)
_BEFORE_MIDNIGHT = re.compile(r"(?i)\b(?:before|until|till|by)\s+\Z")


_RANGE_REACH = 30  # characters from the start of a range's first clock time to its second
_CLOCK_RANGE_TO = re.compile(r"(?:\band|\bto|\buntil|\btill|\bthrough|[-–])\s*\Z")
_BRACKET_THEN_WORD = re.compile(r"\s*\([^()\n]{1,25}\)\s*,?\s*(?:on\s+)?([A-Za-z]+)")


def _weekday_past_bracket(ctx: Context, e: int) -> tuple[int, int, int] | None:
    """(weekday, start, end) of a weekday written after a bracket that follows a clock time: the same hour in
    GMT between them ("at 3:47 a.m. local time (0047 GMT) on Saturday", new-user trial P; AQUAINT writes "10:35
    a.m. (0735 GMT) Friday" as two expressions, the time on the Friday).  None when no weekday follows."""
    found = _BRACKET_THEN_WORD.match(ctx.text, e)
    if found is None:
        return None
    wd = ctx.lexicon.weekdays.get(found.group(1).lower())
    return None if wd is None else (int(wd), found.start(1), found.end(1))


_BRACKET_THEN_MONTH_DAY = re.compile(r"\s*\([^()\n]{1,25}\)\s*,?\s*(?:on\s+)?([A-Za-z]{3,9})\.?\s+([0-9]{1,2})\b"
                                     r"(?![:.]?\d)")


def _month_day_past_bracket(ctx: Context, e: int) -> tuple[date | None, str] | None:
    """The day of a month and day written after a bracket that follows a clock time ("will host a call at 4 p.m.
    (2100 GMT) on Jan. 28": new-user trial AB had the call on the publication day), as the weekday after one is."""
    found = _BRACKET_THEN_MONTH_DAY.match(ctx.text, e)
    month = _lookup(ctx.lexicon.months, found.group(1)) if found is not None else None
    if found is None or not isinstance(month, int):
        return None
    dday = int(found.group(2))
    y, anchor, _c = _closest_year(month, dday, ctx, found.start(1), found.end(2))
    try:
        return (date(y, month, dday) if y else None), anchor
    except ValueError:
        return None


_RANGE_THEN_DAY = re.compile(r"\s+(?:to|until|till|through|and)\s+|\s*[-–]\s*")
_CLOCK_THEN_DAY = re.compile(
    r"(\d{1,2})(?:[:.][0-5]\d)?\s*(?:([ap])\.?m\.?)?(?:\s+[A-Z]{2,4})?,?\s+(?:on\s+)?([A-Za-z]+)", re.IGNORECASE)


def _range_end_day(ctx: Context, e: int) -> tuple[int, int, int, int] | None:
    """(weekday, start, end, hour) of the clock time that ends a range opened by the one ending at ``e``, when a
    weekday follows it ("from 9 a.m. to 5 p.m. on Saturday"); else None."""
    joiner = _RANGE_THEN_DAY.match(ctx.text, e)
    if joiner is None:
        return None
    found = _CLOCK_THEN_DAY.match(ctx.text, joiner.end())
    if found is None:
        return None
    wd = ctx.lexicon.weekdays.get(found.group(3).lower())
    if wd is None:
        return None
    hour = int(found.group(1)) % 12 + (12 if (found.group(2) or "").lower() == "p" else 0)
    return int(wd), found.start(3), found.end(3), hour


# a day counted from the story's, right after a clock time: "at 1 a.m. the next day", "9 p.m. the previous evening"
_ANAPHORIC_DAY_AFTER = re.compile(
    r",?\s+(?:on\s+)?the\s+(next|following|previous|preceding)\s+(?:day|morning|afternoon|evening|night)\b",
    re.IGNORECASE)


def _kind_clock(rule: Rule, m: re.Match[str], g: dict[str, str], ctx: Context) -> Reading | None:
    lex = ctx.lexicon
    s, e = m.span()
    counted = False  # the day is one counted by the expression after it ("1 a.m. the next day")
    named = _norm(g.get("named") or g.get("named2") or "")
    if named == "midnight" and not any(k in g for k in ("weekday", "month", "deictic", "deictic2")) \
            and not _BEFORE_MIDNIGHT.search(ctx.text, max(0, s - 12), s):
        named, hh, mm = "midnight-start", 0, 0  # a bare "midnight": the start of the day (tweets, train: 4 of 4)
    elif named == "midnight" and "weekday" in g and _AFTER_MIDNIGHT.search(ctx.text, max(0, s - 12), s):
        named, hh, mm = "midnight-start", 0, 0  # "shortly after midnight on Monday": Monday's first hour
    elif named:
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
        d, anchor = _weekday_date(wd, ctx, s, e, _norm(g["rel"]) if "rel" in g else None)
    elif "deictic" in g or "deictic2" in g or "daypart" in g:
        word = _norm(g.get("deictic") or g.get("deictic2") or g["daypart"])
        word = _DEICTIC_ALIASES.get(word, word)  # "6pm tmr"
        if ctx.dct is None:
            d, anchor = None, "none"
        else:
            d = ctx.dct + timedelta(days={"yesterday": -1, "tomorrow": 1}.get(word, 0))
            anchor = "dct"
    elif (later := _weekday_past_bracket(ctx, e)) is not None:  # "3:47 a.m. local time (0047 GMT) on Saturday"
        d, anchor = _weekday_date(later[0], ctx, later[1], later[2], None)
    elif (written := _month_day_past_bracket(ctx, e)) is not None:  # "at 4 p.m. (2100 GMT) on Jan. 28"
        d, anchor = written
    elif (until := _range_end_day(ctx, e)) is not None:  # "from 9 a.m. to 5 p.m. on Saturday": Saturday's
        d, anchor = _weekday_date(until[0], ctx, until[1], until[2], None)
        if d is not None and hh > until[3]:
            d -= timedelta(days=1)  # "from 10 p.m. until 6 a.m. on Friday": Thursday night
    else:  # the day the story is at; in a past-tense sentence not one ahead of the DCT ("results on Oct. 23.
        d, anchor = ctx.anchor_date(day=True, at=(s, e))  # Shares rose 6% by midday": the DCT's midday)
        if anchor == "dct" and ctx.ref is not None and ctx.tense(s, e) == "past":
            # "found him guilty on Wednesday, ending a trial that opened a month ago. The jurors returned their verdict
            story_day, how, grain = ctx.hours_anchor((s, e))  # shortly after 2 p.m.": Wednesday's 2 p.m. (trial AT)
            if grain == "day":
                d, anchor = story_day, how
        if ctx.arranged_day is not None and ctx.sentence_start(s) <= ctx.arranged_day[1] <= s:
            d, anchor = ctx.arranged_day[0], "ref"  # "was moved to Tuesday, with a window opening at 06:42 BST"
        if anchor == "ref" and d is not None and ctx.dct is not None and d < ctx.dct and ctx.tense(s, e) == "future" \
                and not _WOULD.search(ctx.text, ctx.sentence_start(s), s):
            # a clock time of a clause about what will happen is no time of a day gone by ("the trial, which began
            # on Feb. 20, will resume at 3 p.m. ET"); "would" keeps the day ("said on Feb. 20 she would testify at 3")
            d, anchor = ctx.dct, "dct"
        if d is not None and (beside := _ANAPHORIC_DAY_AFTER.match(ctx.text, e)) is not None:
            # "Shortly after 1 a.m. the next day, a fire broke out": that day's 1 a.m. (new-user trial U); the day
            # after it moves the story there, counting from where it is
            d += timedelta(days=-1 if beside.group(1).lower() in ("previous", "preceding") else 1)
            counted = True
        if anchor == "ref" and d is not None and ctx.ref_hour is not None and hh < 12 <= ctx.ref_hour \
                and 0 <= s - ctx.ref_start <= _RANGE_REACH and _CLOCK_RANGE_TO.search(ctx.text, ctx.ref_start, s):
            d += timedelta(days=1)  # "between 11 p.m. and 3 a.m.": the night runs into the next day; not "moved
            # from 3 p.m. to 12:30 p.m." (new-user trial T), a change of time on one day
    day = d.isoformat() if d else "XXXX-XX-XX"
    time = f"{hh:02d}" if named == "midnight" else f"{hh:02d}:{mm:02d}"
    end = e
    if "tz" in g and _norm(g["tz"]) in _ZONE_WORDS and _NAME_AFTER.match(ctx.text, e):
        g = {k: v for k, v in g.items() if k != "tz"}  # "9 a.m. Central Park": a place, no time zone
        end = m.start("tz") if m.start("tz") >= 0 else e
        while end > s and ctx.text[end - 1] in " (":
            end -= 1
    if "tzsign" in g:  # "7:15 p.m. (GMT +5)"
        time += explicit_offset(g["tzsign"], g["tzh"], g.get("tzm"))
    elif "tz" in g and _norm(g["tz"]).removesuffix(" time") in lex.time_zones:  # "09:30 GMT", "3 p.m. ET"
        time += zone_offset(str(lex.time_zones[_norm(g["tz"]).removesuffix(" time")]), d)
    reading = _reading(rule, m, f"{day}T{time}", mod=_mod(g, lex), anchor=anchor, confidence=0.85,
                       point=None if counted else d)
    if end != e:
        reading = dataclasses.replace(reading, end=end)
    if m.group(0).endswith(")") and "(" not in m.group(0):
        reading.end -= 1  # "(about 1.10pm SGT)": the bracket closes the sentence's, not the zone's
    return reading
