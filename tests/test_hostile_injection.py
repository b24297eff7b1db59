"""Markup and escape sequences in data, names and arguments: shown literally, never obeyed.

Catalog classes B1-B3 (Rich markup, emoji, highlighting, Markdown links), C4 and
D1 (control characters reaching the terminal), on the command line; the reader's
side is in test_hostile_reader.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hostile.cases import payload_shown, visible
from hostile.generate import inject_everywhere
from hostile.harness import MINI, MINI_DOCS, READING_COMMANDS, Sandbox, assert_sane

COMMANDS = (
    *READING_COMMANDS,
    ("validate",),
    ("export",),
)
# Escape sequences planted in the data: after the sanitiser, each may appear only as text,
# never right after a real ESC byte.
PLANTED = (b"]52;c;cHduZWQ=", b"]0;T", b"[38;5;196mRAWRED", b"]8;;https://evil.example")
_C1_OR_BIDI = re.compile("[\x80-\x9f\u202a-\u202e\u2066-\u2069\udc80-\udcff]")
_SGR = re.compile(rb"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def injected(tmp_path_factory: pytest.TempPathFactory) -> tuple[Sandbox, Path, int]:
    sandbox = Sandbox(tmp_path_factory.mktemp("injected"))
    root = sandbox.make_set()
    fields = inject_everywhere(root)
    return sandbox, root, fields


def assert_no_planted_sequence(raw: bytes, *, only_sgr: bool = False) -> None:
    """Nothing planted reaches the terminal raw; with `only_sgr`, no escape but colour at all."""
    for marker in PLANTED:
        start = 0
        while (found := raw.find(marker, start)) >= 0:
            assert found == 0 or raw[found - 1] != 0x1B, f"raw {marker!r} reached the terminal"
            start = found + 1
    text = raw.decode("utf-8", "surrogateescape")
    leak = _C1_OR_BIDI.search(text)
    assert leak is None, f"raw {leak.group()!r} reached the terminal"
    if only_sgr:
        rest = _SGR.sub(b"", raw)
        assert b"\x1b" not in rest, rest[rest.index(b"\x1b") - 40 : rest.index(b"\x1b") + 40]
        assert b"\x07" not in rest and b"\x00" not in rest


def _args(root: Path, command: tuple[str, ...]) -> list[str]:
    if command == ("validate",):
        return ["validate", str(root)]
    return ["--briefing", str(root), *command]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_payload_in_every_field_is_shown_literally_in_a_pipe(
    injected: tuple[Sandbox, Path, int], command: tuple[str, ...]
) -> None:
    sandbox, root, fields = injected
    run = sandbox.run(*_args(root, command))
    assert_sane(run, 0)
    assert "😄" not in run.out and "❤" not in run.out, "an emoji code was converted"
    shown = {int(n) for n in re.findall(r"\[bold\]B(\d+)\[/\]", run.out)}
    if command == ("validate",):
        assert run.out.startswith("ok: ")
        return
    assert shown, "the command shows no text field at all"
    # Every field a command shows holds the whole payload, literally (JSON doubles backslashes).
    for n in shown:
        expected = payload_shown(n)
        if command == ("export",):
            expected = expected.replace("\\", "\\\\")
        assert expected in run.out, f"field B{n} is not shown literally"
    if command == ("export",):
        assert shown == set(range(1, fields + 1)), "export must carry every field"
    sandbox.assert_untouched()


def test_verify_with_injected_quotes_reports_them_safely(
    injected: tuple[Sandbox, Path, int],
) -> None:
    sandbox, root, _ = injected
    run = sandbox.run("--briefing", str(root), "verify", "--sources", str(MINI_DOCS))
    assert_sane(run, 1)  # the payload is no quote of the documents
    assert "not found verbatim" in run.out and "[bold]B" in run.out


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_payload_in_every_field_never_reaches_a_terminal_raw(
    injected: tuple[Sandbox, Path, int], command: tuple[str, ...]
) -> None:
    sandbox, root, _ = injected
    run = sandbox.run_in_pty(*_args(root, command), cols=240, rows=50, timeout=5)
    assert run.returncode == 0, run.describe()
    assert "Traceback" not in run.screen_text, run.describe()
    assert_no_planted_sequence(run.raw, only_sgr=True)
    screen = run.screen_text
    if command[0] in ("summary", "timeline", "compare", "export"):
        assert "\\x1b]52;c;cHduZWQ=\\x07" in screen.replace("\\\\", "\\"), run.describe()
        assert ":smile:" in screen and "😄" not in screen
        assert "Status [/] done" in screen and "[@click=app.quit]" in screen
        assert "[link=https://evil.example]" in screen
    sandbox.assert_untouched()


def test_markup_fields_on_a_terminal_keep_their_text(tmp_path: Path) -> None:
    """B1/B2: Rich markup, emoji codes and a trailing backslash, exactly as written."""
    from test_hostile_corpus import make_case

    sandbox = Sandbox(tmp_path)
    root = make_case(sandbox, "b1-markup-literal")
    run = sandbox.run_in_pty("--briefing", str(root), "summary", cols=200, rows=50)
    screen = run.screen_text
    assert run.returncode == 0, run.describe()
    for text in (
        "Status [/] done; a [/bold] b; Array[in] x; [bold red]loud[/]",
        "[link=https://evil.example]Click bank[/link] :smile: :red_heart: C:\\dir\\",
        '[@click=app.quit]Read more[/] [@click=app.screenshot("pwned.svg","somewhere")]x[/]',
    ):
        assert text in screen, run.describe()
    assert "C:\\dir\\\\" not in screen, "a trailing backslash was doubled (rich#878)"
    assert b"\x1b]8;" not in run.raw, "a hyperlink escape was emitted"
    assert_no_planted_sequence(run.raw, only_sgr=True)


# -- names and arguments echoed in messages -----------------------------------------


@pytest.mark.parametrize(
    ("args", "exit_code", "shown"),
    [
        (("--briefing", "\x1b]0;pwned\x07x", "summary"), 2, "\\x1b]0;pwned\\x07x"),
        (("--briefing", "\x9b2J\u202ex", "summary"), 2, "\\x9b2J\\u202ex"),
        (("validate", "\x1b]52;c;cHduZWQ=\x07"), 2, "\\x1b]52;c;cHduZWQ=\\x07"),
        (("--briefing", "{mini}", "compare", "\x1b]0;pwned\x07"), 2, "\\x1b]0;pwned\\x07"),
        (("--briefing", "{mini}", "summary", "--topic", "\x1b[2J"), 2, "\\x1b[2J"),
        (("--briefing", "{mini}", "timeline", "--from", "\x1b]0;x\x07"), 2, "\\x1b]0;x\\x07"),
        (("--briefing", "{mini}", "verify", "--sources", "\x1b]0;x\x07"), 2, "\\x1b]0;x\\x07"),
        (("--briefing", "{mini}", "export", "-o", "\x1b]0;x\x07/out.json"), 1, "\\x1b]0;x\\x07"),
        (("\x1b]0;pwned\x07",), 2, "\\x1b]0;pwned\\x07"),
        (("--briefing", "x" * 5000, "summary"), 2, "File name too long"),
    ],
    ids=lambda v: repr(v)[:40] if isinstance(v, tuple) else str(v),
)
def test_arguments_echoed_in_errors_are_escaped(
    tmp_path: Path, args: tuple[str, ...], exit_code: int, shown: str
) -> None:
    from hostile.harness import MINI

    sandbox = Sandbox(tmp_path)
    run = sandbox.run(*(a.format(mini=MINI) if a == "{mini}" else a for a in args))
    assert_sane(run, exit_code)
    assert shown in run.err, run.describe()
    assert len(run.err.strip().splitlines()) <= 2, "a usage error is one line (plus a hint)"
    sandbox.assert_untouched()


def test_environment_briefing_name_is_escaped(tmp_path: Path) -> None:
    sandbox = Sandbox(tmp_path)
    run = sandbox.run("summary", env={"KZBRIEF_BRIEFING": "\x1b]0;pwned\x07"})
    assert_sane(run, 2)
    assert "\\x1b]0;pwned\\x07" in run.err


@pytest.mark.parametrize("folder", ["\x1b]0;pwned-folder\x07", "\x9b31m\u202efolder"])
def test_a_hostile_folder_name_is_escaped_in_every_message(tmp_path: Path, folder: str) -> None:
    """The set's own folder name is echoed in every problem, including OS error texts."""
    from test_hostile_corpus import make_case

    sandbox = Sandbox(tmp_path)
    broken = make_case(sandbox, "f1-link-to-itself")  # the OS error quotes the path
    root = broken.rename(broken.parent / folder)
    (root / "timeline.yaml").write_text("events: [unclosed\n")
    for args in (("validate", str(root)), ("--briefing", str(root), "summary")):
        run = sandbox.run(*args)
        assert_sane(run, 1)
        text = run.out + run.err
        assert "too many levels of symbolic links" in text and "timeline.yaml:2:" in text
        assert visible(folder) in text
    pty = sandbox.run_in_pty("--briefing", str(root), "summary")
    assert pty.returncode == 1
    assert_no_planted_sequence(pty.raw)
    assert b"\x1b]0;pwned" not in pty.raw and b"\x07" not in pty.raw


def test_hostile_file_names_never_reach_a_terminal_raw(tmp_path: Path) -> None:
    from test_hostile_corpus import make_case

    sandbox = Sandbox(tmp_path)
    root = make_case(sandbox, "names-with-escape-sequences")
    for args in (("validate", str(root)), ("--briefing", str(root), "timeline")):
        run = sandbox.run_in_pty(*args, cols=200)
        assert run.returncode == 1, run.describe()
        assert b"\x1b]0;pwned" not in run.raw and b"\x07" not in run.raw
        assert b"\x1b[2J" not in run.raw
        assert_no_planted_sequence(run.raw, only_sgr=True)
        assert "\\x1b]0;pwned-title\\x07.yaml" in run.screen_text


@pytest.mark.parametrize(
    ("command", "code"),
    [
        (("lint",), 0),
        (("lint", "--json"), 0),
        (("diff", str(MINI)), 1),
        (("diff", str(MINI), "--json"), 1),
    ],
)
def test_lint_and_diff_show_payloads_only_as_text(
    injected: tuple[Sandbox, Path, int], command: tuple[str, ...], code: int
) -> None:
    """diff quotes briefing text in its changes (lint only in repr, which escapes it);
    neither lets a payload reach a pipe or a terminal raw."""
    sandbox, root, _ = injected
    piped = sandbox.run(*_args(root, command))
    assert_sane(piped, code)
    if command[0] == "diff":
        assert "[bold]B" in piped.out, "no briefing text shown: the test would prove nothing"
    run = sandbox.run_in_pty(*_args(root, command), cols=240, rows=50, timeout=5)
    assert run.returncode == code and "Traceback" not in run.screen_text, run.describe()
    assert_no_planted_sequence(run.raw, only_sgr=True)
    sandbox.assert_untouched()
