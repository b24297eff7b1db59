"""The Documents tab and `d`: from a quote to its paragraph, to the items citing it, and back."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers import DEFAULT_SET, SEEDS
from textual.widgets import Static
from tui_helpers import MINI, settle

from kzbrief.documents import HOW_TO_SUPPLY
from kzbrief.tui.app import KzbriefApp
from kzbrief.tui.config import documents_for, load_config
from kzbrief.tui.screens.main import MainScreen
from kzbrief.tui.widgets.document_text import DocumentText
from kzbrief.tui.widgets.documents import DocumentsPane
from kzbrief.tui.widgets.flow import Flow
from kzbrief.tui.widgets.nav_list import NavList

ROOT = Path(__file__).resolve().parents[2]
MINI_DOCS = ROOT / "tests" / "fixtures" / "mini-docs"
SIZE = (120, 40)


def main(app: KzbriefApp) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


def documents(app: KzbriefApp) -> DocumentsPane:
    pane = main(app).active_pane
    assert isinstance(pane, DocumentsPane)
    return pane


def current(app: KzbriefApp) -> tuple[str, str]:
    text = documents(app).text
    assert text.page is not None and text.current is not None
    passage = text.page.passages[text.current]
    return passage.source, passage.quote


def citers(app: KzbriefApp) -> list[str]:
    rows = documents(app).query_one("#documents-citers", NavList)
    return [rows.text_at(i) for i in range(rows.option_count)]


def on_screen(text: DocumentText) -> bool:
    """Whether the current passage's first row is inside the visible rows."""
    assert text.page is not None and text.current is not None
    line, _ = text.page.document.line_col(text.page.passages[text.current].start)
    row = text._row_starts[line - 1]
    top = text.scroll_offset.y
    return top <= row < top + text.scrollable_content_region.height


async def test_d_opens_the_quote_at_its_paragraph_and_escape_comes_back() -> None:
    app = KzbriefApp(MINI, documents=MINI_DOCS)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        screen = main(app)
        compare = screen.active_pane
        assert compare is not None
        before = app.focused
        # Each quote shows where it stands in its document, and c copies that too.
        assert "Alpha ¶2" in app.screen.query_one("#compare-detail", Flow).plain
        await pilot.press("c")
        assert "“is neither a client nor an enemy” [alpha.txt ¶2, line 5:25]" in app.clipboard
        await pilot.press("d")
        await settle(pilot)
        assert screen.active_name == "documents"
        assert current(app) == ("alpha", "is neither a client nor an enemy")
        assert on_screen(documents(app).text)
        assert any("Compare · Alpha's position" in row for row in citers(app))
        context = str(documents(app).query_one("#documents-context", Static).render())
        assert "alpha.txt" in context and "1 of 2 ¶ uncited" in context
        # j walks the item's quotes: Beta's, in its own document.
        await pilot.press("j")
        await settle(pilot)
        assert current(app) == ("beta", "Neutrality is impossible.")
        await pilot.press("escape")
        await settle(pilot)
        assert screen.active_name == "compare" and app.focused is before
        assert compare.points_list.current == "neutrality"  # type: ignore[attr-defined]


async def test_a_passage_lists_its_citing_items_and_enter_jumps_there() -> None:
    app = KzbriefApp(MINI, documents=MINI_DOCS)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("7")
        await settle(pilot)
        pane = documents(app)
        assert pane.documents_list.current == "doc:alpha.txt"
        await pilot.press("j", "l")  # Beta's document, then its text
        await settle(pilot)
        assert app.focused is pane.text
        await pilot.press("n")  # the first quoted passage
        await settle(pilot)
        assert current(app) == ("beta", "remains the Kremlin’s solid ally")
        for _ in range(6):  # on, passage by passage, to the trade figure
            if current(app)[1] == "Trade reached 24 billion dollars in 2022":
                break
            await pilot.press("n")
            await settle(pilot)
        assert current(app) == ("beta", "Trade reached 24 billion dollars in 2022")
        rows = citers(app)
        assert any("Note · on Beta" in r for r in rows) and any("Figure · 24" in r for r in rows)
        await pilot.press("c")
        assert "[beta.txt ¶2, line 4:10]" in app.clipboard
        await pilot.press("enter")  # to the items citing it
        await settle(pilot)
        assert app.focused is pane.query_one("#documents-citers")
        await pilot.press("enter")  # the first: Beta's note, on the Sources tab
        await settle(pilot)
        assert main(app).active_name == "sources"


async def test_without_documents_d_and_the_tab_say_how_to_supply_them() -> None:
    app = KzbriefApp(MINI)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        detail = app.screen.query_one("#compare-detail", Flow).plain
        assert "¶" not in detail
        await pilot.press("d")
        await settle(pilot)
        assert main(app).active_name == "compare"
        assert any("--sources DIR" in str(n.message) for n in app._notifications)
        await pilot.press("7")
        await settle(pilot)
        message = documents(app).query_one("#documents-none", Static)
        assert message.display and str(message.render()) == HOW_TO_SUPPLY


async def test_a_changed_document_is_flagged_in_the_item_and_in_the_document(
    tmp_path: Path,
) -> None:
    docs = Path(shutil.copytree(MINI_DOCS, tmp_path / "docs"))
    beta = docs / "beta.txt"
    beta.write_text(beta.read_text(encoding="utf-8").replace("is impossible", "is hard"))
    app = KzbriefApp(MINI, documents=docs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        assert "⚠ not found in" in app.screen.query_one("#compare-detail", Flow).plain
        await pilot.press("7")
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        rows = citers(app)
        assert any("1 quotes not found in this document" in r for r in rows)
        assert any("Neutrality is impossible." in r for r in rows)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents are not beside the project")
async def test_from_the_neutrality_comparison_to_the_paragraph_and_back_in_two_keys() -> None:
    app = KzbriefApp(DEFAULT_SET, documents=SEEDS)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        screen = main(app)
        compare = screen.active_pane
        assert compare is not None
        assert compare.points_list.current == "neutrality"  # type: ignore[attr-defined]
        _, quotes = compare.quotes()
        before = app.focused
        await pilot.press("d")
        await settle(pilot)
        text = documents(app).text
        assert current(app) == (quotes[0].source, quotes[0].quote) and on_screen(text)
        # Every source's quote is a j away, each in its own document, each centred.
        sources = {quotes[0].source}
        for quote in quotes[1:]:
            await pilot.press("j")
            await settle(pilot)
            assert current(app) == (quote.source, quote.quote) and on_screen(text)
            sources.add(quote.source)
        assert len(sources) == 5
        await pilot.press("escape")
        await settle(pilot)
        assert screen.active_name == "compare" and app.focused is before


async def test_the_config_names_a_sets_documents_by_name_or_folder(tmp_path: Path) -> None:
    path = tmp_path / "config.json"
    shutil.copytree(MINI_DOCS, tmp_path / "docs")
    path.write_text(json.dumps({"sources": {"mini": "docs", "other": 3, "x": ""}}))
    config = load_config(path)
    assert config.sources == {"mini": "docs"}
    assert documents_for(config, MINI, path) == tmp_path / "docs"
    path.write_text(json.dumps({"sources": {str(MINI.resolve()): str(MINI_DOCS)}}))
    assert documents_for(load_config(path), MINI, path) == MINI_DOCS
    # --sources (or KZBRIEF_SOURCES), handed to the app, wins over the config.
    app = KzbriefApp(MINI, config=load_config(path), documents=tmp_path / "docs")
    assert app.documents == tmp_path / "docs"
    app = KzbriefApp(MINI, config=load_config(path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = main(app).view
        assert view is not None and view.located is not None
        assert view.located.documents.folder == MINI_DOCS


async def test_escape_restores_the_scrolled_detail_on_a_small_terminal() -> None:
    app = KzbriefApp(MINI, documents=MINI_DOCS)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("4", "enter")  # into the comparison's detail
        await settle(pilot)
        detail = app.screen.query_one("#compare-detail-scroll")
        await pilot.press("j", "j", "j")
        await settle(pilot)
        scrolled = detail.scroll_y
        assert scrolled > 0 and app.focused is detail
        await pilot.press("d")
        await settle(pilot)
        assert main(app).active_name == "documents" and on_screen(documents(app).text)
        await pilot.press("escape")
        await settle(pilot)
        assert main(app).active_name == "compare"
        assert app.focused is detail and detail.scroll_y == scrolled
        # The Documents tab, chosen afterwards, lists the documents again.
        await pilot.press("7")
        await settle(pilot)
        assert documents(app).documents_list.current == "doc:alpha.txt"


async def test_an_unreadable_or_missing_document_is_said_once_naming_the_file(
    tmp_path: Path,
) -> None:
    docs = Path(shutil.copytree(MINI_DOCS, tmp_path / "docs"))
    alpha = docs / "alpha.txt"
    alpha.write_bytes(alpha.read_text(encoding="utf-8").encode("utf-16"))
    (docs / "beta.txt").unlink()
    app = KzbriefApp(MINI, documents=docs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        said = [str(n.message) for n in app._notifications]
        assert len([m for m in said if "could not be read" in m]) == 1
        assert any("2 documents could not be read" in m for m in said)
        await pilot.press("4")
        await settle(pilot)
        # No place, and no per-quote alarm: the document's problem is said where it is.
        detail = app.screen.query_one("#compare-detail", Flow).plain
        assert "¶" not in detail and "not found" not in detail
        await pilot.press("7")
        await settle(pilot)
        pane = documents(app)
        rows = [pane.documents_list.text_at(i) for i in range(2)]
        assert "alpha.txt: is UTF-16" in rows[0] and "beta.txt: not found" in rows[1]
        assert any("alpha.txt: is UTF-16; save it as UTF-8" in r for r in citers(app))
