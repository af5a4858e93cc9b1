"""Our multi-document summary against Lead and LexRank on MultiLing 2011 English, in one run.

Each topic's ten Wikinews documents are written to a folder, loaded by our ingest, analysed by
our NLP (briefing.pipeline.analyse; the real one when it is installed) and summarised as one
story by briefing.digest.summary. All three summaries draw on the same sentences (our splitter
and furniture filter) and are cut to 100 words (as DUC 2004) and to 250 words (as MultiLing),
each system written for its budget:

- Lead: the first sentence of each document in turn, then the second, ... (round-robin);
- LexRank: TF-IDF cosine graph over the sentences, edges at cosine >= 0.1, PageRank-style
  power iteration (damping 0.85), best sentences first, skipping near-duplicates (> 0.5);
- ours: centrality + position + corroboration + entities, near-duplicates merged.

ROUGE-1/2 recall (rouge-score, stemming on) is averaged over a topic's three references, then
over the topics. Published on this set with rouge-score: Lead R-2 21.7, LexRank 16.7, best
2011 participant 17.6 (250 words). At 100 words (DUC 2004, ROUGE-1.5.5, other clusters):
Lead 6.1, LexRank 7.5, ICSISumm 9.8; compare within one run, not across sets.

    python bench/eval_summary.py [--data DIR] [--no-nlp] [--topics N] [--cache-dir DIR]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from rouge_score import rouge_scorer

from briefing.config import Config, load_config
from briefing.digest.build import sentences_by_source
from briefing.digest.sentences import Sentence, quality
from briefing.digest.similarity import (
    content_words,
    cosine,
    document_frequency,
    idf_table,
    tfidf,
)
from briefing.digest.summary import summarise_story
from briefing.model import ArticleAnalysis
from briefing.pipeline import analyse, load_sources

ROOT = Path(__file__).resolve().parents[1]
BUDGETS = (100, 250)
DATA = ROOT.parent / "shared" / "eval" / "mds_multiling2011_en"


def truncate(sentences: Sequence[str], limit: int) -> str:
    return " ".join(" ".join(sentences).split()[:limit])


def usable(sentences: dict[str, list[Sentence]], config: Config) -> dict[str, list[Sentence]]:
    return {source: [s for s in sents if quality(s.text, config.summary.skip_phrases) > 0]
            for source, sents in sentences.items()}


def lead(sentences: dict[str, list[Sentence]], order: Sequence[str], words: int) -> str:
    picked: list[str] = []
    depth = 0
    while sum(len(t.split()) for t in picked) < words and any(
            depth < len(sentences[s]) for s in order):
        picked += [sentences[s][depth].text for s in order if depth < len(sentences[s])]
        depth += 1
    return truncate(picked, words)


def lexrank(sentences: dict[str, list[Sentence]], words: int, threshold: float = 0.1,
            damping: float = 0.85) -> str:
    items = [s for sents in sentences.values() for s in sents]
    terms = [content_words(s.text) for s in items]
    idf = idf_table(document_frequency(terms), len(items))
    vectors = [tfidf(t, idf) for t in terms]
    n = len(items)
    edges = [[j for j in range(n) if j != i and cosine(vectors[i], vectors[j]) >= threshold]
             for i in range(n)]
    rank = [1.0 / n] * n
    for _ in range(100):
        new = [(1 - damping) / n] * n
        for i in range(n):
            if edges[i]:
                share = damping * rank[i] / len(edges[i])
                for j in edges[i]:
                    new[j] += share
            else:
                for j in range(n):
                    new[j] += damping * rank[i] / n
        delta = sum(abs(a - b) for a, b in zip(new, rank, strict=True))
        rank = new
        if delta < 1e-8:
            break
    picked: list[int] = []
    for i in sorted(range(n), key=lambda i: -rank[i]):
        if sum(len(items[p].text.split()) for p in picked) >= words:
            break
        if all(cosine(vectors[i], vectors[p]) <= 0.5 for p in picked):
            picked.append(i)
    return truncate([items[i].text for i in picked], words)


def ours(sentences: dict[str, list[Sentence]], order: Sequence[str], config: Config,
         words: int) -> str:
    points = summarise_story(sentences, order, config.summary, max_points=1000,
                             max_words=words)
    return truncate([p.text for p in points], words)


def topic_sentences(docs: list[dict], config: Config, use_nlp: bool, cache: str
                    ) -> tuple[dict[str, list[Sentence]], list[str]]:
    with tempfile.TemporaryDirectory() as folder:
        for doc in docs:
            Path(folder, f"{doc['doc_id']}.txt").write_text(doc["text"], encoding="utf-8")
        topic_config = load_config(None, seeds=Path(folder))
        articles, _ = load_sources(topic_config)
    if use_nlp:
        analyses = analyse(articles, config, cache_dir=cache)
    else:
        analyses = {a.id: ArticleAnalysis(a.id, a.content_hash) for a in articles}
    return sentences_by_source(articles, analyses), [a.id for a in articles]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--no-nlp", action="store_true", help="skip the NLP (no spaCy)")
    parser.add_argument("--topics", type=int, default=0, help="only the first N topics")
    parser.add_argument("--cache-dir", help="keep the analyses here (default: a temporary one)")
    args = parser.parse_args()
    topics = [json.loads(line) for line in
              (args.data / "multiling2011_en.jsonl").read_text(encoding="utf-8").splitlines()
              if line.strip()]
    if args.topics:
        topics = topics[:args.topics]
    config = load_config(None, require_seeds=False)
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    systems = ("Lead", "LexRank", "ours")
    totals = {(words, name): [0.0, 0.0] for words in BUDGETS for name in systems}
    with tempfile.TemporaryDirectory() as scratch:
        cache = args.cache_dir or scratch
        for topic in topics:
            sentences, order = topic_sentences(topic["docs"], config, not args.no_nlp, cache)
            good = usable(sentences, config)
            row = []
            for words in BUDGETS:
                outputs = {"Lead": lead(good, order, words), "LexRank": lexrank(good, words),
                           "ours": ours(sentences, order, config, words)}
                for name in systems:
                    scores = [scorer.score(ref["text"], outputs[name])
                              for ref in topic["references"]]
                    r1 = sum(s["rouge1"].recall for s in scores) / len(scores)
                    r2 = sum(s["rouge2"].recall for s in scores) / len(scores)
                    totals[(words, name)][0] += r1
                    totals[(words, name)][1] += r2
                    row.append(f"{words}w {name} {100 * r1:.1f}/{100 * r2:.1f}")
            print(f"topic {topic['topic_id']}: " + "  ".join(row), file=sys.stderr)
    print(f"MultiLing 2011 English, {len(topics)} topics, ROUGE recall (rouge-score, "
          "stemmed), %")
    print("| system | words | ROUGE-1 | ROUGE-2 |")
    print("|---|---:|---|---|")
    for words in BUDGETS:
        for name in systems:
            r1, r2 = (100 * v / len(topics) for v in totals[(words, name)])
            print(f"| {name} | {words} | {r1:.1f} | {r2:.1f} |")
    for words in BUDGETS:
        best = max(systems, key=lambda k: totals[(words, k)][1])
        print(f"best ROUGE-2 at {words} words: {best}")
    return 0

if __name__ == "__main__":
    sys.exit(main())
