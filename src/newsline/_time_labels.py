"""An event's time in the TimeBank-EventTime notation (Reimers et al., 2016).

The notation, as the annotators wrote it:

- ``1998-02-27``: a single-day event on that day;
- ``before1998-02-27``, ``after1994-04-06``, ``after1996-01-01before1996-12-31``:
  a single-day event whose day is only bounded (inclusive days);
- ``beginPoint=X endPoint=Y`` written without the space: a multi-day event whose
  begin and end are each one of the forms above (``xxxx-xx-xx``: unknown).

:func:`time_label` writes the fields of an ``EventTime`` that way (``EventTime.label``
calls it; this module imports nothing of newsline, so the model can), following the
annotators' conventions so that a right answer also matches exactly:

- a day, or anything finer (a part of the day, a clock time): that day;
- a week: Sunday to Saturday (the ISO week that starts on Monday the 2nd runs
  from Sunday the 1st to Saturday the 7th);
- a month: ``afterYYYY-MM-01beforeYYYY-MM-28``;
- a season: its astronomical dates (autumn 1997 is ``after1997-09-23before1997-12-21``);
- a year, a quarter, a half, a decade, a weekend: its first and last day;
- ``PAST_REF`` (before the publication day) is ``before`` the publication day and
  ``FUTURE_REF`` ``after`` it, the way the annotators wrote "before/after the
  article": on the training split, past events placed so are labelled
  ``beforeDCT`` 36 times and ``beforeDCT-1`` twice, future ones ``afterDCT`` 8
  times and ``afterDCT+1`` never (bounds are inclusive days, the DCT a moment);
  any other open interval is ``before`` its last day or ``after`` its first;
- an event placed as lasting (value ``ONGOING_REF``, start before and end after the
  publication day, see the ``dct-default`` basis in ``_placement``): the multi-day
  form ``beginPoint=beforeD endPoint=afterD`` around that day.

An event the anchoring model placed over several days carries the two parts of
its label (``EventTime.span``); they are written as they are.

An event with no time (basis ``unknown``, or no bound at all) has no label (None).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

# astronomical seasons: (month, day) of the first and last day; winter ends in the next year
_SEASONS = {"SP": ((3, 20), (6, 20)), "SU": ((6, 21), (9, 22)), "FA": ((9, 23), (12, 21)),
            "AU": ((9, 23), (12, 21)), "WI": ((12, 22), (3, 19))}
_SEASON_VALUE = re.compile(r"(\d{4})-(SP|SU|FA|AU|WI)")
_FINER_THAN_DAY = ("day", "part-of-day", "hour", "minute", "second")
ONGOING = "ONGOING_REF"


def _day(iso: str) -> date:
    return datetime.fromisoformat(iso).date()


def _last_day(end: str) -> date:
    """The last day a half-open interval ending at ``end`` touches."""
    moment = datetime.fromisoformat(end)
    last = moment.date()
    return last - timedelta(days=1) if moment.time() == datetime.min.time() else last


def _bounded(first: date, last: date) -> str:
    if first == last:
        return first.isoformat()
    return f"after{first.isoformat()}before{last.isoformat()}"


@lru_cache(maxsize=8192)  # a pure function of its fields; an entity's thousands of entries share few of them
def time_label(value: str | None, start: str | None, end: str | None, grain: str | None,
               basis: str, span: tuple[str, str] | None = None) -> str | None:
    """An EventTime's fields in the TimeBank-EventTime notation, or None when they say nothing about the time.

    ``start``/``end`` are the half-open interval (ISO datetimes, either may be None);
    ``span``, when given, the begin and end parts of a multi-day event, written as they are.
    """
    if basis == "unknown":
        return None
    if span is not None:
        return f"beginPoint={span[0]}endPoint={span[1]}"
    if start is None and end is None:
        return None
    if value == ONGOING and start is not None and end is not None:
        return f"beginPoint=before{_day(start).isoformat()}endPoint=after{_last_day(end).isoformat()}"
    if start is None:
        assert end is not None
        return f"before{(_day(end) if value == 'PAST_REF' else _last_day(end)).isoformat()}"
    first = _day(start)
    if end is None:
        return f"after{(first - timedelta(days=1) if value == 'FUTURE_REF' else first).isoformat()}"
    if grain in _FINER_THAN_DAY:
        return first.isoformat()
    if grain == "week":
        monday = first - timedelta(days=first.weekday())
        return _bounded(monday - timedelta(days=1), monday + timedelta(days=5))
    if grain == "month":
        return f"after{first.year:04d}-{first.month:02d}-01before{first.year:04d}-{first.month:02d}-28"
    if grain == "season":
        m = _SEASON_VALUE.match(value or "")
        if m is not None:
            year, (first_day, last_day) = int(m.group(1)), _SEASONS[m.group(2)]
            last_year = year + 1 if m.group(2) == "WI" else year
            return _bounded(date(year, *first_day), date(last_year, *last_day))
    return _bounded(first, _last_day(end))
