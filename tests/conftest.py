"""Shared fixtures: an isolated cache and config for every test, and a writable set.

The suite is hermetic: whatever the caller's shell sets (NO_COLOR, COLUMNS, TERM, HOME,
XDG_*), every test and every kzbrief it starts sees the same neutral environment.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import MINI

# Variables that change how Rich, Textual or kzbrief draw, or where they read and write.
_CALLER_ONLY = (
    "NO_COLOR",
    "FORCE_COLOR",
    "CLICOLOR",
    "CLICOLOR_FORCE",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "COLORTERM",
    "COLUMNS",
    "LINES",
    "JUPYTER_COLUMNS",
    "JUPYTER_LINES",
    "TEXTUAL",
    "TEXTUAL_THEME",
    "TEXTUAL_ANIMATIONS",
    "PAGER",
    "KZBRIEF_PAGER",
    "KZBRIEF_PATH",
    "KZBRIEF_SOURCES",
    "KZBRIEF_BRIEFING",
    "KZBRIEF_CACHE_DIR",
    "KZBRIEF_CONFIG_DIR",
    "KZBRIEF_STATE_DIR",
)


_HOME = pytest.StashKey[Path]()


def pytest_configure(config: pytest.Config) -> None:
    """Start every worker from the same environment, before any test or import reads it."""
    for name in _CALLER_ONLY:
        os.environ.pop(name, None)
    for name in [n for n in os.environ if n.startswith("XDG_")]:
        del os.environ[name]
    os.environ["TERM"] = "xterm-256color"
    # A pager on a pseudo-terminal waits for keys no test sends: none, unless a test asks.
    os.environ["KZBRIEF_PAGER"] = ""
    home = Path(tempfile.mkdtemp(prefix="kzbrief-test-home-"))
    config.stash[_HOME] = home
    os.environ["HOME"] = str(home)
    for name, sub in (
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_STATE_HOME", ".local/state"),
        ("XDG_DATA_HOME", ".local/share"),
    ):
        os.environ[name] = str(home / sub)


def pytest_unconfigure(config: pytest.Config) -> None:
    home = config.stash.get(_HOME, None)
    if home is not None:
        shutil.rmtree(home, ignore_errors=True)


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
