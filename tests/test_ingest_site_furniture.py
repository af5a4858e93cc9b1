"""Site furniture by repetition across the folder's pages of one site (ingest.site_furniture)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from briefing import pipeline
from briefing.config import load_config
from briefing.ingest.site_furniture import strip_site_furniture
from briefing.model import Article
from briefing.session import Session

HEADER = "Harbour Herald, the voice of the bay since 1921"
FOOTER = ["The Harbour Herald is an independent newspaper owned by the people who read it.",
          "Harbour Herald Media Ltd, 4 Quay Street, Port Avery"]
STORIES = {
    "ferry": ("Ferry service resumes after storm",
              ["The ferry between Port Avery and Gull Island ran again on Tuesday after four "
               "days in harbour.", "Captain Rosa Lind said the crossing took forty minutes "
               "in a calm sea."]),
    "school": ("New school opens in Port Avery",
               ["A primary school for 300 pupils opened in the north of Port Avery on Monday.",
                "Head teacher Omar Haddad said classes would start at eight."]),
    "market": ("Fish market moves to the quay",
               ["The fish market moved from the old hall to the quay on Saturday morning.",
                "Traders said the new stalls were larger and closer to the boats."]),
    "bridge": ("Bridge repairs to last a month",
               ["Repairs to the Avery Bridge began on Wednesday and will take a month.",
                "Drivers were told to use the coast road while one lane is closed."]),
}


def page(title: str, body: list[str], outlet: str = "Harbour Herald") -> str:
    lines = [HEADER, *body, *FOOTER]
    return (f"---\ntitle: {title}\noutlet: {outlet}\nurl: https://www.harbourherald.example/"
            f"{title.split()[0].lower()}\n---\n\n" + "\n\n".join(lines) + "\n")


def write(folder: Path, names: list[str]) -> None:
    folder.mkdir(exist_ok=True)
    for name in names:
        title, body = STORIES[name]
        (folder / f"{name}.md").write_text(page(title, body), encoding="utf-8")


def articles(folder: Path) -> dict[str, Article]:
    config = load_config(None, seeds=folder)
    return {a.id: a for a in pipeline.load_sources(config, use_cache=False)[0]}


def test_a_sites_shared_header_and_footer_go_from_every_page(tmp_path):
    write(tmp_path / "site", list(STORIES))
    loaded = articles(tmp_path / "site")
    for name, (_, body) in STORIES.items():
        article = loaded[f"{name}.md"]
        assert article.paragraphs == body
        assert article.removed[-3:] == [HEADER, *FOOTER]


def test_each_file_alone_keeps_the_lines(tmp_path):
    write(tmp_path / "site", list(STORIES))
    config = load_config(None, seeds=tmp_path / "site")
    read, _ = pipeline.read_sources(config, use_cache=False)
    assert all(FOOTER[0] in a.text for a in read)


def test_two_pages_are_not_evidence(tmp_path):
    write(tmp_path / "site", ["ferry", "school"])
    assert all(FOOTER[0] in a.text for a in articles(tmp_path / "site").values())


def test_pages_of_different_outlets_and_hosts_are_not_one_site():
    def made(n: int) -> Article:
        title, body = list(STORIES.values())[n]
        return Article(id=f"{n}.md", path=f"{n}.md", title=title, outlet=f"Paper {n}",
                       url=f"https://paper{n}.example/a", text="\n\n".join([*body, *FOOTER]))

    pages = [made(n) for n in range(4)]
    assert strip_site_furniture(pages) == pages


def test_a_shared_sentence_between_a_pages_own_paragraphs_stays():
    shared = "The town council meets every second Thursday in the old customs house."
    pages = [Article(id=f"{name}.md", path=f"{name}.md", title=title, outlet="Harbour Herald",
                     text="\n\n".join([body[0], shared, body[1], *FOOTER]))
             for name, (title, body) in STORIES.items()]
    for article in strip_site_furniture(pages):
        assert shared in article.paragraphs
        assert FOOTER[0] not in article.paragraphs


def test_quotes_and_copies_of_one_story_are_kept():
    quote = "“We will keep the harbour open,” the mayor said."
    title, body = STORIES["ferry"]
    copies = [Article(id=f"{n}.md", path=f"{n}.md", title=f"{title}, update {n}",
                      outlet="Harbour Herald", text="\n\n".join([*body, f"Update {n} of the "
                                                                 "day, filed at noon.", quote]))
              for n in range(4)]
    assert strip_site_furniture(copies) == copies


def test_the_pass_is_the_same_on_its_own_output_order_and_a_changed_hash():
    pages = [Article(id=f"{name}.md", path=f"{name}.md", title=title, outlet="Harbour Herald",
                     content_hash=name, text="\n\n".join([*body, *FOOTER]))
             for name, (title, body) in STORIES.items()]
    once = strip_site_furniture(pages)
    assert strip_site_furniture(pages) == once
    assert [a.id for a in strip_site_furniture(reversed(pages))] == [a.id for a in
                                                                     reversed(once)]
    assert all(a.content_hash != p.content_hash and a.digest != p.digest
               for a, p in zip(once, pages, strict=True))


def test_a_page_of_nothing_but_repeated_lines_keeps_its_text():
    pages = [Article(id=f"{n}.md", path=f"{n}.md", title=f"Notice {n}", outlet="Harbour Herald",
                     text="\n\n".join(FOOTER)) for n in range(4)]
    assert strip_site_furniture(pages) == pages


@pytest.mark.parametrize("reload_paths", [True, False])
def test_a_live_reload_cleans_as_a_fresh_load(tmp_path, reload_paths, monkeypatch):
    """The third page of the site, landing in a watched folder, makes the footer evidence on
    the two pages read before it too; a fresh load of the folder gives the same articles."""
    monkeypatch.setattr(pipeline, "analyse", lambda todo, config, **_: {})
    monkeypatch.setattr(pipeline, "assemble", lambda articles, *a, **_: dataclasses.replace(
        pipeline.sources_only(articles, []), analysed=True))
    folder = tmp_path / "site"
    write(folder, ["ferry", "school"])
    live = Session(load_config(None, seeds=folder), use_cache=False)
    live.load()
    assert FOOTER[0] in live.articles["ferry.md"].text
    write(folder, ["ferry", "school", "market"])
    live.refresh({folder / "market.md"} if reload_paths else None)
    assert live.articles == articles(folder)
    assert FOOTER[0] not in live.articles["ferry.md"].text
    (folder / "market.md").unlink()
    live.refresh({folder / "market.md"} if reload_paths else None)
    assert FOOTER[0] in live.articles["ferry.md"].text
