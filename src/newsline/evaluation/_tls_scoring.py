"""Timeline summarisation scores: alignment-based ROUGE-1/2 and date F1, as tilse and news-tls compute them.

The metric is tilse's ``evaluate_align_date_content_costs_many_to_one`` (Martschat and Markert 2017,
"align+ m:1"): every system date is aligned to the reference date of least cost, where the cost of a pair
is ``(1 - 1/(days apart + 1)) * (1 - approximate ROUGE-1 F1 of their summaries)``, and every reference
date to the system date of least cost in the same way; the ROUGE hits of an aligned pair count
``1/(days apart + 1)``. Precision is taken over the first alignment, recall over the second. ROUGE itself
follows ROUGE-1.5.5 as tilse runs it (``-n 2 -m -s -t 2``, pyrouge's SEE files): lower case, ``-`` split
off, everything but ``A-Za-z0-9-`` a space, the SMART stopwords out, tokens starting with a letter, digit
or ``$`` kept, and those longer than three characters stemmed (WordNet exceptions, then ROUGE's Porter
stemmer). Date F1 compares the two sets of dates. Over several timelines, precision and recall are
averaged and F1 is taken of the averages (news-tls ``get_average_results``).

Pure Python; the data files are in ``evaluation/rouge/``.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

Timeline = dict[dt.date, list[str]]

SEPARATOR = "-" * 32


# --- reading and writing the tilse format ---------------------------------------------------------


def parse_timeline(text: str) -> Timeline:
    """A timeline in the tilse (Timeline17) format, read as tilse's ``Timeline.from_file`` does:
    a date line, sentence lines, a line of 32 ``-``; a repeated date keeps its last block."""
    out: Timeline = {}
    date: dt.date | None = None
    summary: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if line == SEPARATOR:
            if date is not None:
                out[date] = [s.strip() for s in "\n".join(summary).strip().split("\n")]
            date, summary = None, []
            continue
        try:
            date = dt.datetime.strptime(line, "%Y-%m-%d").date()
        except ValueError:
            summary.append(line)
    return out


def read_timeline(path: Path) -> Timeline:
    return parse_timeline(path.read_text(encoding="utf-8"))


def format_timeline(timeline: Mapping[dt.date, Sequence[str]]) -> str:
    """The tilse format, dates ascending; line breaks inside a sentence become spaces."""
    parts: list[str] = []
    for date in sorted(timeline):
        parts.append(date.isoformat())
        parts.extend(" ".join(s.split()) for s in timeline[date])
        parts.append(SEPARATOR)
    return "".join(p + "\n" for p in parts)


# --- ROUGE-1.5.5 tokens ---------------------------------------------------------------------------


@cache
def _stopwords() -> frozenset[str]:
    text = resources.files("newsline.evaluation").joinpath("rouge/smart_common_words.txt").read_text("utf-8")
    return frozenset(text.split())


@cache
def _exceptions() -> dict[str, str]:
    text = resources.files("newsline.evaluation").joinpath("rouge/wordnet_exceptions.tsv").read_text("utf-8")
    return dict(line.split("\t", 1) for line in text.splitlines() if "\t" in line)


_C = "[^aeiou]"
_V = "[aeiouy]"
_CS = f"{_C}[^aeiouy]*"
_VS = f"{_V}[aeiou]*"
_MGR0 = re.compile(f"^({_CS})?{_VS}{_CS}")
_MEQ1 = re.compile(f"^({_CS})?{_VS}{_CS}({_VS})?$")
_MGR1 = re.compile(f"^({_CS})?{_VS}{_CS}{_VS}{_CS}")
_HAS_V = re.compile(f"^({_CS})?{_V}")
_CVC = re.compile(f"^{_CS}{_V}[^aeiouwxy]$")
_STEP2 = {
    "ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize", "bli": "ble",
    "alli": "al", "entli": "ent", "eli": "e", "ousli": "ous", "ization": "ize", "ation": "ate",
    "ator": "ate", "alism": "al", "iveness": "ive", "fulness": "ful", "ousness": "ous", "aliti": "al",
    "iviti": "ive", "biliti": "ble", "logi": "log",
}
_STEP3 = {"icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "", "ness": ""}
_STEP2_RE = re.compile("(" + "|".join(_STEP2) + ")$")
_STEP3_RE = re.compile("(" + "|".join(_STEP3) + ")$")
_STEP4_RE = re.compile("(al|ance|ence|er|ic|able|ible|ant|ement|ou|ism|ate|iti|ous|ive|ize)$")


def porter_stem(word: str) -> str:
    """ROUGE-1.5.5's Porter stemmer (its Perl code, line by line, with its -ement change in step 4)."""
    w = word
    if len(w) < 3:
        return w
    y_first = w[0] == "y"
    if y_first:
        w = "Y" + w[1:]
    if (m := re.search("(ss|i)es$", w)) or (m := re.search("([^s])s$", w)):
        w = w[: m.start()] + m.group(1)
    if w.endswith("eed"):
        if _MGR0.search(w[:-3]):
            w = w[:-1]
    elif m := re.search("(ed|ing)$", w):
        stem = w[: m.start()]
        if _HAS_V.search(stem):
            w = stem
            if re.search("(at|bl|iz)$", w):
                w += "e"
            elif re.search(r"([^aeiouylsz])\1$", w):
                w = w[:-1]
            elif _CVC.search(w):
                w += "e"
    if w.endswith("y") and _HAS_V.search(w[:-1]):
        w = w[:-1] + "i"
    if m := _STEP2_RE.search(w):
        stem = w[: m.start()]
        if _MGR0.search(stem):
            w = stem + _STEP2[m.group(1)]
    if m := _STEP3_RE.search(w):
        stem = w[: m.start()]
        if _MGR0.search(stem):
            w = stem + _STEP3[m.group(1)]
    if (m := _STEP4_RE.search(w)) and _MGR1.search(w[: m.start()]):
        w = w[: m.start()]
    if w.endswith("ment") and _MGR1.search(w[:-4]):
        w = w[:-4]
    if w.endswith("ent"):
        if _MGR1.search(w[:-3]):
            w = w[:-3]
    elif (m := re.search("(s|t)(ion)$", w)) and _MGR1.search(w[: m.start()] + m.group(1)):
        w = w[: m.start()] + m.group(1)
    if w.endswith("e"):
        stem = w[:-1]
        if _MGR1.search(stem) or (_MEQ1.search(stem) and not _CVC.search(stem)):
            w = stem
    if w.endswith("ll") and _MGR1.search(w):
        w = w[:-1]
    if y_first:
        w = "y" + w[1:]
    return w


_NON_WORD = re.compile(r"[^A-Za-z0-9\-]")
_KEEP = re.compile(r"^[a-z0-9$]")


def rouge_tokens(sentences: Iterable[str]) -> list[str]:
    """The tokens ROUGE-1.5.5 counts for a summary, as tilse hands it over (one SEE line a sentence)."""
    parts = []
    for sentence in sentences:
        text = sentence.replace("^", "&circ;").split("<", 1)[0]  # pyrouge's escape; the SEE line stops at '<'
        if text.strip():
            parts.append(text.lower())
    joined = _NON_WORD.sub(" ", " ".join(parts).replace("-", " - "))
    stop, exceptions = _stopwords(), _exceptions()
    out = []
    for tok in joined.split():
        if tok in stop or not _KEEP.match(tok):
            continue
        out.append(exceptions.get(tok) or porter_stem(tok) if len(tok) > 3 else tok)
    return out


@dataclass(frozen=True)
class RougeCounts:
    hits: int
    peer: int   # n-grams of the system summary (precision denominator)
    model: int  # n-grams of the reference summary (recall denominator)


def _ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def rouge_counts(system: Sequence[str], reference: Sequence[str], n: int) -> RougeCounts:
    """ROUGE-n hits and counts of one summary against one reference (lists of sentences)."""
    peer = _ngrams(_tokens_cached(tuple(system)), n)
    model = _ngrams(_tokens_cached(tuple(reference)), n)
    hits = sum(min(c, model[g]) for g, c in peer.items() if g in model)
    return RougeCounts(hits, sum(peer.values()), sum(model.values()))


@cache
def _tokens_cached(sentences: tuple[str, ...]) -> list[str]:
    return rouge_tokens(sentences)


# --- the alignment ------------------------------------------------------------------------------


def _approx_rouge1(system: Sequence[str], reference: Sequence[str]) -> float:
    """tilse's ``compute_rouge_approximation``: F1 of whitespace tokens, single punctuation marks out."""
    punct = string.punctuation
    pred = Counter(t for s in system for t in s.split() if t not in punct)
    ref = Counter(t for s in reference for t in s.split() if t not in punct)
    match = sum(min(c, ref[t]) for t, c in pred.items())
    p_den, r_den = sum(pred.values()), sum(ref.values())
    prec = match / p_den if p_den else 0.0
    rec = match / r_den if r_den else 0.0
    return 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def _date_factor(a: dt.date, b: dt.date) -> float:
    return 1.0 / (abs(a.toordinal() - b.toordinal()) + 1)


def _align(sources: list[dt.date], targets: list[dt.date], cost: dict[tuple[dt.date, dt.date], float],
           source_is_system: bool) -> list[tuple[dt.date, dt.date]]:
    """Each source date to the target date of least cost (the first one on ties, like numpy's argmin)."""
    pairs = []
    for s in sources:
        best: dt.date | None = None
        best_cost = 0.0
        for t in targets:
            c = cost[(s, t) if source_is_system else (t, s)]
            if best is None or c < best_cost:
                best, best_cost = t, c
        if best is not None:
            pairs.append((s, best) if source_is_system else (best, s))
    return pairs


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass(frozen=True)
class TimelineScores:
    rouge1: PRF
    rouge2: PRF
    dates: PRF

    def to_dict(self) -> dict[str, dict[str, float]]:
        return {"rouge1": self.rouge1.to_dict(), "rouge2": self.rouge2.to_dict(), "dates": self.dates.to_dict()}


def _align_rouge(system: Timeline, reference: Timeline, n: int,
                 pairs_p: list[tuple[dt.date, dt.date]], pairs_r: list[tuple[dt.date, dt.date]]) -> PRF:
    p_num = p_den = r_num = r_den = 0.0
    for sd, rd in pairs_p:
        c = rouge_counts(system[sd], reference[rd], n)
        p_num += _date_factor(sd, rd) * c.hits
        p_den += c.peer
    for sd, rd in pairs_r:
        c = rouge_counts(system[sd], reference[rd], n)
        r_num += _date_factor(sd, rd) * c.hits
        r_den += c.model
    for rd in set(reference) - {r for _, r in pairs_r}:  # only when the system has no date at all
        r_den += rouge_counts([], reference[rd], n).model
    return PRF(p_num / p_den if p_den else 0.0, r_num / r_den if r_den else 0.0)


def score_timeline(system: Timeline, reference: Timeline) -> TimelineScores:
    """AR1, AR2 (align+ m:1) and date precision/recall of one system timeline against one reference."""
    sys_dates, ref_dates = sorted(system), sorted(reference)
    cost = {}
    for sd in sys_dates:
        for rd in ref_dates:
            cost[(sd, rd)] = (1 - _date_factor(sd, rd)) * (1 - _approx_rouge1(system[sd], reference[rd]))
    pairs_p = _align(sys_dates, ref_dates, cost, source_is_system=True)
    pairs_r = _align(ref_dates, sys_dates, cost, source_is_system=False)
    both = set(sys_dates) & set(ref_dates)
    dates = PRF(len(both) / len(sys_dates) if sys_dates else 0.0, len(both) / len(ref_dates) if ref_dates else 0.0)
    return TimelineScores(_align_rouge(system, reference, 1, pairs_p, pairs_r),
                          _align_rouge(system, reference, 2, pairs_p, pairs_r), dates)


def average_scores(scores: Sequence[TimelineScores]) -> TimelineScores:
    """news-tls ``get_average_results``: mean precision and mean recall; F1 of the two means."""
    def mean(parts: list[PRF]) -> PRF:
        n = len(parts) or 1
        return PRF(sum(p.precision for p in parts) / n, sum(p.recall for p in parts) / n)
    return TimelineScores(mean([s.rouge1 for s in scores]), mean([s.rouge2 for s in scores]),
                          mean([s.dates for s in scores]))


def score_dirs(ref_dir: Path, sys_dir: Path) -> tuple[list[tuple[str, TimelineScores | None]], TimelineScores]:
    """Every ``*.txt`` under REF_DIR against the file at the same relative path under SYS_DIR.

    A missing system file scores zero (it is listed with ``None``); the average counts it."""
    rows: list[tuple[str, TimelineScores | None]] = []
    counted: list[TimelineScores] = []
    for ref_path in sorted(ref_dir.rglob("*.txt")):
        rel = ref_path.relative_to(ref_dir).as_posix()
        sys_path = sys_dir / rel
        if not sys_path.is_file():
            rows.append((rel, None))
            counted.append(TimelineScores(PRF(0, 0), PRF(0, 0), PRF(0, 0)))
            continue
        s = score_timeline(read_timeline(sys_path), read_timeline(ref_path))
        rows.append((rel, s))
        counted.append(s)
    return rows, average_scores(counted)
