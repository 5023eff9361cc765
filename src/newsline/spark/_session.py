"""The SparkSession: started with this interpreter as the workers' Python and the model-preloading
daemon, its JVM quiet in a log file; the Java check, and the one-line gist of a Spark failure."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

from newsline.errors import NewslineError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

__all__ = ["LOG_FILE", "MISSING_PYSPARK", "check_java", "local_master", "one_line", "spark_session"]

MISSING_PYSPARK = "the Spark job needs PySpark: pip install 'newsline[spark]'"


# --- the session ---------------------------------------------------------------------------------------------


@contextlib.contextmanager
def _stderr_to(path: str) -> Iterator[None]:
    """Point file descriptor 2 at ``path`` while Spark's JVM starts: it keeps that stderr for good."""
    sys.stderr.flush()
    saved = os.dup(2)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        os.dup2(fd, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(fd)


LOG_FILE: dict[str, str] = {}  # "path": where a quiet session's JVM writes its log


def spark_session(master: str | None = None, app_name: str = "newsline", *, quiet: bool = False,
                  preload: bool = True, config: dict[str, str] | None = None) -> SparkSession:
    """A SparkSession whose Python workers run this interpreter (``PYSPARK_PYTHON``), without the web UI.

    ``preload`` runs PySpark's worker daemon as :mod:`newsline.spark._daemon`, which
    loads the annotator's models once per executor before it forks the Python
    workers (they then start with the models in shared memory); without it each
    worker loads its own copy on its first batch.  ``quiet`` sends the JVM's own
    output (start-up notes, executor stack traces) to a log file in the temporary
    folder (``LOG_FILE["path"]``) instead of the terminal, for a local master; the
    JVM's log level is ERROR either way.  Raises
    :class:`NewslineError` with one line when PySpark or Java is missing.
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise NewslineError(MISSING_PYSPARK) from exc
    check_java()
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    settings = {"spark.ui.enabled": "false", "spark.ui.showConsoleProgress": "false",
                "spark.sql.execution.arrow.pyspark.enabled": "true", **(config or {})}
    if preload:
        settings.setdefault("spark.python.daemon.module", "newsline.spark._daemon")
    quiet = quiet and local_master(master) and SparkSession.getActiveSession() is None
    if quiet:
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    for key, value in settings.items():
        builder = builder.config(key, value)
    try:
        if quiet:
            import tempfile

            LOG_FILE["path"] = os.path.join(tempfile.gettempdir(), f"newsline-spark-{os.getpid()}.log")
            with _stderr_to(LOG_FILE["path"]):
                session = builder.getOrCreate()
        else:
            session = builder.getOrCreate()
    except Exception as exc:  # the JVM did not start: say why on one line
        raise NewslineError(f"Spark did not start ({one_line(exc)}); is Java 17 installed, JAVA_HOME right?") from exc
    session.sparkContext.setLogLevel("ERROR")
    return session


def check_java() -> None:
    """Raise :class:`NewslineError` when there is no ``java`` to run Spark with."""
    import shutil

    home = os.environ.get("JAVA_HOME")
    if home and os.path.isfile(os.path.join(home, "bin", "java")):
        return
    if home:
        raise NewslineError(f"JAVA_HOME={home} has no bin/java; Spark needs Java 17 (or 11, 8): fix JAVA_HOME")
    if shutil.which("java") is None:
        raise NewslineError("Spark needs Java (17, 11 or 8) and there is none on PATH: install a JDK "
                            "(e.g. apt-get install openjdk-17-jre-headless) or set JAVA_HOME")


def one_line(exc: BaseException) -> str:
    """The gist of an exception from the JVM or an executor: its last meaningful line."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    for line in reversed(lines):
        if line.startswith(("newsline.errors.", "NewslineError", "ImportError", "ModuleNotFoundError")):
            return line
    for line in lines:
        if not line.startswith(("at ", "Traceback", "File ", "...", "JVM stacktrace")):
            return line[:300]
    return type(exc).__name__


def _under_spark_submit() -> bool:
    """True in the Python driver that spark-submit started (its JVM is already there)."""
    return "PYSPARK_GATEWAY_PORT" in os.environ


def local_master(master: str | None) -> bool:
    """Whether the job runs on this machine, where paths without a scheme are local files."""
    return not _under_spark_submit() and (master is None or master.startswith("local"))
