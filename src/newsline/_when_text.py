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

from newsline._time_labels import ONGOING

_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"(\d{4})-(\d{2})$")
_YEAR = re.compile(r"(\d{4})$")
_SEASON = re.compile(r"(\d{4})-(SP|SU|FA|AU|WI)$")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])$")
_HALF = re.compile(r"(\d{4})-(H[12])$")
_PART = re.compile(r"(\d{4}-\d{2}-\d{2})T(MO|MI|AF|EV|NI|DT)$")
_CLOCK = re.compile(r"(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})")
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
        return _t("clock", weekday=w["weekdays_short"][d.weekday()], date=_date(d), clock=m[2])
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
