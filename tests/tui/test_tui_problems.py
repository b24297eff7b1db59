"""The problems screen for authors: enter opens $EDITOR at the line, c copies a problem."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from tui_helpers import edit, settle

from kzbrief.tui.app import KzbriefApp
from kzbrief.tui.screens.problems import ProblemsScreen


def _suspendable(app: KzbriefApp, monkeypatch: pytest.MonkeyPatch) -> None:
    """The test's headless driver cannot hand over a terminal; let it pretend, as a
    terminal's driver does (suspending and resuming are no-ops here)."""
    assert app._driver is not None
    monkeypatch.setattr(type(app._driver), "can_suspend", property(lambda self: True))


async def test_enter_opens_the_editor_at_the_line_and_c_copies(
    mini_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(mini_copy / "timeline.yaml", "date: 2022-01\n", "date: 2022-13\n")
    seen = tmp_path / "argv"
    editor = tmp_path / "editor.py"
    editor.write_text(f"import sys\nopen({str(seen)!r}, 'w').write('\\n'.join(sys.argv[1:]))\n")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    monkeypatch.delenv("VISUAL", raising=False)
    app = KzbriefApp(mini_copy)
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ProblemsScreen)
        _suspendable(app, monkeypatch)
        await pilot.press("enter")
        await settle(pilot)
        assert seen.read_text().splitlines() == ["+11", str(mini_copy / "timeline.yaml")]
        await pilot.press("c")
        await settle(pilot)
        assert copied and copied[0].startswith(f"{mini_copy / 'timeline.yaml'}:11:11:")
        assert "month 13" in copied[0]
