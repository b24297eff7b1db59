"""Output is never lost or misplaced: `-o` files, short writes, closed streams, one-line paths.

Red-team cases E1-E15, O1-O9, O17 and P2, each by its root cause: how `-o` replaces a
file (`render.output_file`), how stdout takes bytes (`render.streams`), which streams the
reader needs, and how a path is shown in a message (`sanitise.escape_line`).
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import tempfile
from pathlib import Path

import pytest
from hostile.harness import MINI, Run, Sandbox, assert_sane

from kzbrief.render.output_file import CannotWrite, write_file
from kzbrief.sanitise import escape_line

B = ("--briefing", str(MINI))
DATA = b'{"new": true}\n'


@pytest.fixture
def sandbox(tmp_path: Path) -> Sandbox:
    return Sandbox(tmp_path)


def _temps(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(".kzbrief-")]


# -- `-o`: where the bytes go ----------------------------------------------------------


@pytest.mark.parametrize("target", [".", "/", "..", "out/", "{tmp}"])
def test_a_folder_is_one_line_naming_it(tmp_path: Path, target: str) -> None:
    target = target.format(tmp=tmp_path)
    with pytest.raises(CannotWrite) as caught:
        write_file(target, DATA)
    assert str(caught.value) == f"cannot write {target}: Is a directory"
    assert not (tmp_path / "out").exists()


def test_a_link_to_a_file_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    target = tmp_path / "target.json"
    target.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    write_file(link, DATA)
    assert link.is_symlink() and target.read_bytes() == DATA
    assert _temps(tmp_path) == []


def test_a_planted_temporary_name_is_never_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    out = tmp_path / "out"
    out.mkdir()
    for name in (".out.json.tmp", ".kzbrief-out.json.tmp", "out.json.tmp"):
        (out / name).symlink_to(victim)
    write_file(out / "out.json", DATA)
    assert victim.read_text() == "precious"
    assert (out / "out.json").read_bytes() == DATA and not (out / "out.json").is_symlink()


def test_mode_and_hard_links_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("secret")
    target.chmod(0o600)
    other = tmp_path / "other-name.json"
    os.link(target, other)
    write_file(target, DATA)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert other.read_bytes() == DATA and target.stat().st_ino == other.stat().st_ino
    lone = tmp_path / "lone.json"
    lone.write_text("x" * 100)  # longer than the new content: nothing of it may remain
    lone.chmod(0o640)
    write_file(lone, DATA)
    assert lone.read_bytes() == DATA and stat.S_IMODE(lone.stat().st_mode) == 0o640


def test_a_new_file_gets_what_a_redirection_gives(tmp_path: Path) -> None:
    mask = os.umask(0o027)
    try:
        write_file(tmp_path / "new.json", DATA)
    finally:
        os.umask(mask)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o640


def test_the_longest_legal_name_is_written(tmp_path: Path) -> None:
    name = "a" * 250 + ".json"  # 255 bytes, NAME_MAX
    write_file(tmp_path / name, DATA)
    assert (tmp_path / name).read_bytes() == DATA and _temps(tmp_path) == []


def test_an_error_names_the_path_on_one_line(tmp_path: Path) -> None:
    target = tmp_path / "no\nsuch" / "out\x1b.json"
    with pytest.raises(CannotWrite) as caught:
        write_file(target, DATA)
    message = str(caught.value)
    assert "\n" not in message and "\x1b" not in message
    assert (
        message == f"cannot write {tmp_path}/no\\x0asuch/out\\x1b.json: No such file or directory"
    )


def test_export_to_a_link_to_its_own_stdout_fills_the_redirection(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """What `kzbrief export -o /dev/stdout > out.json` does as root: /dev/stdout is a link
    to /proc/self/fd/1, which leads to out.json. The link stays; out.json gets the JSON."""
    link = tmp_path / "stdout"
    link.symlink_to("/proc/self/fd/1")
    out = tmp_path / "out.json"
    with out.open("wb") as handle:
        run = sandbox.run(*B, "export", "-o", str(link), stdout=handle.fileno())
    assert_sane(run, 0)
    assert link.is_symlink() and os.readlink(link) == "/proc/self/fd/1"
    assert out.read_bytes().startswith(b'{\n  "briefing"') and _temps(tmp_path) == []


def _shell(sandbox: Sandbox, script: str, *args: str) -> Run:
    """Run a bash `script` in which "$@" is `kzbrief ARGS`."""
    done = subprocess.run(
        ["bash", "-c", script, "_", *sandbox.command(args)],
        capture_output=True,
        env=sandbox.env(),
        cwd=sandbox.cwd,
        timeout=10,
        check=False,
    )
    return Run(args, done.returncode, done.stdout, done.stderr, 0.0)


def _limited(sandbox: Sandbox, shell: str, *args: str) -> Run:
    """Under `ulimit -f 1`: files of 1024 bytes at most."""
    return _shell(sandbox, f"ulimit -f 1; {shell}", *args)


def test_a_failed_write_keeps_the_old_file_and_leaves_nothing(sandbox: Sandbox) -> None:
    lone = sandbox.cwd / "lone.json"
    lone.write_text("old")
    linked = sandbox.cwd / "linked.json"
    linked.write_text("old")
    os.link(linked, sandbox.cwd / "linked-too.json")
    for target in (lone, linked):
        run = _limited(sandbox, f'"$@" export -o {target.name}', *B)
        assert_sane(run, 1)
        assert run.err == f"kzbrief: cannot write {target.name}: File too large\n"
        assert target.read_text() == "old"
    assert _temps(sandbox.cwd) == []


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to become another user")
def test_another_users_file_is_written_in_place_and_keeps_its_owner() -> None:
    """As `>` does: a new file would be ours, and a folder we cannot write takes no temp.
    (In a forked child that becomes 'nobody': it may not be able to start this Python.)"""
    folder = Path(tempfile.mkdtemp(prefix="kzbrief-owner-"))
    try:
        folder.chmod(0o755)  # root's: 'nobody' may enter, not create
        target = folder / "shared.json"
        target.write_text("old content, longer than the new")
        target.chmod(0o666)
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            code = 1
            try:
                os.setgroups([])
                os.setgid(65534)
                os.setuid(65534)
                write_file(target, DATA)
                code = 0
            finally:
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        assert target.read_bytes() == DATA
        assert target.stat().st_uid == 0 and stat.S_IMODE(target.stat().st_mode) == 0o666
    finally:
        shutil.rmtree(folder)


# -- stdout takes every byte or the command fails ----------------------------------------


@pytest.mark.parametrize(
    "command", [("export",), ("schema",), ("timeline", "--full"), ("summary",)], ids=" ".join
)
def test_a_partial_write_is_exit_1_and_one_line(sandbox: Sandbox, command: tuple[str, ...]) -> None:
    """`ulimit -f` takes the first 1024 bytes and refuses the rest, as a nearly full disk
    does; Python's stdout would report the write as done and exit 0. (The built-in set:
    each command prints more than 1024 bytes of it.)"""
    run = _limited(sandbox, f'"$@" {" ".join(command)} > out')
    assert_sane(run, 1)
    assert run.err == "kzbrief: cannot write output: File too large\n", run.describe()
    assert (sandbox.cwd / "out").stat().st_size == 1024


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize("option", ["--help", "--version"])
def test_help_and_version_on_a_full_disk_are_one_line(sandbox: Sandbox, option: str) -> None:
    """argparse prints them and exits: the exit must not skip the flush that reports."""
    fd = os.open("/dev/full", os.O_WRONLY)
    try:
        run = sandbox.run(option, stdout=fd)
    finally:
        os.close(fd)
    assert_sane(run, 1)
    assert run.err == "kzbrief: cannot write output: No space left on device\n"


# -- closed standard streams ---------------------------------------------------------------


def _closed(sandbox: Sandbox, redirection: str, *args: str) -> Run:
    return _shell(sandbox, f'exec "$@" {redirection}', *args)


@pytest.mark.parametrize(
    "command", [("summary",), ("export",), ("schema",), ("validate",)], ids=" ".join
)
def test_a_closed_stdout_is_one_line_and_exit_1(sandbox: Sandbox, command: tuple[str, ...]) -> None:
    run = _closed(sandbox, ">&-", *B, *command)
    assert_sane(run, 1)
    assert run.err == "kzbrief: cannot write output: standard output is closed\n"


def test_a_closed_stdout_never_lands_in_a_file_opened_later(sandbox: Sandbox) -> None:
    """With fd 1 free, the first file opened (the cache entry) would take its number and
    receive the output; the cache must stay good and the export file must be whole."""
    out = sandbox.cwd / "out.json"
    run = _closed(sandbox, ">&-", *B, "export", "-o", str(out))
    assert_sane(run, 0)
    assert run.err == ""
    again = sandbox.run(*B, "export")
    assert_sane(again, 0)
    assert out.read_bytes() == again.stdout


def test_closed_stdin_and_stderr_do_no_harm(sandbox: Sandbox) -> None:
    assert_sane(_closed(sandbox, "<&-", *B, "summary"), 0)
    broken = sandbox.make_set()
    (broken / "topics.yaml").write_text("topics: [\n")
    assert_sane(_closed(sandbox, "2>&-", "--briefing", str(broken), "summary"), 1)
    assert_sane(_closed(sandbox, ">&-", *B), 2)  # the reader refuses


# -- a path in a message is one line ------------------------------------------------------


def test_escape_line_keeps_a_path_on_one_line() -> None:
    assert escape_line("a\nb\u2028c\x1b\td") == "a\\x0ab\\u2028c\\x1b\td"
    assert escape_line("plain/path") == "plain/path"


def test_messages_naming_a_folder_with_a_newline_are_one_line(sandbox: Sandbox) -> None:
    good = sandbox.make_set("with\nnewline")
    shown = str(good).replace("\n", "\\x0a")
    run = sandbox.run("validate", str(good))
    assert_sane(run, 0)
    assert run.out.startswith(f"ok: {shown}: ") and run.out.count("\n") == 1
    (good / "topics.yaml").write_text("topics: [\n")
    run = sandbox.run("validate", str(good))
    assert_sane(run, 1)
    assert run.out.splitlines()[-1] == f"1 problem(s) in {shown}"
    assert run.out.startswith(f"{shown}/topics.yaml:2:") and run.out.count("\n") == 2
    run = sandbox.run("--briefing", str(good), "summary")
    assert_sane(run, 1)
    assert run.err.splitlines()[-1] == f"kzbrief: 1 problem(s) in {shown}; see 'kzbrief validate'"
