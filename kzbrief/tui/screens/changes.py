"""`w`: what changed since the version given with --since; enter jumps to the item."""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static

from kzbrief.diff import Change
from kzbrief.text import plural
from kzbrief.tui.draw.common import MUTED, fit, lit
from kzbrief.tui.widgets.nav_list import NavList, Row

TAG_WIDTH = 18


def change_row(change: Change, width: int) -> Content:
    """Two lines: what happened to which item, then from → to."""
    style = "$text-error" if change.removed else "$text-warning"
    tag = lit(change.change.ljust(TAG_WIDTH), style)
    room = max(8, width - TAG_WIDTH)
    shift = " → ".join(" ".join(part.split()) for part in (change.before, change.after) if part)
    return Content("\n").join(
        [
            tag + fit(lit(change.item, "bold"), room),
            Content(" " * TAG_WIDTH) + fit(lit(shift, MUTED), room),
        ]
    )


class ChangesScreen(ModalScreen[tuple[str, str] | None]):
    """The changes, one row each; dismissed with the (kind, key) of the item to show."""

    DEFAULT_CSS = """
    ChangesScreen { align: center middle; background: $background 60%; }
    #changes-box {
        width: 90%; max-width: 110; height: 85%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    #changes-title { height: auto; padding: 0 1; }
    #changes-list { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,w", "close", "Close", id="changes-close"),
    ]

    def __init__(self, changes: tuple[Change, ...], since: str) -> None:
        super().__init__()
        self.changes = changes
        self.since = since

    def compose(self) -> ComposeResult:
        count = len(self.changes)
        title = lit(f"{plural(count, 'change')} since {self.since}", "bold") + lit(
            " · enter: show the item · esc: close", MUTED
        )
        with Vertical(id="changes-box"):
            yield Static(title, id="changes-title")
            yield NavList(id="changes-list")

    def on_mount(self) -> None:
        rows = [Row(str(i), partial(change_row, c), 2) for i, c in enumerate(self.changes)]
        changes = self.query_one("#changes-list", NavList)
        changes.show_rows(rows)
        self.set_focus(changes)

    @on(OptionList.OptionSelected, "#changes-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        current = self.query_one("#changes-list", NavList).current
        if current is None:
            return
        change = self.changes[int(current)]
        if change.removed:
            self.notify(f"{change.item} is not in this version: it was removed.", markup=False)
            return
        self.dismiss((change.kind, change.key))

    def action_close(self) -> None:
        self.dismiss(None)
