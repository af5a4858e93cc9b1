"""HTML body extraction: the briefing's ingest next to trafilatura, on real pages.

usage: python bench/eval_html.py [--shared ../shared] [--worst N] [--only zyte|trafilatura]

Three systems in one run, on the same pages:
- `trafilatura`: `trafilatura.extract(html, include_comments=False)`, the call the Zyte
  benchmark's own trafilatura row uses;
- `stage`: the briefing's trafilatura stage alone (`loaders.load_html`, before any cleaning);
- `briefing`: `ingest.load_file` on the page saved as a .html file, the function `print`
  uses; the score is on `Article.text` (on the Zyte set, whose gold bodies have no headline)
  or on the title and the text (the snippet set, whose snippets include headlines; `print`
  shows the title as a field of its own). The dateline ("KOBE -") is a field too, in neither.

Sets:
- shared/eval/article_extraction_zyte (181 pages, gold article bodies). The benchmark's metric:
  `\\w+` tokens, 4-gram shingles counted as multisets; per page TP/FP/FN normalised to sum 1;
  precision = mean over pages of TP/(TP+FP) (1 when nothing is predicted), recall = mean of
  TP/(TP+FN), F1 from the two means. Pages at F1 0 are listed with the warnings that named them.
- shared/eval/article_extraction_trafilatura_en (162 pages, "with" / "without" snippets):
  a with-snippet found is a TP, missing a FN; a without-snippet found is a FP, absent a TN
  (whitespace runs are one space on both sides); precision, recall, F1 and accuracy over all
  snippets, as trafilatura's evaluation counts them.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from briefing.config import Config, load_config
from briefing.ingest.decode import BinaryFile, decode
from briefing.ingest.folder import load_file
from briefing.ingest.loaders import LoaderError, load_html
from briefing.ingest.site_furniture import strip_site_furniture
from briefing.model import Article

_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[str]:
    tokens = _TOKEN.findall(text or "")
    return Counter(" ".join(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1))
                   if tokens[i:i + n])


def match(true: str, pred: str) -> tuple[float, float, float]:
    """Normalised (TP, FP, FN) over 4-gram shingle multisets, as the Zyte benchmark has it."""
    t, p = shingles(true), shingles(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def page_prf(m: tuple[float, float, float]) -> tuple[float, float, float]:
    tp, fp, fn = m
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def macro(matches: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    p = statistics.mean(page_prf(m)[0] for m in matches)
    r = statistics.mean(page_prf(m)[1] for m in matches)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def trafilatura_call(markup: str) -> str:
    import trafilatura

    return trafilatura.extract(markup, include_comments=False) or ""


def stage_call(markup: str, titled: bool = False) -> str:
    try:
        return "\n\n".join(_titled(e.title, e.text, titled) for e in load_html(markup))
    except LoaderError:
        return ""


def _titled(title: str | None, text: str, titled: bool) -> str:
    return f"{title}\n\n{text}" if titled and title else text


class Briefing:
    """The product's ingest of one page saved as a file; keeps the warnings it gave and the
    articles, for the folder-level pass over the whole set (`across_sites`)."""

    def __init__(self, config: Config, folder: Path, titled: bool) -> None:
        self.config, self.folder, self.titled = config, folder, titled
        self.warnings: dict[str, list[str]] = {}
        self.articles: dict[str, list[Article]] = {}

    def __call__(self, name: str, raw: bytes) -> str:
        path = self.folder / f"{name}.html"
        path.write_bytes(raw)
        articles, warnings = load_file(path, self.folder, self.config)
        path.unlink()
        self.warnings[name] = [w.message for w in warnings]
        self.articles[name] = articles
        return self.text(articles)

    def text(self, articles: list[Article]) -> str:
        return "\n\n".join(_titled(a.title, a.text, self.titled) for a in articles)

    def across_sites(self) -> dict[str, str]:
        """Each page's text after the folder pass `print` runs (pipeline.across_sites), over
        the set's pages as if they were one folder: only the pages it changed."""
        names = [n for n, found in self.articles.items() for _ in found]
        flat = [a for found in self.articles.values() for a in found]
        cleaned: dict[str, list[Article]] = {}
        changed: set[str] = set()
        for name, before, after in zip(names, flat, strip_site_furniture(flat), strict=True):
            cleaned.setdefault(name, []).append(after)
            if after is not before:
                changed.add(name)
        return {name: self.text(cleaned[name]) for name in sorted(changed)}


def pages(folder: Path) -> dict[str, bytes]:
    return {p.name.removesuffix(".html.gz"): gzip.decompress(p.read_bytes())
            for p in sorted(folder.glob("*.html.gz"))}


def systems(config: Config, folder: Path, titled: bool
            ) -> tuple[dict[str, Callable[[str, bytes], str]], Briefing]:
    """The three systems; the first two get the page decoded as the briefing decodes it.
    `titled`: the briefing's title field goes before its text (both are what `print` shows)."""
    ours = Briefing(config, folder, titled)
    return {"trafilatura": lambda _n, raw: trafilatura_call(_decoded(raw)),
            "stage": lambda _n, raw: stage_call(_decoded(raw), titled), "briefing": ours}, ours


def _decoded(raw: bytes) -> str:
    try:
        return decode(raw)
    except BinaryFile:
        return ""


def zyte(root: Path, config: Config, scratch: Path, worst: int) -> None:
    gold = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    html = pages(root / "html")
    run, ours = systems(config, scratch, titled=False)
    results: dict[str, dict[str, tuple[float, float, float]]] = {s: {} for s in run}
    for name, markup in html.items():
        for system, call in run.items():
            results[system][name] = match(gold[name]["articleBody"], call(name, markup))
    changed = ours.across_sites()
    for name, text in changed.items():
        results["briefing"][name] = match(gold[name]["articleBody"], text)
    print(f"Zyte article-extraction benchmark: {len(html)} pages "
          f"({len(changed)} changed by the folder's site-furniture pass)")
    print(f"{'system':<12} {'P':>6} {'R':>6} {'F1':>6}  pages at F1 0")
    for system, per in results.items():
        p, r, f = macro(list(per.values()))
        zero = sum(1 for m in per.values() if page_prf(m)[2] == 0)
        print(f"{system:<12} {p:6.3f} {r:6.3f} {f:6.3f}  {zero}")
    zeros = [n for n, m in results["briefing"].items() if page_prf(m)[2] == 0]
    for name in zeros:
        said = "; ".join(ours.warnings.get(name, [])) or "NO WARNING"
        print(f"  briefing F1 0: {name[:16]} ({gold[name]['url'][:60]}): {said}")
    better = sum(1 for n in html if page_prf(results["briefing"][n])[2]
                 > page_prf(results["stage"][n])[2] + 1e-9)
    worse = sum(1 for n in html if page_prf(results["briefing"][n])[2]
                < page_prf(results["stage"][n])[2] - 1e-9)
    print(f"briefing vs its stage: {better} pages better, {worse} worse")
    if worst:
        gaps = sorted(html, key=lambda n: page_prf(results["briefing"][n])[2]
                      - page_prf(results["trafilatura"][n])[2])
        for name in gaps[:worst]:
            b = page_prf(results["briefing"][name])
            t = page_prf(results["trafilatura"][name])
            print(f"  {name[:16]} briefing P {b[0]:.3f} R {b[1]:.3f} | trafilatura "
                  f"P {t[0]:.3f} R {t[1]:.3f}  {gold[name]['url'][:70]}")


def normal(text: str) -> str:
    return " ".join(text.split())


def snippets(root: Path, config: Config, scratch: Path, worst: int) -> None:
    data = json.loads((root / "evaldata_en_subset.json").read_text(encoding="utf-8"))
    run, ours = systems(config, scratch, titled=True)
    counts = {s: Counter() for s in run}
    misses: Counter[str] = Counter()
    items = {re.sub(r"\W+", "_", item["file"]): item for item in data.values()}
    texts: dict[str, dict[str, str]] = {s: {} for s in run}
    for name, item in items.items():
        markup = gzip.decompress((root / "html" / f"{item['file']}.gz").read_bytes())
        for system, call in run.items():
            texts[system][name] = call(name, markup)
    changed = ours.across_sites()
    texts["briefing"].update(changed)
    for name, item in items.items():
        for system in run:
            text = normal(texts[system][name])
            c = counts[system]
            for s in item.get("with", []):
                c["tp" if normal(s) in text else "fn"] += 1
                if system == "briefing" and normal(s) not in text:
                    misses[item["file"]] += 1
            for s in item.get("without", []):
                c["fp" if normal(s) in text else "tn"] += 1
    print(f"\ntrafilatura English evaluation set: {len(data)} pages "
          f"({len(changed)} changed by the site-furniture pass), "
          f"{counts['briefing']['tp'] + counts['briefing']['fn']} with-snippets, "
          f"{counts['briefing']['fp'] + counts['briefing']['tn']} without-snippets")
    print(f"{'system':<12} {'P':>6} {'R':>6} {'F1':>6} {'acc':>6}")
    for system, c in counts.items():
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        acc = (c["tp"] + c["tn"]) / sum(c.values())
        print(f"{system:<12} {p:6.3f} {r:6.3f} {f:6.3f} {acc:6.3f}")
    for file, n in misses.most_common(worst):
        print(f"  briefing misses {n} with-snippets of {file}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--worst", type=int, default=0,
                        help="list the N pages where briefing trails trafilatura most")
    parser.add_argument("--only", choices=["zyte", "trafilatura"])
    args = parser.parse_args()
    config = load_config(None)
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        if args.only != "trafilatura":
            zyte(args.shared / "eval" / "article_extraction_zyte", config, scratch, args.worst)
        if args.only != "zyte":
            snippets(args.shared / "eval" / "article_extraction_trafilatura_en", config,
                     scratch, args.worst)
    return 0


if __name__ == "__main__":
    sys.exit(main())
