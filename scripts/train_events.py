"""Train newsline's event detector and classifier and write events/models/en/events.json.

    python scripts/train_events.py --data ../shared/data --out src/newsline/events/models/en/events.json

Training data: TimeBank 1.2 as cleaned for TempEval-3 (TBAQ-cleaned/TimeBank, every
file, sorted by name).  Development data, never trained on: TBAQ-cleaned/AQUAINT;
its Task B scores (and TimeBank's, for reference) are recorded in the output file.

Both models are L2-regularised logistic regressions (scikit-learn, liblinear/lbfgs,
fixed settings) over the binary features of ``newsline.events._detect.token_features``: a
binary detector over candidate tokens (verbs, nouns, adjectives, auxiliaries) and a
multinomial classifier over the gold events.  Gold EVENT spans are aligned to spaCy
tokens by character offsets (the syntactic root of the tokens a span covers).  The
"known event noun" lexicon maps a noun lemma to how often it is an event in the
training data (in 5 buckets); while training, each document's lexicon feature is
computed from the other folds only, so that the weight learnt for it is honest.

The run is deterministic: sorted inputs, no random sampling, fixed solver settings,
and weights rounded to 4 decimals, so it rebuilds the shipped file byte for byte.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from newsline._model import EVENT_CLASSES, Event
from newsline.evaluation._anchoring import HELD_OUT
from newsline.evaluation._event_scoring import EventScores, events_from_timeml, score_events
from newsline.events._detect import extract_events, is_candidate, model_from_dict, token_features
from newsline.events._nlp import load_nlp, model_name
from newsline.timeml import read_timeml

CORPUS = Path("tempeval3") / "TBAQ-cleaned"
SILVER = Path("tempeval3") / "silver"
FORM_MIN_COUNT = 3  # a word enters the silver form lexicon when seen this often
FORM_BUCKETS = 10
FOLDS = 5
MIN_COUNT = 2  # a noun lemma enters the lexicon when seen this often in training
DETECT_C = 0.05
CLASS_C = 0.05
THRESHOLD = 0.4
PRUNE = 0.02  # weights of smaller magnitude are dropped (no loss on AQUAINT at this size)
DIGITS = 3

Doc = Any  # spacy.tokens.Doc

# Nouns that name an event wherever they stand, written by hand for timelines: TimeBank
# rarely marks a noun modifier as an event, but "our wedding day" dates a wedding.  The
# runtime accepts these lemmas even when the detector scores them low (F1 on AQUAINT
# is unchanged by the list: +0.0003).
EVENT_NOUNS = [
    "accident", "acquisition", "arrest", "assassination", "attack", "battle", "birth", "blast", "bombing",
    "ceasefire", "celebration", "ceremony", "collapse", "concert", "conference", "coronation", "coup", "crash",
    "death", "debate", "demonstration", "divorce", "earthquake", "election", "explosion", "festival", "fighting",
    "flood", "funeral", "graduation", "hearing", "hurricane", "inauguration", "interview", "invasion", "killing",
    "marriage", "massacre", "meeting", "merger", "murder", "negotiation", "parade", "premiere", "protest", "raid",
    "rally", "recession", "referendum", "resignation", "retirement", "revolution", "riot", "shooting", "siege",
    "storm", "strike", "summit", "takeover", "talk", "tournament", "trial", "truce", "visit", "vote", "war",
    "wedding",
    # the calendar of courts, elections and sport (new-user trial G: "Sentencing is set for May 17", "won the
    # Democratic primary on Tuesday" were no events); on TimeBank and AQUAINT "verdict" and "match" are events
    # 6 times in 7, the others do not occur
    "arraignment", "caucus", "match", "playoff", "primary", "runoff", "sentencing", "verdict",
]


def load_corpus(folder: Path) -> list[tuple[str, str, list[Event]]]:
    """(file name, TEXT, gold events) for every .tml file but the held-out ones, sorted by name."""
    out = []
    for path in sorted(folder.glob("*.tml")):
        if path.stem in HELD_OUT:  # TimeBank-Dense test documents of event time anchoring: never trained on
            continue
        doc = read_timeml(path)
        out.append((path.name, doc.text, events_from_timeml(doc)))
    return out


def parse(texts: list[str]) -> list[Doc]:
    """spaCy parses in text order (several processes give byte-identical docs, only sooner)."""
    nlp = load_nlp()
    return list(nlp.pipe(texts, batch_size=8, n_process=max(1, min(4, os.cpu_count() or 1))))


def gold_tokens(doc: Doc, events: list[Event]) -> dict[int, str]:
    """Token index -> gold class, aligning every gold span to the root of the tokens it covers."""
    out: dict[int, str] = {}
    for ev in events:
        span = doc.char_span(ev.start, ev.end, alignment_mode="expand")
        if span is not None and len(span):
            out[span.root.i] = ev.eclass
    return out


_SILVER_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_SILVER_EVENT = re.compile(r"<EVENT\b[^>]*?class=\"([A-Z_]+)\"[^>]*>([^<]*)</EVENT>")
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")


def form_lexicon(folder: Path) -> tuple[dict[str, tuple[int, str]], int]:
    """Lower-case word -> (bucket 0..9 of how often the silver corpus tags it as an EVENT, its usual class).

    Counted on the raw TEXT of every silver file (sorted), words being runs of
    letters joined by hyphens ("cease-fire"); an EVENT tag counts for its last word.  The
    class is the most frequent one (ties by name) of a word tagged at least
    FORM_MIN_COUNT times, else "".
    """
    total: Counter[str] = Counter()
    events: Counter[str] = Counter()
    classes: dict[str, Counter[str]] = defaultdict(Counter)
    files = sorted(folder.glob("*/*.tml"))
    for path in files:
        m = _SILVER_TEXT.search(path.read_text(encoding="utf-8"))
        if not m:
            continue
        body = m.group(1)
        for cls, tagged in _SILVER_EVENT.findall(body):
            words = _WORD.findall(html.unescape(tagged))
            if words:
                events[words[-1].lower()] += 1
                classes[words[-1].lower()][cls] += 1
        total.update(w.lower() for w in _WORD.findall(html.unescape(re.sub(r"<[^>]+>", " ", body))))
    lexicon = {w: (min(FORM_BUCKETS - 1, int(FORM_BUCKETS * events[w] / n)), _usual(classes.get(w)))
               for w, n in sorted(total.items()) if n >= FORM_MIN_COUNT}
    return lexicon, len(files)


def _usual(counts: Counter[str] | None) -> str:
    if not counts or sum(counts.values()) < FORM_MIN_COUNT:
        return ""
    return min(counts, key=lambda c: (-counts[c], c))


def noun_counts(doc: Doc, gold: dict[int, str]) -> Counter[tuple[str, bool]]:
    counts: Counter[tuple[str, bool]] = Counter()
    for tok in doc:
        if tok.pos_ == "NOUN" and tok.is_alpha:
            counts[(tok.lemma_.lower(), tok.i in gold)] += 1
    return counts


def lexicon_from(counts: Counter[tuple[str, bool]]) -> dict[str, int]:
    """Noun lemma -> bucket 0..4 of its event rate (seen at least MIN_COUNT times)."""
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for (lemma, is_event), n in counts.items():
        totals[lemma][1] += n
        if is_event:
            totals[lemma][0] += n
    return {lemma: min(4, int(5 * ev / total)) for lemma, (ev, total) in sorted(totals.items())
            if total >= MIN_COUNT}


def verb_lemmas(nlp: Any) -> frozenset[str]:
    """The verb lemmas of the spaCy model's lemmatizer (its WordNet index), for the deverbal-noun feature."""
    try:
        index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
        return frozenset(w for w in index["verb"] if w.isalpha())
    except (KeyError, ValueError):
        return frozenset()


def examples(docs: list[Doc], golds: list[dict[int, str]], forms: dict[str, tuple[int, str]],
             verbs: frozenset[str] = frozenset()) -> tuple[list[list[str]], list[int], list[str | None]]:
    """Features, detection labels and classes of every candidate token, lexicon by jackknife."""
    per_doc = [noun_counts(d, g) for d, g in zip(docs, golds, strict=True)]
    feats: list[list[str]] = []
    labels: list[int] = []
    classes: list[str | None] = []
    for fold in range(FOLDS):
        held = [i for i in range(len(docs)) if i % FOLDS == fold]
        counts: Counter[tuple[str, bool]] = Counter()
        for i in range(len(docs)):
            if i % FOLDS != fold:
                counts.update(per_doc[i])
        lexicon = lexicon_from(counts)
        for i in held:
            for tok in docs[i]:
                if is_candidate(tok):
                    feats.append(token_features(tok, lexicon, forms, verbs))
                    cls = golds[i].get(tok.i)
                    labels.append(int(cls is not None))
                    classes.append(cls)
    return feats, labels, classes


def fit(feats: list[list[str]], y: list[Any], c: float) -> tuple[list[str], np.ndarray, np.ndarray, list[Any]]:
    vec = DictVectorizer(sort=True)
    x = vec.fit_transform([dict.fromkeys(f, 1) for f in feats])
    model = LogisticRegression(C=c, max_iter=3000, tol=1e-6)
    model.fit(x, y)
    return list(vec.get_feature_names_out()), model.coef_, model.intercept_, list(model.classes_)


def _round(x: float) -> float | int:
    r = round(float(x), DIGITS)
    return 0 if r == 0 else r


def detector_json(feats: list[list[str]], labels: list[int]) -> dict[str, Any]:
    names, coef, bias, _ = fit(feats, labels, DETECT_C)
    weights = {n: _round(w) for n, w in zip(names, coef[0], strict=True) if abs(w) >= PRUNE}
    return {"weights": {n: w for n, w in weights.items() if w}, "bias": _round(bias[0]), "threshold": THRESHOLD}


def classifier_json(feats: list[list[str]], classes: list[str | None]) -> dict[str, Any]:
    rows = [(f, c) for f, c in zip(feats, classes, strict=True) if c is not None]
    names, coef, bias, order = fit([f for f, _ in rows], [c for _, c in rows], CLASS_C)
    index = [order.index(c) for c in EVENT_CLASSES]
    weights: dict[str, list[float | int]] = {}
    for j, name in enumerate(names):
        row = [_round(coef[k, j]) for k in index]
        if any(abs(w) >= PRUNE for w in row):
            weights[name] = row
    return {"classes": list(EVENT_CLASSES), "weights": weights, "bias": [_round(bias[k]) for k in index]}


def evaluate(model_data: dict[str, Any], docs: list[Doc], golds: list[list[Event]]) -> dict[str, float | int]:
    """Task B scores of the model on parsed documents, plus polarity on the consistently annotated files.

    25 AQUAINT files of the TempEval-3 release mark nearly every event NEG (their
    polarity is inverted), so polarity accuracy is also given over the files where
    at most half of the gold events are NEG.
    """
    model = model_from_dict(model_data)
    pairs = [(g, extract_events(d, model=model)) for d, g in zip(docs, golds, strict=True)]
    consistent = [(g, s) for g, s in pairs if 2 * sum(e.polarity == "NEG" for e in g) <= len(g)]
    out = summary(score_events(pairs))
    out["polarity_accuracy_consistent_files"] = round(score_events(consistent).accuracy("polarity"), 4)
    out["consistent_files"] = len(consistent)
    return out


def summary(s: EventScores) -> dict[str, float | int]:
    keep = ("n_docs", "n_gold", "n_system", "strict_f1", "relaxed_precision", "relaxed_recall", "relaxed_f1",
            "class_accuracy", "class_f1", "tense_accuracy", "aspect_accuracy", "polarity_accuracy")
    d = s.to_dict()
    return {k: round(d[k], 4) if isinstance(d[k], float) else d[k] for k in keep}


def build(data: Path, log: Any, *, parse_texts: Callable[[list[str]], list[Doc]] = parse) -> dict[str, Any]:
    """The event model and its scores; ``parse_texts`` parses texts in order (the tests pass a cache of parses)."""
    t0 = time.perf_counter()
    train = load_corpus(data / CORPUS / "TimeBank")
    dev = load_corpus(data / CORPUS / "AQUAINT")
    train_docs = parse_texts([t for _, t, _ in train])
    dev_docs = parse_texts([t for _, t, _ in dev])
    print(f"parsed {len(train)} + {len(dev)} documents in {time.perf_counter() - t0:.1f}s", file=log)
    forms, n_silver = form_lexicon(data / SILVER)
    golds = [gold_tokens(d, ev) for d, (_, _, ev) in zip(train_docs, train, strict=True)]
    nlp = load_nlp()
    verbs = verb_lemmas(nlp)
    feats, labels, classes = examples(train_docs, golds, forms, verbs)
    full_counts: Counter[tuple[str, bool]] = Counter()
    for d, g in zip(train_docs, golds, strict=True):
        full_counts.update(noun_counts(d, g))
    out: dict[str, Any] = {
        "about": "newsline event detector and classifier: logistic regressions over sparse token features "
                 "(newsline.events._detect.token_features), rebuilt by scripts/train_events.py",
        "training_data": f"TimeBank 1.2, TempEval-3 cleaned (tempeval3/TBAQ-cleaned/TimeBank, less the 9 "
                         f"TimeBank-Dense documents held out for event time anchoring): {len(train)} "
                         f"documents, {sum(len(e) for _, _, e in train)} EVENTs, {len(labels)} candidate tokens",
        "silver_data": f"TempEval-3 silver (tempeval3/silver, {n_silver} documents annotated automatically): "
                       "only for the word lexicon ('forms': how often a word is tagged as an EVENT)",
        "development_data": f"AQUAINT, TempEval-3 cleaned (tempeval3/TBAQ-cleaned/AQUAINT): {len(dev)} documents, "
                            "never trained on",
        "spacy_model": f"{model_name()} {nlp.meta.get('version', '?')}",
        "settings": {"detect_C": DETECT_C, "class_C": CLASS_C, "threshold": THRESHOLD, "folds": FOLDS,
                     "lexicon_min_count": MIN_COUNT, "form_min_count": FORM_MIN_COUNT, "form_buckets": FORM_BUCKETS,
                     "prune": PRUNE, "digits": DIGITS},
        "lexicon": lexicon_from(full_counts),
        "event_nouns": EVENT_NOUNS,
        "forms": forms,
        "verbs": sorted(verbs),
        "detect": detector_json(feats, labels),
        "classify": classifier_json(feats, classes),
    }
    print(f"trained in {time.perf_counter() - t0:.1f}s", file=log)
    out["scores"] = {
        "AQUAINT (development)": evaluate(out, dev_docs, [e for _, _, e in dev]),
        "TimeBank (training)": evaluate(out, train_docs, [e for _, _, e in train]),
    }
    return out


def dumps(result: dict[str, Any]) -> str:
    """The weights file's text: sorted keys, compact, one line."""
    return json.dumps(result, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"), help="the shared corpora folder")
    ap.add_argument("--out", type=Path, default=Path("src/newsline/events/models/en/events.json"))
    args = ap.parse_args(argv)
    if not (args.data / CORPUS / "TimeBank").is_dir():
        print(f"train_events: no TimeBank under {args.data / CORPUS}", file=sys.stderr)
        return 2
    result = build(args.data, sys.stderr)
    text = dumps(result)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    for name, scores in result["scores"].items():
        print(f"{name}: {json.dumps(scores)}", file=sys.stderr)
    print(f"wrote {args.out} ({len(text.encode()) / 1e6:.2f} MB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
