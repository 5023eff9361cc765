"""Throughput of :func:`newsline.tag` against spaCy's tokenizer, and the memory of tagging in a fresh process."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path
from statistics import median
from typing import Any, TextIO

from newsline.bench._shared import Texts, child_env, text_mb, timed_call
from newsline.timex._tagger import tag

__all__ = ["CHUNK", "MEMORY_GOAL_MB", "RATIO_GOAL", "RUNS", "memory_bench", "throughput_bench"]

RUNS = 7
CHUNK = 25  # documents per timed slice; the tagger and the tokenizer take turns slice by slice
RATIO_GOAL = 1.5  # the tagger's lead over the tokenizer (issue 10)
MEMORY_GOAL_MB = 300.0


# --- throughput ---------------------------------------------------------------------


def _tag_all(texts: Texts) -> None:
    for text, dct in texts:
        tag(text, dct=dct)


def _spacy_tokenizer() -> tuple[Callable[[Texts], None] | None, str]:
    """spaCy's blank English tokenizer as a function over the texts, or why not."""
    try:
        import spacy
    except ImportError:
        return None, "spaCy is not installed (pip install 'newsline[bench]')"
    nlp = spacy.blank("en")

    def tokenize(texts: Texts) -> None:
        for text, _ in texts:
            nlp.make_doc(text)

    version = getattr(spacy, "__version__", "?")
    return tokenize, f"spaCy {version} blank('en') tokenizer"


def throughput_bench(texts: Texts, out: TextIO) -> dict[str, Any]:
    print(file=out)
    if not texts:
        print("Throughput: skipped: no silver news documents found", file=out)
        return {"skipped": "no silver news documents found"}
    mb = text_mb(texts)
    tokenize, baseline = _spacy_tokenizer()
    # warm-up, untimed: one pass of each, so that both are timed with their caches warm
    # (loading is measured in the memory child)
    _tag_all(texts)
    if tokenize is not None:
        tokenize(texts)
    chunks = [texts[i:i + CHUNK] for i in range(0, len(texts), CHUNK)]
    tag_times: list[float] = []
    tok_times: list[float] = []
    ratios: list[float] = []
    for run in range(RUNS):
        tag_s = tok_s = 0.0
        for i, chunk in enumerate(chunks):
            # interleaved chunk by chunk, which goes first alternating, so that a change
            # of load on a shared machine hits both alike
            if tokenize is not None and (i + run) % 2:
                tok_s += timed_call(partial(tokenize, chunk))
                tag_s += timed_call(partial(_tag_all, chunk))
            else:
                tag_s += timed_call(partial(_tag_all, chunk))
                if tokenize is not None:
                    tok_s += timed_call(partial(tokenize, chunk))
        tag_times.append(tag_s)
        if tokenize is not None:
            tok_times.append(tok_s)
            ratios.append(tok_s / max(tag_s, 1e-9))
    res: dict[str, Any] = {
        "docs": len(texts),
        "mb": mb,
        "runs": RUNS,
        "chunk": CHUNK,
        **_rates("tagger", len(texts), mb, median(tag_times)),
        "baseline": baseline,
        "ratio_goal": RATIO_GOAL,
    }
    if tok_times:
        res.update(_rates("tokenizer", len(texts), mb, median(tok_times)))
        res["ratio"] = median(ratios)  # each run's ratio is of two measurements taken side by side
        res["ratios"] = ratios
    _print_throughput(res, out)
    return res


def _rates(name: str, docs: int, mb: float, seconds: float) -> dict[str, float]:
    seconds = max(seconds, 1e-9)
    return {
        f"{name}_seconds": seconds,
        f"{name}_docs_per_s": docs / seconds,
        f"{name}_mb_per_s": mb / seconds,
    }


def _print_throughput(res: dict[str, Any], out: TextIO) -> None:
    print(
        f"Throughput on silver news: {res['docs']} docs, {res['mb']:.2f} MB of UTF-8 text, "
        f"single process, median of {res['runs']} runs after a warm-up, "
        f"interleaved every {res['chunk']} docs",
        file=out,
    )
    print(f"  {'':<34} {'seconds':>8} {'docs/s':>9} {'MB/s':>7}", file=out)
    rows = [("newsline.tag", "tagger")]
    if "ratio" in res:
        rows.append((res["baseline"], "tokenizer"))
    for label, key in rows:
        print(
            f"  {label:<34} {res[f'{key}_seconds']:>8.2f} {res[f'{key}_docs_per_s']:>9.1f} "
            f"{res[f'{key}_mb_per_s']:>7.3f}",
            file=out,
        )
    if "ratio" in res:
        verdict = "met" if res["ratio"] >= res["ratio_goal"] else "NOT met"
        runs = " ".join(f"{r:.2f}" for r in res["ratios"])
        print(
            f"  ratio tagger MB/s / tokenizer MB/s: {res['ratio']:.2f}  (goal >= {res['ratio_goal']:g}: "
            f"{verdict}; runs {runs})",
            file=out,
        )
    else:
        print(f"  baseline skipped: {res['baseline']}; no ratio", file=out)


# --- memory -------------------------------------------------------------------------

# The child reports peak RSS in MB.  On Linux it reads VmHWM from /proc/self/status:
# ru_maxrss is carried over from the parent through fork/vfork + exec (the kernel keeps
# the old address space's high-water mark), so a child of a bench process that holds
# spaCy and the corpora would report the parent's peak.  Elsewhere ru_maxrss it is.
_MEMORY_CHILD = """
import json, resource, sys, time
def rss():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024, "VmHWM"
    except OSError:
        pass
    raw = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return (raw / 2**20 if sys.platform == "darwin" else raw / 1024), "ru_maxrss"
t0 = time.perf_counter()
import newsline
import_s = time.perf_counter() - t0
after_import, _ = rss()
from datetime import date
with open(sys.argv[1], encoding="utf-8") as f:
    texts = [(t, date.fromisoformat(d) if d else None) for t, d in json.load(f)]
loaded, _ = rss()
found = 0
t0 = time.perf_counter()
for text, dct in texts[:1]:
    found += len(newsline.tag(text, dct=dct).timexes)
first_call_s = time.perf_counter() - t0
for text, dct in texts[1:]:
    found += len(newsline.tag(text, dct=dct).timexes)
peak, source = rss()
print(json.dumps({"after_import": after_import, "loaded": loaded, "peak": peak,
                  "source": source, "timexes": found, "import_s": import_s,
                  "first_call_s": first_call_s}))
"""


def memory_bench(texts: Texts, out: TextIO) -> dict[str, Any]:
    print(file=out)
    if not texts:
        print("Memory: skipped: no silver news documents found", file=out)
        return {"skipped": "no silver news documents found"}
    with tempfile.TemporaryDirectory(prefix="newsline-bench-") as tmp:
        payload = Path(tmp) / "texts.json"
        rows = [[t, d.isoformat() if d else None] for t, d in texts]
        payload.write_text(json.dumps(rows), encoding="utf-8")
        proc = subprocess.run(
            [sys.executable, "-c", _MEMORY_CHILD, str(payload)],
            capture_output=True,
            text=True,
            env=child_env(),
            timeout=1800,
            check=False,
        )
    if proc.returncode != 0:
        why = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"Memory: failed: {why}", file=out)
        return {"skipped": f"failed: {why}"}
    figures = json.loads(proc.stdout.strip().splitlines()[-1])
    res = {
        "docs": len(texts),
        "peak_rss_mb": figures["peak"],
        "after_import_rss_mb": figures["after_import"],
        "texts_loaded_rss_mb": figures["loaded"],
        "rss_source": figures["source"],
        "timexes": figures["timexes"],
        "import_s": figures["import_s"],
        "first_call_s": figures["first_call_s"],
        "goal_mb": MEMORY_GOAL_MB,
    }
    verdict = "met" if res["peak_rss_mb"] < MEMORY_GOAL_MB else "NOT met"
    print(
        f"Memory and start-up, tagging {res['docs']} docs in a fresh process "
        f"({res['rss_source']}):",
        file=out,
    )
    print(
        f"  peak RSS {res['peak_rss_mb']:.1f} MB (goal < {MEMORY_GOAL_MB:.0f} MB: {verdict}); "
        f"after import {res['after_import_rss_mb']:.1f} MB, "
        f"texts loaded {res['texts_loaded_rss_mb']:.1f} MB",
        file=out,
    )
    print(
        f"  import newsline {res['import_s']:.3f} s, first tag() call {res['first_call_s']:.3f} s",
        file=out,
    )
    return res
