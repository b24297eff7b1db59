"""How much of each document a set cites: its paragraphs and its words.

For authors: what a briefing never quotes is where to look for what it misses.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from kzbrief.model import SetParts
from kzbrief.places import Located

_WORD = re.compile(r"\S+")
FIRST_WORDS = 8


@dataclass(frozen=True)
class Uncited:
    paragraph: int
    line: int
    first_words: str


@dataclass(frozen=True)
class Coverage:
    document: str
    sources: tuple[str, ...]
    """Ids of the sources whose document it is."""
    paragraphs: int
    cited_paragraphs: int
    words: int
    cited_words: int
    uncited: tuple[Uncited, ...]
    problem: str = ""
    """Why the document could not be read; the counts are then zero."""

    @property
    def paragraph_share(self) -> float:
        return self.cited_paragraphs / self.paragraphs if self.paragraphs else 0.0

    @property
    def word_share(self) -> float:
        return self.cited_words / self.words if self.words else 0.0


def coverage(bset: SetParts, located: Located) -> list[Coverage]:
    """One entry per document the sources name, in source order."""
    out = []
    for name in dict.fromkeys(s.document for s in bset.sources):
        sources = tuple(s.id for s in bset.sources if s.document == name)
        document = located.documents.found.get(name)
        if document is None:
            problem = located.documents.problems.get(name, "not read")
            out.append(Coverage(name, sources, 0, 0, 0, 0, (), problem))
            continue
        spans = _merged([s for p in located.in_document(name) for s in p.spans])
        cited = [p for p in document.paragraphs if _touches(spans, p.start, p.end)]
        uncited = tuple(
            Uncited(p.number, p.line, _first_words(document.text[p.start : p.end]))
            for p in document.paragraphs
            if p not in cited
        )
        words = [m.span() for m in _WORD.finditer(document.text)]
        cited_words = sum(_touches(spans, a, b) for a, b in words)
        out.append(
            Coverage(
                name,
                sources,
                len(document.paragraphs),
                len(cited),
                len(words),
                cited_words,
                uncited,
            )
        )
    return out


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _touches(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether any of the sorted, disjoint `spans` overlaps [start, end)."""
    at = bisect_right(spans, (start, start)) - 1
    for span_start, span_end in spans[max(0, at) : at + 2]:
        if span_start < end and start < span_end:
            return True
    return False


def _first_words(text: str) -> str:
    words = text.split()
    head = " ".join(words[:FIRST_WORDS])
    return head + (" …" if len(words) > FIRST_WORDS else "")
