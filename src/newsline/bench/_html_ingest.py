"""HTML ingest against plain-text ingest of the same articles in the same run.

The silver news documents are written twice into a temporary folder: as ``.txt`` with a ``date YYYY-MM-DD``
header, and as saved web pages (an article page as news sites make them: navigation, byline, OpenGraph
``article:published_time``, JSON-LD, related links, footer, scripts).  Each set is ingested with one worker in
a fresh process (``_ingest._ingest_child``); the ratio of their documents/s is the figure (target: HTML within
20% of text, so that extraction is not the bottleneck).  Extraction alone (``read_page`` over every page, in
this process) and how many pages gave back the publication date they were written with are reported too.
"""

from __future__ import annotations

import html
import json
import tempfile
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from newsline.bench._ingest import _ingest_child

__all__ = ["HTML_GOAL", "html_ingest_bench", "page_of"]

HTML_GOAL = 0.8  # HTML ingest at least 80% of plain-text ingest's documents/s

_PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} | The Bench Herald</title>
<meta property="og:type" content="article"><meta property="og:title" content="{title}">
<meta property="og:url" content="https://bench-herald.example/news/{slug}">
<meta property="article:published_time" content="{dct}T08:00:00+00:00">
<meta property="article:modified_time" content="{dct}T17:30:00+00:00">
<link rel="canonical" href="https://bench-herald.example/news/{slug}">
<link rel="stylesheet" href="/static/site.css">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "{title}", "datePublished": "{dct}T08:00:00+00:00"}}</script>
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
</head><body>
<header class="site-header"><a class="logo" href="/">The Bench Herald</a>
<nav><ul><li><a href="/news">News</a></li><li><a href="/business">Business</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li>
<li><a href="/culture">Culture</a></li><li><a href="/opinion">Opinion</a></li></ul></nav>
</header>
<main><article class="story">
<h1>{title}</h1>
<p class="byline">By Staff Reporter</p>
<div class="story-body">
{paragraphs}
</div>
<div class="share"><a href="#">Share</a> <a href="#">Email</a> <a href="#">Print</a></div>
</article>
<aside class="related"><h2>Most read</h2><ol>
<li><a href="/a">Council approves budget after long debate</a></li>
<li><a href="/b">Storm warning lifted for the coast</a></li>
<li><a href="/c">Local team wins the cup final</a></li><li><a href="/d">Prices of fuel rise again</a></li></ol></aside>
</main>
<footer><p>&copy; The Bench Herald. All rights reserved.</p>
<p><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></p>
</footer>
<script src="/static/app.js"></script>
</body></html>
"""


def page_of(text: str, dct: date, n: int) -> str:
    """The article ``text`` as a news site's page published on ``dct``: a paragraph per line or blank-line block."""
    blocks = [" ".join(b.split()) for b in text.replace("\r", "").split("\n\n") if b.strip()]
    if len(blocks) < 3:
        blocks = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    words = " ".join(blocks[:1]).split()[:10] if blocks else ["Untitled"]
    title = html.escape(" ".join(words).rstrip(".,;:"), quote=True)
    paragraphs = "\n".join(f"<p>{html.escape(b)}</p>" for b in blocks)
    return _PAGE.format(title=title, slug=f"story-{n}", dct=dct.isoformat(), paragraphs=paragraphs)


def html_ingest_bench(docs: Sequence[tuple[str, date | None]], out: TextIO) -> dict[str, Any]:
    """Ingest the same dated articles as text files and as web pages, one worker each, in fresh processes."""
    dated = [(text, dct) for text, dct in docs if dct is not None and text.strip()]
    print(f"\nHTML ingest against plain-text ingest: {len(dated)} silver articles, as .txt and as saved pages, "
          "1 worker each, fresh processes", file=out)
    try:
        from newsline.corpus._web_pages import read_page, require_html

        require_html()
    except ImportError as exc:  # pragma: no cover - the html extra is missing
        print(f"  skipped: {exc}", file=out)
        return {"skipped": str(exc)}
    except Exception as exc:
        print(f"  skipped: {exc}", file=out)
        return {"skipped": str(exc)}
    if not dated:
        print("  skipped: no dated silver news documents", file=out)
        return {"skipped": "no dated silver news documents"}
    res: dict[str, Any] = {"docs": len(dated)}
    with tempfile.TemporaryDirectory(prefix="newsline-bench-html-") as tmp:
        folder = Path(tmp)
        texts, pages = folder / "txt", folder / "html"
        texts.mkdir()
        pages.mkdir()
        for n, (text, dct) in enumerate(dated):
            assert dct is not None
            (texts / f"{n:05d}.txt").write_text(f"date {dct.isoformat()}\n{text}", encoding="utf-8")
            (pages / f"{n:05d}.html").write_text(page_of(text, dct, n), encoding="utf-8")
        page_paths = sorted(pages.glob("*.html"))
        res["html_bytes_per_page"] = sum(p.stat().st_size for p in page_paths) / len(page_paths)
        t0 = time.perf_counter()
        found = [read_page(p.read_bytes()).dct for p in page_paths]
        res["extract_seconds"] = time.perf_counter() - t0
        res["extract_pages_per_s"] = len(page_paths) / max(res["extract_seconds"], 1e-9)
        res["dct_recovered"] = sum(f == d for f, (_, d) in zip(found, dated, strict=True))
        for kind, paths in (("text", sorted(texts.glob("*.txt"))), ("html", page_paths)):
            listing = folder / f"{kind}.json"
            listing.write_text(json.dumps([str(p) for p in paths]), encoding="utf-8")
            run = _ingest_child("ingest", listing, folder / f"{kind}.duckdb", 1, len(paths))
            if "skipped" in run:
                print(f"  skipped: {run['skipped']}", file=out)
                return {"skipped": run["skipped"]}
            run["docs_per_s"] = run["stored"] / max(run["seconds"], 1e-9)
            res[kind] = {k: run[k] for k in ("stored", "seconds", "docs_per_s", "peak_rss_mb")}
    res["ratio_html_to_text"] = res["html"]["docs_per_s"] / max(res["text"]["docs_per_s"], 1e-9)
    res["goal"] = HTML_GOAL
    res["met"] = res["ratio_html_to_text"] >= HTML_GOAL
    _print(res, out)
    return res


def _print(res: dict[str, Any], out: TextIO) -> None:
    print(f"  {'input':>6} {'stored':>6} {'seconds':>8} {'docs/s':>7} {'peak RSS MB':>11}", file=out)
    for kind in ("text", "html"):
        r = res[kind]
        print(f"  {kind:>6} {r['stored']:>6} {r['seconds']:>8.1f} {r['docs_per_s']:>7.2f} {r['peak_rss_mb']:>11.0f}",
              file=out)
    print(f"  extraction alone (trafilatura + htmldate): {res['extract_pages_per_s']:.0f} pages/s, "
          f"{res['html_bytes_per_page'] / 1000:.1f} KB a page; publication date recovered on "
          f"{res['dct_recovered']}/{res['docs']} pages", file=out)
    verdict = "met" if res["met"] else "NOT met"
    print(f"  HTML ingest / text ingest: {res['ratio_html_to_text']:.2f} (goal >= {HTML_GOAL:.2f}: {verdict})",
          file=out)
