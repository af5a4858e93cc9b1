"""Pausing Python's cyclic garbage collector around work that makes many small objects which
all live on (decoding a cache, assembling, rendering): its passes over them would find
nothing to free and cost a good share of the time at scale."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """The collector off inside the block, back as it was after (also when nested)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
