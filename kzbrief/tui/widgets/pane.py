"""What every tab's pane offers the screen: draw a View, focus, jump, copy, open a URL."""

from __future__ import annotations

from dataclasses import dataclass

from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget

from kzbrief.model import Quote
from kzbrief.tui.view import View

from .nav_list import NavList


class Pane(Vertical):
    """A tab's content. It draws only when shown, and again only when the View has changed."""

    KINDS: tuple[str, ...] = ()
    """The kinds of item `select` can show."""
    DRAWS_AT_ONCE = False
    """It draws its first screen in a few milliseconds at any size, so it draws in the
    frame that shows the set (not in the one after the header and topics)."""
    PARTS: tuple[str, ...] | None = None
    """The parts of the set it draws from (`BriefingSet` field names), decoded before it
    draws when the set came from the cache; None for all of them. The others are decoded
    a part at a time in the background (`MainScreen._decode_rest`)."""

    @dataclass
    class Ready(Message):
        """Posted once mounted, so a pane mounted late still gets the current View."""

        pane: Pane

    @dataclass
    class Damaged(Message):
        """The cached set turned out damaged while the pane decoded a part of it: the
        screen says so and reads the files again."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view: View | None = None

    def on_mount(self) -> None:
        self.post_message(self.Ready(self))

    def show_view(self, view: View) -> None:
        if view is self.view:
            return
        self.view = view
        if isinstance(items := self.main_widget(), NavList):
            items.changed = view.changed(self.KINDS[:1])
        self.draw(view)

    def draw(self, view: View) -> None:
        raise NotImplementedError

    def main_widget(self) -> Widget | None:
        """What gets focus when the tab is chosen."""
        return None

    def detail_widget(self) -> Widget | None:
        """What gets focus on enter."""
        return None

    def select(self, kind: str, key: str) -> bool:
        """Highlight an item; False when this pane does not show it."""
        return False

    def place(self) -> tuple[str, str] | None:
        """(kind, key) of the chosen item, as `select` takes it; None when there is none."""
        items = self.main_widget()
        if not isinstance(items, NavList) or items.current is None or not self.KINDS:
            return None
        key = items.current
        kind, colon, rest = key.partition(":")
        if colon and kind in self.KINDS:  # lists of several kinds key rows `kind:id`
            return kind, rest
        return self.KINDS[0], key

    def quotes(self) -> tuple[str, list[Quote]]:
        """The selected item's name and the quotes it shows, in the order it shows them
        (what `d` opens in the Documents tab)."""
        return "", []

    def copy_text(self) -> str | None:
        """The selected item with its citation, as plain text."""
        return None

    def first_screen_text(self) -> str:
        """The text the pane shows first (its list's first rows), or "" before it has drawn:
        what the benchmarks wait for after a tab's key."""
        items = self.main_widget()
        if isinstance(items, NavList) and items.option_count:
            return "\n".join(items.text_at(i) for i in range(min(items.option_count, 3)))
        return ""

    def source_url(self) -> str | None:
        """The selected source's URL, when one is known."""
        return None
