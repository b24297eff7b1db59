"""A focusable scrolling reader with vim keys, for details and long text."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll

SCROLL_KEYS: list[BindingType] = [
    Binding("j", "scroll_down", "Down", show=False, id="down"),
    Binding("k", "scroll_up", "Up", show=False, id="up"),
    Binding("g", "scroll_home", "Top", show=False, id="first"),
    Binding("G", "scroll_end", "Bottom", show=False, id="last"),
    Binding("space", "page_down", "Page down", show=False, id="page-down"),
    Binding("b", "page_up", "Page up", show=False, id="page-up"),
]
"""The keys of every scrolling text in the reader, under the same ids (one keymap moves all)."""


class Scroller(VerticalScroll, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = SCROLL_KEYS
