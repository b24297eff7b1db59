"""Where CLI output goes: a Rich console on a terminal, plain lines on a pipe."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

MIN_WIDTH, MAX_WIDTH, FALLBACK_WIDTH = 20, 240, 80
DEFAULT_PAGER = "less -RFX"


class Settings:
    """How output is shown, from --color, --width and --no-pager (set once by the CLI)."""

    color = "auto"  # auto: styled on a terminal; always: styled anywhere; never: no styles
    width: int | None = None  # the layout's width; given, the Rich layout is kept in a pipe
    pager = True


def configure(color: str = "auto", width: int | None = None, pager: bool = True) -> None:
    Settings.color, Settings.width, Settings.pager = color, width, pager


def rich_layout() -> bool:
    """Rich's layout rather than plain lines: on a terminal, or when asked for in a pipe."""
    return is_terminal() or Settings.color == "always" or Settings.width is not None


class OutputClosed(Exception):
    """The reader of our output went away (e.g. `| head -1`)."""


def is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def interactive_job() -> bool:
    """Run as a job of an interactive shell, so a person is there to page: such a shell puts
    each command in a process group of its own, and a pager then waits for their keys.

    `sh -c`, scripts driving a terminal (`script -c`, expect, tmux's command) and the like run
    it in the session's own group, where no one may ever press a key: a pager there would
    wait for ever, so the output is printed whole, as on a terminal without a pager.
    """
    try:
        return os.isatty(0) and os.getpgrp() != os.getsid(0)
    except OSError:
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
    styled = {
        "always": {"force_terminal": True, "no_color": False},
        "never": {"color_system": None},
    }
    return _Console(
        width=Settings.width or sane_width(),
        height=25,
        markup=False,
        emoji=False,
        highlight=False,
        soft_wrap=False,
        **styled.get(Settings.color, {}),  # type: ignore[arg-type]
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
    if not rich_layout():
        write_lines(plain())
        return
    console = make_console()
    if not (Settings.pager and is_terminal() and interactive_job()):
        from .write_behind import WriteBehind

        writes = WriteBehind(_writer_to(console.file))
        try:
            _print(console, rich(), writes.write)
        except BaseException:
            writes.abandon()
            raise
        writes.close()
        return
    captured: list[str] = []  # paged only when taller than the terminal
    _print(console, rich(), captured.append)
    from .pager import page

    page("".join(captured))


def _writer_to(file: IO[str]) -> Callable[[str], None]:
    def write(text: str) -> None:
        try:
            file.write(text)
            file.flush()
        except BrokenPipeError:
            raise OutputClosed from None

    return write


def _print(console: Console, renderables: Iterable[Any], write: Callable[[str], object]) -> None:
    """Each renderable as `console.print` prints it, through `write` in large pieces."""
    from rich.text import Text

    from .ansi import AnsiWriter

    writer = AnsiWriter(console, write)
    for n, renderable in enumerate(renderables):
        # A line that names a place (`FILE:LINE:COL: ...`) is never folded: the terminal
        # may wrap it on screen, but a copy of it, or `grep`, sees one line.
        whole = isinstance(renderable, Text) and renderable.no_wrap is True
        writer.print(renderable, soft=whole)
        if not n:  # the first lines at once, the rest in large writes
            writer.flush()
    writer.flush()


def unwrapped(text: Any) -> Any:
    """`text` (a Rich Text) marked to print on one line whatever the width."""
    text.no_wrap = True
    return text
