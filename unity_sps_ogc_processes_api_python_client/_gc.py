"""Decoding without the cyclic garbage collector's passes.

A decoded document is a tree: its models, lists and dicts cannot form reference cycles, so the cyclic
collector has nothing to find in them, yet CPython runs it every 700 new container objects, and runs full
passes over the whole heap as it grows. Decoding a page of 10,000 jobs spent more than half of its time in
those passes. While any thread decodes, automatic collection is paused; it resumes (if it was on) when the
last decoding ends. Reference counting frees memory as usual meanwhile.
"""

from __future__ import annotations

import gc
import threading
from typing import Callable, TypeVar

__all__ = ["without_collection"]

S = TypeVar("S")
R = TypeVar("R")

_lock = threading.Lock()
_decoding = 0  # decodings under way, in every thread
_resume = False  # whether the collector was on when the first of them began


def without_collection(decode: Callable[[S], R], source: S) -> R:
    """``decode(source)`` with automatic cyclic collection paused (see the module docstring)."""
    global _decoding, _resume
    with _lock:
        if _decoding == 0:
            _resume = gc.isenabled()
            gc.disable()
        _decoding += 1
    try:
        return decode(source)
    finally:
        with _lock:
            _decoding -= 1
            if _decoding == 0 and _resume:
                gc.enable()
