"""Topic timeline summaries from the store: the key dates of a story, with a few sentences each.

``summarize(store, query=... | entity=..., date_from, date_to, n_dates, n_sentences)`` is extractive and
reads only what ``newsline ingest`` stored; nothing is parsed again.

Dates. Every day-grain DATE time expression that a selected article resolved, and every event the article placed on
a day by a time expression or by another event, is a reference from that article to that day; an article counts
once per day. When something was said is no date of the story: a report ("said") is no reference, nor an expression
that only reports are linked to ("the mayor said on Tuesday"); on the nine T17 development timelines that moves AR1
from 0.146 to 0.150, date F1 0.651 either way. Reports that are news in themselves (``NEWS_ACTS``: "declared a state
of emergency on Feb. 14", "the first case was confirmed on Jan. 29") are references: 0.152 to 0.153 (with "report"
too: 0.152). A lead that names no other day is the exception: its news is what was said ("Halvard said on Monday
that its chief executive will step down"; new-user trial AT; T17 figures unchanged). Nor is a wire dateline's date
("MARLOW, Feb 12 - ": when the story was filed), nor the day of a plan that was changed ("set for Sunday, has been
postponed to July 12", "moved the election from March 4 to April 15"), in any article that plans for it before it. A
day scores by how many articles refer to it, and how independently: a reference from an article published later (a
look back) counts fully, one from the day itself (the article's own "on Tuesday") and one from before it (a plan)
less; the references of a day that only one article refers to count ``W_ONE_SOURCE`` of that (one chronology is no
independent account), where a reference from an article's lead counts at least ``W_LEAD`` (the news the article
brings comes first of its days); the day's publications and their burst over the fortnight around it add to that.
The ``n_dates`` best days within ``[date_from, date_to]`` are kept; without bounds, the days from a month before the
first article to a month after the last, and when they are fewer than ``n_dates``, the days further off that the
articles write out (by score) fill the rest.

Sentences. For a kept day the candidates are the sentences that refer to it (a time expression of that day,
an event placed on it) in the selected articles, and the first ``LEAD_SENTENCES`` sentences of the articles
published that day or the next that name no other day and hold no date (of any grain) outside that day
(DATEWISE's publication-day sentences; not "first approached the brewer in the autumn of 2013"); the page
header (a first line followed by an empty line) is no candidate and a wire dateline ("WASHINGTON (Reuters) -
") is cut off. The sentences matching a query word are preferred, and ``n_sentences`` of them are picked so
that together they are closest to the word centroid of all the day's candidates (DATEWISE's CentroidOpt),
without one that shares more than half its words with one already taken or repeats another day's. A kept
day with no candidate gives its place to the next best day.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from newsline.corpus._entity_aliases import resolve_entity
from newsline.corpus._store import Store
from newsline.corpus._store_queries import date_bound
from newsline.corpus._summary_refs import (
    _ONLY_REPORTED,
    lead_references,
    lead_spans,
    references,
    within_a_day,
)
from newsline.corpus._summary_sentences import (
    MIN_WORDS,
    _clause_at,
    _clean,
    _header_end,
    _sentence_at,
    _sentence_spans,
    _story_sentence,
    story_start,
)
from newsline.corpus._words import word_core, word_pattern
from newsline.errors import InputError

# how much a reference counts by when its article was published (after, on or before the day it names)
W_LATER, W_SAME, W_BEFORE = 1.0, 0.5, 0.25
# a day still referred to more than LASTING_DAYS later gains W_LASTING * log(1 + days beyond)
W_LASTING, LASTING_DAYS = 0.5, 7
# an article's reference counts (number of days it refers to) ** W_CHRONOLOGY: chronologies count more
W_CHRONOLOGY = 0.25
W_PUBLISHED, W_BURST = 0.25, 0.1
# a day that only one article refers to is no independent account: its references count this much (not 0, so
# that the days of a store of a few articles still rank among themselves)
W_ONE_SOURCE = 0.3
# a reference from an article's lead (its first sentence after the headline: the news it brings) to a day no other
# article refers to counts at least this much: in a store of five articles each article's news day is a key date
# before the days its other sentences name (trial AP lost the preliminary and final reports' days); on the nine T17
# development timelines no figure moves at 1 or 2 (0.155 / 0.040 / 0.659), 2.5 costs date F1 0.003, 4 0.006
W_LEAD = 2.0
# candidate sentences of MIN_WORDS..MAX_WORDS words: journalists' timeline sentences are short, and one long
# sentence costs a summary more precision than it brings recall (33..40 words score alike on the dev timelines)
MAX_WORDS = 35  # (MIN_WORDS, 6, is _summary_sentences')
UNBOUNDED_MARGIN = 31  # without --from/--to, dates at most this many days before/after the articles
MMR_LAMBDA = 0.7  # PICKER "mmr": relevance against overlap with the sentences already taken
# lead sentences (after the page header) of the articles published on the day or LEAD_DAYS - 1 days after it,
# those that name no other day, join the candidates (DATEWISE's publication-day sentences); 0: only when
# nothing refers to the day
LEAD_SENTENCES, LEAD_DAYS = 3, 2
# PICKER "mmr": a sentence's own score, its cosine to the centroid with these bonuses
W_QUERY, W_COPIES = 0.05, 0.1  # bonus a query word in the sentence; log(copies) of the same sentence
LENGTH_PENALTY = 0.2  # a sentence's score is divided by (its content words) ** LENGTH_PENALTY
W_LATER_SOURCE = 0.0  # bonus of a sentence written more than LASTING_DAYS after the day
W_WRITTEN = 0.0  # bonus of a sentence that names the day by a written date
FRESH_DAYS: int | None = None  # only references from articles published this many days after the day, if any
# "opt": DATEWISE's CentroidOpt (the day's sentences together closest to its centroid); "mmr": by each
# sentence's own score, with maximal marginal relevance
PICKER = "opt"
# a sentence whose main event is on another day and that names more than one day is no candidate of a day that
# has a sentence of its own (see _pick): on the nine T17 development timelines AR1 0.154 -> 0.152, AR2 0.041 ->
# 0.039, date F1 0.666 either way; new-user trial V's blast day got its lead instead of a later arrest
ONE_DAY_FIRST = True

_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
_STOP = frozenset([
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as",
    "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could",
    "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have",
    "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into",
    "is", "it", "its", "itself", "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of",
    "off", "on", "once", "only", "or", "other", "our", "ours", "out", "over", "own", "said", "same", "says",
    "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then",
    "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was",
    "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you",
    "your", "yours", "yourself", "mr", "mrs", "ms", "one", "two", "new", "year",
])


@dataclass(frozen=True, slots=True)
class SummarySentence:
    """A sentence of a stored article: where it is (``documents.text[start:end]``) and its text."""

    doc_id: str
    dct: date | None
    start: int
    end: int
    text: str
    copies: int = 1  # how many selected articles wrote the same sentence

    def to_dict(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "dct": self.dct.isoformat() if self.dct else None, "start": self.start,
                "end": self.end, "text": self.text, "copies": self.copies}


@dataclass(frozen=True, slots=True)
class SummaryDate:
    """A key date: its score, the articles referring to it and published on it, its sentences."""

    date: date
    score: float
    references: int
    published: int
    sentences: tuple[SummarySentence, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "score": round(self.score, 4), "references": self.references,
                "published": self.published, "sentences": [s.to_dict() for s in self.sentences]}


@dataclass(frozen=True, slots=True)
class Summary:
    """A timeline summary: what was asked, how many articles it drew on, the key dates ascending."""

    query: str | None
    entity: str | None
    date_from: date | None
    date_to: date | None
    documents: int
    dates: tuple[SummaryDate, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "entity": self.entity,
                "from": self.date_from.isoformat() if self.date_from else None,
                "to": self.date_to.isoformat() if self.date_to else None,
                "documents": self.documents, "dates": [d.to_dict() for d in self.dates]}


@lru_cache(maxsize=65536)
def _words(text: str) -> tuple[str, ...]:
    return tuple(w for w in map(str.lower, _WORD.findall(text)) if len(w) > 1 and w not in _STOP)


def words(text: str) -> list[str]:
    """Lower-cased content words (no stopwords, no single characters)."""
    return list(_words(text))


def _bounds(date_from: date | str | None, date_to: date | str | None) -> tuple[date | None, date | None]:
    lo = date_bound(date_from, end=False) if date_from is not None else None
    hi = date_bound(date_to, end=True) if date_to is not None else None
    if lo and hi and lo > hi:
        raise InputError(f"--from {lo} is after --to {hi}")
    return lo, hi


def _documents(store: Store, query_words: Sequence[str], entity_ids: Sequence[int],
               lo: date | None, hi: date | None) -> dict[str, date]:
    """The selected articles and their publication dates."""
    if entity_ids:
        marks = ",".join("?" * len(entity_ids))
        sql = (f"SELECT id, dct FROM documents WHERE id IN (SELECT doc_id FROM mentions WHERE entity_id IN ({marks}))"
               " AND (?::DATE IS NULL OR dct >= ?) AND (?::DATE IS NULL OR dct <= ?)")
        params: list[Any] = [*entity_ids, lo, lo, hi, hi]
    else:
        # whole words, case-insensitive ("Pell" is not "Pellbridge"), at least half of them (rounded up):
        # "bp oil spill" wants two, "Halvern Bank Pell fraud trial" three, "Pell" itself
        hits = " + ".join(["regexp_matches(text, ?)::INTEGER"] * len(query_words)) or "0"
        sql = (f"SELECT id, dct FROM documents WHERE ({hits}) >= ? AND dct IS NOT NULL"
               " AND (?::DATE IS NULL OR dct >= ?) AND (?::DATE IS NULL OR dct <= ?)")
        params = [*(word_pattern(w, forms=True) for w in query_words), -(-len(query_words) // 2), lo, lo, hi, hi]
    return {i: d for i, d in store.execute(sql, params) if d is not None}


def _in_entity_sentences(store: Store, refs: list[tuple[Any, ...]],
                         entity_ids: Sequence[int]) -> list[tuple[Any, ...]]:
    """The references made in sentences that mention the entity: an entity's summary is of its days, not of every
    day its articles name (new-user trial V: Margaret Olsen's summary was the explosion story's, without her own
    resignation)."""
    docs = sorted({r[0] for r in refs})
    marks = ",".join("?" * len(entity_ids))
    mentioned: dict[str, list[int]] = defaultdict(list)
    for doc_id, at in store.execute(
            f"SELECT doc_id, start FROM mentions WHERE entity_id IN ({marks}) "
            "AND doc_id IN (SELECT unnest(?::VARCHAR[]))", [*entity_ids, docs]):
        mentioned[doc_id].append(at)
    known: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for i, a, b in store.execute("SELECT DISTINCT doc_id, sentence_start, sentence_end FROM events "
                                 "WHERE doc_id IN (SELECT unnest(?::VARCHAR[])) AND sentence_start IS NOT NULL",
                                 [docs]):
        known[i].append((a, b))
    spans = {i: _sentence_spans(t, known.get(i, ())) for i, t in store.execute(
        "SELECT id, text FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[]))", [docs])}
    out = []
    for r in refs:
        span = (r[3], r[4]) if r[3] is not None and r[4] is not None else _sentence_at(spans.get(r[0], ()), r[2])
        if span is not None and any(span[0] <= at < span[1] for at in mentioned.get(r[0], ())):
            out.append(r)
    return out




def _cores(ws: Sequence[str]) -> set[str]:
    return {word_core(w) for w in ws}





def _date_scores(docs: dict[str, date], refs: Sequence[tuple[Any, ...]], lo: date | None,
                 hi: date | None, leads: set[tuple[str, date]] | None = None) -> dict[date, tuple[float, int, int]]:
    """Each day's (score, referring articles, articles published that day)."""
    citing: dict[date, set[str]] = defaultdict(set)
    named: dict[str, set[date]] = defaultdict(set)  # the days each article refers to
    for doc_id, day, *_ in refs:
        named[doc_id].add(day)
        if (lo is None or day >= lo) and (hi is None or day <= hi):
            citing[day].add(doc_id)
    published = Counter(docs.values())
    days = set(citing) | {d for d in published if (lo is None or d >= lo) and (hi is None or d <= hi)}
    out = {}
    for day in days:
        ref = 0.0
        for doc_id in sorted(citing.get(day, ())):  # in one order: the same float sums in every process
            gap = (docs[doc_id] - day).days
            w = (W_LATER + W_LASTING * math.log1p(max(0, gap - LASTING_DAYS))) if gap > 0 \
                else W_SAME if gap == 0 else W_BEFORE
            if leads and (doc_id, day) in leads and len(citing[day]) == 1:
                w = max(w, W_LEAD)
            ref += w * len(named[doc_id]) ** W_CHRONOLOGY
        if len(citing.get(day, ())) == 1:
            ref *= W_ONE_SOURCE
        around = [published.get(day + timedelta(days=k), 0) for k in range(-7, 8) if k]
        burst = max(0.0, published.get(day, 0) - sum(around) / len(around))
        score = ref + W_PUBLISHED * published.get(day, 0) + W_BURST * burst
        out[day] = (score, len(citing.get(day, ())), published.get(day, 0))
    return out


@dataclass
class _Candidate:
    doc_id: str
    start: int
    end: int
    text: str
    words: list[str]
    docs: set[str]
    n_days: int  # how many days the sentence refers to
    written: bool  # the sentence names the day by a written date ("April 20"), not "yesterday"
    later: bool = False  # written more than LASTING_DAYS after the day (a look back)
    main_day: date | None = None  # the day of the sentence's most salient event, when it is on one day


def summarize(store: Store, *, query: str | None = None, entity: str | None = None,
              date_from: date | str | None = None, date_to: date | str | None = None,
              n_dates: int = 10, n_sentences: int = 2) -> Summary:
    """The ``n_dates`` key dates of a topic (query words) or an entity, ascending, ``n_sentences`` each."""
    if n_dates < 1 or n_sentences < 1:
        raise InputError("the number of dates and of sentences must be at least 1")
    if (query is None) == (entity is None):
        raise InputError("give either a query or an entity")
    lo, hi = _bounds(date_from, date_to)
    entity_ids: tuple[int, ...] = ()
    query_words: list[str]
    if entity is not None:
        ref = resolve_entity(store, entity)
        entity_ids = ref.entity_ids
        query_words = sorted({w for a in (ref.name, *ref.aliases) for w in words(a)})
    else:
        query_words = [w for w in (query or "").split() if w.strip()]
        if not query_words:
            raise InputError("the query needs at least one word")
    docs = _documents(store, query_words, entity_ids, lo, hi)
    if not docs:
        return Summary(query, entity, lo, hi, 0)
    leads = lead_spans(store, sorted(docs))
    refs = references(store, docs, leads)
    if entity_ids:
        refs = _in_entity_sentences(store, refs, entity_ids) or refs
    # unbounded: the dates a month around the articles' own, not 9/11 or a misread "1930 hours"
    first, last = min(docs.values()), max(docs.values())
    scores = _date_scores(docs, refs, lo or first - timedelta(days=UNBOUNDED_MARGIN),
                          hi or last + timedelta(days=UNBOUNDED_MARGIN), lead_references(refs, leads))
    qwords = {word_core(w) for q in query_words for w in words(q)}  # matched in any form
    chosen: list[date] = []
    sentences: dict[date, list[SummarySentence]] = {}
    # a day that no article refers to (only published on) comes after every day one does: a hearing set for
    # April 14 is a key date of a small story before the Sunday its last article came out (new-user trial X)
    within = within_a_day(store, docs)
    _choose_days(store, docs, refs, sorted(scores, key=lambda d: (not scores[d][1], -scores[d][0], d)), qwords,
                 n_dates, n_sentences, chosen, sentences, about=bool(entity_ids), within=within)
    if lo is None and hi is None and len(chosen) < n_dates:
        # fewer days than asked for within the month around the articles: the days further off that the
        # articles name by a written date, the best first ("was arrested in March 2023" in a sentencing story;
        # new-user trial Q got 2 dates of 10)
        wide = _date_scores(docs, [r for r in refs if r[5]], None, None)
        far = sorted((d for d in wide if d not in scores), key=lambda d: (-wide[d][0], d))
        scores.update({d: wide[d] for d in far})
        _choose_days(store, docs, refs, far, qwords, n_dates, n_sentences, chosen, sentences, about=bool(entity_ids),
                     within=within)
    out = tuple(SummaryDate(d, *scores[d], sentences=tuple(sentences.get(d, ()))) for d in sorted(chosen))
    return Summary(query, entity, lo, hi, len(docs), out)


def _choose_days(store: Store, docs: dict[str, date], refs: Sequence[tuple[Any, ...]], ranked: list[date],
                 qwords: set[str], n_dates: int, n_sentences: int, chosen: list[date],
                 sentences: dict[date, list[SummarySentence]], about: bool = False,
                 within: Sequence[tuple[Any, ...]] = ()) -> None:
    """Add to ``chosen`` (and ``sentences``) the best ``ranked`` days up to ``n_dates``; a day with no sentence to
    show gives its place to the next one (as DATEWISE does), unless an event told at a time within it (``within``)
    has one: "was taken into custody at about 6 a.m. Monday" (new-user trial AT lost the arrest's day; as
    candidates of every day they cost the nine T17 timelines AR1 0.156 -> 0.151).  ``about``: an entity's summary
    (see _pick)."""
    pos = 0
    while len(chosen) < n_dates and pos < len(ranked):
        batch = ranked[pos:pos + max(n_dates - len(chosen), 4) + 4]
        pos += len(batch)
        got = _sentences(store, docs, refs, set(batch), qwords, n_sentences, used={
            " ".join(words(x.text)) for d in chosen for x in sentences[d]}, about=about)
        missing = {d for d in batch if not got.get(d)}
        if within and missing:
            got.update(_sentences(store, docs, [*refs, *within], missing, qwords, n_sentences, used={
                " ".join(words(x.text)) for d in chosen for x in sentences[d]}, about=about))
        for d in batch:
            if len(chosen) < n_dates and got.get(d):
                chosen.append(d)
                sentences[d] = got[d]


def _sentences(store: Store, docs: dict[str, date], refs: Sequence[tuple[Any, ...]], days: set[date],
               qwords: set[str], k: int, used: set[str] | None = None,
               about: bool = False) -> dict[date, list[SummarySentence]]:
    by_day: dict[date, list[tuple[str, int, int | None, int | None]]] = defaultdict(list)
    explicit: set[tuple[str, date, int | None]] = set()  # (doc, day, sentence start) named by a written date
    for doc_id, day, offset, s, e, _written in refs:
        if day in days and (FRESH_DAYS is None or 0 <= (docs[doc_id] - day).days <= FRESH_DAYS):
            by_day[day].append((doc_id, offset, s, e))
    if FRESH_DAYS is not None:
        for doc_id, day, offset, s, e, _w in refs:
            if day in days and not by_day.get(day):
                by_day[day].append((doc_id, offset, s, e))
    published: dict[date, list[str]] = defaultdict(list)
    for i, d in docs.items():
        published[d].append(i)
    for day in days:  # the articles published that day: their lead (all of it when nothing refers to the day)
        if LEAD_SENTENCES or not by_day.get(day):
            by_day[day].extend((i, -1, None, None) for lag in range(LEAD_DAYS)
                               for i in published.get(day + timedelta(days=lag), ()))
    need = sorted({r[0] for rows in by_day.values() for r in rows})
    texts: dict[str, str] = {}
    known: dict[str, list[tuple[int, int]]] = defaultdict(list)
    if need:
        for i, t in store.execute("SELECT id, text FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[]))", [need]):
            texts[i] = t
        for i, s, e in store.execute(
                "SELECT DISTINCT doc_id, sentence_start, sentence_end FROM events "
                "WHERE doc_id IN (SELECT unnest(?::VARCHAR[])) AND sentence_start IS NOT NULL", [need]):
            known[i].append((s, e))
    spans_of = {i: _sentence_spans(t, known.get(i, ())) for i, t in texts.items()}
    # the dates (of any grain, and clock times) each document names: a lead sentence about another time is no sentence
    # of the publication day ("Halden first approached Brightwater in the autumn of 2013" in a 2025 story; "was taken
    # into custody at about 6 a.m. Monday" in a Tuesday paper, new-user trial AT)
    periods: dict[str, list[tuple[int, date, date]]] = defaultdict(list)
    if need:
        for i, at, lo, hi, told in store.execute(
                "SELECT doc_id, start, CAST(interval_start AS DATE), CAST(interval_end AS DATE), "
                f"NOT ({_ONLY_REPORTED}) FROM timexes t "
                "WHERE doc_id IN (SELECT unnest(?::VARCHAR[])) AND type IN ('DATE', 'TIME') "
                "AND interval_start IS NOT NULL AND interval_end IS NOT NULL", [need]):
            if told or not lo <= docs[i] < hi:  # "fire officials said on Tuesday" in a Tuesday paper: no other day
                periods[i].append((at, lo, hi))
    # the days each sentence refers to: a sentence naming several days says less about each
    days_of: dict[tuple[str, int, int], set[date]] = defaultdict(set)
    located: dict[tuple[str, int], tuple[int, int] | None] = {}
    for doc_id, day, offset, s, e, written in refs:
        if doc_id not in spans_of:
            continue
        span = (s, e) if s is not None and e is not None else _sentence_at(spans_of[doc_id], offset)
        located[(doc_id, offset)] = span
        if span:
            days_of[(doc_id, *span)].add(day)
            if written:
                explicit.add((doc_id, day, span[0]))
    # where each article refers to which day, to count the days a sentence refers to whatever its span's bounds (a
    # dateline cut off, the parser's sentence or the splitter's)
    told_at: dict[str, list[tuple[int, date]]] = defaultdict(list)
    for doc_id, day, offset, *_ in refs:
        told_at[doc_id].append((offset, day))
    # the events of each article with their day (None: not on one day) and salience, for a sentence's main event
    mains: dict[str, list[tuple[int, date | None, float]]] = defaultdict(list)
    if need and ONE_DAY_FIRST:
        for i, at, d, sal in store.execute(
                "SELECT doc_id, start, CASE WHEN time_grain IN ('day', 'part-of-day', 'hour', 'minute', 'second') "
                "THEN CAST(time_start AS DATE) END, coalesce(salience, 0) FROM events "
                "WHERE doc_id IN (SELECT unnest(?::VARCHAR[])) AND class <> 'REPORTING'", [need]):
            mains[i].append((at, d, float(sal)))
        for found in mains.values():
            found.sort(key=lambda x: x[0])  # by start alone: the store's order among events that start together
    out: dict[date, list[SummarySentence]] = {}
    used = set(used or ())
    headers: dict[str, int] = {}
    stories: dict[str, int] = {}  # where each article's story starts (after its headline)
    order = sorted(by_day, key=lambda d: (-len(by_day[d]), d))
    pools: dict[date, list[_Candidate]] = {}
    for day in order:
        cands: dict[str, _Candidate] = {}
        clauses: dict[str, _Candidate] = {}
        # the earliest copy of a sentence is the one shown, whatever order the store returned the rows in
        for doc_id, offset, _s, _e in sorted(by_day[day], key=lambda r: (docs[r[0]], r[0], r[1])):
            text = texts.get(doc_id)
            if text is None:
                continue
            header = headers.get(doc_id)
            if header is None:
                header = headers[doc_id] = _header_end(text)
                stories[doc_id] = story_start(text)
            if offset < 0:  # published that day: its first sentences (those that name no other day)
                spans = [sp for sp in spans_of[doc_id] if sp[1] > header][:LEAD_SENTENCES or 6]
                spans = [sp for sp in spans if days_of.get((doc_id, *sp), {day}) <= {day}
                         and not any(sp[0] <= at < sp[1] and not lo <= day < hi for at, lo, hi in periods[doc_id])]
            else:
                span = located.get((doc_id, offset))
                spans = [span] if span else []
            for s0, e0 in spans:
                story = _story_sentence(text, s0, e0, stories[doc_id])
                if story is None:
                    continue
                s0, sent = story
                into = cands
                if len(sent.split()) > MAX_WORDS:  # a long sentence: its clause that names the day, for a day
                    s0, e0, sent = _clause_at(sent, s0, offset)  # that has no other sentence
                    into = clauses
                ws = words(sent)
                n = len(sent.split())
                if n < MIN_WORDS or n > MAX_WORDS or not ws:
                    continue
                key = " ".join(ws)
                if key in used:
                    continue
                c = into.get(key)
                if c is None:
                    into[key] = _Candidate(doc_id, s0, e0, sent, ws, {doc_id},
                                            max(1, len(days_of.get((doc_id, s0, e0), ())),
                                                len({d for at, d in told_at.get(doc_id, ()) if s0 <= at < e0})),
                                            (doc_id, day, s0) in explicit,
                                            (docs[doc_id] - day).days > LASTING_DAYS,
                                            main_day=_main_day(mains.get(doc_id, ()), s0, e0))
                else:
                    c.docs.add(doc_id)
        # clauses of long sentences only for a day without another sentence: on the nine T17 development
        # timelines as candidates like any other they cost AR1 0.152 -> 0.143 (dates unchanged); a trial
        # story's storm day, named only in a 41-word lead, was left out
        pools[day] = list(cands.values()) or list(clauses.values())
    for day in order:
        pool = [c for c in pools[day] if " ".join(c.words) not in used]
        out[day] = _pick(pool, qwords, k, docs, day, about)
        used.update(" ".join(words(x.text)) for x in out[day])
    return out


def _cosine(a: Counter[str], b: Counter[str], b_norm: float) -> float:
    num = sum(v * b.get(w, 0) for w, v in a.items())
    den = math.sqrt(sum(v * v for v in a.values())) * b_norm
    return num / den if den else 0.0


def _main_day(events: Sequence[tuple[int, date | None, float]], s: int, e: int) -> date | None:
    """The day of the most salient of ``events`` (start, day, salience; sorted by start) that lie in [s, e), or
    None."""
    inside = events[bisect_left(events, (s,)):bisect_left(events, (e,))]
    return max(inside, key=lambda x: (x[2], -x[0]))[1] if inside else None


def _tells(c: _Candidate, day: date | None) -> bool:
    """Whether a candidate tells of ``day``, not of another day it names too."""
    return c.main_day in (day, None) or c.n_days < 2


def _pick(cands: list[_Candidate], qwords: set[str], k: int, docs: dict[str, date],
          day: date | None = None, about: bool = False) -> list[SummarySentence]:
    """``k`` of ``cands`` for ``day``.  ``about`` (an entity's summary): only sentences that name the entity, and
    not one whose main event is on another day of those it names (new-user trial W: "Brandt resigned on Friday,
    eight days after ..." was shown for the day eight days before, and leads without the entity for others)."""
    if about:
        cands = [c for c in cands if qwords & _cores(c.words) and _tells(c, day)]
    if not cands:
        return []
    centroid: Counter[str] = Counter()
    for c in cands:
        for w in set(c.words):
            centroid[w] += len(c.docs)
    if any(qwords & _cores(c.words) for c in cands):
        cands = [c for c in cands if qwords & _cores(c.words)]
    # a sentence that names the day in passing, its most salient event on another day, is no sentence of the day
    # when some sentence's main event is on it (new-user trial V illustrated the blast's day by "Police arrested
    # Reyes on Wednesday ..., sixteen days after an explosion at the plant killed four workers")
    if ONE_DAY_FIRST and day is not None and any(c.main_day == day for c in cands):
        cands = [c for c in cands if _tells(c, day)]
    c_norm = math.sqrt(sum(v * v for v in centroid.values()))
    base: dict[int, float] = {}
    for c in cands if PICKER == "mmr" else ():
        bag = Counter(c.words)
        base[id(c)] = (_cosine(bag, centroid, c_norm) + W_COPIES * math.log1p(len(c.docs) - 1)
                       + W_QUERY * len(qwords & _cores(c.words)) + W_WRITTEN * c.written
                       + W_LATER_SOURCE * c.later) / math.sqrt(c.n_days) / float(len(c.words)) ** LENGTH_PENALTY
    picked: list[_Candidate] = []
    pool = list(cands)
    if PICKER == "opt":  # DATEWISE's CentroidOpt: the summary as a whole closest to the centroid
        # cos(S + c, centroid) from S.centroid + c.centroid and |S|^2 + 2 S.c + |c|^2, S the words taken
        summary: Counter[str] = Counter()
        s_dot, s_sq = 0.0, 0.0
        bags = {id(c): Counter(c.words) for c in pool}
        dots = {id(c): sum(v * centroid.get(w, 0) for w, v in bags[id(c)].items()) for c in pool}
        sqs = {id(c): float(sum(v * v for v in bags[id(c)].values())) for c in pool}

        def gain(c: _Candidate) -> float:
            bag = bags[id(c)]
            sq = s_sq + 2 * sum(v * summary.get(w, 0) for w, v in bag.items()) + sqs[id(c)]
            return (s_dot + dots[id(c)]) / (math.sqrt(sq) * c_norm) if sq and c_norm else 0.0
        while pool and len(picked) < k:
            best = max(pool, key=lambda c: (gain(c), -len(c.text), c.doc_id, c.start))
            pool.remove(best)
            if any(_overlap(best.words, p.words) > 0.5 for p in picked):
                continue
            picked.append(best)
            bag = bags[id(best)]
            s_sq += 2 * sum(v * summary.get(w, 0) for w, v in bag.items()) + sqs[id(best)]
            s_dot += dots[id(best)]
            summary.update(bag)
        pool = []
    while pool and len(picked) < k:
        def mmr(c: _Candidate) -> float:
            red = max((_overlap(c.words, p.words) for p in picked), default=0.0)
            return MMR_LAMBDA * base[id(c)] - (1 - MMR_LAMBDA) * red
        best = max(pool, key=lambda c: (mmr(c), -len(c.text), c.doc_id, c.start))
        pool.remove(best)
        if any(_overlap(best.words, p.words) > 0.5 for p in picked):
            continue
        picked.append(best)
    return [SummarySentence(c.doc_id, docs.get(c.doc_id), c.start, c.end, c.text, len(c.docs)) for c in picked]


def _overlap(a: Sequence[str], b: Sequence[str]) -> float:
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) if sa and sb else 0.0


def busiest_days(store: Store, *, query: str, date_from: date | str | None = None,
                 date_to: date | str | None = None, n_dates: int = 10, n_sentences: int = 2) -> Summary:
    """The baseline: the ``n_dates`` days with most articles, each with the first ``n_sentences``
    query-matching sentences of its articles (in article order)."""
    lo, hi = _bounds(date_from, date_to)
    query_words = [w for w in query.split() if w.strip()]
    docs = _documents(store, query_words, (), lo, hi)
    published = Counter(docs.values())
    chosen = sorted(published, key=lambda d: (-published[d], d))[:n_dates]
    qwords = {word_core(w) for q in query_words for w in words(q)}  # matched in any form
    out = []
    for day in sorted(chosen):
        ids = sorted(i for i, d in docs.items() if d == day)
        rows = store.execute("SELECT id, text FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[])) ORDER BY id",
                             [ids])
        sents: list[SummarySentence] = []
        for doc_id, text in rows:
            for s, e in _sentence_spans(text, ()):
                sent = _clean(text[s:e])
                if qwords & _cores(words(sent)) and len(sents) < n_sentences:
                    sents.append(SummarySentence(doc_id, day, s, e, sent))
            if len(sents) >= n_sentences:
                break
        out.append(SummaryDate(day, float(published[day]), 0, published[day], tuple(sents)))
    return Summary(query, None, lo, hi, len(docs), tuple(out))
