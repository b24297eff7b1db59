"""Export what the reader shows (its tab, topic and shown sources) to a new file.

The file goes into the folder the reader was started from, which is where a user who
typed `kzbrief` will look, or into their home folder when that one cannot be written;
it never replaces a file (see `kzbrief.new_file`).
"""

from __future__ import annotations

import os
from contextlib import suppress
from pathlib import Path

from kzbrief.new_file import write_new
from kzbrief.render.export import FORMATS, render
from kzbrief.scope import SECTIONS, Scope
from kzbrief.tui.view import View


def scope_of(view: View, tab: str) -> Scope:
    """The reader's choices as an export's: one tab, its topic, its hidden sources."""
    sections = (tab,) if tab in SECTIONS else SECTIONS
    return Scope(sections=sections, topic=view.topic, hidden=view.hidden)


def file_stem(view: View, tab: str) -> str:
    """`kzbrief-<set>-<tab>[-<topic>]`: ids only, so always a plain, safe file name."""
    parts = ["kzbrief", view.bset.briefing.id, tab]
    if view.topic is not None:
        parts.append(view.topic)
    return "-".join(parts)


def folders() -> list[Path]:
    """Where an export may go, in order of preference."""
    out = []
    with suppress(OSError):  # the folder was removed while the reader ran
        out.append(Path(os.getcwd()))
    with suppress(RuntimeError):  # no home folder can be found
        out.append(Path.home())
    return out


def export_view(view: View, tab: str, fmt: str) -> Path:
    """Write the view's tab as `fmt` into the first writable folder; the file's path.

    Raises OSError (with the last folder's reason) when no folder can be written.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    data = render(fmt, view.bset, scope_of(view, tab)).encode("utf-8")
    error: OSError = FileNotFoundError("no folder to write to")
    for folder in folders():
        try:
            return write_new(folder, file_stem(view, tab), f".{fmt}", data)
        except OSError as exc:
            error = exc
    raise error
