"""Shared fixtures: an isolated cache and config for every test, and a writable set."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import MINI


@pytest.fixture(autouse=True)
def _isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("KZBRIEF_CACHE_DIR", str(home / "cache"))
    monkeypatch.setenv("KZBRIEF_CONFIG_DIR", str(home / "config"))
    monkeypatch.delenv("KZBRIEF_BRIEFING", raising=False)


@pytest.fixture
def mini_copy(tmp_path: Path) -> Iterator[Path]:
    """A writable copy of the fixture set."""
    target = tmp_path / "set"
    shutil.copytree(MINI, target)
    yield target
