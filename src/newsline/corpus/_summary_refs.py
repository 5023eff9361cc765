"""Which days the selected articles of a summary refer to (``references``): their day-grain time expressions and
the events placed on a day, less what names no day of the story (see ``_summary``'s module doc)."""

from __future__ import annotations

from datetime import date
from typing import Any

from newsline.corpus._store import Store
from newsline.events._clause_links import RULED_OUT_WORDS
from newsline.events._dateline import datelines
from newsline.events._headline import NEWS_ACTS

__all__ = ["lead_references", "lead_spans", "references", "within_a_day"]


# what happens to a plan that makes its day no date of the story: "The regatta, set for Sunday, has been postponed to
# July 12" (new-user trial AE had Sunday a key date and July 12 none; the T17 articles have 2 such sentences)
SUPERSEDED_BY = ("postponed", "moved", "pushed", "rescheduled", "delayed", "put off", "cancell?ed", "canceled",
                 "called off", "scrapped")
MOVING = ("mov", "push", "postpon", "shift", "switch", "reschedul", "delay", "brought", "bring")  # word starts

# grains of a time within one day: "Tuesday night", "at 3 p.m. on Friday" refer to their day (new-user trial AM: a
# season's opener and its Game 7, both played at night, were no key dates)
WITHIN_A_DAY = ("day", "part-of-day", "hour", "minute", "second")

# the day-grain references of the selected articles: (doc_id, day, offset, sentence start, sentence end); not a day a
# correction rules out ("It opens on Nov. 6, not Nov. 8": new-user trial AA had Nov. 8 a key date), nor the end of a
# reporting period ("in the three months ended Sept. 30": trial AJ); the days of plans that were changed go after
# (_without_superseded: "postponed from June 12" too)
_REFS_TEMPLATE = """
WITH d AS (SELECT unnest(?::VARCHAR[]) AS id)
SELECT t.doc_id, CAST(t.interval_start AS DATE) AS day, t.start, NULL::INTEGER, NULL::INTEGER,
       regexp_matches(t.text, '[0-9]') AS explicit
FROM timexes t JOIN d ON t.doc_id = d.id JOIN documents doc ON doc.id = t.doc_id
WHERE {grains}
  AND t.interval_start IS NOT NULL
  AND NOT regexp_matches(substr(doc.text, greatest(t.start - 16, 0) + 1, t.start - greatest(t.start - 16, 0)),
                         '(?i)\\b({ruled_out})\\s*$')
  AND NOT regexp_matches(substr(doc.text, greatest(t.start - 40, 0) + 1, t.start - greatest(t.start - 40, 0)),
                         '(?i)\\b(?:quarter|months|weeks|year|period|half),?(?:\\s+which|\\s+that)?\\s+end(?:ed|ing|s)\\s+(?:on\\s+)?$')
  AND NOT (EXISTS (SELECT 1 FROM links l WHERE l.doc_id = t.doc_id AND l.target = t.id AND l.kind = 'event-timex')
           AND NOT EXISTS (SELECT 1 FROM links l JOIN events e ON e.doc_id = l.doc_id AND e.id = l.source
                           WHERE l.doc_id = t.doc_id AND l.target = t.id AND l.kind = 'event-timex'
                             AND (e.class <> 'REPORTING' OR e.lemma IN ({acts}))))
UNION ALL
SELECT e.doc_id, CAST(e.time_start AS DATE), e.start, e.sentence_start, e.sentence_end, FALSE
FROM events e JOIN d ON e.doc_id = d.id
WHERE e.time_grain = 'day' AND e.time_basis IN ('timex', 'event-relative') AND e.time_start IS NOT NULL
  AND (e.class <> 'REPORTING' OR e.lemma IN ({acts})) {events}
"""
_DAY_GRAIN = "t.type = 'DATE' AND t.grain = 'day'"
# a part of a named day ("on Sunday night", "Tuesday, May 6, at 3 p.m."), not a bare clock time ("at 10:30 a.m."): a
# fallback, for days no day-grain expression names (the nine T17 timelines: as references like any other, AR1 0.153
# -> 0.150; as a fallback, unchanged)
_PART_OF_NAMED_DAY = ("t.type IN ('DATE', 'TIME') AND t.grain IN ({within}) AND t.grain <> 'day' AND regexp_matches("
                      "t.text, '(?i)(mon|tues|wednes|thurs|fri|satur|sun)day|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct"
                      "|nov|dec)[a-z]*\\.? [0-9]')").format(within=", ".join(f"'{g}'" for g in WITHIN_A_DAY))
_REFS_SQL, _PART_REFS_SQL = (_REFS_TEMPLATE.format(
    acts=", ".join(f"'{w}'" for w in NEWS_ACTS), ruled_out="|".join(RULED_OUT_WORDS), grains=grains,
    events="" if grains == _DAY_GRAIN else "AND FALSE") for grains in (_DAY_GRAIN, _PART_OF_NAMED_DAY))

# the day-grain dates of plans that were changed: "set for Sunday, has been postponed to July 12", "moved the election
# from March 4 to April 15"
_SUPERSEDED_SQL = """
WITH d AS (SELECT unnest(?::VARCHAR[]) AS id)
SELECT DISTINCT t.doc_id, CAST(t.interval_start AS DATE)
FROM timexes t JOIN d ON t.doc_id = d.id JOIN documents doc ON doc.id = t.doc_id
WHERE t.type = 'DATE' AND t.grain = 'day' AND t.interval_start IS NOT NULL
  AND ((regexp_matches(substr(doc.text, greatest(t.start - 24, 0) + 1, t.start - greatest(t.start - 24, 0)),
                       '(?i)\\b(?:set|scheduled|planned|slated|due)\\s+(?:for|on)\\s*$')
        AND regexp_matches(substr(doc.text, t."end" + 1, 60), '^[^.;]*\\b(?:{superseded})\\b'))
    OR (regexp_matches(substr(doc.text, greatest(t.start - 60, 0) + 1, t.start - greatest(t.start - 60, 0)),
                       '(?i)\\b(?:{moving})[^.;]*\\bfrom\\s+(?:the\\s+)?$')
        AND regexp_matches(substr(doc.text, t."end" + 1, 12), '^\\s*(?:to|until)\\s'))
    OR regexp_matches(substr(doc.text, greatest(t.start - 30, 0) + 1, t.start - greatest(t.start - 30, 0)),
                      '(?i)\\b(?:{moving})\\w*\\s+from\\s+(?:the\\s+)?$'))
""".format(superseded="|".join(SUPERSEDED_BY), moving="|".join(MOVING))


def _without_superseded(store: Store, docs: dict[str, date], refs: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The references but those to the day of a plan that was changed: the article's own that says so, and the
    plans of articles published before that day ("the March 4 special election" before it was moved)."""
    gone = set(store.execute(_SUPERSEDED_SQL, [list(docs)]))
    days = {day for _doc, day in gone}
    return [r for r in refs if (r[0], r[1]) not in gone and not (r[1] in days and docs[r[0]] < r[1])]

# a time expression that only reports are linked to ("fire officials said on Tuesday"): when it was said; on the
# publication day it does not make a lead sentence one of another day (new-user trial V; T17 figures unchanged)
_ONLY_REPORTED = (
    "EXISTS (SELECT 1 FROM links l WHERE l.doc_id = t.doc_id AND l.target = t.id AND l.kind = 'event-timex') "
    "AND NOT EXISTS (SELECT 1 FROM links l JOIN events e ON e.doc_id = l.doc_id AND e.id = l.source "
    "WHERE l.doc_id = t.doc_id AND l.target = t.id AND l.kind = 'event-timex' AND e.class <> 'REPORTING')")


DATELINE_REACH = 600  # characters from a text's start within which its dateline is looked for (after the headline)


def _without_datelines(store: Store, refs: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The references but a dateline's date ("MARLOW, Feb 12 - "): when the story was filed, no day of it."""
    early = sorted({r[0] for r in refs if r[5] and r[2] < DATELINE_REACH})
    if not early:
        return refs
    spans = {i: datelines(t) for i, t in store.execute(
        "SELECT id, substr(text, 1, ?) FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[]))",
        [DATELINE_REACH, early])}
    return [r for r in refs if not any(a <= r[2] < b for a, b in spans.get(r[0], ()))]




# the day-grain expressions that only reports are linked to: when something was said, which only an article's lead
# makes a reference (``references``)
_REPORTED_SQL = """
WITH d AS (SELECT unnest(?::VARCHAR[]) AS id)
SELECT t.doc_id, CAST(t.interval_start AS DATE) AS day, t.start, NULL::INTEGER, NULL::INTEGER, TRUE
FROM timexes t JOIN d ON t.doc_id = d.id
WHERE t.type = 'DATE' AND t.grain = 'day' AND t.interval_start IS NOT NULL AND {only_reported}
"""


# events placed within a day (at a clock time, on a night): sentences that tell a day, but no reference that scores it
_WITHIN_SQL = """
WITH d AS (SELECT unnest(?::VARCHAR[]) AS id)
SELECT e.doc_id, CAST(e.time_start AS DATE), e.start, e.sentence_start, e.sentence_end, FALSE
FROM events e JOIN d ON e.doc_id = d.id
WHERE e.time_grain IN ({finer}) AND e.time_basis IN ('timex', 'event-relative') AND e.time_start IS NOT NULL
  AND (e.class <> 'REPORTING' OR e.lemma IN ({acts}))
""".format(finer=", ".join(f"'{g}'" for g in WITHIN_A_DAY if g != "day"), acts=", ".join(f"'{w}'" for w in NEWS_ACTS))


def within_a_day(store: Store, docs: dict[str, date]) -> list[tuple[Any, ...]]:
    """The events of ``docs`` placed at a time within a day, in the form of :func:`references`: "was taken into
    custody at about 6 a.m. Monday" tells Monday (new-user trial AT had no sentence for the arrest's day)."""
    return list(store.execute(_WITHIN_SQL, [list(docs)]))


def references(store: Store, docs: dict[str, date], leads: dict[str, tuple[int, int]]) -> list[tuple[Any, ...]]:
    """(doc_id, day, offset, sentence start, sentence end, written) of every reference of ``docs`` to a day: a day
    named only with a part of it ("on Sunday night") when no expression names that day whole; the day of a report in
    an article's lead that names no other day ("Halvard said on Monday that its chief executive will step down": the
    announcement is the news the article brings; new-user trial AT had no date for it).  ``leads``: the
    articles' :func:`lead_spans`."""
    refs = list(store.execute(_REFS_SQL, [list(docs)]))
    named = {r[1] for r in refs}
    parts = list(store.execute(_PART_REFS_SQL, [list(docs)]))
    refs += [r for r in parts if r[1] not in named]  # a night game's day
    reported = list(store.execute(_REPORTED_SQL.format(only_reported=_ONLY_REPORTED), [list(docs)]))
    if reported:
        told = {r[0] for r in refs + parts if _in_lead(r, leads)}  # "said on Tuesday that the river flooded homes
        refs += [r for r in reported if r[0] not in told and _in_lead(r, leads)]  # on Sunday": Sunday is the news
    return _without_superseded(store, docs, _without_datelines(store, refs))


def lead_references(refs: list[tuple[Any, ...]], leads: dict[str, tuple[int, int]]) -> set[tuple[str, date]]:
    """(doc_id, day) of the references made in an article's first sentence after its headline (``leads``: the
    articles' :func:`lead_spans`): the news the article brings (see ``_summary.W_LEAD``)."""
    return {(r[0], r[1]) for r in refs if _in_lead(r, leads)}


def _in_lead(ref: tuple[Any, ...], leads: dict[str, tuple[int, int]]) -> bool:
    lead = leads.get(ref[0])
    return lead is not None and lead[0] <= ref[2] < lead[1]


def lead_spans(store: Store, docs: list[str]) -> dict[str, tuple[int, int]]:
    """Where each article's first sentence after its headline starts and ends (read once per summary, for
    :func:`references` and :func:`lead_references`)."""
    from newsline.corpus._summary_sentences import story_start

    starts: dict[str, list[int]] = {}
    for i, a in store.execute("SELECT DISTINCT doc_id, sentence_start FROM events WHERE doc_id IN "
                              "(SELECT unnest(?::VARCHAR[])) AND sentence_start IS NOT NULL ORDER BY 1, 2", [docs]):
        starts.setdefault(i, []).append(a)
    leads: dict[str, tuple[int, int]] = {}
    for i, text in store.execute("SELECT id, text FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[]))", [docs]):
        start = story_start(text)
        later = [a for a in starts.get(i, ()) if a >= start]
        if later:  # the lead runs from its start to the next sentence's
            nxt = next((a for a in later if a > later[0]), len(text))
            leads[i] = (start, nxt)
    return leads
