"""The publication dates newsline reads from the test pages (tests/corpus/pages) against the dates written
into them (expected.json): per page, by where the date is, and in total.

    python scripts/page_dates.py [FOLDER]

Needs newsline[html].  A page "without" a date must get none: a date found there counts as wrong.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from newsline.corpus._web_pages import read_page

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else ROOT / "tests" / "corpus" / "pages"
    expected = {k: v for k, v in json.loads((folder / "expected.json").read_text("utf-8")).items()
                if not k.startswith("_")}
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for name, want in sorted(expected.items()):
        page = read_page((folder / name).read_bytes())
        got = page.dct.isoformat() if page.dct else None
        kind = want["source"] or "none"
        ok = got == want["dct"] and page.dct_source == want["source"]
        total[kind] += 1
        right[kind] += ok
        print(f"{'ok ' if ok else 'BAD'} {name:<40} want {want['dct'] or '-':<10} ({kind:<4})  "
              f"got {got or '-':<10} ({page.dct_source or 'none'})")
    print()
    for kind in ("meta", "url", "text", "none"):
        if total[kind]:
            print(f"{kind:<5} {right[kind]}/{total[kind]}")
    print(f"all   {sum(right.values())}/{sum(total.values())}")
    return 0 if right == total else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
