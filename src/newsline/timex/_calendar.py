"""Calendar arithmetic and TIMEX3 values: shifting dates, intervals of values."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from newsline._model import Interval

SEASON_START = {"SP": (3, 3), "SU": (6, 3), "FA": (9, 3), "WI": (12, 3)}  # month, length
PART_HOURS = {  # part of day: start hour, end hour (may pass midnight)
    "MO": (6, 12), "MI": (11, 13), "AF": (12, 18), "EV": (18, 22), "NI": (22, 30), "DT": (6, 18),
}


def add_months(d: date, n: int) -> date:
    m = d.month - 1 + n
    y = d.year + m // 12
    m = m % 12 + 1
    last = (date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)).day
    return date(y, m, min(d.day, last))


def shift(d: date, unit: str, n: int) -> date:
    """Move ``d`` by ``n`` units (Y, M, W, D, Q, DE, CE)."""
    if unit == "D":
        return d + timedelta(days=n)
    if unit in ("W", "WE"):
        return d + timedelta(weeks=n)
    if unit == "M":
        return add_months(d, n)
    if unit == "Q":
        return add_months(d, 3 * n)
    if unit in ("Y", "H"):
        return add_months(d, 12 * n if unit == "Y" else 6 * n)
    if unit == "DE":
        return add_months(d, 120 * n)
    if unit == "CE":
        return add_months(d, 1200 * n)
    return d


def fmt_at(d: date, grain: str) -> str:
    """The TIMEX3 value of the period of ``grain`` that contains ``d``."""
    if grain == "day":
        return d.isoformat()
    if grain == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if grain == "year":
        return f"{d.year:04d}"
    if grain == "week":
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}"
    if grain == "weekend":
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}-WE"
    if grain == "quarter":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if grain == "half":
        return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
    if grain == "decade":
        return f"{d.year // 10:03d}"
    if grain == "century":
        return f"{d.year // 100:02d}"
    raise ValueError(grain)


def nth_weekday(year: int, month: int, n: int, weekday: int) -> date:
    """The n-th ISO weekday (1=Monday) of a month; n=-1 for the last."""
    if n > 0:
        first = date(year, month, 1)
        delta = (weekday - first.isoweekday()) % 7
        return first + timedelta(days=delta + 7 * (n - 1))
    last = add_months(date(year, month, 1), 1) - timedelta(days=1)
    return last - timedelta(days=(last.isoweekday() - weekday) % 7)


def easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ll = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ll) // 451
    month = (h + ll - 7 * m + 114) // 31
    day = (h + ll - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def holiday_date(spec: str, year: int, dct: date | None = None) -> date | None:
    """The date of a holiday spec of lexicon.toml in ``year`` (a named day of one date ignores it)."""
    if spec.startswith("date:"):
        return date.fromisoformat(spec[5:])
    if spec.startswith("dates:"):  # a day that was moved: the one planned at the DCT
        days = [date.fromisoformat(x) for x in spec[6:].split(",")]
        return next((d for d in days if dct is None or d >= dct), days[-1]) if dct else days[-1]
    if re.fullmatch(r"\d\d-\d\d", spec):
        return date(year, int(spec[:2]), int(spec[3:]))
    if spec.startswith("nth-weekday:"):
        body, _, plus = spec[12:].partition("+")
        month, n, wd = (int(x) for x in body.split(":"))
        return nth_weekday(year, month, n, wd) + timedelta(days=int(plus or 0))
    if spec.startswith("easter:"):
        return easter(year) + timedelta(days=int(spec[7:]))
    if spec == "election":  # US: the Tuesday after the first Monday of November
        return nth_weekday(year, 11, 1, 1) + timedelta(days=1)
    return None


def _iso(dt: datetime) -> str:
    return dt.isoformat(timespec="seconds")


def _span(a: datetime, b: datetime) -> Interval:
    return Interval(_iso(a), _iso(b))


def _day(d: date) -> datetime:
    return datetime(d.year, d.month, d.day)


_VALUE = re.compile(
    r"(?P<y>\d{4})(?:-(?:(?P<m>\d\d)(?:-(?P<d>\d\d)(?:T(?:(?P<hh>\d\d):(?P<mi>\d\d)|(?P<hh2>\d\d)|(?P<part>MO|MI|AF|EV|NI|DT))"
    r"(?:Z|[+-]\d\d(?::\d\d)?)?)?)?"
    r"|W(?P<w>\d\d)(?P<we>-WE)?|Q(?P<q>[1-4])|H(?P<h>[12])|(?P<s>SP|SU|FA|WI)))?"
)


@lru_cache(maxsize=8192)
def interval_of(value: str, dct: date | None) -> tuple[Interval | None, str | None]:
    """The interval a DATE/TIME value denotes and its grain; (None, None) if it has none.

    Vague references: PRESENT_REF is the DCT's day; PAST_REF ends where the DCT's
    day starts and has no start; FUTURE_REF starts where it ends and has no end.
    """
    if value in ("PRESENT_REF", "PAST_REF", "FUTURE_REF"):
        if dct is None:
            return None, None
        a, b = _day(dct), _day(dct) + timedelta(days=1)
        if value == "PRESENT_REF":
            return _span(a, b), "day"
        if value == "PAST_REF":
            return Interval(None, _iso(a)), None
        return Interval(_iso(b), None), None
    if re.fullmatch(r"\d{3}", value):
        y = int(value) * 10
        return _span(datetime(max(y, 1), 1, 1), datetime(y + 10, 1, 1)), "decade"
    if re.fullmatch(r"\d{2}", value):
        y = int(value) * 100
        return _span(datetime(max(y, 1), 1, 1), datetime(y + 100, 1, 1)), "century"
    m = _VALUE.fullmatch(value)
    if not m:
        return None, None
    try:
        return _interval_from_match(m)
    except ValueError:
        return None, None


def _interval_from_match(m: re.Match[str]) -> tuple[Interval, str]:
    y = int(m.group("y"))
    if m.group("w"):
        start = datetime.fromisocalendar(y, int(m.group("w")), 1)
        if m.group("we"):
            return _span(start + timedelta(days=5), start + timedelta(days=7)), "weekend"
        return _span(start, start + timedelta(days=7)), "week"
    if m.group("q"):
        q = int(m.group("q"))
        a = date(y, 3 * q - 2, 1)
        return _span(_day(a), _day(add_months(a, 3))), "quarter"
    if m.group("h"):
        a = date(y, 1 if m.group("h") == "1" else 7, 1)
        return _span(_day(a), _day(add_months(a, 6))), "half"
    if m.group("s"):
        month, length = SEASON_START[m.group("s")]
        a = date(y, month, 1)
        return _span(_day(a), _day(add_months(a, length))), "season"
    if not m.group("m"):
        return _span(datetime(y, 1, 1), datetime(y + 1, 1, 1)), "year"
    mo = int(m.group("m"))
    if not m.group("d"):
        a = date(y, mo, 1)
        return _span(_day(a), _day(add_months(a, 1))), "month"
    d = _day(date(y, mo, int(m.group("d"))))
    if m.group("hh"):
        hh, mi = int(m.group("hh")), int(m.group("mi"))
        a = d + timedelta(hours=hh, minutes=mi)
        return _span(a, a + timedelta(minutes=1)), "minute"
    if m.group("hh2"):
        a = d + timedelta(hours=int(m.group("hh2")))
        if m.group("hh2") == "24":  # "midnight Friday" (TimeBank 1989-10-27T24): the end of Friday, on Friday
            return _span(a - timedelta(minutes=1), a), "minute"
        return _span(a, a + timedelta(hours=1)), "hour"
    if m.group("part"):
        h0, h1 = PART_HOURS[m.group("part")]
        return _span(d + timedelta(hours=h0), d + timedelta(hours=h1)), "part-of-day"
    return _span(d, d + timedelta(days=1)), "day"


def zone_offset(spec: str, day: date | None) -> str:
    """A time zone of lexicon.toml as the offset a TIMEX3 value carries: "Z", "-05", "+05:30".

    "US:-05" is a US zone named without standard or daylight ("ET"): one hour later from the
    second Sunday of March to the first Sunday of November (since 2007; before, from the first
    Sunday of April to the last Sunday of October).
    """
    if not spec.startswith("US:"):
        return spec
    hours = int(spec[3:])
    if day is not None:
        if day.year >= 2007:
            start, end = nth_weekday(day.year, 3, 2, 7), nth_weekday(day.year, 11, 1, 7)
        else:
            start, end = nth_weekday(day.year, 4, 1, 7), nth_weekday(day.year, 10, -1, 7)
        if start <= day < end:
            hours += 1
    return f"{hours:+03d}"


def explicit_offset(sign: str, hours: str, minutes: str | None) -> str:
    """ "GMT +5" as "+05", "UTC-3:30" as "-03:30", "GMT+0" as "Z"."""
    h, mi = int(hours), int(minutes or 0)
    if h == 0 and mi == 0:
        return "Z"
    sign = "-" if sign in ("-", "−") else "+"
    return f"{sign}{h:02d}" + (f":{mi:02d}" if mi else "")
