"""A large set is parsed in a child process: the same set and the same located problems as
an in-process load, the cache written only when asked, and a child that can be stopped."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import MINI

from kzbrief.load import apart, load_if_cached, load_set, secret
from kzbrief.load.cache import cache_dir


@pytest.fixture(autouse=True)
def own_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The child reads the cache's secret from the state folder; this process must use the
    same one, not one an earlier test (another state folder) left in its memory."""
    monkeypatch.setenv("KZBRIEF_STATE_DIR", str(tmp_path / "state"))
    secret.cache_secret.cache_clear()
    yield
    secret.cache_secret.cache_clear()


@pytest.fixture
def in_child_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every set goes to a child, and this process cannot parse: what comes back was
    parsed there."""

    def no_parse(*_: object) -> None:
        raise AssertionError("parsed in the reader's process")

    monkeypatch.setattr(apart, "APART_FROM_BYTES", 0)
    monkeypatch.setattr("kzbrief.load.briefing_set._parse", no_parse)


def _copy(tmp_path: Path) -> Path:
    import shutil

    root = tmp_path / "set"
    shutil.copytree(MINI, root)
    return root


def test_a_set_parsed_in_a_child_is_the_set_load_set_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _copy(tmp_path)
    expected = load_set(root, use_cache=False).whole()
    with monkeypatch.context() as patched:
        patched.setattr(apart, "APART_FROM_BYTES", 0)
        patched.setattr("kzbrief.load.briefing_set._parse", None)  # unusable here
        loaded = apart.load_apart(root, use_cache=False)
    assert loaded.ok and loaded.root == root
    assert loaded.whole() == expected


def test_problems_found_in_a_child_are_located_as_in_process(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    text = (root / "briefing.yaml").read_text()
    (root / "briefing.yaml").write_text(text.replace("  title:", "  titel:", 1))
    expected = [str(p) for p in load_set(root, use_cache=False).problems]
    assert expected and all(":" in p.split(" ")[0] for p in expected)
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(apart, "APART_FROM_BYTES", 0)
        loaded = apart.load_apart(root, use_cache=True)
    assert not loaded.ok and loaded.briefing is None
    assert [str(p) for p in loaded.problems] == expected


def test_the_child_writes_the_cache_only_when_asked(tmp_path: Path, in_child_only: None) -> None:
    root = _copy(tmp_path)
    assert apart.load_apart(root, use_cache=False).ok
    assert not cache_dir().exists() or not any(cache_dir().glob("*.msgpack"))
    assert load_if_cached(root) is None
    assert apart.load_apart(root, use_cache=True).ok
    assert load_if_cached(root) is not None  # the next start shows it in its first frame


def test_a_cached_set_is_read_here_without_a_child(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _copy(tmp_path)
    assert load_set(root, use_cache=True).ok
    monkeypatch.setattr(apart, "APART_FROM_BYTES", 0)
    monkeypatch.setattr(apart, "_start", None)  # no child may start
    assert apart.load_apart(root, use_cache=True).ok


def _child(code: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def test_a_stopped_load_ends_its_child(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[subprocess.Popen[bytes]] = []

    def slow(root: Path, use_cache: bool) -> subprocess.Popen[bytes]:
        started.append(_child("import time; time.sleep(60)"))
        return started[-1]

    monkeypatch.setattr(apart, "APART_FROM_BYTES", 0)
    monkeypatch.setattr(apart, "_start", slow)
    stop = threading.Event()
    threading.Timer(0.3, stop.set).start()
    begun = time.monotonic()
    loaded = apart.load_apart(_copy(tmp_path), use_cache=False, stop=stop)
    assert time.monotonic() - begun < 30
    assert not loaded.ok and started[0].poll() is not None


def test_a_child_that_fails_is_a_problem_with_its_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(apart, "APART_FROM_BYTES", 0)
    monkeypatch.setattr(apart, "_start", lambda *_: _child("raise MemoryError('no room')"))
    root = _copy(tmp_path)
    loaded = apart.load_apart(root, use_cache=False)
    [problem] = loaded.problems
    assert not loaded.ok and problem.file == str(root) and "MemoryError" in problem.message


def test_no_child_can_start_then_the_set_is_parsed_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(*_: object) -> None:
        raise OSError("no more processes")

    monkeypatch.setattr(apart, "APART_FROM_BYTES", 0)
    monkeypatch.setattr(apart, "_start", refused)
    assert apart.load_apart(_copy(tmp_path), use_cache=False).ok
