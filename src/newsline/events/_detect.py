"""TimeML EVENT extraction on top of a spaCy parse.

Which tokens are events, and of which class, is decided by two linear models
trained on TimeBank by ``scripts/train_events.py`` and shipped as sparse
weights in ``events/models/en/events.json``; here they are scored with a plain
Python dot product (scikit-learn is needed only for training).  Tense, aspect,
polarity and modality come from spaCy's tags and the auxiliaries of the verb
group; participants and speakers from the dependency parse.

Events are single tokens as in TimeBank, except that a hyphenated word that
spaCy splits ("cease-fire", "buy-back") is one event.  Offsets are character
offsets into the text spaCy was given.
"""

from __future__ import annotations

import json
import math
import threading
from bisect import bisect_right
from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from itertools import repeat
from typing import Any

from newsline._model import Event
from newsline.errors import ResourceError
from newsline.events._coref import _words, stand_in
from newsline.events._dateline import dateline_tokens, outside_dateline
from newsline.events._linear import WeightRows, most_probable
from newsline.events._nlp import doc_text, entities, indices_of, named_head, noun_chunks, token_table

Token = Any  # spacy.tokens.Token
Doc = Any  # spacy.tokens.Doc

CANDIDATE_POS = frozenset({"VERB", "NOUN", "ADJ", "AUX"})
_POS_NAMES = {"VERB": "VERB", "AUX": "VERB", "NOUN": "NOUN", "PROPN": "NOUN", "ADJ": "ADJECTIVE"}
_MODAL_FORMS = {"'ll": "will", "wo": "will", "ca": "can", "'d": "would", "sha": "shall"}
_NEG_DET = frozenset({"no"})
_SUBJ = ("nsubj", "nsubjpass", "csubj")
_QUOTES = frozenset({'"', "``", "''", "\u201c", "\u201d"})
_OPEN_QUOTES = frozenset({"``", "\u201c"})
_CLOSE_QUOTES = frozenset({"''", "\u201d"})
_SPEAKER_WINDOW = 12  # tokens between a quote and its reporting verb
_WEIGHTS_FILE = "events.json"


# --- features -------------------------------------------------------------------------


def _shape(text: str) -> str:
    if text.isupper():
        return "XX"
    if text[:1].isupper():
        return "Xx"
    if text.islower():
        return "xx"
    return "mix"


def _lexicon_bucket(pos: str, lemma: str, lexicon: dict[str, int]) -> str:
    if pos != "NOUN":
        return "lex=-"
    bucket = lexicon.get(lemma)
    return "lex=?" if bucket is None else f"lex={bucket}"


def _form_features(pos: str, form: str, forms: dict[str, tuple[int, str]]) -> list[str]:
    entry = forms.get(form)
    if entry is None:
        return ["f=?", f"fp=?|{pos}"]
    bucket, cls = entry
    out = [f"f={bucket}", f"fp={bucket}|{pos}"]
    if cls:
        out.append(f"fc={cls}")
    return out


# nominalising suffixes and what to put back to reach the verb: "performance" -> "perform", "engagement" ->
# "engage", "election" -> "elect", "explosion" -> "explode", "sentencing" -> "sentence", "arrival" -> "arrive"
_NOMINAL_SUFFIXES = (
    ("ation", ("", "e", "ate")), ("ition", ("", "e")), ("tion", ("t", "te")), ("sion", ("d", "de", "t", "se")),
    ("ment", ("", "e")), ("ance", ("", "e")), ("ence", ("", "e")), ("ing", ("", "e")), ("al", ("", "e")),
    ("ure", ("", "e")), ("age", ("", "e")),
)


def _deverbal(lemma: str, verbs: frozenset[str]) -> str:
    """How a noun lemma comes from a verb: ``dv=zero`` ("crash"), ``dv=<suffix>`` ("performance": ``dv=ance``,
    "wedding": ``dv=ing``), ``dv=-`` when it does not ("table" is a verb too: zero)."""
    found = _verb_and_suffix(lemma, verbs)
    return "dv=-" if found is None else f"dv={found[1]}"


def _verb_and_suffix(lemma: str, verbs: frozenset[str], zero: bool = True) -> tuple[str, str] | None:
    if zero and lemma in verbs:
        return lemma, "zero"
    for suffix, endings in _NOMINAL_SUFFIXES:
        if lemma.endswith(suffix) and len(lemma) > len(suffix) + 2:
            stem = lemma[:-len(suffix)]
            for e in endings:
                if stem + e in verbs:
                    return stem + e, suffix
            if stem[-1] == stem[-2] and stem[:-1] in verbs:  # "shipping" -> "ship"
                return stem[:-1], suffix
    return None


def verb_of_noun(lemma: str, model: EventModel | None = None) -> str | None:
    """The verb an event noun is made from ("collapse" -> "collapse", "ruling" -> "rule", "performance" ->
    "perform"), by the nominalising suffixes and the model's verb list; None when it is not one."""
    verbs = (model or load_model()).verbs
    # a noun the silver corpus also tagged as a verb ("closure") is still made from its verb ("close") when the
    # suffixes give one (new-user trial AE: "the closure" was never the bridge's closing)
    found = _verb_and_suffix(lemma, verbs, zero=False) or _verb_and_suffix(lemma, verbs)
    return None if found is None else found[0]


def token_features(tok: Token, lexicon: dict[str, int], forms: dict[str, tuple[int, str]],
                   verbs: frozenset[str] = frozenset()) -> list[str]:
    """The sparse binary features of one candidate token (shared by training and runtime).

    ``lexicon`` maps a noun lemma to the bucket of its event rate in TimeBank,
    ``forms`` a lower-case word to the bucket of its event rate in the silver corpus
    and the class the silver corpus gives it most often ("" when rarely an event);
    a part of a hyphenated word spaCy split ("fire" in "cease-fire") is looked up
    as the whole word.
    """
    t = token_table(tok.doc)  # read from arrays: a Token per neighbour, head and child costs more than the rest
    i = tok.i
    lower, lemma, pos, tag, dep = t.lower[i], t.lemma[i], t.pos[i], t.tag[i], t.dep[i]
    h = t.head[i]
    head_lemma, head_pos = t.lemma[h], t.pos[h]
    n = len(t.text)
    first, last = t.first[i], t.last[i]
    hyphenated = last > first
    form = "".join(t.lower[first:last + 1]) if hyphenated else lower
    feats = [
        f"w={lower}", f"l={lemma}", f"p={pos}", f"t={tag}", f"d={dep}", f"pd={pos}|{dep}",
        f"lp={lemma}|{pos}", f"td={tag}|{dep}", f"hl={head_lemma}", f"hp={head_pos}",
        f"dh={dep}|{head_pos}", f"hdl={dep}|{head_lemma}", f"s2={lower[-2:]}", f"s3={lower[-3:]}",
        f"s4={lower[-4:]}", f"sh={_shape(t.text[i])}", f"e={t.ent_type[i] or '-'}",
        f"p-1={t.pos[i - 1] if i > 0 else '<s>'}", f"p+1={t.pos[i + 1] if i + 1 < n else '</s>'}",
        f"w-1={t.lower[i - 1] if i > 0 else '<s>'}", f"w+1={t.lower[i + 1] if i + 1 < n else '</s>'}",
        _lexicon_bucket(pos, lemma, lexicon), *_form_features(pos, form, forms),
    ]
    if hyphenated:
        feats.append(f"hw={form}")
    if pos == "NOUN" and verbs:
        feats.append(_deverbal(lemma, verbs))
    for c in t.children[i]:  # (a sentence's root has d=ROOT)
        cdep = t.dep[c]
        feats.append(f"c={cdep}")
        if cdep == "prep":
            feats.append(f"cp={t.lower[c]}")
        elif cdep == "poss":
            feats.append(f"cposs={t.ent_type[c] or t.pos[c]}")
        elif cdep in ("aux", "auxpass", "neg", "det"):
            feats.append(f"ca={t.lower[c]}")
    return feats


# --- weights --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EventModel:
    """The shipped weights: a binary detector and a multi-class classifier."""

    detect: dict[str, float]
    detect_bias: float
    threshold: float
    classes: tuple[str, ...]
    classify: dict[str, tuple[float, ...]]
    class_bias: tuple[float, ...]
    lexicon: dict[str, int]
    forms: dict[str, tuple[int, str]]
    event_nouns: frozenset[str] = frozenset()
    verbs: frozenset[str] = frozenset()
    _class_rows: WeightRows = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_class_rows", WeightRows(self.class_bias, self.classify))

    def p_event(self, feats: Sequence[str]) -> float:
        z = self.detect_bias + sum(map(self.detect.get, feats, repeat(0.0)))  # a weight per feature, 0 unknown
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0

    def eclasses(self, feature_lists: Sequence[Sequence[str]]) -> list[tuple[str, float]]:
        """The most probable class of each event with these features, and its probability, the events
        scored together."""
        return [most_probable(self.classes, s) for s in self._class_rows.scores_many(feature_lists)]


def model_from_dict(data: dict[str, Any]) -> EventModel:
    """Build an :class:`EventModel` from the JSON structure ``train_events.py`` writes."""
    try:
        det, cls = data["detect"], data["classify"]
        classes = tuple(str(c) for c in cls["classes"])
        rows = {str(f): tuple(float(x) for x in ws) for f, ws in cls["weights"].items()}
        if any(len(r) != len(classes) for r in rows.values()) or len(cls["bias"]) != len(classes):
            raise ValueError("class weight rows do not match the class list")
        return EventModel(
            detect={str(f): float(w) for f, w in det["weights"].items()},
            detect_bias=float(det["bias"]),
            threshold=float(det["threshold"]),
            classes=classes,
            classify=rows,
            class_bias=tuple(float(b) for b in cls["bias"]),
            lexicon={str(k): int(v) for k, v in data["lexicon"].items()},
            forms={str(k): (int(b), str(c)) for k, (b, c) in data["forms"].items()},
            event_nouns=frozenset(str(w) for w in data.get("event_nouns", ())),
            verbs=frozenset(str(w) for w in data.get("verbs", ())),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ResourceError(f"events/models/en/{_WEIGHTS_FILE} is broken ({exc}); reinstall newsline") from exc


_lock = threading.Lock()
_loaded: dict[str, Any] = {}


def load_weights(filename: str, build: Callable[[dict[str, Any]], Any]) -> Any:
    """A shipped weights file of ``events/models/en``, built by ``build`` once, then cached."""
    with _lock:
        if filename not in _loaded:
            try:
                raw = resources.files("newsline.events").joinpath("models", "en", filename).read_text("utf-8")
                data = json.loads(raw)
            except (OSError, ValueError) as exc:
                raise ResourceError(f"events/models/en/{filename} cannot be read ({exc}); reinstall newsline") \
                    from exc
            _loaded[filename] = build(data)
        return _loaded[filename]


def load_model() -> EventModel:
    """The shipped event model (read once, then cached)."""
    model: EventModel = load_weights(_WEIGHTS_FILE, model_from_dict)
    return model


# --- tense, aspect, polarity, modality --------------------------------------------------


def _verb_anchor(tok: Token) -> Token | None:
    """The verb whose auxiliaries carry ``tok``'s tense: itself, or the copula of a predicate."""
    if tok.pos_ in ("VERB", "AUX"):
        return tok
    if tok.pos_ == "ADJ" and tok.dep_ == "acomp" and tok.head.lemma_ == "be":
        return tok.head
    return None


def _auxiliaries(verb: Token) -> list[Token]:
    """The auxiliaries of ``verb``; a non-finite conjunct shares its first conjunct's ("has come and gone")."""
    own = [c for c in verb.lefts if c.dep_ in ("aux", "auxpass")]
    if own or verb.dep_ != "conj" or verb.tag_ not in ("VB", "VBN", "VBG"):
        return own
    head = verb.head
    if head.tag_ != verb.tag_:
        return own
    return [c for c in head.lefts if c.dep_ in ("aux", "auxpass")]


def _going_to(verb: Token) -> bool:
    """``verb`` is the infinitive of a "going to" future ("is going to sell")."""
    head = verb.head
    return verb.dep_ == "xcomp" and head.lower_ == "going" and any(c.dep_ == "aux" for c in head.lefts)


def _modal(auxs: Sequence[Token]) -> str | None:
    for a in auxs:
        if a.tag_ == "MD":
            low = str(a.lower_)
            return _MODAL_FORMS.get(low, low)
    return None


def _tense(verb: Token, auxs: Sequence[Token], modal: str | None) -> str:
    if modal is not None:
        return "FUTURE" if modal in ("will", "shall") else "NONE"
    if any(a.tag_ == "TO" for a in auxs):
        return "FUTURE" if _going_to(verb) else "INFINITIVE"
    finite = next((a for a in auxs if a.tag_ in ("VBD", "VBZ", "VBP")), verb)
    tag = finite.tag_
    if tag == "VBD":
        return "PAST"
    if tag in ("VBZ", "VBP"):
        return "PRESENT"
    if tag == "VBG":
        return "PRESPART"
    if tag == "VBN":  # with a subject and no auxiliary, a past tense the tagger missed (TimeBank, AQUAINT: 18 of 27)
        return "PAST" if not auxs and any(c.dep_ == "nsubj" for c in verb.children) else "PASTPART"
    return "INFINITIVE" if verb.dep_ == "xcomp" else "NONE"


def _aspect(verb: Token, auxs: Sequence[Token]) -> str:
    chain = [a for a in auxs if a.tag_ not in ("MD", "TO")] + [verb]
    perfective = progressive = False
    for a, b in zip(chain, chain[1:], strict=False):
        if a.lemma_ == "have" and b.tag_ in ("VBN", "VBD"):
            perfective = True
        elif a.lemma_ == "be" and b.tag_ == "VBG":
            progressive = True
    if perfective and progressive:
        return "PERFECTIVE_PROGRESSIVE"
    return "PERFECTIVE" if perfective else "PROGRESSIVE" if progressive else "NONE"


def _negated(tok: Token, verb: Token | None) -> bool:
    table = token_table(tok.doc)
    for t in (tok, verb) if verb is not None and verb is not tok else (tok,):
        for c in table.children[t.i]:
            if table.dep[c] == "neg" or (table.dep[c] == "det" and table.lower[c] in _NEG_DET):
                return True
    return False


@dataclass(frozen=True, slots=True)
class Grammar:
    tense: str
    aspect: str
    polarity: str
    modality: str | None


def grammar(tok: Token) -> Grammar:
    """Tense, aspect, polarity and modality of an event token, from tags and auxiliaries."""
    verb = _verb_anchor(tok)
    polarity = "NEG" if _negated(tok, verb) else "POS"
    if verb is None:
        return Grammar("NONE", "NONE", polarity, None)
    auxs = _auxiliaries(verb)
    modal = _modal(auxs)
    shown = None if modal in ("will", "shall") else modal
    return Grammar(_tense(verb, auxs, modal), _aspect(verb, auxs), polarity, shown)


# --- participants and speakers ------------------------------------------------------------


class _Phrases:
    """The entity (or else noun chunk) each token belongs to, as token ranges; texts cut from the doc's text."""

    def __init__(self, doc: Doc, text: str, dateline: frozenset[int] = frozenset()) -> None:
        self._doc = doc
        self._text = text
        self._spans: dict[int, tuple[int, int]] = {}
        for start, end in (*noun_chunks(doc), *((e.start, e.end) for e in entities(doc))):  # entities win
            while start < end - 1 and start in dateline:  # no word of a wire dateline the chunk took in
                start += 1  # ("STOCKHOLM, June 10 - Halvorsen Appliances said": "Halvorsen Appliances")
            for i in range(start, end):
                self._spans[i] = (start, end)

    def of(self, tok: Token, event: Token | None = None) -> str:
        """The phrase of ``tok``; cut before ``tok``'s end when it would hold ``event`` ("the company's plan")."""
        start, end = self._spans.get(tok.i, (tok.i, tok.i + 1))
        if event is not None and start <= event.i < end:
            end = tok.i + 1
        table = token_table(self._doc)
        # no white space at the edges: a phrase whose chunk starts at a line break ("\nJury") is "Jury"
        return self._text[table.idx[start]:table.idx[end - 1] + len(table.text[end - 1])].strip()


def _arguments(tok: Token, reporting: Container[int] = (), dateline: frozenset[int] = frozenset()) -> list[Token]:
    """The subject, object, possessor and agent of ``tok``; a relative pronoun as the noun it stands for, a
    pronoun subject of reported speech as the speaker (``_coref``), a pronoun that is someone else left out;
    no word of a wire dateline ("PARIS (Reuters) -")."""
    args: list[Token] = []
    for c in tok.children:
        dep = c.dep_
        if dep in _SUBJ or dep in ("dobj", "poss"):
            args.append(c)
        elif dep == "agent" or (dep == "prep" and tok.pos_ == "NOUN" and c.lower_ in ("of", "by")):
            args.extend(g for g in c.children if g.dep_ == "pobj")
        elif dep in ("ccomp", "xcomp", "oprd") and c.pos_ == "ADJ" and c.i > tok.i:
            # the subject of a small clause is the verb's object: "found [Orlen] guilty", "declared [him] dead"
            for g in c.children:
                if g.dep_ in ("nsubj", "nsubjpass"):  # "city treasurer Marcus Orlen": the person named
                    args.append(next((a for a in g.children if a.dep_ == "appos" and a.ent_type_ == "PERSON"), g))
    args = [x for x in (outside_dateline(a, dateline) for a in args) if x is not None]
    if not any(a.dep_ in _SUBJ for a in args):
        subj = _inherited_subject(tok, dateline)
        if subj is not None:
            args.insert(0, subj)
    out = [_antecedent(a, tok) for a in args]
    if reporting:  # the speaker is never a dateline's place ("TROMSO (NTB) - X said it would")
        out = [x for x in (stand_in(a, reporting, lambda t: _subject(t, dateline)) if a.dep_ in _SUBJ else a
                           for a in out) if x is not None]
    return out


_RELATIVE = frozenset({"who", "whom", "which", "that"})


def _antecedent(arg: Token, verb: Token) -> Token:
    """What a relative pronoun argument stands for: "Varga, who has lived in Lyon" -> Varga (the noun the
    relative clause of ``verb``, or of the verb it is conjoined to, hangs on); any other argument itself."""
    if arg.lower_ not in _RELATIVE or arg.tag_ not in ("WP", "WDT"):
        return arg
    v = verb
    for _ in range(4):
        if v.dep_ == "relcl":
            return named_head(v.head, who=arg.lower_ == "who")
        if v.dep_ != "conj" or v.head is v:
            break
        v = v.head
    return arg


def _inherited_subject(tok: Token, dateline: frozenset[int] = frozenset()) -> Token | None:
    """The subject of a conjoined or controlling verb, or of a predicate's copula (not a dateline's word)."""
    anchor = tok
    for _ in range(4):
        if anchor.dep_ not in ("conj", "xcomp", "acomp", "attr") or anchor.head is anchor:
            return None
        anchor = anchor.head
        for c in anchor.children:
            subj = outside_dateline(c, dateline) if c.dep_ in ("nsubj", "nsubjpass") else None
            if subj is not None:
                return subj
    return None


def _participants(tok: Token, phrases: _Phrases, reporting: Container[int] = (),
                  dateline: frozenset[int] = frozenset()) -> tuple[str, ...]:
    out: list[str] = []
    for a in _arguments(tok, reporting, dateline):
        text = phrases.of(a, tok)
        if text not in out:
            out.append(text)
    return tuple(out)


def _subject(tok: Token, dateline: frozenset[int] = frozenset()) -> Token | None:
    """Who does ``tok``: the agent of a passive ("was announced by X"), else the active subject (which a
    dateline's place, parsed as a subject in "PARIS (Reuters) - Renault said", is not)."""
    for c in tok.children:
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    for c in tok.children:
        subj = outside_dateline(c, dateline) if c.dep_ in ("nsubj", "nsubjpass") else None
        if subj is not None:
            return _antecedent(subj, tok) if c.dep_ == "nsubj" else None
    subj = _inherited_subject(tok, dateline)
    return None if subj is None else _antecedent(subj, tok)


class _Sentences:
    """Sentence bounds of a doc, looked up by token index (bisect, no per-token walks)."""

    def __init__(self, doc: Doc, text: str) -> None:
        try:
            sents = [(s.start, s.end, s.start_char, s.end_char) for s in doc.sents]
        except ValueError:  # no sentence boundaries set: the whole doc is one sentence
            sents = [(0, len(doc), 0, len(text))]
        self._starts = [s[0] for s in sents]
        self._sents = sents

    def of(self, i: int) -> tuple[int, int, int, int]:
        """(first token, end token, start char, end char) of the sentence holding token ``i``."""
        return self._sents[max(0, bisect_right(self._starts, i) - 1)]


def _quote_regions(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges [start, end) between paired quotation marks, in text order."""
    regions: list[tuple[int, int]] = []
    open_at: int | None = None
    for i in indices_of(doc, _QUOTES):
        text = doc[i].text
        if open_at is None and text not in _CLOSE_QUOTES:
            open_at = i
        elif open_at is not None and text not in _OPEN_QUOTES:
            regions.append((open_at + 1, i))
            open_at = None
    return regions


def _quote_speaker(region: tuple[int, int], reporting: dict[int, Token], sents: _Sentences,
                   dateline: frozenset[int]) -> Token | None:
    """The subject of the reporting event right after the quote ("...," he said) or before it."""
    start, end = region
    after_end = sents.of(end)[1]
    for i in range(end + 1, min(after_end, end + _SPEAKER_WINDOW)):
        if i in reporting:
            return _subject(reporting[i], dateline)
    before_start = sents.of(max(start - 1, 0))[0]
    for i in range(start - 2, max(before_start, start - _SPEAKER_WINDOW) - 1, -1):
        if i in reporting:
            return _subject(reporting[i], dateline)
    return None


def _speakers(doc: Doc, tokens: Sequence[Token], classes: Sequence[str], phrases: _Phrases,
              sents: _Sentences, dateline: frozenset[int]) -> list[str | None]:
    """Who says it: a REPORTING event's subject; for an event inside a quote, its reporting event's subject."""
    reporting = {t.i: t for t, c in zip(tokens, classes, strict=True) if c == "REPORTING"}
    regions = _quote_regions(doc) if reporting else []
    starts = [a for a, _ in regions]
    quoted = [_quote_speaker(r, reporting, sents, dateline) for r in regions]
    out: list[str | None] = []
    for tok, cls in zip(tokens, classes, strict=True):
        who: Token | None = None
        if cls == "REPORTING":
            who = _subject(tok, dateline)
            if who is not None:  # "Lee said she had told the board ...": "told" is Lee's
                who = stand_in(who, reporting, lambda t: _subject(t, dateline))
        else:
            k = bisect_right(starts, tok.i) - 1
            if k >= 0 and tok.i < regions[k][1]:
                who = quoted[k]
        out.append(phrases.of(who) if who is not None else None)
    return out


# --- extraction -------------------------------------------------------------------------


def _extent(tok: Token) -> tuple[int, int]:
    """Character span of the word ``tok`` is in: itself, or a hyphenated word spaCy split ("cease-fire")."""
    table = token_table(tok.doc)
    return table.span_chars(table.first[tok.i], table.last[tok.i] + 1)


def _lemma(tok: Token) -> str:
    """The lemma, of the whole word for a hyphenated one ("write-offs" -> "write-off")."""
    table = token_table(tok.doc)
    first, last = table.first[tok.i], table.last[tok.i]
    head = str((tok if last == tok.i else tok.doc[last]).lemma_).lower()
    return "".join(table.lower[i] for i in range(first, last)) + head if last > first else head


def is_candidate(tok: Token) -> bool:
    """Tokens the detector looks at: content words with a letter in them."""
    return tok.pos_ in CANDIDATE_POS and tok.is_alpha


def detect(doc: Doc, model: EventModel) -> list[tuple[Token, list[str], float]]:
    """The tokens the detector accepts, with their features and probability.

    A noun on the model's list of words that always name events ("wedding",
    "election") is accepted even when the detector scores it low, as in "our
    wedding day", with the acceptance threshold as its confidence.
    """
    found: list[tuple[Token, list[str], float]] = []
    table = token_table(doc)
    for i, (pos, alpha) in enumerate(zip(table.pos, table.alpha, strict=True)):
        if not (alpha and pos in CANDIDATE_POS):  # is_candidate, read on the arrays: a Token per candidate only
            continue
        tok = doc[i]
        feats = token_features(tok, model.lexicon, model.forms, model.verbs)
        p = model.p_event(feats)
        if p >= model.threshold:
            found.append((tok, feats, p))
        elif tok.pos_ == "NOUN" and (tok.lemma_.lower() in model.event_nouns or counted_from(tok)):
            found.append((tok, feats, model.threshold))  # an event by the word list, even as a modifier
        elif _finite_past_clause(tok):
            found.append((tok, feats, model.threshold))
    return found


_NOT_CONTENT = frozenset({"be", "have", "do", "get"})


def _finite_past_clause(tok: Token) -> bool:
    """A past-tense verb with a subject of its own is the verb of a clause, however the parser attached it:
    "Storm Ilse flooded parts of the harbour overnight, and ..." parsed "flooded" as a modifier of "parts"
    (new-user trial W).  Over TimeBank and AQUAINT, 4 such verbs (not a copula or auxiliary) the detector
    left out, all 4 TimeML events ("Iraq alleged Ritter was ...", "a line into Jordan remained operating")."""
    return (tok.tag_ == "VBD" and tok.lemma_ not in _NOT_CONTENT
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children))


def counted_from(tok: Token) -> bool:
    """A determined noun that a time expression counts from: "two days after the performance" (see
    ``anchor_prepositions`` in ``lang/en/reference.toml``), or a bare singular one: "three days after launch"
    (re-check trial AN: no event, so no anchor)."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ not in _words("anchor_prepositions") or prep.i == 0 \
            or tok.ent_type_ in ("DATE", "TIME"):
        return False
    return tok.doc[prep.i - 1].ent_type_ in ("DATE", "TIME") and (
        any(c.dep_ in ("det", "poss") for c in tok.children) or (tok.tag_ == "NN" and not list(tok.children)))


def _hyphen_dedup(found: Iterable[tuple[Token, list[str], float]]) -> list[tuple[Token, list[str], float]]:
    """Keep one event per hyphenated word (the most probable part)."""
    best: dict[tuple[int, int], tuple[Token, list[str], float]] = {}
    for item in found:
        key = _extent(item[0])
        if key not in best or item[2] > best[key][2]:
            best[key] = item
    return [best[k] for k in sorted(best)]


def given_tokens(doc: Doc, spans: Iterable[tuple[int, int]], model: EventModel) -> list[tuple[Token, list[str], float]]:
    """The tokens at character ``spans`` of ``doc.text`` (events someone else found), with their features
    and the detector's probability: of a span's tokens, the one whose head lies outside it (its head word).
    A span that covers no token is skipped."""
    found: dict[int, tuple[Token, list[str], float]] = {}
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        tok = span.root
        feats = token_features(tok, model.lexicon, model.forms, model.verbs)
        found.setdefault(tok.i, (tok, feats, model.p_event(feats)))
    return [found[i] for i in sorted(found)]


def extract_events(doc: Doc, *, first_id: int = 1, model: EventModel | None = None,
                   given: Iterable[tuple[int, int]] | None = None) -> list[Event]:
    """TimeML events of a parsed spaCy ``Doc``, in text order, with ids ``e<first_id>``, ...

    Offsets (of the event and of its sentence) are character offsets into
    ``doc.text``; ``confidence`` is the detector's probability.  ``model``
    defaults to the shipped weights.  With ``given`` (character spans), the events
    are those words instead of the ones the detector accepts (gold events, or another
    tool's), each described and classed as a detected one would be.
    """
    model = model or load_model()
    found = _hyphen_dedup(detect(doc, model) if given is None else given_tokens(doc, given, model))
    if not found:
        return []
    tokens = [t for t, _, _ in found]
    classes = [c for c, _ in model.eclasses([feats for _, feats, _ in found])]
    text = doc_text(doc)
    dateline = dateline_tokens(doc, text)
    phrases = _Phrases(doc, text, dateline)
    sents = _Sentences(doc, text)
    speakers = _speakers(doc, tokens, classes, phrases, sents, dateline)
    reporting = frozenset(t.i for t, c in zip(tokens, classes, strict=True) if c == "REPORTING")
    events: list[Event] = []
    for n, ((tok, _feats, p), cls, who) in enumerate(zip(found, classes, speakers, strict=True)):
        start, end = _extent(tok)
        g = grammar(tok)
        _, _, sent_start, sent_end = sents.of(tok.i)
        events.append(Event(
            id=f"e{first_id + n}", start=start, end=end, text=text[start:end], eclass=cls,
            lemma=_lemma(tok), pos=_POS_NAMES.get(tok.pos_, "OTHER"), tense=g.tense, aspect=g.aspect,
            polarity=g.polarity, modality=g.modality, sentence=(sent_start, sent_end),
            participants=_participants(tok, phrases, reporting, dateline), speaker=who, confidence=p,
        ))
    return events
