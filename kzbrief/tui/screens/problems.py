"""Shown instead of the reader when the briefing has errors: every problem, located."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from kzbrief.load import Problem
from kzbrief.sanitise import sanitise
from kzbrief.tui.draw.common import MUTED, lit, wrap
from kzbrief.tui.widgets.brief_header import BriefHeader
from kzbrief.tui.widgets.key_bar import KeyBar
from kzbrief.tui.widgets.nav_list import NavList, Row, fixed

LIMIT = 500


def problem_row(problem: Problem, width: int) -> Content:
    where, _, message = str(problem).partition(": ")
    return Content("\n").join(wrap(lit(where, "bold") + lit(": ") + lit(message), width))


class ProblemsScreen(Screen[None]):
    def __init__(self, root: Path, problems: tuple[Problem, ...], watching: bool) -> None:
        super().__init__()
        self.root = root
        self.problems = problems
        self.watching = watching

    def compose(self) -> ComposeResult:
        yield BriefHeader(id="header")
        yield Static(id="problems-title")
        yield NavList(id="problems-list")
        yield KeyBar(id="footer")

    def on_mount(self) -> None:
        self.query_one(BriefHeader).show_briefing(None, "the briefing has errors")
        self.show_problems(self.problems)
        self.query_one("#problems-list").focus()

    def show_problems(self, problems: tuple[Problem, ...]) -> None:
        self.problems = problems
        count = len(problems)
        noun = "problem" if count == 1 else "problems"
        after = "it reloads when a file changes" if self.watching else "press r to reload"
        title = Content.assemble(
            (f"{count} {noun} in {sanitise(str(self.root))}", "bold $text-error"),
            ("\nFix them, then " + after + ". q quits.", MUTED),
        )
        self.query_one("#problems-title", Static).update(title)
        rows = [Row(str(i), partial(problem_row, p)) for i, p in enumerate(problems[:LIMIT])]
        if count > LIMIT:
            more = lit(f"… and {count - LIMIT} more; 'kzbrief validate' lists them all.", MUTED)
            rows.append(Row(None, fixed(more)))
        self.query_one("#problems-list", NavList).show_rows(rows)
