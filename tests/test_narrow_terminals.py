"""Narrow terminals lose nothing: at any width from 20 columns every record's text is shown.

Red-team O15 (at 20-26 columns `timeline` showed only dates) and O16 (`compare` gave the
fifth source a column 0 wide). A table is used only where it fits (`render.grid.fit`,
`render.compare.SideBySide`), else the records are stacked; this runs every command on
the built-in set on a real pseudo-terminal of each width and looks for every text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hostile.harness import MINI, REAL_SET, Sandbox
from rich.cells import cell_len

from kzbrief import query
from kzbrief.load import load_set
from kzbrief.model import SetParts

# 20: every command stacked; 40: the timeline and each source's fields as tables; 76: the
# narrowest that shows five positions side by side, and every list a table.
WIDTHS = (20, 40, 76, 120)
_BORDER = re.compile("[│┃]")
B = ("--briefing", str(MINI))


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Sandbox:
    """One for every width, so that the set is parsed once and then read from the cache."""
    return Sandbox(tmp_path_factory.mktemp("narrow"))


@pytest.fixture(scope="module")
def bset() -> SetParts:
    loaded = load_set(REAL_SET, use_cache=False)
    assert loaded.briefing is not None and not loaded.problems
    return loaded.briefing


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _readable(screen: str) -> str:
    """The screen's text with all whitespace removed, a boxed table read column by column:
    wrapping splits a cell over lines, and side by side its lines alternate with the
    other columns' lines."""
    outside: list[str] = []
    columns: dict[int, list[str]] = {}
    for line in screen.splitlines():
        cells = _BORDER.split(line)
        if len(cells) == 1:
            outside.append(line)
            continue
        for n, cell in enumerate(cells):
            columns.setdefault(n, []).append(cell)
    return _squeezed(" ".join(outside + [" ".join(c) for _, c in sorted(columns.items())]))


def _expected(bset: SetParts, command: tuple[str, ...]) -> list[str]:
    labels = [s.label for s in bset.sources]
    if command[0] == "timeline":
        texts = [e.title for e in bset.events]
        if "--full" in command:
            texts += [e.summary for e in bset.events]
            texts += [q.quote for e in bset.events for q in e.quotes]
        return texts + labels
    if command == ("compare", "neutrality"):
        [point] = [p for p in bset.contested if p.id == "neutrality"]
        texts = [point.question, point.why_they_differ]
        for pos in point.positions:
            texts += [pos.label, pos.summary, *(q.quote for q in pos.quotes)]
            texts.append(next(s.label for s in bset.sources if s.id == pos.source))
        return texts
    if command == ("compare",):
        return [p.id for p in bset.contested] + [p.question for p in bset.contested]
    if command == ("sources",):
        return labels + [s.title for s in bset.sources] + [s.thesis for s in bset.sources]
    if command == ("topics",):
        return [t.id for t in bset.topics] + [t.title for t in bset.topics]
    assert command == ("summary",)
    point_questions = [p.question for p in query.contested(bset, None)]
    claims = [c.text for c in bset.briefing.bottom_line]
    # (Not the theses: in a table of sources the dates wrap too, beside them.)
    return labels + claims + point_questions


COMMANDS = (
    ("summary",),
    ("timeline",),
    ("timeline", "--full"),
    ("compare",),
    ("compare", "neutrality"),
    ("sources",),
    ("topics",),
)


@pytest.mark.parametrize("width", WIDTHS)
def test_every_record_is_shown_whole_at_every_width(
    sandbox: Sandbox, bset: SetParts, width: int
) -> None:
    for command in COMMANDS:
        run = sandbox.run_in_pty(*command, cols=width, rows=50, timeout=10)
        assert run.returncode == 0, run.describe()
        screen = run.screen_text
        too_wide = [line for line in screen.splitlines() if cell_len(line) > width]
        assert not too_wide, f"{command} at {width}: wider than the terminal: {too_wide[:2]}"
        shown = _readable(screen)
        missing = [t for t in _expected(bset, command) if _squeezed(t) not in shown]
        assert not missing, f"{command} at {width} columns lost {len(missing)}: {missing[:3]}"


def test_validate_and_verify_lines_are_whole_on_a_narrow_terminal(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """Plain lines even on a terminal (the terminal wraps them); the mini set, for speed."""
    run = sandbox.run_in_pty("validate", str(MINI), cols=20, rows=50)
    assert run.returncode == 0 and _squeezed(f"ok: {MINI}: ") in _readable(run.screen_text)
    documents = tmp_path / "no-documents"
    documents.mkdir()
    run = sandbox.run_in_pty(*B, "verify", "--sources", str(documents), cols=20, rows=50)
    assert run.returncode == 1, run.describe()
    shown = _readable(run.screen_text)
    assert _squeezed(f"checked against {documents}: ") in shown
    for name in ("alpha.txt", "beta.txt"):  # a missing document is said once, naming it
        assert _squeezed(f"{documents}/{name}: not found") in shown


def test_a_dumb_terminal_is_laid_out_to_its_own_width(sandbox: Sandbox) -> None:
    """Rich takes TERM=dumb to be 80 columns unless told otherwise."""
    run = sandbox.run_in_pty("timeline", cols=40, rows=50, env={"TERM": "dumb"})
    assert run.returncode == 0, run.describe()
    lines = run.screen_text.splitlines()
    assert max(cell_len(line) for line in lines) <= 40 and len(lines) > 100
