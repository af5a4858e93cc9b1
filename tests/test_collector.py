"""The cyclic collector is paused around bulk work, and in the `briefing` command what that
work made is frozen out of its sight instead of walked by its next pass."""

import gc

from briefing import collector


def test_a_pause_restores_the_collector_and_freezes_nothing_by_default(monkeypatch):
    monkeypatch.setattr(collector, "_settle", False)
    frozen = gc.get_freeze_count()
    with collector.paused():
        assert not gc.isenabled()
        with collector.paused():
            made = [[i] for i in range(1000)]
        assert not gc.isenabled()  # an inner pause leaves the outer one alone
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen
    assert len(made) == 1000


def test_after_settle_a_pause_freezes_what_it_made(monkeypatch):
    monkeypatch.setattr(collector, "_settle", False)
    collector.settle_after_pauses()
    try:
        frozen = gc.get_freeze_count()
        with collector.paused():
            made = [[i] for i in range(1000)]
        assert gc.isenabled()
        assert gc.get_freeze_count() >= frozen + len(made)
    finally:
        gc.unfreeze()
