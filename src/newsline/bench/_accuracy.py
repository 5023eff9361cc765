"""Accuracy: every gold corpus under the data folder tagged from its TEXT and DCT, scored with TempEval-3 Task A."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO

from newsline.bench._shared import CORPORA
from newsline.evaluation._timex_scoring import score_documents, timex3_notation
from newsline.timeml import read_timeml
from newsline.timex._tagger import tag

__all__ = ["accuracy_bench"]


def accuracy_bench(data: Path, out: TextIO) -> dict[str, Any]:
    rows: dict[str, Any] = {}
    for corpus in CORPORA:
        files = sorted((data / corpus.path).glob("*.tml"))
        if not files:
            continue
        pairs = []
        for f in files:
            doc = read_timeml(f)
            pairs.append((doc.timexes, tag(doc.text, dct=doc.dct).timexes))
        scores = score_documents(pairs)
        rows[corpus.name] = {
            **scores.to_dict(),
            "split": corpus.split,
            "values_reliable": corpus.values_reliable,
        }
        if corpus.own_notation:
            read = [(tuple(replace(g, value=timex3_notation(g.value)) for g in gold), system)
                    for gold, system in pairs]
            rows[corpus.name]["value_f1_timex3_notation"] = score_documents(read).value_f1
    print(file=out)
    if not rows:
        print("Accuracy: skipped: no gold corpus found", file=out)
        return {"skipped": "no gold corpus found"}
    print("Accuracy (TempEval-3 Task A; %; relaxed = overlapping extents, one to one)", file=out)
    _print_accuracy(rows, out)
    return rows


def _print_accuracy(rows: dict[str, Any], out: TextIO) -> None:
    head = (
        f"  {'corpus':<9} {'split':<5} {'docs':>5} {'gold':>5} {'sys':>5}  "
        f"{'strict P':>8} {'R':>5} {'F1':>5}  {'relax P':>7} {'R':>5} {'F1':>5}  "
        f"{'type acc':>8} {'value F1':>8}"
    )
    print(head, file=out)
    marked = False
    for name, r in rows.items():
        value = f"{100 * r['value_f1']:7.1f}" + (" " if r["values_reliable"] else "*")
        marked = marked or not r["values_reliable"]
        print(
            f"  {name:<9} {r['split']:<5} {r['n_docs']:>5} {r['n_gold']:>5} {r['n_system']:>5}  "
            f"{_pct(r['strict_precision']):>8} {_pct(r['strict_recall']):>5} "
            f"{_pct(r['strict_f1']):>5}  {_pct(r['relaxed_precision']):>7} "
            f"{_pct(r['relaxed_recall']):>5} {_pct(r['relaxed_f1']):>5}  "
            f"{_pct(r['type_accuracy']):>8} {value:>8}".rstrip(),
            file=out,
        )
    for name, r in rows.items():
        if "value_f1_timex3_notation" in r:
            print(f"  {name}: value F1 {_pct(r['value_f1_timex3_notation'])} with the corpus's own spellings read "
                  "as TIMEX3 (2014-XX-XX as 2014, 2014-05-04-WXX-7 as 2014-05-04, 2014-07-W27 as 2014-W27)",
                  file=out)
    if marked:
        print(
            "  * WikiWars values were converted mechanically from TIMEX2 and are not "
            "reliable: read its extents only",
            file=out,
        )


def _pct(x: float) -> str:
    return f"{100 * x:.1f}"
