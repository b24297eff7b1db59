"""The file system beyond the set's own files: the folder argument, documents, permissions.

Catalog classes F1 and F2. The set's own files (FIFOs, device links, loops,
folders named like files, thousands of files) are cases of the corpus; these
are the places a hostile path can enter besides them.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile.harness import MINI, MINI_DOCS, Sandbox, assert_sane


@pytest.fixture
def sandbox(tmp_path: Path) -> Sandbox:
    return Sandbox(tmp_path)


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _socket(path: Path) -> Path:
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
    return path


def _loop(path: Path) -> Path:
    path.symlink_to(path.name)
    return path


def _dev_zero(path: Path) -> Path:
    path.symlink_to("/dev/zero")
    return path


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (_fifo, "not a folder"),
        (_socket, "not a folder"),
        (_loop, "no briefing folder"),
        (_dev_zero, "not a folder"),
        (lambda p: (p.write_text("briefing: {}\n"), p)[1], "not a folder"),
    ],
    ids=["fifo", "socket", "link-loop", "link-to-dev-zero", "a-yaml-file"],
)
def test_the_briefing_argument_is_a_strange_file(
    sandbox: Sandbox, tmp_path: Path, make: object, says: str
) -> None:
    target = make(tmp_path / "set.yaml")  # type: ignore[operator]
    for args in (("--briefing", str(target), "summary"), ("validate", str(target))):
        run = sandbox.run(*args)
        assert_sane(run, 2)
        assert says in run.err and run.err.count("\n") == 1, run.describe()


def test_the_set_folder_may_be_a_link(sandbox: Sandbox, tmp_path: Path) -> None:
    real = sandbox.make_set()
    link = tmp_path / "link-to-set"
    link.symlink_to(real)
    assert_sane(sandbox.run("validate", str(link)), 0)


def test_a_link_out_of_a_linked_folder_is_still_refused(sandbox: Sandbox, tmp_path: Path) -> None:
    real = sandbox.make_set()
    (real / "sources.yaml").unlink()
    (real / "sources.yaml").symlink_to(MINI / "sources.yaml")  # a real file, outside
    link = tmp_path / "link-to-set"
    link.symlink_to(real)
    run = sandbox.run("validate", str(link))
    assert_sane(run, 1)
    assert f"{link}/sources.yaml: is a link that leads outside the briefing folder" in run.out


@pytest.fixture
def hostile_documents(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    _fifo(docs / "alpha.txt")
    _dev_zero(docs / "beta.txt")
    return docs


def test_verify_never_blocks_on_strange_documents(
    sandbox: Sandbox, hostile_documents: Path
) -> None:
    """A FIFO and a link to /dev/zero among the documents: reported, not read forever."""
    run = sandbox.run("--briefing", str(MINI), "verify", "--sources", str(hostile_documents))
    assert_sane(run, 1)
    # Each said once, naming the file and what is wrong, not "not found" for every quote.
    assert "alpha.txt: is not a regular file (8 quotes not checked)" in run.out
    assert "beta.txt: is a link that leads outside the documents folder" in run.out
    assert run.out.count("alpha.txt") == 1 and "not found in" not in run.out


def test_verify_reads_no_document_outside_its_folder(sandbox: Sandbox, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "alpha.txt").symlink_to(MINI_DOCS / "alpha.txt")
    shutil.copy(MINI_DOCS / "beta.txt", docs / "beta.txt")
    run = sandbox.run("--briefing", str(MINI), "verify", "--sources", str(docs))
    assert_sane(run, 1)
    assert "alpha.txt: is a link that leads outside the documents folder" in run.out
    assert "beta's document" not in run.out


def test_verify_on_a_document_folder_of_thousands_of_files(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(MINI_DOCS, docs)
    for i in range(1000):
        (docs / f"other-{i}.txt").write_bytes(b"x")
    assert_sane(sandbox.run("--briefing", str(MINI), "verify", "--sources", str(docs)), 0)


# -- F2 permissions -------------------------------------------------------------------


@pytest.fixture
def shared_sandbox() -> Iterator[Sandbox]:
    """A sandbox that an unprivileged user can enter (pytest's own tmp folder is root-only)."""
    root = Path(tempfile.mkdtemp(prefix="kzbrief-hostile-"))
    try:
        root.chmod(0o755)
        sandbox = Sandbox(root)
        for folder in (sandbox.cwd, sandbox.home, root / "tmp"):
            folder.chmod(0o777)
        yield sandbox
    finally:
        for path in root.rglob("*"):
            if not path.is_symlink():
                path.chmod(0o755 if path.is_dir() else 0o644)
        shutil.rmtree(root)


def _nobody() -> tuple[int, int]:
    """The uid and gid of 'nobody', when 'nobody' can run this Python; else skip."""
    try:
        entry = pwd.getpwnam("nobody")
    except KeyError:
        pytest.skip("no user 'nobody' to drop root's privileges to")
    user = (entry.pw_uid, entry.pw_gid)

    def become() -> None:  # pragma: no cover - runs in the child
        os.setgroups([])
        os.setgid(user[1])
        os.setuid(user[0])

    try:
        subprocess.run([sys.executable, "-c", "import kzbrief"], preexec_fn=become, check=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        pytest.skip(f"'nobody' cannot run {sys.executable} here: {exc}")
    return user


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod 000 file anyway")
def test_an_unreadable_file_is_located(sandbox: Sandbox) -> None:
    root = sandbox.make_set()
    (root / "briefing.yaml").chmod(0)
    run = sandbox.run("validate", str(root))
    assert_sane(run, 1)
    assert f"{root}/briefing.yaml: cannot be opened: permission denied" in run.out


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to become another user")
def test_an_unreadable_file_is_located_for_an_unprivileged_user(shared_sandbox: Sandbox) -> None:
    """As root, the case runs as 'nobody', for whom chmod 000 means something."""
    sandbox = shared_sandbox
    root = sandbox.make_set()
    root.chmod(0o755)
    for path in root.iterdir():
        path.chmod(0o644)
    (root / "briefing.yaml").chmod(0)
    (root / "topics.yaml").write_text("topics: [\n")
    run = sandbox.run("validate", str(root), as_user=_nobody())
    assert_sane(run, 1)
    assert f"{root}/briefing.yaml: cannot be opened: permission denied" in run.out
    assert f"{root}/topics.yaml:2:" in run.out, "the unreadable file hid another's error"


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to become another user")
def test_an_unreadable_folder_says_so(shared_sandbox: Sandbox) -> None:
    sandbox = shared_sandbox
    root = sandbox.make_set()
    root.chmod(0o700)  # root's own: 'nobody' can neither list nor enter it
    run = sandbox.run("validate", str(root), as_user=_nobody())
    assert_sane(run)
    assert run.returncode in (1, 2)
    assert "permission denied" in run.out + run.err, run.describe()


def test_a_file_that_grows_while_read_is_capped(sandbox: Sandbox) -> None:
    """A file whose size changes between stat and read (here: a link to /dev/urandom
    inside the folder would be refused; a sparse regular file is cheap and the same to
    the reader) is read only up to the cap."""
    from kzbrief.load.files import MAX_FILE_BYTES

    root = sandbox.make_set()
    with (root / "figures.yaml").open("r+b") as handle:
        handle.truncate(50 * MAX_FILE_BYTES)
    run = sandbox.run("validate", str(root))
    assert_sane(run, 1)
    assert f"{root}/figures.yaml: is {50 * MAX_FILE_BYTES:,} bytes" in run.out


def test_a_briefing_file_that_is_a_character_device_is_refused(sandbox: Sandbox) -> None:
    """/dev/null itself is not in the folder; a link to it is caught as leading outside."""
    root = sandbox.make_set()
    (root / "glossary.yaml").unlink()
    (root / "glossary.yaml").symlink_to(os.devnull)
    run = sandbox.run("validate", str(root))
    assert_sane(run, 1)
    assert "glossary.yaml: is a link that leads outside the briefing folder" in run.out
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode), "the test must not have harmed /dev/null"


def test_a_permission_error_is_located_whoever_runs_the_tests(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """F2 where chmod cannot be tested (root): the same error, raised by the OS call itself."""
    import errno

    from kzbrief.load import files, load_set

    root = Path(shutil.copytree(MINI, tmp_path / "set"))
    (root / "topics.yaml").write_text("topics: [\n")
    real_open = os.open

    def deny(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if str(path).endswith("briefing.yaml"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(files.os, "open", deny)
    problems = [str(p) for p in load_set(root, use_cache=False).problems]
    assert f"{root}/briefing.yaml: cannot be opened: permission denied" in problems
    assert any(p.startswith(f"{root}/topics.yaml:2:") for p in problems), problems
