"""People, roles, quotes and crew links on the multi-beat fixture corpus (tests/fixtures/beats).

usage: python bench/eval_beats.py [--folder tests/fixtures/beats] [--docs 'politics*' ...]
                                 [--verbose]

Runs the real build path (`pipeline.build_briefing`, no cache) on the folder and scores its JSON
against the folder's gold.yaml:
- people per document: the people whose sources include the article against the article's gold
  people; a predicted name matches a gold person when it is the gold name or one of its aliases
  (case-insensitive), one to one (a second entry for the same person is a false positive);
- roles: a gold role is found when a role of the matched person (for that article) contains it;
- quotes: gold quotes of 4+ words; a predicted quote of the same article matches when it holds at
  least 80% of the gold fragment's words and is not longer than the fragment plus 25 words (a
  quote that runs on past its end is a miss); speaker accuracy over the matched quotes, the
  speaker being right when it is the gold name or one of its aliases;
- crew links: (mission, person) pairs of gold, found in the JSON missions' people (recall), and
  the JSON's pairs found in the gold of some article (precision; gold crews are complete).
"""

from __future__ import annotations

import argparse
import fnmatch
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from briefing.config import load_config
from briefing.pipeline import build_briefing
from briefing.render.json_out import briefing_to_dict

QUOTE_MIN_WORDS = 4
QUOTE_OVERLAP = 0.8
QUOTE_SLACK_WORDS = 25


@dataclass
class Scores:
    people: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # doc -> tp, fp, fn
    roles: list[bool] = field(default_factory=list)
    quotes_found: list[bool] = field(default_factory=list)
    speakers_right: list[bool] = field(default_factory=list)
    crews: list[bool] = field(default_factory=list)
    crew_predicted: list[bool] = field(default_factory=list)  # each predicted link: in gold?
    misses: list[str] = field(default_factory=list)

    def people_prf(self) -> tuple[float, float, float]:
        tp, fp, fn = (sum(v[i] for v in self.people.values()) for i in range(3))
        return prf(tp, fp, fn)

    def figures(self) -> dict[str, float]:
        p, r, f = self.people_prf()
        return {"people_precision": p, "people_recall": r, "people_f1": f,
                "people_doc_f1_mean": (sum(prf(*v)[2] for v in self.people.values())
                                       / len(self.people)) if self.people else 1.0,
                "roles_recall": _rate(self.roles), "quotes_recall": _rate(self.quotes_found),
                "quotes_attribution": _rate(self.speakers_right),
                "crew_links_recall": _rate(self.crews),
                "crew_links_precision": _rate(self.crew_predicted)}


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _rate(hits: list[bool]) -> float:
    return sum(hits) / len(hits) if hits else 1.0


def _words(text: str) -> list[str]:
    return re.findall(r"\w+(?:['’]\w+)?", text.casefold().replace("’", "'"))


def _names(person: dict) -> set[str]:
    return {n.casefold() for n in [person["name"], *person.get("aliases", [])]}


def _contains(quote: str, fragment: str) -> bool:
    q, g = _words(quote), _words(fragment)
    pool = list(q)
    hit = 0
    for w in g:
        if w in pool:
            pool.remove(w)
            hit += 1
    return bool(g) and hit / len(g) >= QUOTE_OVERLAP and len(q) <= len(g) + QUOTE_SLACK_WORDS


def score(gold: dict, output: dict) -> Scores:
    out = Scores()
    for doc, want in gold["articles"].items():
        gold_people = want.get("people", [])
        predicted = [p for p in output["people"] if doc in p["sources"]]
        matched: dict[int, dict] = {}
        fp = 0
        for p in predicted:
            hit = next((i for i, g in enumerate(gold_people)
                        if i not in matched and p["name"].casefold() in _names(g)), None)
            if hit is None:
                fp += 1
                out.misses.append(f"{doc}: not a person (or a second entry): {p['name']}")
            else:
                matched[hit] = p
        for i, g in enumerate(gold_people):
            if i not in matched:
                out.misses.append(f"{doc}: person missed: {g['name']}")
        out.people[doc] = (len(matched), fp, len(gold_people) - len(matched))
        for i, g in enumerate(gold_people):
            for role in g.get("roles", []):
                p = matched.get(i)
                roles = [r for r, srcs in (p or {}).get("role_sources", {}).items()
                         if doc in srcs] if p else []
                found = any(role.casefold() in r.casefold() for r in roles)
                out.roles.append(found)
                if not found:
                    out.misses.append(f"{doc}: role missed: {g['name']} — {role} (got {roles})")
        by_name = {g["name"]: g for g in gold_people}
        quotes = [q for q in output["quotes"] if doc in q["sources"]]
        for gq in want.get("quotes", []):
            if len(_words(gq["text"])) < QUOTE_MIN_WORDS:
                continue
            q = next((q for q in quotes if _contains(q["text"], gq["text"])), None)
            out.quotes_found.append(q is not None)
            if q is None:
                out.misses.append(f"{doc}: quote missed: {gq['text']!r}")
                continue
            speaker = gq["speaker"]
            right = (q["speaker"] is None) if speaker is None else (
                q["speaker"] is not None
                and q["speaker"].casefold() in _names(by_name.get(speaker, {"name": speaker})))
            out.speakers_right.append(right)
            if not right:
                out.misses.append(f"{doc}: speaker of {gq['text'][:40]!r}: "
                                  f"{q['speaker']!r}, not {speaker!r}")
        for mission, crew in (want.get("crews") or {}).items():
            predicted_crew = {n.casefold() for m in output["missions"]
                              if mission.casefold() in {x.casefold() for x in
                                                        [m["name"], *m.get("aliases", [])]}
                              for n in m["people"]}
            for name in crew:
                names = _names(by_name.get(name, {"name": name}))
                found = bool(names & predicted_crew)
                out.crews.append(found)
                if not found:
                    out.misses.append(f"{doc}: crew link missed: {mission} — {name}")
    gold_crews: dict[str, set[str]] = {}
    for want in gold["articles"].values():
        by_name = {g["name"]: g for g in want.get("people", [])}
        for mission, crew in (want.get("crews") or {}).items():
            gold_crews.setdefault(mission.casefold(), set()).update(
                n for name in crew for n in _names(by_name.get(name, {"name": name})))
    for m in output["missions"]:
        if not set(m.get("sources", [])) & set(gold["articles"]):
            continue  # a mission of articles left out (--docs)
        names = gold_crews.get(m["name"].casefold()) or next(
            (gold_crews[a.casefold()] for a in m.get("aliases", []) if a.casefold() in gold_crews),
            set())
        for person in m["people"]:
            right = person.casefold() in names
            out.crew_predicted.append(right)
            if not right:
                out.misses.append(f"crew link not in gold: {m['name']} — {person}")
    return out


def load_gold(folder: Path, docs: list[str] | None = None) -> dict:
    """The folder's gold, only the articles whose ids match one of docs (shell patterns) when
    given."""
    gold = yaml.safe_load((folder / "gold.yaml").read_text(encoding="utf-8"))
    if docs:
        gold["articles"] = {k: v for k, v in gold["articles"].items()
                            if any(fnmatch.fnmatchcase(k, d) for d in docs)}
    return gold


def run(folder: Path, docs: list[str] | None = None) -> tuple[Scores, dict]:
    """Scores of the whole folder's briefing (and its JSON) on the gold articles of docs."""
    config = load_config(None, seeds=folder)
    output = briefing_to_dict(build_briefing(config, use_cache=False))
    return score(load_gold(folder, docs), output), output


def main() -> None:
    here = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folder", type=Path, default=here / "tests" / "fixtures" / "beats")
    ap.add_argument("--docs", nargs="+", help="score only these article ids (shell patterns)")
    ap.add_argument("--verbose", action="store_true", help="list every miss")
    args = ap.parse_args()
    scores, _ = run(args.folder, args.docs)
    print(f"{'document':<28}{'P':>7}{'R':>7}{'F1':>7}")
    for doc, counts in scores.people.items():
        p, r, f = prf(*counts)
        print(f"  {doc:<26}{p:>7.3f}{r:>7.3f}{f:>7.3f}")
    for name, value in scores.figures().items():
        print(f"{name}: {value:.3f}")
    print(f"quotes: {len(scores.quotes_found)} gold of {QUOTE_MIN_WORDS}+ words; "
          f"crew links: {len(scores.crews)} gold")
    if args.verbose:
        for miss in scores.misses:
            print("  miss:", miss)


if __name__ == "__main__":
    main()
