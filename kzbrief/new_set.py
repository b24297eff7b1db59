"""`kzbrief new DIR`: a small valid briefing set to edit, with schemas an editor finds.

Each file's first line names its schema relative to the file (`.schemas/x.schema.json`),
and the schemas are written into the set, so the editor keeps them wherever the folder
is copied or moved. Every value an editor reads as a number or a date (`2022`,
`2026-01-31`) is quoted: the set reads every scalar as text, and the schemas say so.
"""

from __future__ import annotations

from pathlib import Path

from kzbrief.model import FILE_KINDS
from kzbrief.schema import schema_text

SCHEMA_FOLDER = ".schemas"

TEMPLATES = {
    "briefing": """\
briefing:
  id: my-briefing
  title: My briefing
  question: What is the question this briefing answers?
  as_of: '2026-01-31'
  scope: One document, example.txt; replace it with yours.
  bottom_line:
    - text: The example source says the two countries are close.
      basis: reported
      sources: [example]
""",
    "sources": """\
sources:
  - id: example
    label: Example
    title: An example document
    author: {status: not-stated}
    outlet: {status: not-stated}
    date: {status: inferred, value: '2025~', reason: Its latest event is from 2025.}
    url: {status: not-stated}
    genre: analysis
    perspective: Say from where the document looks at the issue.
    thesis: The two countries are close.
    document: example.txt
""",
    "topics": """\
topics:
  - id: relations
    title: Relations between the two countries
    summary:
      - text: The example source calls the relationship close.
        basis: reported
        sources: [example]
""",
    "timeline": """\
events:
  - id: treaty-2025
    date: '2025-03'
    title: A treaty is signed
    summary: The example source reports a treaty signed in March 2025.
    topics: [relations]
    quotes:
      - {source: example, quote: 'In March 2025 the two countries signed a treaty.'}
""",
    "framing": """\
framing:
  - source: example
    thesis: The two countries are close.
    tone: Measured.
    perspective: Analytical.
""",
    "contested": """\
contested:
  - id: how-close
    question: How close are the two countries?
    topics: [relations]
    axis: {left: Distant, right: Close}
    positions:
      - source: example
        label: Close
        stance: right
        summary: Calls the relationship close.
        quotes:
          - {source: example, quote: the two countries are close}
    why_they_differ: With one source there is no disagreement yet; add a second.
""",
    "figures": """\
measures:
  - key: treaty-count
    title: Treaties signed in 2025
figures:
  - id: treaties-example
    key: treaty-count
    value: '1'
    unit: treaty
    period: '2025'
    source: example
    quote: 'In March 2025 the two countries signed a treaty.'
    topics: [relations]
""",
    "glossary": """\
glossary:
  - id: treaty
    term: Treaty
    kind: term
    description: A written agreement between states.
    sources: [example]
""",
}


class CannotCreate(Exception):
    """The folder holds files already, or cannot be written."""


def schema_line(kind: str) -> str:
    return f"# yaml-language-server: $schema={SCHEMA_FOLDER}/{kind}.schema.json\n"


def write_new_set(folder: Path) -> list[Path]:
    """Write the set into `folder` (created; it may exist only empty); the files written."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if any(folder.iterdir()):
            raise CannotCreate(f"{folder}: not empty; give a new or empty folder")
        (folder / SCHEMA_FOLDER).mkdir()
        written = []
        for kind in FILE_KINDS:
            schema = folder / SCHEMA_FOLDER / f"{kind}.schema.json"
            schema.write_text(schema_text(kind), encoding="utf-8")
            path = folder / f"{kind}.yaml"
            path.write_text(schema_line(kind) + TEMPLATES[kind], encoding="utf-8")
            written.append(path)
    except OSError as exc:
        raise CannotCreate(f"{folder}: {exc.strerror or exc}") from None
    return written
