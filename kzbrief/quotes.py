"""Verbatim matching of quotes against document text.

A quote matches when its words appear in the document in order, where only
whitespace and typographic quote marks may differ and `...` or `…` stands for
an omission of any length.
"""

from __future__ import annotations

import re
from bisect import bisect_right

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
_WORDS = re.compile(r"\S+")
_OMISSION = re.compile(r"\s*(?:\.\.\.|\u2026)\s*")


def normalise(text: str) -> str:
    """Fold typographic quote marks and runs of whitespace."""
    return _SPACE.sub(" ", text.translate(_QUOTE_MARKS)).strip()


def segments(quote: str) -> list[str]:
    """The parts of a quote between omission marks, normalised; empty parts dropped."""
    return [part for part in (normalise(p) for p in _OMISSION.split(quote)) if part]


class Folded:
    """A document's text normalised once, remembering where each character came from.

    `text` is exactly `normalise(original)`; `original_offset` maps an offset in it back
    to the document, so a match can be shown (and counted) in the document's own text.
    """

    def __init__(self, original: str) -> None:
        marked = original.translate(_QUOTE_MARKS)  # one character for one: offsets keep
        self.original = original
        # Each run of non-space characters, where it starts in `text` and in `original`.
        self._folded_starts: list[int] = []
        self._original_starts: list[int] = []
        pieces: list[str] = []
        at = 0
        for word in _WORDS.finditer(marked):
            self._folded_starts.append(at)
            self._original_starts.append(word.start())
            pieces.append(word.group())
            at += len(word.group()) + 1
        self.text = " ".join(pieces)

    def original_offset(self, folded: int) -> int:
        """Where offset `folded` of `text` lies in `original` (a folded space: just after
        the run before it)."""
        if not self._folded_starts:
            return 0
        k = max(0, bisect_right(self._folded_starts, folded) - 1)
        start = self._original_starts[k]
        inside = folded - self._folded_starts[k]
        end = self._folded_starts[k + 1] - 1 if k + 1 < len(self._folded_starts) else len(self.text)
        return start + min(inside, end - self._folded_starts[k])


def match(quote: str, document: str) -> list[tuple[int, int]] | None:
    """The spans (start, end) of `document` that each segment of `quote` matches, in
    order; None when the quote is not there. The one matcher: `verify`, the reader and
    `coverage` all call it.

    `document` must already be normalised (see `normalise` and `Folded.text`), so that
    one document serves many quotes without being folded again.
    """
    parts = segments(quote)
    if not parts:
        return None
    spans = []
    at = 0
    for part in parts:
        found = document.find(part, at)
        if found < 0:
            return None
        at = found + len(part)
        spans.append((found, at))
    return spans


def find_quote(quote: str, document: str) -> bool:
    """True when every segment of `quote` occurs in normalised `document` in order."""
    return match(quote, document) is not None
