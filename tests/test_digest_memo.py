"""digest.memo: what is computed from one version of an article is reused, and only that."""

from __future__ import annotations

import dataclasses

from briefing.digest.memo import ArticleMemo
from briefing.model import Article, ArticleAnalysis, EntityMention, Span


def article(text: str = "Astronaut Anil Menon flew.") -> tuple[Article, ArticleAnalysis]:
    a = Article(id="a.txt", path="a.txt", text=text, content_hash=str(hash(text)))
    an = ArticleAnalysis("a.txt", a.content_hash, [Span(0, len(text))],
                         [EntityMention("Anil Menon", "Anil Menon", "PERSON", 10, 20, 0)])
    return a, an


def counting_memo() -> tuple[ArticleMemo[int], list[str]]:
    made: list[str] = []

    def make(a: Article, an: ArticleAnalysis | None) -> int:
        made.append(a.text)
        return len(made)

    return ArticleMemo(make), made


def test_the_same_or_an_equal_version_is_computed_once():
    memo, made = counting_memo()
    a, an = article()
    assert memo.get(a, an) == 1
    memo.next_generation()
    assert memo.get(a, an) == 1  # the same objects
    memo.next_generation()
    again = article()  # equal objects, as read back from the cache in a new run
    assert memo.get(*again) == 1
    assert made == [a.text]


def test_a_changed_text_or_analysis_is_computed_again():
    memo, made = counting_memo()
    a, an = article()
    memo.get(a, an)
    edited = dataclasses.replace(a, text=a.text + " Again.", content_hash="other")
    assert memo.get(edited, an) == 2
    other = dataclasses.replace(an, mentions=[])
    assert memo.get(a, other) == 3


def test_an_entry_two_assemblies_did_not_use_is_dropped():
    memo, made = counting_memo()
    a, an = article()
    memo.get(a, an)
    memo.next_generation()
    memo.next_generation()
    assert memo.get(*article()) == 2


def test_a_state_whose_words_belong_to_gone_versions_is_outgrown(monkeypatch):
    """A live session edits one article over and over: each version brings new words; once
    the vocabulary holds far more words than the articles in use, the state is outgrown."""
    from briefing.digest import state as state_module
    from briefing.digest.features import article_features
    from briefing.digest.state import DigestState

    monkeypatch.setattr(state_module, "OUTGROWN_MIN_WORDS", 50)
    state = DigestState()
    versions = 0
    while not state.outgrown():
        versions += 1
        assert versions < 40, "the vocabulary kept growing"
        text = " ".join(f"harbour{versions}word{n} gates{n}" for n in range(20))
        a, an = article(text)
        article_features([a], {a.id: an}, state.features)
    assert len(state.vocabulary) > 2 * 40 and versions > 2
    steady = DigestState()  # the same words, version after version: never outgrown
    for n in range(40):
        a, an = article(" ".join(f"harbour{m} gates{(n + m) % 60}" for m in range(60)))
        article_features([a], {a.id: an}, steady.features)
        assert not steady.outgrown()
