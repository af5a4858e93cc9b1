"""Every policy about Python's cyclic garbage collector, one per entry point.

Bulk work that makes many small objects which all live on (decoding a cache, assembling,
rendering) runs inside `paused()`: the collector's passes over those objects would find
nothing to free and cost a good share of the time at scale.

- The `briefing print` command runs inside `exiting()`: there a paused block also freezes
  what it made (gc.freeze) before the collector is back, since all of it lives until the
  process exits and the collector's later passes would walk it for nothing.
- Before the analysis forks its worker processes (`before_fork`, inside `exiting()` only:
  the dashboard analyses in one process, and a library caller lives on) the heap is
  frozen, so each worker's collector does not walk the heap it inherited and so copy every
  page of it (the model, the articles).
- The dashboard never freezes: it lives on, and a frozen object in a reference cycle is never
  freed (a closed screen, what a reload dropped). Its reads and analyses run paused, and it
  runs `collect()` once it is idle after a reload (no key pressed for a second), so the
  full pass does not hold up a key press.

Whether paused blocks freeze is a context variable: `exiting()` sets it for the block in the
thread that runs it, so worker threads (the dashboard's) never freeze.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_freezing: ContextVar[bool] = ContextVar("freezing", default=False)


@contextmanager
def exiting() -> Iterator[None]:
    """For a process that exits soon after the block (the `briefing print` command): inside
    it, a paused block freezes what it made before the collector is back."""
    token = _freezing.set(True)
    try:
        yield
    finally:
        _freezing.reset(token)


def freezing() -> bool:
    """Whether a paused block ending here would freeze what it made."""
    return _freezing.get()


@contextmanager
def paused() -> Iterator[None]:
    """The collector off inside the block, back as it was after (also when nested)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            if _freezing.get():
                gc.freeze()
            gc.enable()


def before_fork() -> None:
    """Freeze the heap before worker processes are forked from this one, inside `exiting()`
    only: elsewhere (a library caller, the benchmarks, the tests) this process lives on,
    and what a freeze keeps would never be freed; its workers then copy more pages."""
    if _freezing.get():
        gc.freeze()


def collect() -> None:
    """A full collection: what the dashboard runs when it is idle after a reload."""
    gc.collect()
