"""Load a version of a set: a folder as it is, or `git:REV` for a set as a git revision holds it.

A revision's files are read with `git show REV:./FILE` in the set's own folder (so the
repository is whichever holds the set), written to a temporary folder, and loaded there
like any other set; problems then name the revision, not the temporary folder.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from kzbrief.model import BriefingSet
from kzbrief.sanitise import sanitise

from .briefing_set import FILE_NAMES, Loaded, load_set, resolve_briefing
from .files import MAX_SET_BYTES
from .problems import Problem

GIT_PREFIX = "git:"
_GIT_TIMEOUT = 30.0


class VersionTrouble(Exception):
    """The version cannot be read: no git, not a repository, an unknown revision."""


def load_version(spec: str, current: Path) -> tuple[Loaded, BriefingSet | None]:
    """The set `spec` names: a folder or built-in name, or `git:REV` of the set in `current`.

    Returns the load (its problems, if any) and the set with every part decoded.
    """
    if not spec.startswith(GIT_PREFIX):
        loaded = load_set(resolve_briefing(spec), use_cache=True)
        return loaded, loaded.whole()
    rev = spec[len(GIT_PREFIX) :]
    with tempfile.TemporaryDirectory(prefix="kzbrief-") as temp:
        _checkout(current, rev, Path(temp))
        # No cache: a temporary folder is never seen again, so remembering it only litters.
        loaded = load_set(Path(temp), use_cache=False)
        bset = loaded.whole()
    label = f"{sanitise(str(current))}@{sanitise(rev)}"
    problems = tuple(
        Problem(
            file=p.file.replace(sanitise(temp), label),
            message=p.message,
            line=p.line,
            col=p.col,
            path=p.path,
        )
        for p in loaded.problems
    )
    return Loaded(current, bset, problems), bset


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-C", str(folder), *args],
            capture_output=True,
            timeout=_GIT_TIMEOUT,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except FileNotFoundError:
        raise VersionTrouble("git is not installed, so 'git:' versions cannot be read") from None
    except subprocess.TimeoutExpired:
        raise VersionTrouble(f"git took more than {_GIT_TIMEOUT:.0f} s; giving up") from None


def _checkout(folder: Path, rev: str, into: Path) -> None:
    """Write the set's files as revision `rev` holds them into the folder `into`."""
    if not rev or rev.startswith("-"):  # a leading '-' would be read as an option
        raise VersionTrouble(f"{GIT_PREFIX}{rev!r}: give a revision, e.g. git:HEAD or git:v1.0")
    top = _git(folder, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        # git's own words say why (no repository, or one owned by someone else, ...)
        said = top.stderr.decode("utf-8", "replace").strip().splitlines()
        why = f" (git: {sanitise(said[0])})" if said else ""
        raise VersionTrouble(f"{sanitise(str(folder))} is not in a git repository{why}")
    found = _git(folder, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    if found.returncode != 0:
        raise VersionTrouble(
            f"unknown revision {rev!r} in the repository of {sanitise(str(folder))}"
        )
    commit = found.stdout.decode("ascii", "replace").strip()
    total = 0
    for name in FILE_NAMES:
        size = _git(folder, "cat-file", "-s", f"{commit}:./{name}")
        if size.returncode != 0:
            continue  # not in that revision: the load reports the missing file
        total += int(size.stdout or b"0")
        if total > MAX_SET_BYTES:
            raise VersionTrouble(
                f"the set at {rev!r} is over {MAX_SET_BYTES:,} bytes; the limit for a set"
            )
        shown = _git(folder, "show", f"{commit}:./{name}")
        if shown.returncode != 0:
            raise VersionTrouble(f"git could not show {name} at {rev!r}")
        (into / name).write_bytes(shown.stdout)
