"""The first-paint baseline: a Textual app that shows one static line and nothing else.

    python benchmarks/baseline_app.py

Launched in tmux exactly like the reader, it gives the floor every Textual
program pays (interpreter, Textual's imports, the driver, the first frame).
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

LINE = "kzbrief baseline: one static line"


class BaselineApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Static(LINE)


if __name__ == "__main__":
    BaselineApp().run()
