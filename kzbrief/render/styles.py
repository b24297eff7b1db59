"""Shared Rich pieces: literal text, headings and source badges."""

from __future__ import annotations

from rich.text import Text

from kzbrief.model import SetParts

# Source badges cycle through these so each source keeps one colour everywhere.
PALETTE = ("cyan", "magenta", "green", "yellow", "blue", "red", "bright_cyan", "bright_magenta")


def lit(text: str, style: str = "") -> Text:
    """Briefing text, always literal: Text() never parses markup or emoji codes."""
    return Text(text, style=style)


def heading(text: str) -> Text:
    return Text(text, style="bold underline")


def source_styles(bset: SetParts) -> dict[str, str]:
    return {s.id: PALETTE[i % len(PALETTE)] for i, s in enumerate(bset.sources)}


# The styles and labels of the last set badged: one badge per row of a table or timeline
# would otherwise rebuild both for every source (quadratic: seconds for 500 sources).
_last: tuple[SetParts, dict[str, str], dict[str, str]] | None = None


def _styles_and_labels(bset: SetParts) -> tuple[dict[str, str], dict[str, str]]:
    global _last
    if _last is None or _last[0] is not bset:
        _last = (bset, source_styles(bset), {s.id: s.label for s in bset.sources})
    return _last[1], _last[2]


def badges(bset: SetParts, source_ids: list[str]) -> Text:
    styles, labels = _styles_and_labels(bset)
    out = Text()
    for i, sid in enumerate(source_ids):
        if i:
            out.append(" ")
        out.append(f"[{labels.get(sid, sid)}]", style=styles.get(sid, ""))
    return out
