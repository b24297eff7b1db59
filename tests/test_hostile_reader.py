"""The reader (Textual) on hostile sets: literal text, no actions, no leaks, no crash.

Catalog classes C1-C6 and D1 on the reader's side, in-process through Pilot and
out of process on a real pseudo-terminal whose raw bytes are read. Skipped while
the reader cannot be imported (it is being written alongside this suite).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hostile.cases import CASES, payload_shown
from hostile.harness import LEAK, Sandbox
from test_hostile_corpus import make_case
from test_hostile_injection import assert_no_planted_sequence

try:
    from kzbrief.tui.app import KzbriefApp
except ImportError as exc:  # pragma: no cover - only while the reader is being written
    pytestmark = pytest.mark.skip(reason=f"the reader cannot be imported: {exc}")


@pytest.fixture(autouse=True)
def _quiet(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr("textual.constants.TEXTUAL_ANIMATIONS", "none")
    monkeypatch.chdir(tmp_path)  # anything written relative to the cwd lands here


async def settle(pilot: Any) -> None:
    await pilot.app.workers.wait_for_complete()
    for _ in range(6):
        await pilot.pause(0.02)


def screen_text(app: Any) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def segments(app: Any) -> Iterator[Any]:
    for strip in app.screen._compositor.render_strips():
        yield from strip


def where(app: Any, needle: str) -> list[tuple[int, int]]:
    """Screen offsets (x, y) where `needle` starts."""
    found = []
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        start = 0
        while (x := strip.text.find(needle, start)) >= 0:
            found.append((x, y))
            start = x + 1
    return found


def _set(tmp_path: Path, name: str) -> tuple[Sandbox, Path]:
    sandbox = Sandbox(tmp_path / "sandbox")
    return sandbox, make_case(sandbox, name)


# -- in process ---------------------------------------------------------------------


async def test_payload_is_literal_in_every_tab_and_clicking_it_does_nothing(
    tmp_path: Path,
) -> None:
    """C1, C2, C4: markup, actions and escapes in every field stay text; clicks run nothing."""
    _, root = _set(tmp_path, "d1-payload-in-every-field")
    app = KzbriefApp(root)
    opened: list[str] = []
    app.open_url = lambda url, **_: opened.append(url)  # type: ignore[method-assign]
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        assert type(app.screen).__name__ == "MainScreen", screen_text(app)
        seen = ""
        for key in "123456":
            await pilot.press(key)
            await settle(pilot)
            strips = app.screen._compositor.render_strips()
            text = "\n".join(strip.text for strip in strips)
            seen += text
            leak = LEAK.search(text)
            assert leak is None, f"tab {key}: raw {leak.group()!r} on screen"
            for segment in (segment for strip in strips for segment in strip):
                meta = segment.style.meta if segment.style else {}
                action = str(meta.get("@click", ""))
                assert not re.search(r"screenshot|quit", action) or not re.search(
                    r"[QS]\d+|Read more", segment.text
                ), f"tab {key}: data text became an action: {segment.text!r} -> {action!r}"
            clicks = [
                (strip.text.find("[@click=app.quit]") + 18, y)
                for y, strip in enumerate(strips)
                if "[@click=app.quit]" in strip.text
            ]
            for offset in clicks[:2]:  # on the would-be link text "Q<n>"
                await pilot.click(offset=offset)
                await pilot.pause()
            assert app.is_running and app.return_code is None, f"tab {key}: a click quit"
        assert "Status [/] done a [/bold] b Array[in] x" in seen and "[@click=app.quit]Q" in seen
        assert "C:\\dir\\ " in seen and "C:\\dir\\\\" not in seen
        assert ":smile:" in seen and "😄" not in seen
        assert "\\x1b]52;c;cHduZWQ=\\x07" in seen and "[link=https://evil.example]" in seen
        assert opened == [], "a click opened a URL"
    assert not list(tmp_path.rglob("*pwned*")) and not (tmp_path / "somewhere").exists()


@pytest.mark.parametrize("name", ["all-files-broken", "names-with-escape-sequences"])
async def test_a_broken_set_opens_on_the_error_list(tmp_path: Path, name: str) -> None:
    """The reader on a broken set shows every located problem, escaped, and nothing else."""
    _, root = _set(tmp_path, name)
    app = KzbriefApp(root)
    async with app.run_test(size=(250, 80)) as pilot:
        await settle(pilot)
        assert type(app.screen).__name__ == "ProblemsScreen"
        text = screen_text(app)
        assert "problems in" in text and LEAK.search(text) is None
        flat = " ".join(text.split())
        for at in CASES[name].at:
            label = f"{at.file}:{at.line}:" if at.line else f"{at.file}:"
            assert label in flat, f"{label!r} not on the error list:\n{text}"
            assert " ".join(at.says.split()) in flat, f"{at.says!r} not on the error list"
        await pilot.press("q")
    assert app.return_code == 0


async def test_thousands_of_events_open_quickly(tmp_path: Path) -> None:
    """C5: a long list is shown without a long wait, and its end is reachable."""
    _, root = _set(tmp_path, "c5-thousands-of-events")
    app = KzbriefApp(root)
    start = time.monotonic()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        for key in ("tab", "end", "G", "enter"):
            await pilot.press(key)
            await pilot.pause()
        await settle(pilot)
        assert time.monotonic() - start < 5, "3000 events took longer than 5 s"
        assert app.is_running
        assert "Event" in screen_text(app)


@pytest.mark.parametrize("size", [(20, 5)])
async def test_tiny_sizes_and_a_resize_to_nothing(tmp_path: Path, size: tuple[int, int]) -> None:
    """C6: tiny terminals, wide characters, and a resize through 0x0 and back."""
    _, root = _set(tmp_path, "c6-wide-unicode")
    app = KzbriefApp(root)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for key in ("2", "j", "tab", "6", "enter", "question_mark", "escape"):
            await pilot.press(key)
        await pilot.resize_terminal(0, 0)
        await pilot.pause(0.05)
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert app.is_running
        await pilot.press("1")
        await settle(pilot)
        assert "Қазақстан 中文 👨\u200d👩\u200d👧" in screen_text(app)


async def test_the_longest_value_opens_and_scrolls_in_time(tmp_path: Path) -> None:
    """E1/C6: a value at the loader's length cap is drawn and scrolled without a stall."""
    _, root = _set(tmp_path, "a9-long-scalar")
    app = KzbriefApp(root)
    start = time.monotonic()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for key in ("tab", "space", "end", "home", "2", "6"):
            await pilot.press(key)
        await settle(pilot)
        assert app.is_running
    assert time.monotonic() - start < 5


async def test_a_big_markdown_table_and_links_in_text(tmp_path: Path) -> None:
    """C3: Markdown in data is text: a 300x20 table does not stall, a link does not open."""
    _, root = _set(tmp_path, "c3-big-markdown-table")
    app = KzbriefApp(root)
    opened: list[str] = []
    app.open_url = lambda url, **_: opened.append(url)  # type: ignore[method-assign]
    start = time.monotonic()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        assert "<script>x</script>" in screen_text(app)
        for key in ("down", "j", "enter"):  # the topic with the table, and its summary
            await pilot.press(key)
        await settle(pilot)
        for x, y in [*where(app, "[Click"), *where(app, "|h0|")][:4]:
            await pilot.click(offset=(x + 2, y))
            await pilot.pause()
        assert opened == [] and app.is_running
    assert time.monotonic() - start < 5


async def test_open_url_refuses_what_is_not_a_web_address(tmp_path: Path) -> None:
    """C3: `o` opens a source's URL only when it is http(s)."""
    sandbox = Sandbox(tmp_path / "sandbox")
    root = sandbox.make_set()
    path = root / "sources.yaml"
    path.write_text(
        path.read_text().replace("'https://example.org/alpha'", "'javascript:alert(1)'")
    )
    app = KzbriefApp(root)
    opened: list[str] = []
    app.open_url = lambda url, **_: opened.append(url)  # type: ignore[method-assign]
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        for key in ("tab", "home", "o", "j", "o", "k", "o"):
            await pilot.press(key)
            await pilot.pause()
    assert all(url.startswith(("https://", "http://")) for url in opened), opened


# -- on a real terminal ---------------------------------------------------------------

QUIT: list[tuple[float, bytes | tuple[int, int]]] = [(0.3, b"q"), (1.5, b"\x11")]


def test_the_terminal_receives_no_planted_sequence(tmp_path: Path) -> None:
    """D1/C4: the reader's raw output holds the payload only as visible text."""
    sandbox, root = _set(tmp_path, "d1-payload-in-every-field")
    script = [(0.3, b"2"), (0.25, b"3"), (0.25, b"4"), (0.25, b"6"), *QUIT]
    run = sandbox.run_in_pty(
        "--briefing", str(root), cols=200, rows=50, script=script, wait_for=b"Bottom line"
    )
    assert run.returncode == 0, run.describe()
    assert "Traceback" not in run.screen_text, run.describe()
    assert_no_planted_sequence(run.raw)
    assert b"\x1b]0;T" not in run.raw and b"\x1b]8;;https://evil" not in run.raw
    assert "\\x1b]52;c;cHduZWQ=\\x07" in run.screen_text
    assert payload_shown(1)[:40] in run.screen_text
    sandbox.assert_untouched()


def test_the_terminal_shows_the_error_list_of_a_broken_set(tmp_path: Path) -> None:
    """Hostile names, a raw ESC in a file and thousands of files: a prompt, escaped list."""
    from hostile.generate import build

    sandbox, root = _set(tmp_path, "names-with-escape-sequences")
    build("c5-thousands-of-files", root)
    (root / "timeline.yaml").write_bytes(b"events: [\x1b]0;pwned\x07\n")
    run = sandbox.run_in_pty(
        "--briefing", str(root), cols=220, rows=60, script=QUIT, wait_for=b"problems in"
    )
    assert run.returncode == 0, run.describe()
    assert run.seconds < 5 + 2.1, run.describe()
    assert_no_planted_sequence(run.raw)
    assert b"\x1b]0;pwned" not in run.raw and b"\x1b[2J\x1b[31mred" not in run.raw
    text = run.screen_text
    assert "problems in" in text and "character U+001B is not allowed" in text
    assert "\\x1b]0;pwned-title\\x07.yaml" in text and "stray-00000.yaml" in text


def test_the_terminal_survives_a_resize_to_nothing(tmp_path: Path) -> None:
    sandbox, root = _set(tmp_path, "c6-wide-unicode")
    script = [(0.3, (1, 1)), (0.3, (0, 0)), (0.3, (2, 1)), (0.3, (100, 30)), *QUIT]
    run = sandbox.run_in_pty(
        "--briefing", str(root), cols=80, rows=24, script=script, wait_for=b"Bottom line"
    )
    assert run.returncode == 0, run.describe()
    assert "Traceback" not in run.screen_text and "Error" not in run.screen_text[-2000:]
    tail = run.raw[-300:]  # the terminal is handed back: main screen, mouse off
    assert b"\x1b[?1049l" in tail and b"\x1b[?1000l" in tail, tail
