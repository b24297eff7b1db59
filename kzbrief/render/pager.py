"""Output taller than the terminal goes through a pager, as git and gh do.

The pager is `$KZBRIEF_PAGER`, else `$PAGER`, else `less -RFX` (colours kept, quit at
once when the text fits, the screen left as it was). An empty or `cat` pager means none.
A pager that cannot start means the text is printed as it is; a pager the reader quits
before the end is not a failure (exit 0, like git).
"""

from __future__ import annotations

import os
import sys

from .output import DEFAULT_PAGER


def terminal_lines() -> int:
    try:
        return int(os.environ.get("LINES", ""))
    except ValueError:
        pass
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).lines  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 0


def pager_command() -> list[str]:
    import shlex

    chosen = os.environ.get("KZBRIEF_PAGER")
    if chosen is None:
        chosen = os.environ.get("PAGER")
    if chosen is None:
        chosen = DEFAULT_PAGER
    try:
        words = shlex.split(chosen)
    except ValueError:
        return []
    return [] if words in ([], ["cat"]) else words


def page(text: str) -> None:
    """`text` through the pager when it is taller than the terminal, else printed."""
    rows = terminal_lines()
    command = pager_command()
    if not command or rows <= 0 or text.count("\n") < rows:
        sys.stdout.write(text)
        return
    import subprocess

    sys.stdout.flush()
    env = {**os.environ}
    env.setdefault("LESS", "FRX")  # as git does: `PAGER=less` still keeps colours
    env.setdefault("LESSCHARSET", "utf-8")
    try:
        pager = subprocess.Popen(command, stdin=subprocess.PIPE, env=env)
    except OSError:  # not installed, not executable: the text is shown anyway
        sys.stdout.write(text)
        return
    assert pager.stdin is not None
    try:
        pager.stdin.write(text.encode("utf-8", "backslashreplace"))
        pager.stdin.close()
    except BrokenPipeError:  # the reader quit the pager before the end
        pass
    except KeyboardInterrupt:
        pass
    while True:
        try:
            pager.wait()
            return
        except KeyboardInterrupt:  # Ctrl-C belongs to the pager (less uses it); wait on
            continue
