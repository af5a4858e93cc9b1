"""Stories: same-event sources join, different events stay apart, ids and reasons hold."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import numpy as np
import pytest

from briefing.config import StoryConfig, builtin_defaults
from briefing.digest import assemble_briefing
from briefing.digest.features import article_features, compute
from briefing.digest.stories import (
    NEIGHBOURS,
    RICH_NAMES,
    TOP_TERMS,
    Profile,
    _candidates,
    _lead_day_pairs,
    build_profiles,
    group_stories,
    pair_days,
    regroup,
    story_id,
    time_factor,
)
from briefing.digest.vocabulary import Vocabulary
from briefing.ingest import load_folder
from briefing.model import Article, ArticleAnalysis, DateMention, EntityMention, Span

FIXTURES = Path(__file__).parent / "fixtures" / "digest"
# events told over days or weeks by several outlets; the part of a file's name before "__"
# is its event, and two events of one beat (two storms, two strikes) must stay apart
FOLLOWUPS = Path(__file__).parent / "fixtures" / "stories"
NAMES = {
    "probe_a.txt": ["Priya Raman"],
    "probe_b.txt": ["Priya Raman"],
    "budget_a.txt": ["Martin Okafor", "Helen Brandt"],
    "budget_b.txt": ["Martin Okafor", "Helen Brandt"],
}


def load(name: str) -> Article:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    title, _, body = text.partition("\n\n")
    return Article(id=name, path=name, text=body.strip(), title=title.strip())


def analysis_with_people(article: Article, names: list[str], label: str = "PERSON"
                         ) -> ArticleAnalysis:
    """Mentions wherever the full name or its last word stands in the text."""
    mentions = []
    for name in names:
        for form in (name, name.split()[-1]):
            start = article.text.find(form)
            while start != -1:
                mentions.append(EntityMention(name, form, label, start,
                                              start + len(form), 0))
                start = article.text.find(form, start + len(form))
    return ArticleAnalysis(source_id=article.id, content_hash="", mentions=mentions)


def fixture_set(with_nlp: bool) -> tuple[list[Article], dict[str, ArticleAnalysis]]:
    articles = [load(n) for n in ("probe_a.txt", "budget_a.txt", "probe_b.txt", "budget_b.txt")]
    analyses = {a.id: analysis_with_people(a, NAMES[a.id]) for a in articles} if with_nlp else {}
    return articles, analyses


def test_two_events_in_four_articles_make_two_stories():
    articles, analyses = fixture_set(with_nlp=True)
    groups = group_stories(articles, analyses, StoryConfig())
    assert sorted(sorted(g.sources) for g in groups) == [
        ["budget_a.txt", "budget_b.txt"], ["probe_a.txt", "probe_b.txt"]]


def test_reason_names_what_the_sources_share():
    articles, analyses = fixture_set(with_nlp=True)
    groups = {tuple(sorted(g.sources)): g for g in group_stories(articles, analyses,
                                                                 StoryConfig())}
    reason = groups[("budget_a.txt", "budget_b.txt")].reason
    assert "Helen Brandt" in reason and "Martin Okafor" in reason
    assert "similarity 0." in reason


def test_without_nlp_a_shared_quote_joins_and_nothing_merges_falsely():
    articles, analyses = fixture_set(with_nlp=False)
    groups = group_stories(articles, analyses, StoryConfig())
    for group in groups:
        kinds = {s.split("_")[0] for s in group.sources}
        assert len(kinds) == 1, group
    assert ["probe_a.txt", "probe_b.txt"] in [sorted(g.sources) for g in groups]


def test_generic_words_alone_never_merge():
    """Two articles sharing NASA (an organization), "agency" and "said" are different
    events: an agency name never links sources on its own."""
    one = Article(id="one", path="one", text=(
        "NASA said the spacecraft launch was delayed by weather at the launch site. "
        "The agency will try the launch again on Monday, NASA officials said."))
    two = Article(id="two", path="two", text=(
        "NASA selected three companies to study lunar cargo landers for the agency. "
        "The contracts are worth 30 million dollars in total, NASA said."))
    analyses = {a.id: analysis_with_people(a, ["NASA"], "ORG") for a in (one, two)}
    groups = group_stories([one, two], analyses, StoryConfig())
    assert len(groups) == 2


def test_unrelated_article_is_a_singleton_story_with_a_reason():
    articles, analyses = fixture_set(with_nlp=True)
    lone = Article(id="weather.txt", path="weather.txt", text=(
        "Heavy rain flooded streets in the harbour district overnight. Fire crews pumped "
        "water from basements until dawn, the city said."))
    groups = group_stories([*articles, lone], analyses, StoryConfig())
    single = [g for g in groups if g.sources == ["weather.txt"]]
    assert single and single[0].reason


def test_story_ids_are_stable_and_stories_ordered_by_size():
    articles, analyses = fixture_set(with_nlp=True)
    config = builtin_defaults()
    lone = Article(id="weather.txt", path="weather.txt", text=(
        "Heavy rain flooded streets in the harbour district overnight. Fire crews pumped "
        "water from basements until dawn, the city said."))
    first = assemble_briefing([lone, *articles], analyses, [], config)
    again = assemble_briefing([*articles, lone], analyses, [], config)
    assert {s.id for s in first.stories} == {s.id for s in again.stories}
    assert [len(s.sources) for s in first.stories] == [2, 2, 1]
    probe = first.story_of("probe_b.txt")
    assert probe is not None and probe.id == story_id("probe_a.txt")
    assert probe.title in ("Probe Vesta Scout sends first close images of asteroid Hygiea",
                           "Vesta Scout flyby reveals rough surface on Hygiea")


def test_every_source_lands_in_exactly_one_story_at_scale():
    words = ("orbit launch crew station probe rocket engine budget senate weather flood rain "
             "court trial market shares bank football match goal election vote city").split()
    articles = []
    for i in range(1500):
        picked = [words[(i * 7 + k * 3) % len(words)] for k in range(12)]
        text = (f"Report {i} from town{i % 97} about {' '.join(picked)} and person{i % 389}. "
                f"Officials in region{i % 53} said {' '.join(reversed(picked))} mattered.")
        articles.append(Article(id=f"a{i}", path=f"a{i}", text=text))
    briefing = assemble_briefing(articles, {}, [], builtin_defaults())
    placed = [source for story in briefing.stories for source in story.sources]
    assert sorted(placed) == sorted(a.id for a in articles)


def test_candidate_pairs_are_those_whose_top_terms_reach_the_bar():
    """The numpy inverted index finds exactly the pairs a plain double loop finds."""
    articles, analyses = fixture_set(with_nlp=True)
    profiles = build_profiles(articles, article_features(articles, analyses))
    term_id = profiles[0].vocabulary.id
    top = [dict(sorted(p.vector.items(), key=lambda kv: (-kv[1], term_id(kv[0])))[:TOP_TERMS])
           for p in profiles]
    bar = 0.05
    expected = [(i, j) for i in range(len(top)) for j in range(i + 1, len(top))
                if sum(w * top[j][t] for t, w in top[i].items() if t in top[j]) >= bar]
    assert expected
    assert _candidates(profiles, bar) == expected


def test_stories_from_memoised_features_match_fresh_ones():
    articles, analyses = fixture_set(with_nlp=True)
    fresh = group_stories(articles, analyses, StoryConfig())
    memo = group_stories(articles, analyses, StoryConfig(), article_features(articles, analyses))
    assert [(g.sources, g.reason) for g in memo] == [(g.sources, g.reason) for g in fresh]


def test_regrouping_the_same_input_keeps_the_last_grouping_and_a_change_regroups():
    articles, analyses = fixture_set(with_nlp=True)
    features = article_features(articles, analyses)
    config = StoryConfig()
    first = regroup(articles, config, features, None)
    assert [g.sources for g in first.groups] == [
        g.sources for g in group_stories(articles, analyses, config, features)]
    assert regroup(articles, config, dict(features), first) is first
    assert regroup(articles, dataclasses.replace(config, min_similarity=0.5), features,
                   first) is not first
    changed = [dataclasses.replace(articles[0], text=articles[0].text + " More."), *articles[1:]]
    assert regroup(changed, config, features, first) is not first
    vocabulary = features[articles[1].id].vocabulary
    refreshed = {**features,
                 articles[1].id: compute(vocabulary, articles[1], analyses[articles[1].id])}
    again = regroup(articles, config, refreshed, first)
    assert again is not first
    assert [g.sources for g in again.groups] == [g.sources for g in first.groups]


def followups() -> list[Article]:
    articles, _ = load_folder(FOLLOWUPS, builtin_defaults())
    return articles


def test_an_event_and_its_follow_ups_over_weeks_make_one_story_each():
    articles = followups()
    groups = group_stories(articles, {a.id: dated(a) for a in articles},
                           builtin_defaults().stories)
    got = sorted(sorted(g.sources) for g in groups)
    events: dict[str, list[str]] = {}
    for a in articles:
        events.setdefault(a.id.split("__")[0], []).append(a.id)
    assert got == sorted(sorted(ids) for ids in events.values())


def test_sources_of_a_story_are_in_date_order_and_the_reason_gives_the_days():
    articles = list(reversed(followups()))
    groups = group_stories(articles, {}, builtin_defaults().stories)
    storm = next(g for g in groups if g.sources[0].startswith("storm-hala"))
    dates = {a.id: a.date for a in articles}
    assert [dates[s] for s in storm.sources] == sorted(dates[s] for s in storm.sources)
    assert storm.reason.endswith("13 days from first to last")
    assert "hala" in storm.reason.lower()


def test_far_apart_dates_weaken_a_pair_and_years_apart_split_it():
    """The same words years apart are less alike than days apart; day_scale 0 ignores it."""
    pair = followups()[:2]
    config = builtin_defaults().stories
    far = [pair[0], dataclasses.replace(pair[1], date="2031-05-13")]
    assert len(group_stories(pair, {}, config)) == 1
    assert len(group_stories(far, {}, config)) == 2
    assert len(group_stories(far, {}, dataclasses.replace(config, day_scale=0))) == 1
    # a year: half; no date: all of it; day_scale 0: all of it
    days = np.array([0.0, 365.0, np.nan])
    assert time_factor(days, config).tolist() == pytest.approx([1.0, 0.5, 1.0])
    assert time_factor(days, dataclasses.replace(config, day_scale=0)).tolist() == [1.0] * 3


DAY = re.compile(r"\b(\d{1,2}) (January|February|March|April|May|June|July|August|"
                 r"September|October|November|December) (\d{4})\b")


def dated(article: Article) -> ArticleAnalysis:
    """An analysis whose sentences are the article's paragraphs and whose dates are the days
    it names in full ("14 February 2023"), as the NLP reads them."""
    spans, start = [], 0
    for paragraph in article.text.split("\n\n"):
        spans.append(Span(start, start + len(paragraph)))
        start += len(paragraph) + 2
    dates = [DateMention(m.group(0), dt.datetime.strptime(m.group(0), "%d %B %Y").date()
                         .isoformat(), "day", m.start(), m.end())
             for m in DAY.finditer(article.text)]
    return ArticleAnalysis(source_id=article.id, content_hash="", sentences=spans, dates=dates)


def test_a_piece_years_later_whose_lead_names_the_day_joins_its_story():
    """A memorial five years on tells the event in other words; its lead names the day
    (with its year) the first reports were dated: it joins them. Named only further down,
    or far from any article's date, the day links nothing."""
    articles = [a for a in followups() if a.id.startswith("dam-")]
    memorial = next(a for a in articles if "memorial" in a.id)
    lead = {a.id: dated(a) for a in articles}
    config = builtin_defaults().stories
    story = sorted(a.id for a in articles if a.id.startswith("dam-soria"))
    groups = group_stories(articles, lead, config)
    assert sorted(sorted(g.sources) for g in groups) == [["dam-kettle__1-breach.txt"], story]
    soria = next(g for g in groups if len(g.sources) > 1)
    assert soria.reason.endswith("1826 days from first to last; a lead names 14 Feb 2023")
    profiles = build_profiles(articles, article_features(articles, lead))
    named = next(p for p in profiles if p.source == memorial.id)
    assert [dt.date.fromordinal(d).isoformat() for d in named.refs] == ["2023-02-14"]
    others = [p for p in profiles if p.index != named.index]
    gaps = pair_days(profiles, np.full(len(others), named.index),
                     np.array([p.index for p in others]))
    # the fewest days between the days each is dated by: its date and the days its lead
    # names (the charges, two years on, name the same day)
    assert dict(zip([p.source for p in others], gaps.tolist(), strict=True)) == {
        "dam-soria__1-burst.txt": 0.0, "dam-soria__2-toll.txt": 2.0,
        "dam-soria__4-charges.txt": 0.0, "dam-kettle__1-breach.txt": 371.0}
    # the same day named in a later sentence: the memorial stands alone
    moved = dataclasses.replace(memorial, text=memorial.text.replace(
        "Five years after the dam burst of 14 February 2023, the village",
        "The village") + "\n\nThe dam burst on 14 February 2023.")
    articles = [moved if a.id == memorial.id else a for a in articles]
    late = {**lead, memorial.id: dated(moved)}
    assert [memorial.id] in [g.sources for g in group_stories(articles, late, config)]


def test_candidates_per_article_are_capped_at_its_strongest():
    articles = followups()
    profiles = build_profiles(articles, article_features(articles, {}))
    every = _candidates(profiles, 0.01)
    capped = _candidates(profiles, 0.01, limit=1)
    assert set(capped) < set(every)
    firsts = [i for i, _ in capped]
    assert len(firsts) == len(set(firsts))  # one partner per article (no ties here)


@pytest.mark.parametrize("settings", [
    {"min_similarity": 0.0}, {"min_similarity": 0.0, "min_pair_similarity": 0.0},
    {"min_similarity": 0.001}, {"min_similarity": 1.0, "min_pair_similarity": 1.0},
    {"day_scale": 0.0}, {"day_scale": 0.5}])
def test_every_valid_setting_groups_without_error(settings):
    articles, analyses = fixture_set(with_nlp=True)
    articles += followups()
    config = dataclasses.replace(builtin_defaults().stories, **settings)
    groups = group_stories(articles, analyses, config)
    placed = sorted(s for g in groups for s in g.sources)
    assert placed == sorted(a.id for a in articles)
    if settings.get("min_pair_similarity") == 1.0:
        assert all(len(g.sources) == 1 for g in groups)
    full = dataclasses.replace(builtin_defaults(), stories=config)
    briefing = assemble_briefing(articles, analyses, [], full)
    assert sorted(s for st in briefing.stories for s in st.sources) == placed


def test_a_multi_story_briefing_groups_its_summary_by_story():
    articles = followups()
    briefing = assemble_briefing(articles, {}, [], builtin_defaults())
    stories = {s.id: s for s in briefing.stories}
    order = [s.id for s in briefing.stories]
    seen: list[str] = []
    for point in briefing.summary.points:
        assert point.text in [p.text for p in stories[point.story].points]
        if not seen or seen[-1] != point.story:
            assert point.story not in seen  # one group per story
            seen.append(point.story)
    assert seen == sorted(seen, key=order.index)
    assert briefing.summary.headline == briefing.stories[0].title
    assert briefing.summary.points[0].text != briefing.summary.headline


def test_stories_come_biggest_first_then_latest_with_short_titles():
    articles = followups()
    briefing = assemble_briefing(articles, {}, [], builtin_defaults())
    dates = {a.id: a.date or "" for a in articles}
    keys = [(-len(s.sources), max(dates[x] for x in s.sources)) for s in briefing.stories]
    assert [k[0] for k in keys] == sorted(k[0] for k in keys)
    for (size, latest), (next_size, next_latest) in zip(keys, keys[1:], strict=False):
        assert size < next_size or latest >= next_latest
    assert all(len(s.title.split()) <= 15 for s in briefing.stories)


def test_a_title_from_a_long_lead_is_cut_to_a_headline():
    long = Article(id="x", path="x", text=(
        "The regional water board voted on Tuesday to raise prices for households and farms "
        "across the valley by a fifth from next spring, after two dry summers emptied its "
        "reservoirs and forced it to buy water from neighbouring districts at high cost. "
        "Board members said the rise was painful but needed."))
    briefing = assemble_briefing([long], {}, [], builtin_defaults())
    title = briefing.stories[0].title
    assert title.endswith("…") and len(title.split()) <= 15
    assert long.text.startswith(title.rstrip("…"))
    assert briefing.summary.headline == title


def test_each_point_says_where_it_stands_in_its_first_source():
    articles = followups()
    by_id = {a.id: a for a in articles}
    briefing = assemble_briefing(articles, {}, [], builtin_defaults())
    points = [p for s in briefing.stories for p in s.points] + briefing.summary.points
    assert points
    for point in points:
        here = " ".join(by_id[point.sources[0]].text[point.start:point.end].split())
        assert here.endswith(point.text)


QUAKE_A = Article(
    id="a.txt", path="a.txt", date="2031-03-02",
    title="Strong earthquake shakes the coast of Veloria",
    text="A magnitude 7.4 earthquake struck off the coast of Veloria on Sunday, collapsing "
         "buildings in Porto Calm and Daressa. Rescue teams searched the rubble through the "
         "night, and the interior minister Anja Ruiz said at least 80 people were killed. "
         "Aftershocks rattled the region as hospitals filled with the injured. Mayor Tomas Eld "
         "of Porto Calm asked for tents and water. The geological survey said the quake was "
         "shallow, which made the shaking worse. Seismologist Ines Varo warned of more "
         "aftershocks.")
QUAKE_B = Article(
    id="b.txt", path="b.txt", date="2031-03-20",
    title="Earthquake kills dozens in the hills of Marrant",
    text="A magnitude 6.9 earthquake struck the hills of Marrant on Thursday, collapsing "
         "buildings in Kessel and Ombry. Volunteers dug with bare hands for survivors, and the "
         "health minister Piet Holm said at least 50 people died. Aftershocks shook the valley "
         "as hospitals treated the injured. Roads were cut by landslides. Governor Lena Osk of "
         "Kessel asked the army for helicopters. Schools will stay closed this week, and "
         "Veloria sent doctors. Engineer Karl Demb blamed weak old houses built of mud brick.")


def quake_analysis(article: Article, people: list[str], places: list[str]) -> ArticleAnalysis:
    found = analysis_with_people(article, people)
    where = analysis_with_people(article, places, "PLACE")
    return dataclasses.replace(found, mentions=found.mentions + where.mentions)


def test_two_events_of_one_beat_with_rich_disjoint_names_stay_apart():
    """Two earthquakes share the beat's words; their people and places tell them apart, and
    one place in common (the same event's follow-up) lets the same words join them."""
    people_a, places_a = ["Anja Ruiz", "Tomas Eld", "Ines Varo"], ["Veloria", "Porto Calm",
                                                                   "Daressa"]
    people_b, places_b = ["Piet Holm", "Lena Osk", "Karl Demb"], ["Marrant", "Kessel", "Ombry"]
    assert len(people_a + places_a) >= RICH_NAMES
    articles = [QUAKE_A, QUAKE_B]
    apart = {"a.txt": quake_analysis(QUAKE_A, people_a, places_a),
             "b.txt": quake_analysis(QUAKE_B, people_b, places_b)}
    assert [g.sources for g in group_stories(articles, apart, StoryConfig())] == [
        ["a.txt"], ["b.txt"]]
    together = {**apart, "b.txt": quake_analysis(QUAKE_B, people_b, [*places_b, "Veloria"])}
    assert [g.sources for g in group_stories(articles, together, StoryConfig())] == [
        ["a.txt", "b.txt"]]


def test_words_all_articles_of_a_small_folder_share_keep_most_of_their_weight():
    """In a folder of three articles on one event, a word all three hold is the event's: its
    IDF stays close to that of a word one article alone holds."""
    texts = ["Flood waters rose in Arlen overnight; a levee failed.",
             "Flood waters reached the Arlen market; pumps arrived.",
             "Flood waters left Arlen as crews cleared mud."]
    articles = [Article(id=f"{k}.txt", path=f"{k}.txt", text=t) for k, t in enumerate(texts)]
    profiles = build_profiles(articles, article_features(articles, {}))
    weights = dict(zip(profiles[0].vector, profiles[0].weights.tolist(), strict=True))
    assert weights["flood"] / weights["levee"] > 0.75


def test_a_lead_names_a_day_only_far_from_its_date_and_links_its_nearest_articles():
    """A dateline or "last Tuesday" in the lead tells nothing the date does not; a day named
    years back links the articles dated nearest it, at most 2 * NEIGHBOURS of them."""
    article = Article(id="x.txt", path="x.txt", date="2024-03-10", text=(
        "LONDON, 8 March 2024\n\nA year after the flood of 2 March 2023, the town rebuilt."))
    profiles = build_profiles([article], article_features([article], {article.id: dated(
        article)}))
    assert [dt.date.fromordinal(d).isoformat() for d in profiles[0].refs] == ["2023-03-02"]
    vocabulary = Vocabulary()
    empty = np.zeros(0, np.int64), np.zeros(0)
    day = dt.date(2023, 3, 2).toordinal()
    reports = [Profile(i, f"r{i}", vocabulary, *empty, day=day + i % 3)
               for i in range(3 * NEIGHBOURS)]
    later = Profile(len(reports), "later", vocabulary, *empty, day=day + 400, refs=(day,))
    pairs = _lead_day_pairs([*reports, later])
    assert len(pairs) == 2 * NEIGHBOURS and all(j == later.index for _, j in pairs)
    assert {reports[i].day for i, _ in pairs} == {day, day + 1}  # the nearest first


def test_two_trials_naming_a_few_people_none_the_same_stay_apart():
    """Two trials (an appeal in Scotland, a fraud trial in Singapore) share the court's
    words, enough to join them when nothing else is known; three names each, none in
    common, tell them apart."""
    folder = Path(__file__).parent / "fixtures" / "beats"
    articles, _ = load_folder(folder, builtin_defaults())
    trials = [a for a in articles if a.id in ("courts_appeal.txt", "courts_fraud.txt")]
    names = {"courts_appeal.txt": ["Morag Lindsay", "Alastair Crombie", "Glasgow"],
             "courts_fraud.txt": ["Zhou Minghua", "Priya Raman", "Kenneth Lau"]}
    assert min(len(n) for n in names.values()) >= RICH_NAMES
    apart = {a.id: analysis_with_people(a, names[a.id]) for a in trials}
    config = builtin_defaults().stories
    assert [g.sources for g in group_stories(trials, {}, config)] == [
        ["courts_appeal.txt", "courts_fraud.txt"]]
    assert sorted(g.sources for g in group_stories(trials, apart, config)) == [
        ["courts_appeal.txt"], ["courts_fraud.txt"]]
