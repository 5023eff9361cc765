"""PySpark's worker daemon with newsline's models loaded first (``spark.python.daemon.module``).

PySpark starts one daemon per executor and forks a Python worker from it for each
task slot.  Run as this module, the daemon loads spaCy's model, the event weights
and the link model before it forks, so every worker of the executor starts with
them in memory (shared copy-on-write) instead of loading its own copy.
:func:`newsline.spark.spark_session` sets it (``preload=True``); on a cluster pass
``--conf spark.python.daemon.module=newsline.spark._daemon``.  Nothing may be
printed on standard output before the daemon's manager starts: the JVM reads the
daemon's port from it.
"""

from __future__ import annotations

import contextlib
import sys


def preload() -> None:
    """Load the annotator into this process; a failure is left for the tasks to report, row by row."""
    from newsline.spark._rows import worker_annotator

    with contextlib.redirect_stdout(sys.stderr), contextlib.suppress(Exception):
        worker_annotator(True)


if __name__ == "__main__":
    preload()
    from pyspark.daemon import manager

    manager()  # type: ignore[no-untyped-call]
