"""Command palette: jump to a person, mission or source of the briefing on screen.

Labels hold article titles and file names: they are shown as plain Content (never parsed as
markup, so "[VIDEO]" stays and "[@click=…]" is no action) and pass through safe_text.clean."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from briefing.model import Article, Mission, Person
from briefing.safe_text import clean


def highlighted(matcher: Matcher, label: str) -> Content:
    """`label` as literal text with the letters the query matched styled (what
    `Matcher.highlight` does, without parsing `label` as markup)."""
    content = Content(label)
    _, offsets = matcher.fuzzy_search.match(matcher.query, label)
    for offset in offsets:
        if not label[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class JumpProvider(Provider):
    """'Person: Anil Menon', 'Mission: Soyuz MS-29', 'Source: …' → select it in its pane."""

    def _targets(self) -> list[tuple[str, Person | Mission | Article]]:
        from briefing.tui.screens.dashboard import DashboardScreen

        screen = self.screen
        if not isinstance(screen, DashboardScreen):
            return []
        briefing = screen.live.briefing
        return ([(f"Person: {clean(p.name)}", p) for p in briefing.people]
                + [(f"Mission: {clean(m.name)}", m) for m in briefing.missions]
                + [(f"Source: {clean(a.title or a.id)}", a) for a in briefing.sources])

    def _jump(self, item: Person | Mission | Article) -> None:
        from briefing.tui.screens.dashboard import DashboardScreen

        if isinstance(self.screen, DashboardScreen):
            self.screen.jump_to(item)

    async def discover(self) -> Hits:
        for label, item in self._targets():
            yield DiscoveryHit(Content(label), partial(self._jump, item), text=label,
                               help="Jump to it")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, item in self._targets():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, highlighted(matcher, label), partial(self._jump, item),
                          text=label, help="Jump to it")
