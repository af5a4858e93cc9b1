"""The cyclic collector is paused around bulk work; only inside the `briefing print` command
(collector.exiting) does what that work made get frozen out of its sight."""

import gc
import threading

from briefing import collector


def test_a_pause_restores_the_collector_and_freezes_nothing_by_default():
    frozen = gc.get_freeze_count()
    with collector.paused():
        assert not gc.isenabled()
        with collector.paused():
            made = [[i] for i in range(1000)]
        assert not gc.isenabled()  # an inner pause leaves the outer one alone
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen
    assert len(made) == 1000


def test_while_exiting_a_pause_freezes_what_it_made():
    try:
        with collector.exiting():
            frozen = gc.get_freeze_count()
            with collector.paused():
                made = [[i] for i in range(1000)]
            assert gc.isenabled()
            assert gc.get_freeze_count() >= frozen + len(made)
        assert not collector.freezing()
    finally:
        gc.unfreeze()


def test_a_worker_thread_never_freezes_even_while_the_main_thread_exits():
    seen = []
    with collector.exiting():
        worker = threading.Thread(target=lambda: seen.append(collector.freezing()))
        worker.start()
        worker.join()
    assert seen == [False]


def test_a_fork_freezes_the_heap_only_inside_exiting():
    frozen = gc.get_freeze_count()
    collector.before_fork()  # a library caller lives on: nothing is frozen for good
    assert gc.get_freeze_count() == frozen
    try:
        with collector.exiting():
            collector.before_fork()
            assert gc.get_freeze_count() > frozen
    finally:
        gc.unfreeze()
