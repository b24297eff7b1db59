"""Reader tests never touch the user's config or cache."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tui_helpers import MINI


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KZBRIEF_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("KZBRIEF_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("KZBRIEF_STATE_DIR", str(tmp_path / "state"))
    # Tab underlines and scrolling animate; tests should not wait for them.
    monkeypatch.setattr("textual.constants.TEXTUAL_ANIMATIONS", "none")


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A writable copy of the mini fixture."""
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    return root
