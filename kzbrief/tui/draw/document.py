"""A document's text for the Documents tab, line by line.

Every quoted passage is in its source's colour, the current one on it; a gutter
numbers the paragraphs and marks those no item cites.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.content import Content

from kzbrief.colours import INK
from kzbrief.documents import Document
from kzbrief.places import Passage
from kzbrief.sanitise import sanitise
from kzbrief.tui.view import Legend

from .common import MUTED, lit

GUTTER = 6
"""Cells before the text: the paragraph number and the uncited mark."""
UNCITED = "$text-warning"


@dataclass
class Page:
    """One document as the tab shows it: its lines and which passages touch each."""

    document: Document
    passages: list[Passage]
    """In reading order."""
    cited: frozenset[int]
    """Numbers of the paragraphs some passage touches."""
    _touching: dict[int, list[int]] = field(default_factory=dict)
    """Line (from 0) -> indexes of the passages on it."""
    placing: bool = False
    """Its quotes are still being placed: no passage yet, and no paragraph marked uncited."""

    @classmethod
    def placing_in(cls, document: Document) -> Page:
        """The document's text while its quotes are being placed."""
        return cls(document, [], frozenset(), placing=True)

    @classmethod
    def of(cls, document: Document, passages: list[Passage]) -> Page:
        touching: dict[int, list[int]] = {}
        lines: dict[tuple[int, int], range] = {}
        """Each span's lines, found once (a large set quotes the same words many times)."""
        for index, passage in enumerate(passages):
            for start, end in passage.spans:
                if (span := lines.get((start, end))) is None:
                    first = document.line_of(start) - 1
                    span = lines[start, end] = range(first, document.line_of(max(start, end - 1)))
                for line in span:
                    touching.setdefault(line, []).append(index)
        cited = {p.number for start, end in lines for p in document.paragraphs_in(start, end)}
        return cls(document, passages, frozenset(cited), touching)

    @property
    def uncited(self) -> int:
        return sum(p.number not in self.cited for p in self.document.paragraphs)

    def lines_of(self, passage: int) -> list[int]:
        """The lines (from 0) passage `passage` is on."""
        return [line for line, on in self._touching.items() if passage in on]

    def text(self, line: int, legend: Legend, current: int | None) -> Content:
        """Line `line` (from 0) with its passages styled; `current` stands out.

        Styled piece by piece on the raw text, each piece then made safe to show: an
        escape that grows a control character must not shift the styles after it.
        """
        document = self.document
        start = document.line_start(line + 1)
        raw = document.lines[line]
        styles: list[str] = [""] * len(raw)  # by character: pieces are cut where it changes
        # The current passage last, so it wins where passages overlap. Of passages with
        # the same spans only the last would show: each is styled once (a large set
        # quotes the same words from many copies of a source).
        last: dict[tuple[tuple[int, int], ...], int] = {}
        for index in sorted(self._touching.get(line, []), key=lambda i: i == current):
            spans = self.passages[index].spans
            last.pop(spans, None)
            last[spans] = index
        for index in last.values():
            passage = self.passages[index]
            colour = legend.colour(passage.source)
            ink = legend.ink_colour(passage.source)
            style = f"bold {INK} on {colour}" if index == current else f"underline {ink}"
            for a, b in passage.spans:
                for at in range(max(a, start) - start, min(b, start + len(raw)) - start):
                    styles[at] = style
        pieces: list[Content] = []
        at = 0
        while at < len(raw):
            end = at + 1
            while end < len(raw) and styles[end] == styles[at]:
                end += 1
            pieces.append(lit(_shown(raw[at:end]), styles[at]))
            at = end
        return Content("").join(pieces)

    def plain(self, line: int) -> Content:
        """Line `line` unstyled: the same text as `text` gives, wrapped the same."""
        return lit(_shown(self.document.lines[line]))

    def gutter(self, line: int) -> tuple[Content, Content]:
        """The gutter for the first row of line `line` and for the rows it wraps onto."""
        document = self.document
        start = document.line_start(line + 1)
        raw = document.lines[line]
        lead = len(raw) - len(raw.lstrip())
        paragraph = document.paragraph_at(start + lead) if raw.strip() else None
        if paragraph is None:
            return Content(" " * GUTTER), Content(" " * GUTTER)
        cited = self.placing or paragraph.number in self.cited
        mark = lit(" ", "") if cited else lit("○", UNCITED)
        rest = lit(" " * (GUTTER - 2) + (" " if cited else "┆") + " ", UNCITED)
        if paragraph.line == line + 1:
            number = lit(f"{paragraph.number:>{GUTTER - 2}}", MUTED if cited else UNCITED)
            return number + mark + " ", rest
        return rest, rest


def _shown(raw: str) -> str:
    """Document text made safe to show; a tab is one space, so offsets stay put."""
    return sanitise(raw.replace("\t", " "))
