"""The documents a set's quotes come from: found, read without trust, split into paragraphs.

Documents are others' texts and never ship with kzbrief: the user names a folder of
copies. Each is read as a briefing file is (size cap, regular files only, no link out
of the folder, strict UTF-8), and a document that cannot be used is one problem that
names it, not a miss for every quote it holds.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from kzbrief.load.files import FileProblem, decode, read_bytes
from kzbrief.model import SetParts
from kzbrief.quotes import Folded
from kzbrief.sanitise import sanitise

MAX_DOCUMENT_BYTES = 16 * 1024 * 1024

_BLANK_LINES = re.compile(r"\n[ \t\r\f\v]*(?:\n[ \t\r\f\v]*)+")


@dataclass(frozen=True)
class Paragraph:
    """A run of non-blank lines; `start`/`end` are offsets in the document's text."""

    number: int
    start: int
    end: int
    line: int
    """The line it starts on, from 1."""


@dataclass(eq=False)
class Document:
    name: str
    """The file name, as the sources list gives it."""
    text: str
    folded: Folded = field(init=False)
    paragraphs: list[Paragraph] = field(init=False)
    _line_starts: list[int] = field(init=False)
    _paragraph_starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.folded = Folded(self.text)
        self._line_starts = [0, *(m.end() for m in re.finditer("\n", self.text))]
        self.paragraphs = list(_paragraphs(self.text, self.line_of))
        self._paragraph_starts = [p.start for p in self.paragraphs]

    @cached_property
    def lines(self) -> list[str]:
        """The text's lines, without their line ends (split once: the reader asks for
        one line at a time)."""
        return [line.rstrip("\r") for line in self.text.split("\n")]

    def line_of(self, offset: int) -> int:
        return bisect_right(self._line_starts, offset)

    def line_col(self, offset: int) -> tuple[int, int]:
        """Line and column (both from 1, the column in characters) of `offset`."""
        line = self.line_of(offset)
        return line, offset - self._line_starts[line - 1] + 1

    def line_start(self, line: int) -> int:
        return self._line_starts[line - 1]

    def paragraphs_in(self, start: int, end: int) -> list[Paragraph]:
        """The paragraphs that offsets `start` to `end` (not included) touch."""
        at = max(0, bisect_right(self._paragraph_starts, start) - 1)
        out = []
        for paragraph in self.paragraphs[at:]:
            if paragraph.start >= end:
                break
            if start < paragraph.end:
                out.append(paragraph)
        return out

    def paragraph_at(self, offset: int) -> Paragraph | None:
        at = bisect_right(self._paragraph_starts, offset) - 1
        if at < 0:
            return None
        paragraph = self.paragraphs[at]
        return paragraph if offset < paragraph.end else None


def _paragraphs(text: str, line_of: Callable[[int], int]) -> list[Paragraph]:
    out: list[Paragraph] = []
    at = 0
    for gap in [*_BLANK_LINES.finditer(text), None]:
        end = gap.start() if gap is not None else len(text)
        chunk = text[at:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            start = at + lead
            stop = at + len(chunk.rstrip())
            out.append(Paragraph(len(out) + 1, start, stop, line_of(start)))
        if gap is not None:
            at = gap.end()
    return out


@dataclass(frozen=True)
class Documents:
    """The folder, the documents read from it by file name, and why others could not be."""

    folder: Path
    found: dict[str, Document]
    problems: dict[str, str]
    """File name -> one line saying what is wrong, naming the file (and where, when known)."""

    def for_source(self, bset: SetParts, source_id: str) -> Document | None:
        source = bset.source(source_id)
        return self.found.get(source.document) if source is not None else None


def read_documents(bset: SetParts, folder: Path) -> Documents:
    """Read every document the set's sources name from `folder`, each once."""
    found: dict[str, Document] = {}
    problems: dict[str, str] = {}
    for name in dict.fromkeys(s.document for s in bset.sources):
        path = folder / name
        shown = sanitise(str(path))
        try:
            data = read_bytes(path, folder, MAX_DOCUMENT_BYTES, "documents folder")
            text = decode(data, say_where=True)
        except FileProblem as exc:
            missing = exc.message.endswith("no such file or directory")
            problems[name] = f"{shown}: {'not found' if missing else exc.message}"
            continue
        found[name] = Document(name, text)
    return Documents(folder, found, problems)


HOW_TO_SUPPLY = (
    "No documents: start kzbrief with --sources DIR (or set KZBRIEF_SOURCES) "
    "to a folder holding the sources' texts."
)
