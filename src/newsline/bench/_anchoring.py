"""Event time anchoring in ``newsline bench``: the figures of ``newsline eval --anchoring`` on TimeBank-EventTime."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TextIO

from newsline.errors import NewslineError

# split name -> file under eventtime/; the held-out test documents are in neither (and are never read)
# (row, file under eventtime/, the gold events given): the last row is the published systems' setting
_SPLITS = (("dev", "dev.tab", False), ("train", "train.tab", False), ("dev+ev", "dev.tab", True))


def anchoring_bench(data: Path, out: TextIO) -> dict[str, Any]:
    """Strict and relaxed accuracy by kind, and coverage, on the dev and train splits that are present."""
    from newsline.evaluation._anchoring import score_gold_file

    rows: dict[str, Any] = {}
    print("\nEvent time anchoring (TimeBank-EventTime), % strict / relaxed", file=out)
    print("  split   events   all          exact day    bounded day  multi-day    coverage", file=out)
    for split, name, given in _SPLITS:
        gold = data / "eventtime" / name
        if not gold.is_file():
            continue
        try:
            scores, _ = score_gold_file(gold, data, given_events=given)
        except NewslineError as exc:
            print(f"  skipped: {exc}", file=out)
            return {"skipped": str(exc)}
        figures = scores.to_dict()
        rows[split] = figures
        kinds = figures["by_kind"]
        cells = [(figures["strict"], figures["relaxed"])] + [
            (kinds[k]["strict"], kinds[k]["relaxed"]) if k in kinds else (0.0, 0.0)
            for k in ("exact day", "bounded day", "multi-day")]
        print(f"  {split:6} {figures['n_gold']:7}   "
              + "  ".join(f"{100 * s:5.1f}/{100 * r:5.1f}" for s, r in cells)
              + f"  {100 * figures['coverage']:6.1f}", file=out)
    if not rows:
        print("  skipped: no eventtime/dev.tab or train.tab in the data folder", file=out)
        return {"skipped": "no eventtime gold files"}
    print("  The anchoring model is trained on train (so that row is on training data; its cross-validated\n"
          "  figure comes from `python scripts/train_anchoring.py --report`); dev serves model selection.\n"
          "  dev+ev: dev with the documents' own events placed (`newsline eval --anchoring dev.tab --given-events`),\n"
          "  the setting of published systems: anchoring alone, without event detection's misses.", file=out)
    return rows
