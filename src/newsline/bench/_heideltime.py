"""HeidelTime side by side: ``scripts/heideltime_side_by_side.py`` of a source checkout, run in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any, TextIO

from newsline.bench._shared import child_env

__all__ = ["HEIDELTIME_SAMPLE", "heideltime_bench"]

HEIDELTIME_SAMPLE = 20
_SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "heideltime_side_by_side.py"


def heideltime_bench(data: Path, limit: int | None, out: TextIO) -> dict[str, Any]:
    print(file=out)
    if not _SCRIPT.is_file():
        return _skip_heideltime(
            "its runner scripts/heideltime_side_by_side.py is only in a source checkout", out
        )
    sample = min(limit, HEIDELTIME_SAMPLE) if limit is not None else HEIDELTIME_SAMPLE
    cmd = [sys.executable, str(_SCRIPT), "--data", str(data), "--sample", str(sample), "--json"]
    try:
        proc = subprocess.run(
            cmd, capture_output=True, text=True, env=child_env(), timeout=1800, check=False
        )
    except subprocess.TimeoutExpired:
        return _skip_heideltime("timed out after 30 minutes", out)
    lines = proc.stdout.strip().splitlines()
    try:
        res: dict[str, Any] = json.loads(lines[-1]) if lines else {}
    except json.JSONDecodeError:
        res = {}
    if proc.returncode != 0 or not res:
        why = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        return _skip_heideltime(f"the runner failed: {why}", out)
    if "skipped" in res:
        return _skip_heideltime(str(res["skipped"]), out)
    for line in res.get("report", []):
        print(line, file=out)
    return res


def _skip_heideltime(why: str, out: TextIO) -> dict[str, Any]:
    print(f"HeidelTime side by side: skipped: {why}", file=out)
    return {"skipped": why}
