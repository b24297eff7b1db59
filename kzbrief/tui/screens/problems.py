"""Shown instead of the reader when the briefing has errors: every problem, located."""

from __future__ import annotations

import os
import shlex
import subprocess
from functools import partial
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static

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


def editor_command(problem: Problem) -> list[str] | None:
    """`$VISUAL` or `$EDITOR` (else vi) at the problem's line, as vim, nano, emacs and
    most editors take it: `EDITOR +LINE FILE`; None when the problem names no file."""
    if not problem.file or not Path(problem.file).is_file():
        return None
    try:
        editor = shlex.split(os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi")
    except ValueError:
        editor = []
    editor = editor or ["vi"]
    return [*editor, *([f"+{problem.line}"] if problem.line else []), problem.file]


class ProblemsScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "edit", "Edit", id="edit"),
        Binding("c", "copy_problem", "Copy", id="copy"),
    ]

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
            ("\nenter opens a problem in $EDITOR at its line, c copies it.", MUTED),
            ("\nFix them, then " + after + ". q quits.", MUTED),
        )
        self.query_one("#problems-title", Static).update(title)
        rows = [Row(str(i), partial(problem_row, p)) for i, p in enumerate(problems[:LIMIT])]
        if count > LIMIT:
            more = lit(f"… and {count - LIMIT} more; 'kzbrief validate' lists them all.", MUTED)
            rows.append(Row(None, fixed(more)))
        self.query_one("#problems-list", NavList).show_rows(rows)

    def _chosen(self) -> Problem | None:
        key = self.query_one("#problems-list", NavList).current
        return self.problems[int(key)] if key is not None else None

    @on(OptionList.OptionSelected, "#problems-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit()

    def action_edit(self) -> None:
        """Open the problem's file at its line in `$EDITOR`, handing it the terminal."""
        problem = self._chosen()
        command = editor_command(problem) if problem else None
        if problem is None or command is None:
            self.notify("This problem names no file to open.", severity="warning", markup=False)
            return
        try:
            with self.app.suspend():
                code = subprocess.call(command)
        except SuspendNotSupported:
            self.notify(f"Cannot open an editor here; it is at {problem}", markup=False)
            return
        except OSError as exc:
            self.notify(
                f"Cannot run {command[0]}: {exc.strerror or exc}", severity="error", markup=False
            )
            return
        if code:
            self.notify(f"{command[0]} exited with {code}", severity="warning", markup=False)
        elif not self.watching:
            self.notify("Saved? Press r to reload.", markup=False)

    def action_copy_problem(self) -> None:
        problem = self._chosen()
        if problem is None:
            return
        self.app.copy_to_clipboard(str(problem))
        self.notify(f"Copied: {problem}", markup=False)
