"""The Documents tab while the quotes are still being placed (a large set takes seconds):
the documents show at once, each one's passages when its quotes are placed, and `d`
lands on its quote however early it is pressed."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static
from textual.worker import get_current_worker
from tui_helpers import MINI, active_pane, settle, until

from kzbrief import places as places_module
from kzbrief.documents import Documents
from kzbrief.model import SetParts
from kzbrief.places import Located, locate_in_steps
from kzbrief.tui.app import KzbriefApp
from kzbrief.tui.widgets.documents import DocumentsPane
from kzbrief.tui.widgets.pane import Pane

ROOT = Path(__file__).resolve().parents[2]
MINI_DOCS = ROOT / "tests" / "fixtures" / "mini-docs"
SIZE = (120, 40)


class Gate:
    """Holds the placing thread after the documents are read: each `open` lets one more
    step through (the mini set's steps: the quotes with no document, then alpha.txt or
    beta.txt, then the other)."""

    def __init__(self) -> None:
        self.steps = threading.Semaphore(0)
        self.placed: list[frozenset[str]] = []
        """`pending` of each step let through."""

    def open(self, steps: int = 1) -> None:
        self.steps.release(steps)

    def locate_in_steps(
        self, bset: SetParts, documents: Documents, first: object
    ) -> Iterator[Located]:
        steps = locate_in_steps(bset, documents, first)  # type: ignore[arg-type]
        yield next(steps)  # the documents, read: nothing placed
        while self._let_through():
            located = next(steps, None)
            if located is None:
                return
            self.placed.append(located.pending)
            yield located

    def _let_through(self) -> bool:
        """Wait for `open`; False when the reader quits meanwhile (it cancels the worker,
        then waits for its thread: a gate that waited on would hold every test's end)."""
        worker = get_current_worker()
        for _ in range(500):  # at most ~10 s, as a bound
            if self.steps.acquire(timeout=0.02):
                return True
            if worker.is_cancelled:
                return False
        return False


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    gate = Gate()
    # The reader imports it from `kzbrief.places` when it starts placing (in its thread).
    monkeypatch.setattr(places_module, "locate_in_steps", gate.locate_in_steps)
    yield gate
    gate.open(10)  # let a thread still waiting finish


def pane_of(app: KzbriefApp) -> DocumentsPane:
    return active_pane(app, DocumentsPane)


def rows(pane: DocumentsPane) -> list[str]:
    items = pane.documents_list
    return [items.text_at(i) for i in range(items.option_count)]


async def shown(pilot: Pilot[object]) -> None:
    """Let the reader draw (no waiting for workers: the placing one is held)."""
    for _ in range(5):
        await pilot.pause(0.02)


async def documents_tab(pilot: Pilot[object], app: KzbriefApp) -> DocumentsPane:
    """Tab 7, once its list of the two documents is drawn."""
    await shown(pilot)
    await pilot.press("7")
    await until(pilot, lambda: len(rows(pane_of(app))) == 2)
    return pane_of(app)


async def test_the_documents_show_before_their_quotes_are_placed(gate: Gate) -> None:
    app = KzbriefApp(MINI, documents=MINI_DOCS)
    async with app.run_test(size=SIZE) as pilot:
        pane = await documents_tab(pilot, app)
        # The list and the first document's text, every paragraph unmarked until placed.
        assert all("placing its quotes" in row for row in rows(pane))
        page = pane.text.page
        assert page is not None and page.document.name == "alpha.txt" and page.placing
        assert all("○" not in page.gutter(line)[0].plain for line in range(3))
        context = str(pane.query_one("#documents-context", Static).render())
        assert "placing its quotes" in context
        gate.open(2)  # the quotes with no document, then alpha.txt's
        await until(pilot, lambda: not pane.text.page.placing)  # type: ignore[union-attr]
        assert gate.placed[-1] == {"beta.txt"}
        first, second = rows(pane)
        assert "passages" in first and "placing its quotes" in second
        page = pane.text.page
        assert page is not None and page.passages and not page.placing
        assert "○" in page.gutter(0)[0].plain  # alpha's title paragraph: cited by none
        await pilot.press("l", "n")  # into the text: its passages now walk with n
        await until(pilot, lambda: pane.text.current == 0)
        gate.open()
        await until(pilot, lambda: all("passages" in row for row in rows(pane)))


async def test_the_document_on_screen_is_placed_first(gate: Gate) -> None:
    app = KzbriefApp(MINI, documents=MINI_DOCS)
    async with app.run_test(size=SIZE) as pilot:
        pane = await documents_tab(pilot, app)
        await pilot.press("j")  # beta.txt, still being placed
        await until(
            pilot, lambda: pane.text.page is not None and pane.text.page.document.name == "beta.txt"
        )
        gate.open(2)
        await until(pilot, lambda: len(gate.placed) == 2)
        assert gate.placed[-1] == {"alpha.txt"}  # beta.txt first, though listed second
        await until(pilot, lambda: not pane.text.page.placing)  # type: ignore[union-attr]
        gate.open()


async def test_d_before_the_quotes_are_placed_lands_on_its_quote_and_escape_returns(
    gate: Gate,
) -> None:
    app = KzbriefApp(MINI, documents=MINI_DOCS)
    async with app.run_test(size=SIZE) as pilot:
        await compare_tab(pilot, app)
        compare = pane_of_any(app)
        before = app.focused
        await pilot.press("d")  # Alpha's quote on neutrality; nothing placed yet
        await until(pilot, lambda: pane_of_any(app).id == "documents")
        pane = pane_of(app)
        await until(pilot, lambda: pane.text.page is not None)
        assert pane.text.page is not None and pane.text.page.document.name == "alpha.txt"
        assert pane.text.current is None
        assert "Quotes of" in rows(pane)[0] and "…" in rows(pane)[1]
        gate.open(4)  # its three steps, and the one that finds no more
        await until(pilot, lambda: pane.text.current is not None)
        page = pane.text.page
        assert page is not None
        passage = page.passages[pane.text.current]
        assert (passage.source, passage.quote) == ("alpha", "is neither a client nor an enemy")
        await settle(pilot)
        text = pane.text
        line, _ = page.document.line_col(passage.start)
        top = text.scroll_offset.y
        assert top <= text._row_starts[line - 1] < top + text.scrollable_content_region.height
        assert "¶2" in rows(pane)[1]
        await pilot.press("escape")
        await settle(pilot)
        assert pane_of_any(app) is compare and app.focused is before


def pane_of_any(app: KzbriefApp) -> Pane:
    return active_pane(app, Pane)


async def compare_tab(pilot: Pilot[object], app: KzbriefApp) -> None:
    """Tab 4, drawn, its first point (neutrality) chosen: `d` then opens Alpha's quote."""
    await shown(pilot)
    await pilot.press("4")
    await until(pilot, lambda: pane_of_any(app).id == "compare" and bool(pane_of_any(app).view))
    await shown(pilot)


async def test_a_trail_row_drawn_after_escape_lets_go_of_it_is_no_crash(gate: Gate) -> None:
    """Escape lets go of the Documents tab's trail and view; a placing step or a resize may
    still draw one of the trail's rows after that: it is drawn as it was made."""
    app = KzbriefApp(MINI, documents=MINI_DOCS)
    async with app.run_test(size=SIZE) as pilot:
        await compare_tab(pilot, app)
        await pilot.press("d")
        await until(pilot, lambda: pane_of_any(app).id == "documents")
        pane = pane_of(app)
        gate.open(4)
        await until(pilot, lambda: pane.text.current is not None)
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert pane.view is None  # let go of, to be drawn afresh when next shown
        # A trail row is drawn when it is first seen: after escape it still may be (the
        # list's rows stay until it is drawn afresh), and draws the quote it was made for.
        listed = pane.documents_list
        [trail_row] = [row for row in listed._rows if row.key == "quote:0"]
        assert "is neither a client nor an enemy" in trail_row.draw(100).plain
        await pilot.press("7")
        await until(pilot, lambda: len(rows(pane_of(app))) == 2)
