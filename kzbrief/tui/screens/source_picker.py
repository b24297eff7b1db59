"""`s`: choose which sources every tab shows."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import SelectionList, Static
from textual.widgets.selection_list import Selection

from kzbrief.tui.draw.common import MUTED, fit, lit
from kzbrief.tui.view import View


class SourcePicker(ModalScreen[frozenset[str] | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,s", "apply", "Apply and close", id="sources-apply"),
        Binding("a", "all", "Show all", id="sources-all"),
        Binding("j", "down", "Down", show=False, id="down"),
        Binding("k", "up", "Up", show=False, id="up"),
    ]

    def __init__(self, view: View) -> None:
        super().__init__()
        self.view = view

    def compose(self) -> ComposeResult:
        legend = self.view.legend
        width = min(26, max((legend.badge(s).cell_length for s in legend.ids), default=0))
        with Vertical(id="picker-box"):
            yield Static(lit("Sources shown", "bold"), id="picker-title")
            choices = [
                Selection(
                    fit(legend.badge(s), width) + lit(f"  {_title(self.view, s)}"),
                    s,
                    self.view.shows(s),
                )
                for s in legend.by_date
            ]
            yield SelectionList[str](*choices, id="picker-list")
            yield Static(
                lit("space/enter toggles · a shows all · esc or s applies", MUTED), id="picker-help"
            )

    def _list(self) -> SelectionList[str] | None:
        """The list, or None while the screen is still composing: `s a` typed fast sends
        the second key before the first has finished opening this screen."""
        return next(iter(self.query("#picker-list").results(SelectionList)), None)

    def action_down(self) -> None:
        if (choices := self._list()) is not None:
            choices.action_cursor_down()

    def action_up(self) -> None:
        if (choices := self._list()) is not None:
            choices.action_cursor_up()

    def action_all(self) -> None:
        if (choices := self._list()) is not None:
            choices.select_all()

    def action_apply(self) -> None:
        choices = self._list()
        if choices is None:
            self.dismiss(None)  # closed before it opened: nothing changes
            return
        shown = set(choices.selected)
        if not shown:
            self.notify("No source chosen, so all are shown.", markup=False)
        hidden = (
            frozenset(s for s in self.view.legend.ids if s not in shown) if shown else frozenset()
        )
        self.dismiss(hidden)


def _title(view: View, source: str) -> str:
    found = view.bset.source(source)
    return found.title if found else source
