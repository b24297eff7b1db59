"""`o`: ask before a web address from a briefing is handed to the browser.

The address is briefing data, so the reader shows it in full, literally, and
opens it only when the person says yes.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from kzbrief.tui.draw.common import MUTED, lit


class ConfirmOpen(ModalScreen[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,enter", "answer(True)", "Open", id="open-yes"),
        Binding("n,escape,q", "answer(False)", "Cancel", id="open-no"),
    ]

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(lit("Open this source's web address in your browser?", "bold"))
            yield Static(lit(self.url), id="confirm-url")
            yield Static(lit("y or enter opens it in your browser · n or esc cancels", MUTED))

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
