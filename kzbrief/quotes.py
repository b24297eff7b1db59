"""Verbatim matching of quotes against document text.

A quote matches when its words appear in the document in order, where only
whitespace and typographic quote marks may differ and `...` or `…` stands for
an omission of any length.
"""

from __future__ import annotations

import re

_QUOTE_MARKS = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00a0": " ",
    }
)
_SPACE = re.compile(r"\s+")
_OMISSION = re.compile(r"\s*(?:\.\.\.|\u2026)\s*")


def normalise(text: str) -> str:
    """Fold typographic quote marks and runs of whitespace."""
    return _SPACE.sub(" ", text.translate(_QUOTE_MARKS)).strip()


def segments(quote: str) -> list[str]:
    """The parts of a quote between omission marks, normalised; empty parts dropped."""
    return [part for part in (normalise(p) for p in _OMISSION.split(quote)) if part]


def find_quote(quote: str, document: str) -> bool:
    """True when every segment of `quote` occurs in `document` in order.

    `document` must already be normalised (see `normalise`), so that one
    document serves many quotes without being folded again.
    """
    parts = segments(quote)
    if not parts:
        return False
    at = 0
    for part in parts:
        found = document.find(part, at)
        if found < 0:
            return False
        at = found + len(part)
    return True
