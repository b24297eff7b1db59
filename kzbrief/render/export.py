"""The document formats a view can be exported to, for the CLI and the reader alike."""

from __future__ import annotations

from kzbrief.model import SetParts
from kzbrief.scope import Places, Scope

FORMATS: dict[str, str] = {"md": "Markdown", "html": "HTML"}
"""Each format's name on the command line (and its file suffix), and its name for people."""


def render(fmt: str, bset: SetParts, scope: Scope, places: Places | None = None) -> str:
    """`scope` of `bset` as a document in `fmt` ('md' or 'html')."""
    if fmt == "md":
        from .markdown import markdown

        return markdown(bset, scope, places)
    if fmt == "html":
        from .html import html_page

        return html_page(bset, scope, places)
    raise ValueError(f"unknown export format {fmt!r}")
