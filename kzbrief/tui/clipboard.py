"""Copying text where the user can paste it: a clipboard tool when one is here, and
the terminal's own clipboard (OSC 52), which cannot say whether it arrived.

`wl-copy` (Wayland), `xclip` or `xsel` (X11) and `pbcopy` (macOS) report success with
their exit code, so only a copy through one of them is reported as done.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

TIMEOUT = 3.0
"""Seconds a clipboard tool may take; X11 tools can hang without a display."""


def tools() -> list[list[str]]:
    """The clipboard commands that can work in this session, best first."""
    found: list[list[str]] = []
    if sys.platform == "darwin" and shutil.which("pbcopy"):
        found.append(["pbcopy"])
    if os.environ.get("WAYLAND_DISPLAY") and shutil.which("wl-copy"):
        found.append(["wl-copy"])
    if os.environ.get("DISPLAY"):
        if shutil.which("xclip"):
            found.append(["xclip", "-selection", "clipboard"])
        if shutil.which("xsel"):
            found.append(["xsel", "--clipboard", "--input"])
    return found


def copy_with_tool(text: str) -> str | None:
    """Copy with the first tool that succeeds; its name, or None when none did."""
    for command in tools():
        try:
            done = subprocess.run(
                command,
                input=text.encode("utf-8"),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=TIMEOUT,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            continue
        if done.returncode == 0:
            return command[0]
    return None
