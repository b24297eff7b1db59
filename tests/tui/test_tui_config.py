"""The reader's config file is data from disk: bounded to read, written through a link."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from tui_helpers import MINI, settle

from kzbrief.tui.app import KzbriefApp
from kzbrief.tui.config import MAX_CONFIG_BYTES, config_path, load_config, save_theme
from kzbrief.tui.screens.main import MainScreen


def _special(path: Path, kind: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path.symlink_to("/dev/zero")
    elif kind == "folder":
        path.mkdir()
    else:  # huge: past the cap, though valid JSON
        path.write_text(json.dumps({"theme": "nord", "pad": "x" * MAX_CONFIG_BYTES}))


@pytest.mark.parametrize("kind", ["fifo", "device", "folder", "huge"])
def test_a_config_that_is_not_a_small_regular_file_means_defaults(
    tmp_path: Path, kind: str
) -> None:
    path = tmp_path / "config.json"
    _special(path, kind)
    config = load_config(path)  # a FIFO opened for reading would block here
    assert config.theme == "" and config.keymap == {}
    assert str(path) in config.problem and "defaults" in config.problem
    assert "\n" not in config.problem
    assert not save_theme("nord", path)  # and it is not replaced
    assert path.is_fifo() == (kind == "fifo") and path.is_dir() == (kind == "folder")


async def test_the_reader_starts_on_defaults_and_says_why() -> None:
    _special(config_path(), "fifo")
    app = KzbriefApp(MINI)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        [note] = [n for n in app._notifications if "config.json" in n.message]
        assert "defaults" in note.message and "\n" not in note.message


def test_a_linked_config_is_written_through_keeping_its_mode(tmp_path: Path) -> None:
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    kept = dotfiles / "config.json"
    kept.write_text(json.dumps({"keymap": {"reload": "R"}}))
    kept.chmod(0o640)
    link = tmp_path / "config" / "config.json"
    link.parent.mkdir()
    link.symlink_to(kept)
    assert save_theme("nord", link)
    assert link.is_symlink() and link.resolve() == kept
    assert json.loads(kept.read_text()) == {"keymap": {"reload": "R"}, "theme": "nord"}
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    assert load_config(link).theme == "nord"
    assert sorted(p.name for p in dotfiles.iterdir()) == ["config.json"]  # no temp left
