"""Where the output goes: widths, colour conventions, closed pipes, full disks, ASCII terminals.

Catalog classes E1-E5, and C7 (the reader refuses anything but a terminal).
"""

from __future__ import annotations

import io
import os
import re
import subprocess
from pathlib import Path

import pytest
from hostile.harness import MINI, MINI_DOCS, READING_COMMANDS, Sandbox, _drain, assert_sane

B = ("--briefing", str(MINI))
COMMANDS = (
    *READING_COMMANDS,
    ("export",),
    ("schema",),
    ("validate",),
    ("verify", "--sources", str(MINI_DOCS)),
)
RICH_COMMANDS = COMMANDS[:6]
# One command for each way output is written: plain lines, JSON bytes, schema text, problems.
WRITERS = (("timeline", "--full"), ("export",), ("schema",), ("validate",), COMMANDS[-1])
THREE = (("summary",), ("compare", "neutrality"), ("sources",))  # text, columns, a table
WIDE = "Қазақстан 中文 👨‍👩‍👧 ❤️ e\u0301"
_COLOUR = re.compile(rb"\x1b\[(?:[0-9;]*;)?(?:3[0-79]|9[0-7]|38;[25]|4[0-79]|10[0-7])[;m]")


@pytest.fixture
def sandbox(tmp_path: Path) -> Sandbox:
    return Sandbox(tmp_path)


@pytest.fixture
def wide_set(sandbox: Sandbox) -> Path:
    root = sandbox.make_set()
    path = root / "briefing.yaml"
    path.write_text(path.read_text().replace("title: Mini briefing", f'title: "{WIDE}"'))
    return root


# -- E1 widths ----------------------------------------------------------------------


@pytest.mark.parametrize("columns", ["0", "1", "abc"])
def test_absurd_columns_still_show_everything(
    sandbox: Sandbox, wide_set: Path, columns: str
) -> None:
    for command in (("summary",), ("compare", "neutrality")):
        run = sandbox.run_in_pty(
            "--briefing", str(wide_set), *command, env={"COLUMNS": columns}, cols=100
        )
        assert run.returncode == 0, run.describe()
        screen = run.screen_text
        assert "Traceback" not in screen
        if command == ("summary",):
            assert WIDE in screen, f"COLUMNS={columns}: wide text lost\n{run.describe()}"
        else:
            assert screen.strip(), f"COLUMNS={columns}: nothing printed"


@pytest.mark.parametrize("size", [(1, 1), (2, 1), (17, 5), (20, 5)])
def test_a_tiny_terminal_still_shows_everything(
    sandbox: Sandbox, wide_set: Path, size: tuple[int, int]
) -> None:
    run = sandbox.run_in_pty("--briefing", str(wide_set), "summary", cols=size[0], rows=size[1])
    assert run.returncode == 0, run.describe()
    for part in ("Қазақстан", "中文", "👨\u200d👩\u200d👧", "❤️"):  # wrapped, never blanked
        assert part in run.screen_text, f"{part!r} lost at {size}\n{run.describe()}"


def test_a_pipe_is_never_wrapped(sandbox: Sandbox) -> None:
    from test_hostile_corpus import make_case

    root = make_case(sandbox, "a9-long-scalar")
    run = sandbox.run("--briefing", str(root), "summary", env={"COLUMNS": "20"})
    assert_sane(run, 0)
    scope = next(line for line in run.out.splitlines() if line.startswith("scope\t"))
    text = scope.split("\t")[2]  # kind, id, text, then the columns other records use
    assert len(text) > 90_000 and text.endswith("Two short fixture documents, for tests.")


def test_the_longest_value_on_a_terminal(sandbox: Sandbox) -> None:
    """The longest value the loader allows is wrapped by Rich in well under the time limit."""
    from test_hostile_corpus import make_case

    root = make_case(sandbox, "a9-long-scalar")
    run = sandbox.run_in_pty("--briefing", str(root), "summary", cols=80, timeout=5)
    assert run.returncode == 0, run.describe()
    assert "Two short fixture documents" in run.screen_text


# -- E2 colour conventions ------------------------------------------------------------


def test_a_terminal_gets_colour(sandbox: Sandbox) -> None:
    run = sandbox.run_in_pty(*B, "summary")
    assert run.returncode == 0 and _COLOUR.search(run.raw), run.describe()


def test_no_color_removes_colour(sandbox: Sandbox) -> None:
    for command in THREE:
        run = sandbox.run_in_pty(*B, *command, env={"NO_COLOR": "1"})
        assert run.returncode == 0, run.describe()
        assert not _COLOUR.search(run.raw), f"{command}: colour despite NO_COLOR"


def test_a_dumb_terminal_gets_no_escape_at_all(sandbox: Sandbox) -> None:
    for command in THREE:
        run = sandbox.run_in_pty(*B, *command, env={"TERM": "dumb"})
        assert run.returncode == 0, run.describe()
        assert b"\x1b" not in run.raw, f"{command}: escape codes on TERM=dumb"


def test_a_pipe_gets_plain_lines_whatever_the_environment(sandbox: Sandbox) -> None:
    """Documented: plain tab-separated lines on a pipe; FORCE_COLOR does not change that."""
    env = {"FORCE_COLOR": "1", "TERM": "xterm-256color", "COLORTERM": "truecolor"}
    for command in (*THREE, *WRITERS):
        run = sandbox.run(*B, *command, env=env)
        assert_sane(run, 0)
        assert b"\x1b" not in run.stdout + run.stderr


# -- E3 closed pipes and full disks ----------------------------------------------------


@pytest.mark.parametrize("command", WRITERS, ids=" ".join)
def test_a_closed_pipe_ends_quietly(sandbox: Sandbox, command: tuple[str, ...]) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # every write gets EPIPE at once
    try:
        run = sandbox.run(*B, *command, stdout=write_end)
    finally:
        os.close(write_end)
    assert_sane(run, 0)
    assert run.err == "", run.describe()


def test_a_closed_pipe_on_a_broken_set_ends_quietly(sandbox: Sandbox) -> None:
    from test_hostile_corpus import make_case

    root = make_case(sandbox, "all-files-broken")
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        run = sandbox.run("validate", str(root), stdout=write_end)
    finally:
        os.close(write_end)
    assert_sane(run)
    assert run.err == ""


def test_head_reads_one_line(sandbox: Sandbox) -> None:
    command = " ".join(sandbox.command([*B, "timeline", "--full"])) + " | head -1"
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command],
        capture_output=True,
        env=sandbox.env(),
        cwd=sandbox.cwd,
        timeout=5,
        check=False,
    )
    assert done.returncode == 0 and done.stderr == b""
    assert done.stdout.startswith(b"date\tid\ttitle\tsources\tsummary\t")  # the header


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize("command", WRITERS, ids=" ".join)
def test_a_full_disk_is_one_line_and_exit_1(sandbox: Sandbox, command: tuple[str, ...]) -> None:
    fd = os.open("/dev/full", os.O_WRONLY)
    try:
        run = sandbox.run(*B, *command, stdout=fd)
    finally:
        os.close(fd)
    assert_sane(run, 1)
    assert run.err == "kzbrief: cannot write output: No space left on device\n", run.describe()


def test_export_to_a_fifo_writes_through_it(sandbox: Sandbox, tmp_path: Path) -> None:
    """`-o` onto something that is not a regular file writes into it, never replaces it."""
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    try:
        run = sandbox.run(*B, "export", "-o", str(fifo))
        data, _ = reader.communicate(timeout=5)
    finally:
        reader.kill()
    assert_sane(run, 0)
    assert data.startswith(b"{") and b'"briefing"' in data
    assert fifo.is_fifo() and not (tmp_path / ".out.fifo.tmp").exists()


def test_export_to_a_folder_is_one_line_and_exit_1(sandbox: Sandbox, tmp_path: Path) -> None:
    run = sandbox.run(*B, "export", "-o", str(tmp_path))
    assert_sane(run, 1)
    assert run.err.strip().endswith("Is a directory") and run.err.count("\n") == 1


# -- E4 output encodings ----------------------------------------------------------------

ASCII_ENVIRONMENTS = (
    {"PYTHONIOENCODING": "ascii"},
    {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0"},
)


@pytest.mark.parametrize("env", ASCII_ENVIRONMENTS, ids=["PYTHONIOENCODING", "LC_ALL=C"])
def test_an_ascii_pipe_gets_escapes_not_errors(
    sandbox: Sandbox, wide_set: Path, env: dict[str, str]
) -> None:
    for command in (("summary",), ("timeline", "--full"), ("sources",), ("export",), ("schema",)):
        args = command
        run = sandbox.run("--briefing", str(wide_set), *args, env=env)
        assert_sane(run, 0)
        if command != ("export",):  # JSON is UTF-8 by definition (RFC 8259)
            run.stdout.decode("ascii")  # nothing but ASCII
    timeline = sandbox.run("--briefing", str(wide_set), "timeline", env=env).out
    assert "\\u049a\\u0430\\u0437" in timeline  # Қаз, as escapes


@pytest.mark.parametrize("env", ASCII_ENVIRONMENTS, ids=["PYTHONIOENCODING", "LC_ALL=C"])
def test_an_ascii_terminal_gets_escapes_not_errors(
    sandbox: Sandbox, wide_set: Path, env: dict[str, str]
) -> None:
    for command in THREE:
        run = sandbox.run_in_pty("--briefing", str(wide_set), *command, env=env)
        assert run.returncode == 0, run.describe()
        assert "Traceback" not in run.screen_text and "UnicodeEncodeError" not in run.screen_text


@pytest.mark.parametrize("env", ASCII_ENVIRONMENTS, ids=["PYTHONIOENCODING", "LC_ALL=C"])
def test_errors_with_non_ascii_names_on_an_ascii_stderr(
    sandbox: Sandbox, env: dict[str, str]
) -> None:
    root = sandbox.make_set("Қазақстан-中文")
    (root / "topics.yaml").write_text("topics: [\n")
    (root / "заметки.yaml").write_text("x: 1\n")
    run = sandbox.run("--briefing", str(root), "summary", env=env)
    assert_sane(run, 1)
    run.stderr.decode("ascii")
    assert "topics.yaml:2:" in run.err and "yaml: is not a briefing file" in run.err


# -- E5 narrow renderers ----------------------------------------------------------------


def test_every_rich_renderer_survives_every_narrow_width() -> None:
    """Whatever width reaches Rich (the CLI clamps it to 20 or more), nothing raises."""
    from rich.console import Console

    from kzbrief import query
    from kzbrief.load import load_set
    from kzbrief.render import compare, summary, tables, timeline

    loaded = load_set(MINI, use_cache=False)
    bset = loaded.briefing
    assert bset is not None
    events = query.events(bset)
    renderables = [
        *summary.summary(bset, None),
        *summary.summary(bset, bset.topics[0]),
        *timeline.timeline(bset, events, True),
        *compare.contested_list(bset.contested),
        *compare.compare(bset, bset.contested[0]),
        *tables.sources(bset),
        *tables.topics(bset),
    ]
    for width in (*range(1, 30), 40, 80):
        console = Console(
            file=io.StringIO(), width=width, markup=False, emoji=False, highlight=False
        )
        for renderable in renderables:
            console.print(renderable)


@pytest.mark.parametrize("cols", [19, 20])
def test_columns_just_under_and_over_the_minimum(sandbox: Sandbox, cols: int) -> None:
    for command in THREE:
        run = sandbox.run_in_pty(*B, *command, cols=cols, rows=10)
        assert run.returncode == 0, run.describe()
        assert "ZeroDivisionError" not in run.screen_text


# -- C7 the reader needs a terminal -----------------------------------------------------


def test_the_reader_refuses_a_pipe(sandbox: Sandbox) -> None:
    run = sandbox.run(*B)
    assert_sane(run, 2)
    assert "kzbrief summary" in run.err and run.stdout == b""


def test_the_reader_refuses_stdin_from_dev_null(sandbox: Sandbox) -> None:
    run = sandbox.run_in_pty(*B, stdin_tty=False, timeout=5)
    assert run.returncode == 2, run.describe()
    assert "kzbrief summary" in run.screen_text
    assert b"\x1b" not in run.raw, "the reader started and drew on a half terminal"


@pytest.mark.parametrize("piped", ["stdout", "stderr"])
def test_the_reader_refuses_a_piped_stream_with_a_terminal_stdin(
    sandbox: Sandbox, piped: str
) -> None:
    """Textual draws on stderr: with stderr redirected the screen would stay blank."""
    master, slave = os.openpty()
    try:
        done = subprocess.run(
            sandbox.command(B),
            stdin=slave,
            stdout=subprocess.PIPE if piped == "stdout" else slave,
            stderr=subprocess.PIPE if piped == "stderr" else slave,
            env=sandbox.env({"TERM": "xterm-256color"}),
            cwd=sandbox.cwd,
            timeout=5,
            check=False,
        )
    finally:
        os.close(slave)
    try:
        shown = _drain(master)
    finally:
        os.close(master)
    assert done.returncode == 2 and b"\x1b" not in (done.stdout or b"") + (done.stderr or b"")
    if piped == "stderr":  # the refusal is also shown where the user is looking
        assert b"kzbrief: the reader needs stdin, stdout and stderr on a terminal" in shown
