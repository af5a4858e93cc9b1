"""Command palette: jump to a person, mission or source of the briefing on screen."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from briefing.model import Article, Mission, Person


class JumpProvider(Provider):
    """'Person: Anil Menon', 'Mission: Soyuz MS-29', 'Source: …' → select it in its pane."""

    def _targets(self) -> list[tuple[str, Person | Mission | Article]]:
        from briefing.tui.screens.dashboard import DashboardScreen

        screen = self.screen
        if not isinstance(screen, DashboardScreen):
            return []
        briefing = screen.live.briefing
        return ([(f"Person: {p.name}", p) for p in briefing.people]
                + [(f"Mission: {m.name}", m) for m in briefing.missions]
                + [(f"Source: {a.title or a.id}", a) for a in briefing.sources])

    def _jump(self, item: Person | Mission | Article) -> None:
        from briefing.tui.screens.dashboard import DashboardScreen

        if isinstance(self.screen, DashboardScreen):
            self.screen.jump_to(item)

    async def discover(self) -> Hits:
        for label, item in self._targets():
            yield DiscoveryHit(label, partial(self._jump, item), help="Jump to it")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, item in self._targets():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, matcher.highlight(label), partial(self._jump, item),
                          text=label, help="Jump to it")
