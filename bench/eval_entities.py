"""People, missions, roles, crews and quotes: bare spaCy next to the briefing's extraction.

usage: python bench/eval_entities.py [--shared ../shared] [--seeds seeds] [--verbose]

- seeds: the metrics of shared/eval/score.py (its own matching) for a bare-spaCy anchor
  (distinct PERSON spans as people, nothing else) and for `briefing` (build_briefing);
- GUM Wikinews: document-level sets of named people (gold: person entities with a proper-noun
  head), a predicted name matching a gold person when all its words appear in that person's
  named mentions (or its last word does), one-to-one (a maximum matching); a second row
  counts as named every person a mention names, whatever its head: a mention names its
  person when it holds a proper noun outside every entity mention nested in it ("actor
  Jason Beghe" and "Pan-democrat Gary Fan of the Neo Democrats" do, the group "Ann Chiang
  of DAB and Priscilla Leung of BPA" and "curator of the exhibition at the University of
  Southern Indiana" do not, nor a plural proper noun: "Afghans"), and chains GUM links to
  the same Wikipedia page are one person;
- UNER English PUD: PER spans, exact character match.

`--verbose` lists the briefing's misses: false positives (FP) and missed gold people (FN)
per GUM document, and FP / FN spans per UNER sentence.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from briefing.config import load_config
from briefing.model import Article
from briefing.nlp import analyse_articles
from briefing.pipeline import build_briefing
from briefing.render.json_out import briefing_to_dict

SEED_METRICS = ["people_precision", "people_recall", "people_f1", "missions_f1",
                "not_people_count", "roles_recall", "crew_links_recall", "quotes_recall",
                "quotes_attribution"]


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def bare_nlp(model: str):
    import spacy

    return spacy.load(model)


def score(shared: Path, output: dict) -> dict[str, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(output, f)
    run = subprocess.run([sys.executable, str(shared / "eval" / "score.py"),
                          str(shared / "eval" / "seeds.gold.yaml"), f.name],
                         capture_output=True, text=True, check=True)
    Path(f.name).unlink()
    return {k: float(v) for k, v in re.findall(r"^(\w+): ([\d.]+)$", run.stdout, re.M)}


def seeds(shared: Path, folder: Path, nlp) -> tuple[dict, dict]:
    config = load_config(None, seeds=folder)
    ours = briefing_to_dict(build_briefing(config, use_cache=False))
    people: dict[str, list[str]] = {}
    for source in ours["sources"]:
        for ent in nlp(source["text"]).ents:
            if ent.label_ == "PERSON":
                people.setdefault(ent.text, [])
                if source["id"] not in people[ent.text]:
                    people[ent.text].append(source["id"])
    bare = {"sources": ours["sources"], "people": [{"name": n, "sources": s}
                                                  for n, s in people.items()]}
    return score(shared, bare), score(shared, ours)


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


def _match_people(pred: list[str], gold: list[set[str]]) -> tuple[list[str], set[int]]:
    """The predicted names that match no gold person, and the gold people matched: a
    maximum one-to-one matching (augmenting paths), so a name that fits two gold people
    does not take the one another name alone fits."""
    fits = []
    for name in pred:
        words = _words(name)
        last = set(re.findall(r"\w+", name.casefold())[-1:])
        fits.append([i for i, g in enumerate(gold) if words and (words <= g or last <= g)])
    owner: dict[int, int] = {}

    def assign(p: int, seen: set[int]) -> bool:
        for g in fits[p]:
            if g not in seen:
                seen.add(g)
                if g not in owner or assign(owner[g], seen):
                    owner[g] = p
                    return True
        return False

    for p in range(len(pred)):
        assign(p, set())
    matched = set(owner.values())
    return [n for p, n in enumerate(pred) if p not in matched], set(owner)


def _proper_nouns(conllu: Path, text: str) -> list[int]:
    """Character offsets in `text` of the singular proper nouns of a GUM document (its
    words, in order, found one after the other in the detokenized text); a plural one names
    a group ("Muslims", "the Sams"), not a person."""
    offsets, pos = [], 0
    for line in conllu.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) < 4 or not cols[0].isdigit():
            continue
        start = text.find(cols[1], pos)
        if start < 0:
            continue
        pos = start + len(cols[1])
        if cols[3] == "PROPN" and "Number=Plur" not in cols[5]:
            offsets.append(start)
    return offsets


def _names_person(e: dict, entities: list[dict], propn: list[int]) -> bool:
    """A person mention that names its person: a proper noun in it that no entity mention
    nested in it holds (so not a group of named people, nor a role "of" a named body)."""
    if e["etype"] != "person" or e["is_pronoun"] or not e["has_propn"]:
        return False
    inner = [(o["start"], o["end"]) for o in entities
             if e["start"] <= o["start"] and o["end"] <= e["end"]
             and (o["start"], o["end"]) != (e["start"], e["end"])]
    return any(e["start"] <= p < e["end"] and not any(a <= p < b for a, b in inner)
               for p in propn)


def _named(e: dict, kind: str, entities: list[dict], propn: list[int]) -> bool:
    """A named person mention: with `propn`, one with a proper-noun head; with `named`, one
    that names its person whatever its head ("actor Jason Beghe", head on the noun)."""
    if kind == "propn":
        return e["etype"] == "person" and not e["is_pronoun"] and e["head_upos"] == "PROPN"
    return _names_person(e, entities, propn)


def gum(shared: Path, config, nlp, verbose: bool = False) -> dict[str, tuple[tuple, tuple]]:
    """(bare, ours) P/R/F1 with the proper-noun-head gold, and with every named person."""
    docs = [json.loads(line) for line in
            (shared / "eval" / "ner_gum_wikinews" / "gum_news_entities.jsonl").open()]
    articles = [Article(id=d["doc_id"], path=d["doc_id"], text=d["text"],
                        date=d.get("date_created")) for d in docs]
    analyses = analyse_articles(articles, config)
    totals = {(g, label): [0, 0, 0] for g in ("propn", "named") for label in ("bare", "ours")}
    for d, an, doc in zip(docs, analyses, nlp.pipe(a.text for a in articles), strict=True):
        ours = sorted({m.name for m in an.mentions if m.label == "PERSON"})
        bare = sorted({e.text for e in doc.ents if e.label_ == "PERSON"})
        conllu = shared / "eval" / "ner_gum_wikinews" / "conllu" / f"{d['doc_id']}.conllu"
        propn = _proper_nouns(conllu, d["text"])
        identity = {e["entity_id"]: e["identity"] for e in d["entities"] if e["identity"]}
        for kind in ("propn", "named"):
            chains: dict[int | str, set[str]] = {}
            longest: dict[int | str, str] = {}
            for e in d["entities"]:
                if _named(e, kind, d["entities"], propn):
                    key = e["entity_id"] if kind == "propn" \
                        else identity.get(e["entity_id"], e["entity_id"])
                    chains.setdefault(key, set()).update(_words(e["text"]))
                    if len(e["text"]) > len(longest.get(key, "")):
                        longest[key] = e["text"]
            gold = list(chains.values())
            for label, pred in (("bare", bare), ("ours", ours)):
                wrong, used = _match_people(pred, gold)
                tp = len(pred) - len(wrong)
                for i, v in enumerate((tp, len(wrong), len(gold) - tp)):
                    totals[kind, label][i] += v
                if verbose and kind == "named" and label == "ours" \
                        and (wrong or len(used) < len(gold)):
                    print(f"[gum {d['doc_id']}]")
                    for name in wrong:
                        print(f"  FP {name}")
                    for i, eid in enumerate(chains):
                        if i not in used:
                            print(f"  FN {longest[eid]}")
    return {kind: (prf(*totals[kind, "bare"]), prf(*totals[kind, "ours"]))
            for kind in ("propn", "named")}


def _uner_sentences(path: Path) -> list[tuple[str, set[tuple[int, int]]]]:
    out = []
    text, tokens = None, []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("# text = "):
            text = line[len("# text = "):]
        elif line.strip() and not line.startswith("#"):
            cols = line.split("\t")
            tokens.append((cols[1], cols[2]))
        elif not line.strip() and text is not None:
            spans, pos, current = set(), 0, None
            for form, tag in tokens:
                start = text.find(form, pos)
                start = pos if start < 0 else start
                pos = start + len(form)
                if tag == "B-PER":
                    current = [start, pos]
                    spans.add(tuple(current))
                elif tag == "I-PER" and current:
                    spans.discard(tuple(current))
                    current[1] = pos
                    spans.add(tuple(current))
                else:
                    current = None
            out.append((text, spans))
            text, tokens = None, []
    return out


def uner(shared: Path, config, nlp, verbose: bool = False) -> tuple[tuple, tuple]:
    sentences = _uner_sentences(shared / "eval" / "ner_uner_english_pud" / "en_pud-ud-test.iob2")
    articles = [Article(id=str(i), path=str(i), text=t) for i, (t, _) in enumerate(sentences)]
    analyses = analyse_articles(articles, config)
    totals = {"bare": [0, 0, 0], "ours": [0, 0, 0]}
    for (text, gold), an, doc in zip(sentences, analyses, nlp.pipe(a.text for a in articles),
                                        strict=True):
        preds = {"bare": {(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"},
                 "ours": {(m.start, m.end) for m in an.mentions if m.label == "PERSON"}}
        if verbose and preds["ours"] != gold:
            print(f"[uner {an.source_id}] {text}")
            for kind, spans in (("FP", preds["ours"] - gold), ("FN", gold - preds["ours"])):
                for a, b in sorted(spans):
                    print(f"  {kind} {text[a:b]}")
        for label, pred in preds.items():
            totals[label][0] += len(pred & gold)
            totals[label][1] += len(pred - gold)
            totals[label][2] += len(gold - pred)
    return prf(*totals["bare"]), prf(*totals["ours"])


def main() -> None:
    here = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=here.parent / "shared")
    ap.add_argument("--seeds", type=Path, default=here / "seeds")
    ap.add_argument("--verbose", action="store_true", help="list the briefing's misses")
    args = ap.parse_args()
    config = load_config(None, seeds=args.seeds)
    nlp = bare_nlp(config.nlp.model)
    bare, ours = seeds(args.shared, args.seeds, nlp)
    print(f"{'seeds (score.py)':<28}{'bare spaCy':>12}{'briefing':>12}")
    for name in SEED_METRICS:
        print(f"  {name:<26}{bare.get(name, 0.0):>12.3f}{ours.get(name, 0.0):>12.3f}")
    gum_runs = gum(args.shared, config, nlp, args.verbose)
    rows = [("GUM Wikinews people (doc)", *gum_runs["propn"]),
            ("GUM named people (doc)", *gum_runs["named"]),
            ("UNER PUD PER spans", *uner(args.shared, config, nlp, args.verbose))]
    for title, b, o in rows:
        print(f"{title:<28}{'bare spaCy':>12}{'briefing':>12}")
        for i, name in enumerate(("precision", "recall", "f1")):
            print(f"  {name:<26}{b[i]:>12.3f}{o[i]:>12.3f}")


if __name__ == "__main__":
    main()
