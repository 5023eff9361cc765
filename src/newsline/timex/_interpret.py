"""From a rule match to a TIMEX3 reading: the dispatch from a rule's kind to the function resolving it.

Relative values are resolved against, in order of preference:
  * the narrative reference time (the last date the text mentioned) for anaphoric
    expressions ("two years later", "that day", "the following year");
  * the document creation time (DCT) for deictic ones ("yesterday", "last week");
  * the tense of the sentence for bare weekdays and month-days ("Wednesday" is in
    the past in "he said Wednesday" and in the future in "he will speak Wednesday").
Without a DCT, year-relative values stay underspecified (``XXXX-10-14``).
The resolvers live by kind: ``_interpret_calendar`` (calendar), ``_interpret_relative``
(shift, offset, anaphor, period), ``_interpret_amounts`` (duration, set, vague, clock), with
the helpers they share in ``_interpret_common``; newsline.timex._context holds what
they resolve against.
"""

from __future__ import annotations

import re

from newsline.timex._context import Context, Reading
from newsline.timex._grammar import Rule
from newsline.timex._interpret_amounts import _kind_clock, _kind_duration, _kind_set, _kind_vague
from newsline.timex._interpret_calendar import _kind_calendar
from newsline.timex._interpret_relative import _kind_anaphor, _kind_offset, _kind_period, _kind_shift


def _groups(m: re.Match[str], rule: Rule) -> dict[str, str]:
    """The groups that took part in the match; a name used twice keeps its first value."""
    if not rule.names_repeat:
        return {k: v for k, v in m.groupdict().items() if v is not None}
    out: dict[str, str] = {}
    for k, v in m.groupdict().items():
        if v is None:
            continue
        base = k.split("__", 1)[0]
        out.setdefault(base, v)
    return out


def interpret(rule: Rule, m: re.Match[str], ctx: Context) -> Reading | None:
    g = _groups(m, rule)
    fn = _KIND[rule.kind]
    try:
        return fn(rule, m, g, ctx)
    except (ValueError, OverflowError, KeyError):
        return None


_KIND = {
    "calendar": _kind_calendar,
    "shift": _kind_shift,
    "offset": _kind_offset,
    "duration": _kind_duration,
    "set": _kind_set,
    "vague": _kind_vague,
    "clock": _kind_clock,
    "anaphor": _kind_anaphor,
    "period": _kind_period,
}
