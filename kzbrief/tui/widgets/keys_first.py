"""Keys before background work.

A key goes from the App's queue to the focused widget's, then up through the queue of
each of its ancestors to the bindings; at every step it waited for the slices of
background work (the Overview drawing its rows, lists filling in batches, the set
decoded a part at a time) that ran meanwhile: at 100× a tab's key reached its action
~400 ms after it was pressed. While a key is on its way, those slices hold off.
"""

from __future__ import annotations

import time
from typing import Any
from weakref import WeakKeyDictionary

from textual.app import App

HOLD = 0.2
"""Seconds background slices wait after a key arrives: long enough for it to reach
its binding and for what it shows to be drawn."""

_arrived: WeakKeyDictionary[App[Any], float] = WeakKeyDictionary()


def key_arrived(app: App[Any]) -> None:
    """A key has reached the app: background slices hold off for a moment."""
    _arrived[app] = time.monotonic()


def hold_for(app: App[Any]) -> float:
    """Seconds the app's background slices should still wait (0: go on now)."""
    arrived = _arrived.get(app)
    if arrived is None:
        return 0.0
    return max(0.0, arrived + HOLD - time.monotonic())
