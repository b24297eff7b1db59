"""Each source's colour: one palette for the reader and the web page, so a source
looks the same wherever it is read (no Textual, no Rich: the HTML export uses it too)."""

from __future__ import annotations

# One colour per source, in source-file order, the same hues and order as the
# CLI's palette so a source looks the same in `kzbrief compare` and the reader.
PALETTE = (
    "#56b6c2",  # cyan
    "#c678dd",  # magenta
    "#98c379",  # green
    "#e5c07b",  # yellow
    "#61afef",  # blue
    "#e06c75",  # red
    "#d19a66",  # orange
    "#a9b1d6",  # lavender
)
ON_LIGHT = (
    "#0b7480",  # cyan
    "#8e3fae",  # magenta
    "#4a7a25",  # green
    "#8a6a00",  # yellow
    "#1f68ad",  # blue
    "#b0303d",  # red
    "#9c5216",  # orange
    "#525b8f",  # lavender
)
"""The same hues, darker, for text and marks drawn on a light background."""
INK = "#16181d"
"""Text on a badge: dark on every palette colour, whatever the theme."""


def colour_slot(index: int) -> int:
    """Which palette colour the source at `index` (in source-file order) wears."""
    return index % len(PALETTE)
