"""Where CLI output goes: a Rich console on a terminal, plain lines on a pipe."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

MIN_WIDTH, MAX_WIDTH, FALLBACK_WIDTH = 20, 240, 80


class OutputClosed(Exception):
    """The reader of our output went away (e.g. `| head -1`)."""


def is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def sane_width() -> int:
    """The terminal width, or 80 when it is unknown or absurd (COLUMNS=0 or 1)."""
    try:
        width = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        try:  # as shutil.get_terminal_size does, without importing shutil (~2 ms a start)
            width = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            width = FALLBACK_WIDTH
    if width < MIN_WIDTH:
        return FALLBACK_WIDTH
    return min(width, MAX_WIDTH)


def make_console() -> Console:
    """A console that never interprets briefing text: no markup, emoji or highlighting."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            raise OutputClosed

    # A height too, or Rich takes a dumb terminal (TERM=dumb) to be 80 by 25 whatever
    # width it is given; the height itself is never used (nothing here pages or fills).
    return _Console(
        width=sane_width(),
        height=25,
        markup=False,
        emoji=False,
        highlight=False,
        soft_wrap=False,
    )


def write_lines(lines: Iterable[str]) -> None:
    """Plain output: one record a line, nothing wrapped, nothing styled."""
    write = sys.stdout.write
    for line in lines:
        write(line)
        write("\n")


def show(rich: Callable[[], Iterable[Any]], plain: Callable[[], Iterable[str]]) -> None:
    """Print the `rich` renderables on a terminal, else the `plain` lines.

    Both are callables so that only one is built, and a pipe never imports Rich.
    """
    if is_terminal():
        console = make_console()
        for renderable in rich():
            console.print(renderable)
    else:
        write_lines(plain())
