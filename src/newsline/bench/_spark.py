"""Documents/s of :mod:`newsline.spark` with local[1] and local[2] against annotate() in this process."""

from __future__ import annotations

from typing import Any, TextIO

from newsline.bench._shared import Texts, timed_call
from newsline.errors import NewslineError

__all__ = ["spark_bench"]


# --- Spark ---------------------------------------------------------------------------------


def spark_bench(texts: Texts, out: TextIO) -> dict[str, Any]:
    """Documents/s of :mod:`newsline.spark` with local[1] and local[2] against annotate() in this process.

    The same documents each time; a Spark run is timed twice on one session: ``cold``
    starts its Python workers and loads the models in each, the figure is the warm run.
    ``ratio_to_annotate`` is the warm docs/s over annotate()'s docs/s in this process.
    """
    n = len(texts)
    print(f"\nSpark (newsline.spark, local mode, mapInArrow) on {n} silver docs", file=out)
    try:
        if not texts:
            raise NewslineError("no silver news documents under the data folder")
        from newsline import spark as ns
        from newsline.events._annotate import annotate
        from newsline.spark._session import one_line

        ns.check_run(".", "-", fmt="jsonl", events=True)  # PySpark, Java, spaCy and its model
        annotate(*texts[0])  # warm-up: loads the model and the weights
    except NewslineError as exc:
        print(f"  skipped: {exc}", file=out)
        return {"skipped": str(exc)}
    single = timed_call(lambda: [annotate(text, dct) for text, dct in texts])
    res: dict[str, Any] = {"docs": n, "annotate_seconds": single, "annotate_docs_per_s": n / single}
    rows = [(str(i), text, dct.isoformat() if dct else None) for i, (text, dct) in enumerate(texts)]
    for cores in (1, 2):
        try:
            session = ns.spark_session(f"local[{cores}]", "newsline bench", quiet=True)
        except NewslineError as exc:
            print(f"  skipped: {exc}", file=out)
            return {**res, "skipped": str(exc)}
        try:
            docs = session.createDataFrame(rows, "id string, text string, dct string").cache()
            docs.count()

            def job(docs: Any = docs, partitions: int = 4 * cores) -> None:
                ns.annotate_dataframe(docs, partitions=partitions).write.format("noop").mode("overwrite").save()

            cold, warm = timed_call(job), timed_call(job)
        except Exception as exc:  # a failed Spark job: its gist, and the figures so far
            why = f"local[{cores}] failed: {one_line(exc)}"
            print(f"  skipped: {why}", file=out)
            return {**res, "skipped": why}
        finally:
            session.stop()
        res[f"local[{cores}]"] = {"cold_seconds": cold, "seconds": warm, "docs_per_s": n / warm,
                                  "ratio_to_annotate": single / warm}
    print(f"  {'':<34} {'seconds':>8} {'docs/s':>8} {'/annotate':>9}   first run (workers start, models load)",
          file=out)
    print(f"  {'newsline.annotate(), 1 process':<34} {single:>8.1f} {n / single:>8.1f} {1.0:>9.2f}", file=out)
    for cores in (1, 2):
        r = res[f"local[{cores}]"]
        print(f"  {f'Spark local[{cores}]':<34} {r['seconds']:>8.1f} {r['docs_per_s']:>8.1f} "
              f"{r['ratio_to_annotate']:>9.2f}   {r['cold_seconds']:.1f} s", file=out)
    return res
