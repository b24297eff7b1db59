"""Exporting from the reader: `e` (web page), `E` (Markdown) and the palette save the tab as
shown (its topic, its shown sources) to a new file, never replacing one, and say where."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandList
from tui_helpers import MINI, settle, until

from kzbrief.new_file import write_new
from kzbrief.tui.app import KzbriefApp
from kzbrief.tui.screens.main import MainScreen

SIZE = (120, 40)


@pytest.fixture
def notes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """What the reader tells the user: (message, severity)."""
    said: list[tuple[str, str]] = []

    def notify(self: KzbriefApp, message: str, **kw: object) -> None:
        said.append((message, str(kw.get("severity", "information"))))

    monkeypatch.setattr(KzbriefApp, "notify", notify)
    return said


async def test_e_saves_the_tab_as_shown_as_a_web_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, notes: list[tuple[str, str]]
) -> None:
    monkeypatch.chdir(tmp_path)
    existing = tmp_path / "kzbrief-mini-compare-economy.html"
    existing.write_text("someone's file")
    app = KzbriefApp(MINI)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.view is not None
        screen.view = screen.view.with_topic("economy").with_hidden(frozenset({"beta"}))
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        saved = tmp_path / "kzbrief-mini-compare-economy-2.html"
        assert notes[-1] == (f"Exported Compare as HTML to {saved}", "information")
        assert existing.read_text() == "someone's file", "an export never replaces a file"
        page = saved.read_text(encoding="utf-8")
        assert "How large was trade in 2022?" in page  # the topic's point
        assert "Is the republic neutral?" not in page  # another topic's
        assert 'id="timeline"' not in page and 'id="compare"' in page  # this tab only
        assert "Not shown: Beta" in page
        await pilot.press("E")
        await pilot.pause()
        markdown = tmp_path / "kzbrief-mini-compare-economy.md"
        assert notes[-1] == (f"Exported Compare as Markdown to {markdown}", "information")
        assert markdown.read_text(encoding="utf-8").startswith("# Mini briefing\n")


async def test_the_palette_exports_the_view(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, notes: list[tuple[str, str]]
) -> None:
    monkeypatch.chdir(tmp_path)
    app = KzbriefApp(MINI)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"export markdown")

        def first() -> str:
            commands = app.screen.query_one(CommandList)
            return str(commands.get_option_at_index(0).prompt) if commands.option_count else ""

        await until(pilot, lambda: first().startswith("Export this view as Markdown\n"))
        await pilot.press("enter")
        await until(pilot, lambda: bool(notes))
        saved = tmp_path / "kzbrief-mini-overview.md"
        assert notes[-1] == (f"Exported Overview as Markdown to {saved}", "information")
        assert "## Bottom line" in saved.read_text(encoding="utf-8")


async def test_an_unwritable_folder_falls_back_to_the_next_then_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, notes: list[tuple[str, str]]
) -> None:
    gone, home = tmp_path / "gone", tmp_path / "home"
    home.mkdir()
    monkeypatch.setattr("kzbrief.tui.export_view.folders", lambda: [gone, home])
    app = KzbriefApp(MINI)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        saved = home / "kzbrief-mini-overview.html"
        assert notes[-1] == (f"Exported Overview as HTML to {saved}", "information")
        monkeypatch.setattr("kzbrief.tui.export_view.folders", lambda: [gone])
        await pilot.press("e")
        await pilot.pause()
        message, severity = notes[-1]
        assert severity == "error" and message.startswith("Could not export: ")
        assert sorted(p.name for p in tmp_path.rglob("*.html")) == [saved.name]


def test_write_new_never_replaces_and_counts_up(tmp_path: Path) -> None:
    first = write_new(tmp_path, "x", ".md", b"1")
    second = write_new(tmp_path, "x", ".md", b"2")
    assert (first.name, second.name) == ("x.md", "x-2.md")
    assert first.read_bytes() == b"1" and second.read_bytes() == b"2"


def test_help_lists_both_keys_by_their_ids() -> None:
    from kzbrief.tui.screens.help import help_text

    text = help_text(KzbriefApp.help_groups(), {"export-markdown": "M"})
    assert "- `e` Save this tab (its topic and shown sources) as a web page *(export-html)*" in text
    assert (
        "- `M` Save this tab (its topic and shown sources) as Markdown *(export-markdown)*" in text
    )
