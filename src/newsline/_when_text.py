"""An event's time in plain English: "Wed 14 Oct 2020", "Oct 2020", "autumn 2019", "Monday night, 13 Jun 2022",
"before 4 Mar 2019", "Jan 2016 to Sep 2023", "after 16 Oct 2020", "around 16 Oct 2020 (ongoing)".

:func:`when_text` writes the fields of an ``EventTime`` (value, interval, grain, basis; ``EventTime.when_text``
calls it) for people, where ``EventTime.label`` writes them for a scorer.  The words (month and weekday
abbreviations, seasons, parts of the day) and the templates are data: ``lang/en/when.toml``.

- a value with a calendar reading is written at its grain: a day with its weekday, a month, a season, a
  quarter, a week, a part of a day with its weekday, a clock time;
- ``PRESENT_REF`` is the publication day it stands for;
- ``PAST_REF`` is "before" the publication day, ``FUTURE_REF`` "after" it (its interval starts the next
  day), as ``EventTime.label`` has it;
- ``ONGOING_REF`` (the ``dct-default`` basis: begun before the publication day, not over after it) is
  "around <that day> (ongoing)"; an ongoing time placed otherwise starts where it began ("has led it since
  January 2016": "since Jan 2016 (ongoing)");
- any other interval is written from its bounds: "Jan 2016 to Sep 2023", "before 4 Mar 2019",
  "since Jan 2016", at the coarsest grain its bounds allow (years, months, days);
- no time at all (basis ``unknown``) is "undated".

This module imports nothing of newsline but ``_labels`` (which imports nothing), so the model can use it.
"""

from __future__ import annotations

import re
import tomllib
from datetime import date, datetime, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

from newsline._time_labels import _SEASONS, ONGOING

_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"(\d{4})-(\d{2})$")
_YEAR = re.compile(r"(\d{4})$")
_SEASON = re.compile(r"(\d{4})-(SP|SU|FA|AU|WI)$")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])$")
_HALF = re.compile(r"(\d{4})-(H[12])$")
_PART = re.compile(r"(\d{4}-\d{2}-\d{2})T(MO|MI|AF|EV|NI|DT)$")
_CLOCK = re.compile(r"(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2})?(Z|[+-]\d{2}(?::?\d{2})?)?")
_WEEK = re.compile(r"(\d{4})-W(\d{2})(-WE)?$")
_DECADE = re.compile(r"(\d{3})$")
_CENTURY = re.compile(r"(\d{2})$")


@lru_cache(maxsize=4)
def words(lang: str = "en") -> dict[str, Any]:
    """The word lists and templates of ``lang/<lang>/when.toml``."""
    text = resources.files("newsline").joinpath(f"lang/{lang}/when.toml").read_text("utf-8")
    data = tomllib.loads(text)
    for key, size in (("months", 12), ("weekdays_short", 7), ("weekdays", 7)):
        if len(data.get(key, ())) != size:
            raise ValueError(f"when.toml: {key} must list {size} words")
    return data


def _t(name: str, **fields: Any) -> str:
    return str(words()["templates"][name]).format(**fields)


def write_day(d: date) -> str:
    """ "Wed 14 Oct 2020"."""
    return _t("day", weekday=words()["weekdays_short"][d.weekday()], date=_date(d))


def _date(d: date) -> str:
    return f"{d.day} {words()['months'][d.month - 1]} {d.year}"


def _month(year: int, month: int) -> str:
    return _t("month", month=words()["months"][month - 1], year=year)


def _from_value(value: str) -> str | None:
    """The reading of a calendar value at its own grain, or None when it has none."""
    w = words()
    if m := _DAY.match(value):
        return write_day(date(int(m[1]), int(m[2]), int(m[3])))
    if m := _MONTH.match(value):
        return _month(int(m[1]), int(m[2]))
    if m := _YEAR.match(value):
        return _t("year", year=m[1])
    if m := _SEASON.match(value):
        return _t("season", season=w["seasons"][m[2]], year=m[1])
    if m := _QUARTER.match(value):
        return _t("quarter", quarter=m[2], year=m[1])
    if m := _HALF.match(value):
        return str(w["halves"][m[2]]).format(year=m[1])
    if m := _PART.match(value):
        d = date.fromisoformat(m[1])
        return _t("part_of_day", weekday_long=w["weekdays"][d.weekday()], part=w["parts_of_day"][m[2]],
                  date=_date(d))
    if m := _CLOCK.match(value):
        d = date.fromisoformat(m[1])
        return _t("clock", weekday=w["weekdays_short"][d.weekday()], date=_date(d), clock=_clock(m[2], m[3]))
    if m := _WEEK.match(value):
        try:
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        except ValueError:
            return None
        if m[3]:
            return _t("weekend", date=_date(monday + timedelta(days=5)))
        return _t("week", date=_date(monday))
    if m := _DECADE.match(value):
        return _t("decade", decade=f"{m[1]}0")
    if m := _CENTURY.match(value):
        return _t("century", century=int(m[1]) + 1)
    return None


def _clock(clock: str, zone: str | None) -> str:
    """ "10:00", "10:00 UTC", "10:00 UTC-5", "09:30 UTC+5:30": a time of day with the zone its value carries."""
    if zone is None:
        return clock
    if zone == "Z":
        return _t("clock_utc", clock=clock)
    hours, minutes = int(zone[1:3]), zone[3:].lstrip(":")
    offset = f"{zone[0]}{hours}" + (f":{minutes}" if minutes and minutes != "00" else "")
    return _t("clock_zone", clock=clock, offset=offset)


def _grain_of(*moments: str) -> str:
    """The coarsest grain all these interval bounds fall on: "year", "month" or "day" (else "time")."""
    ats = [datetime.fromisoformat(m) for m in moments]
    if any(a.time() != datetime.min.time() for a in ats):
        return "time"
    if all(a.month == 1 and a.day == 1 for a in ats):
        return "year"
    return "month" if all(a.day == 1 for a in ats) else "day"


def _bound(moment: str, grain: str, *, last: bool) -> str:
    """One end of an interval at ``grain``; ``last`` writes the end of a half-open interval (what it closes)."""
    at = datetime.fromisoformat(moment)
    d = at.date() - timedelta(days=1) if last and grain != "time" else at.date()
    if grain == "year":
        return _t("year", year=d.year)
    if grain == "month":
        return _month(d.year, d.month)
    return _date(d)


_SPAN_GRAIN = ((re.compile(r"after(\d{4})-01-01before\1-12-31$"), "year"),
               (re.compile(r"after(\d{4}-\d{2})-01before\1-(?:2[89]|3[01])$"), "month"),
               (re.compile(r"\d{4}-\d{2}-\d{2}$"), "day"))


def span_grain(bound: str) -> str | None:
    """The grain of one end of a multi-day label: a year ("after2016-01-01before2016-12-31"), a month
    ("after2016-01-01before2016-01-28", as the annotators close months) or a day; None for other bounds."""
    for pattern, grain in _SPAN_GRAIN:
        if pattern.match(bound):
            return grain
    return None


def closed_span(start: str, start_grain: str, end: str, end_grain: str) -> str:
    """A state from where it began to where an event ended it, each end at its own grain ("year", "month",
    "day"): "Jan 2016 to 10 Feb 2025" for [2016-01-01, 2025-02-11)."""
    first, last = _bound(start, start_grain, last=False), _bound(end, end_grain, last=True)
    return first if first == last else _t("range", first=first, last=last)


@lru_cache(maxsize=8192)  # as label_text
def when_text(value: str | None, start: str | None, end: str | None, grain: str | None, basis: str) -> str:
    """An EventTime's fields as people write a date (see the module doc)."""
    if basis == "unknown" or (start is None and end is None and not value):
        return _t("unknown")
    if value == ONGOING and start is not None:
        if basis == "dct-default":
            return _t("ongoing", when=_date(datetime.fromisoformat(start).date()))
        at = grain if grain in ("year", "month", "day") else _grain_of(start)
        return _t("since_ongoing", when=_bound(start, at, last=False))
    if value == "PRESENT_REF" and start is not None:
        return write_day(datetime.fromisoformat(start).date())
    if value == "PAST_REF" and end is not None:
        return _t("before", when=_date(datetime.fromisoformat(end).date()))
    if value == "FUTURE_REF" and start is not None:
        return _t("after", when=_date(datetime.fromisoformat(start).date() - timedelta(days=1)))
    if value and (start is None) == (end is None):
        shown = _from_value(value)
        if shown is not None:
            return shown
    if start is None and end is not None:
        return _t("before", when=_bound(end, _grain_of(end), last=False))
    if end is None and start is not None:
        return _t("since", when=_bound(start, _grain_of(start), last=False))
    if start is None or end is None:
        return _t("unknown")
    if datetime.fromisoformat(end) - datetime.fromisoformat(start) <= timedelta(days=1):
        return write_day(datetime.fromisoformat(start).date())
    bounds = _grain_of(start, end)
    first, last = _bound(start, bounds, last=False), _bound(end, bounds, last=True)
    return first if first == last else _t("range", first=first, last=last)


# --- times the anchoring model gives: written from their TimeBank-EventTime label ---------------------------

_LABEL_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})$")
_LABEL_BOUNDS = re.compile(r"(?:after(\d{4}-\d{2}-\d{2}))?(?:before(\d{4}-\d{2}-\d{2}))?$")
_LABEL_SPAN = re.compile(r"beginPoint=(.*)endPoint=(.*)$")



def _period(lo: date, hi: date) -> str | None:
    """The calendar period that the inclusive days ``lo``..``hi`` of a label stand for, written at its grain
    (a year, a quarter, a month as the annotators close it on the 28th or later, a season, a Sunday-to-Saturday
    week), or None when they are no such period."""
    if (lo.month, lo.day, hi.month, hi.day) == (1, 1, 12, 31) and lo.year == hi.year:
        return _t("year", year=lo.year)
    if lo.day == 1 and lo.month % 3 == 1 and lo.year == hi.year and hi.month == lo.month + 2 \
            and (hi + timedelta(days=1)).day == 1:
        return _t("quarter", quarter=(lo.month - 1) // 3 + 1, year=lo.year)
    if lo.day == 1 and (lo.year, lo.month) == (hi.year, hi.month) and hi.day >= 28:
        return _month(lo.year, lo.month)
    for code, ((m1, d1), (m2, d2)) in _SEASONS.items():  # astronomical, as labels write them
        if (lo.month, lo.day, hi.month, hi.day) == (m1, d1, m2, d2) \
                and hi.year == lo.year + (1 if code == "WI" else 0):
            return _t("season", season=words()["seasons"][code], year=lo.year)
    if lo.weekday() == 6 and hi - lo == timedelta(days=6):
        return _t("week", date=_date(lo + timedelta(days=1)))
    return None


def _edge(d: date, *, first: bool) -> str:
    """One bound of a label in words, at the coarsest grain it falls on: "before 1 Mar 2023" reads "before Mar
    2023" (``first``: the bound opens a period), "after 31 Mar 2023" "after Mar 2023" (it closes one)."""
    if first and d.day == 1:
        return _t("year", year=d.year) if d.month == 1 else _month(d.year, d.month)
    if not first and (d + timedelta(days=1)).day == 1:
        return _t("year", year=d.year) if d.month == 12 else _month(d.year, d.month)
    return _date(d)


def _edge_holds(d: date, other: date, *, first: bool) -> bool:
    """Whether :func:`_edge` writes ``d`` as a month or a year that holds ``other`` too."""
    if first and d.day == 1:
        return other.year == d.year and (d.month == 1 or other.month == d.month)
    if not first and (d + timedelta(days=1)).day == 1:
        return other.year == d.year and (d.month == 12 or other.month == d.month)
    return False


def _label_part(part: str, *, alone: bool) -> tuple[str, str] | None:
    """A single-day label part as (kind, words): ("at", "Wed 14 Oct 2020" / "Mar 2023"), ("between", ...),
    ("before", "Mar 2023"), ("after", "14 Oct 2020"); None for a part in no known form (``xxxx-xx-xx``).
    ``alone``: a day is written with its weekday (a date on its own), else without (one end of a range)."""
    if m := _LABEL_DAY.match(part):
        d = date.fromisoformat(m[1])
        return "at", write_day(d) if alone else _date(d)
    m = _LABEL_BOUNDS.match(part)
    if m is None or not (m[1] or m[2]):
        return None
    lo = date.fromisoformat(m[1]) if m[1] else None
    hi = date.fromisoformat(m[2]) if m[2] else None
    if lo is not None and hi is not None:
        period = _period(lo, hi)
        if period is not None:
            return "at", period
        first, last = _edge(lo, first=True), _edge(hi, first=False)
        if _edge_holds(hi, lo, first=False):  # "between 10 Jun 2025 and 31 Dec 2025", not "... and 2025": a
            last = _date(hi)  # period that holds the other bound too
        if _edge_holds(lo, hi, first=True):
            first = _date(lo)
        return "between", _t("between", first=first, last=last)
    if hi is not None:
        return "before", _edge(hi, first=True)
    assert lo is not None
    return "after", _edge(lo, first=False)


@lru_cache(maxsize=8192)  # a pure function of the label; an entity's thousands of reports share few labels
def label_text(label: str | None) -> str:
    """A TimeBank-EventTime label in words, the way the anchoring model's times are read:

    - ``2020-10-14``: "Wed 14 Oct 2020"; ``after2023-03-01before2023-03-28``: "Mar 2023";
      ``before2023-03-01``: "before Mar 2023"; ``after2023-03-01before2024-01-17``: "between Mar 2023 and
      17 Jan 2024";
    - a multi-day label: begun before a day and going on after it, "around 17 Jan 2024 (ongoing)"; begun at a
      time and going on, "since Mar 2023 (ongoing)" (or "from Mar 2023" when it goes on after that time itself);
      over before a day, "before 17 Jan 2024"; begun after one, "after 17 Jan 2024"; else "<begin> to <end>".
    """
    if label is None:
        return _t("unknown")
    span = _LABEL_SPAN.match(label)
    if span is None:
        one = _label_part(label, alone=True)
        if one is None:
            return _t("unknown")
        kind, text = one
        return _t(kind, when=text) if kind in ("before", "after") else text
    begin, end = _label_part(span[1], alone=False), _label_part(span[2], alone=False)
    if begin is None and end is None:
        return _t("unknown")
    if begin is None:
        assert end is not None
        return _t("until", when=end[1]) if end[0] != "after" else _t("after", when=end[1])
    if end is None:
        return _t("since", when=begin[1])
    (bk, bt), (ek, et) = begin, end
    if ek == "after":
        if bk == "before":
            return _t("ongoing", when=bt) if bt == et else _t("since_before_ongoing", when=bt)
        if bk == "after":
            return _t("after", when=bt)
        if bk == "between":
            return _t("begun_ongoing", when=bt)
        if _same_end(span[1], span[2]):
            return _t("from", when=bt)
        return _t("since_ongoing", when=bt)
    if ek == "before" and bk == "before":
        return _t("before", when=et)
    if bk == "before" and ek == "between":  # "is filming until late October": going on now, over by then
        hi = _LABEL_BOUNDS.match(span[2])
        if hi is not None and hi[2]:
            return _t("until", when=_edge(date.fromisoformat(hi[2]), first=False))
    if bk == "before":
        return _t("until", when=et)
    if bk == "after" and ek == "between":  # "will take until November": begins after the DCT, ends by then
        hi = _LABEL_BOUNDS.match(span[2])
        lo = _LABEL_BOUNDS.match(span[1])
        if hi is not None and hi[2]:
            last_day = date.fromisoformat(hi[2])
            last = _edge(last_day, first=False)
            if lo is not None and lo[1] and _edge_holds(last_day, date.fromisoformat(lo[1]), first=False):
                last = _date(last_day)  # "after 26 Feb 2025, until 28 Feb 2025", not "... until Feb 2025" (trial AG)
            return _t("after_until", first=bt, last=last)
    if span[1] == span[2]:
        return label_text(span[1])
    return _t("range", first=bt, last=et)


def _same_end(begin: str, end: str) -> bool:
    """Whether the end part ``after<D>`` closes the begin part: D is its last day (or up to three days later, as
    the annotators close months on the 28th): "from March" (begins in March and goes on after it) rather than
    "since March, still going on"."""
    m = _LABEL_BOUNDS.match(end)
    day = _LABEL_DAY.match(begin)
    bounds = None if day else _LABEL_BOUNDS.match(begin)
    last = day[1] if day else (bounds[2] if bounds is not None else None)
    if m is None or not m[1] or m[2] or not last:
        return False
    gap = date.fromisoformat(m[1]) - date.fromisoformat(last)
    return timedelta(0) <= gap <= timedelta(days=3)
