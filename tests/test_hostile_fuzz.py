"""Hypothesis mutates real briefing files, bytes and YAML structure; the loader never breaks.

For every mutation, `load_set` returns (it never raises), in well under 5 s, and:
- when the set loads, no string in it holds a raw control character, and the
  plain renderers draw it;
- when it does not, there is at least one problem, every problem names a file of
  the set, and every YAML or schema problem has a line >= 1.

Bounded for CI: KZBRIEF_FUZZ_EXAMPLES examples per test (default 100), about ten
seconds in all. For a longer run, see tests/hostile/README.md.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec
import pytest
import yaml
from hostile.harness import LEAK, MINI, REAL_SET
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kzbrief.load import FILE_NAMES, Loaded, load_set

EXAMPLES = int(os.environ.get("KZBRIEF_FUZZ_EXAMPLES", "100"))
RANDOM = os.environ.get("KZBRIEF_FUZZ_RANDOM") is not None
settings.register_profile(
    "kzbrief-fuzz",
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=not RANDOM,  # CI: the same examples every run, so it cannot flake
    # A random run keeps what it finds in .hypothesis/ to replay; CI writes nothing.
    **({} if RANDOM else {"database": None}),
)
FUZZ = settings.get_profile("kzbrief-fuzz")

# Problems about the whole file or set carry no line; every other one must.
_UNLOCATED = (
    "the check stopped after",
    "more reference problems not listed",
    "its files are",
    "is not a briefing file",
    "more stray YAML files",
)

# Bytes that mean something to YAML, to a decoder or to a terminal.
TOKENS = (
    b"\x00", b"\x1b", b"\x1b]52;c;cHduZWQ=\x07", b"\t", b"\r", b"\r\n", b"\x7f", b"\xff",
    b"\xef\xbb\xbf", b"\xc2\x9b", b"\xc2\x85", b"\xe2\x80\xa8", b"\xed\xa0\x80", b"\xc0\xaf",
    b"&a ", b"*a", b"!!python/object/apply:os.system [x] ", b"!x ", b"%TAG ! tag:x:\n---\n",
    b"[", b"]", b"{", b"}", b"- ", b": ", b"? ", b"---\n", b"...\n", b"'", b'"', b"\\", b"|\n",
    b">-\n", b"#", b"~", b"<<: ", b"\n  ", b"\n", b",", b"\"\\ud800\"", b"\"\\e[2J\"", b"NO",
    b"2022-13-45", b"010", b"1:20", b"+77011234567", b"[" * 80, b"9" * 5000,
)  # fmt: skip


def _base(root: Path) -> dict[str, bytes] | None:
    if not all((root / name).is_file() for name in FILE_NAMES):
        return None
    if not load_set(root, use_cache=False).ok:
        return None  # an unfinished set is no base for mutations
    return {name: (root / name).read_bytes() for name in FILE_NAMES}


BASES = {"mini": _base(MINI), "real": _base(REAL_SET)}


# -- mutations ------------------------------------------------------------------------


@st.composite
def byte_mutation(draw: st.DrawFn, data: bytes) -> bytes:
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["insert", "delete", "replace", "truncate", "swap-lines"]))
        chunk = draw(st.one_of(st.sampled_from(TOKENS), st.binary(min_size=1, max_size=8)))
        if kind == "insert":
            data = data[:at] + chunk + data[at:]
        elif kind == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 40)) :]
        elif kind == "replace":
            data = data[:at] + chunk + data[at + len(chunk) :]
        elif kind == "truncate":
            data = data[:at]
        else:
            lines = data.split(b"\n")
            i, j = (draw(st.integers(0, len(lines) - 1)) for _ in range(2))
            lines[i], lines[j] = lines[j], lines[i]
            data = b"\n".join(lines)
    return data


SCALARS = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["NO", "yes", "~", "", "2022-13-45", "010", "1:20", "+7701", "[/]", ":smile:"]),
    st.integers(),
    st.floats(allow_nan=True),
    st.booleans(),
    st.none(),
    st.dates(),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def _paths(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*path, index))


@st.composite
def tree_mutation(draw: st.DrawFn, data: bytes) -> bytes:
    tree = yaml.safe_load(data)
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(tree) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = tree
        for part in path[:-1]:
            parent = parent[part]
        last = path[-1]
        kind = draw(st.sampled_from(["set", "delete", "rename", "duplicate", "deepen"]))
        if kind == "set":
            parent[last] = draw(VALUES)
        elif kind == "delete":
            del parent[last]
        elif kind == "rename" and isinstance(parent, dict):
            parent[draw(st.text(max_size=12))] = parent.pop(last)
        elif kind == "duplicate" and isinstance(parent, list):
            parent.insert(last, parent[last])
        else:
            node: Any = parent[last]
            for _ in range(draw(st.integers(1, 70))):
                node = [node]
            parent[last] = node
    text = yaml.safe_dump(tree, allow_unicode=draw(st.booleans()), sort_keys=draw(st.booleans()))
    return text.encode("utf-8", "surrogatepass")


@st.composite
def mutated_set(draw: st.DrawFn, base: dict[str, bytes]) -> dict[str, bytes]:
    files = dict(base)
    for name in draw(st.lists(st.sampled_from(FILE_NAMES), min_size=1, max_size=3, unique=True)):
        if draw(st.booleans()):
            files[name] = draw(byte_mutation(files[name]))
        else:
            files[name] = draw(tree_mutation(files[name]))
    return files


# -- the property ---------------------------------------------------------------------


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(key)
            yield from _strings(value)
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item)


def check(files: dict[str, bytes]) -> Loaded:
    with tempfile.TemporaryDirectory(prefix="kzbrief-fuzz-") as folder:
        root = Path(folder) / "set"
        root.mkdir()
        for name, data in files.items():
            (root / name).write_bytes(data)
        start = time.monotonic()
        loaded = load_set(root, use_cache=False)
        assert time.monotonic() - start < 5, "a load took more than 5 s"
        if loaded.ok:
            assert loaded.briefing is not None
            for text in _strings(msgspec.to_builtins(loaded.briefing)):
                leak = LEAK.search(text)
                assert leak is None, f"raw {leak.group()!r} got into the model"
            from kzbrief import query
            from kzbrief.render import plain

            bset = loaded.briefing
            lines = [*plain.summary(bset, None), *plain.timeline(query.events(bset), True)]
            lines += [*plain.sources(bset), *plain.topics(bset)]
            for point in bset.contested:
                lines += plain.compare(point)
            assert all(LEAK.search(line) is None for line in lines)
            return loaded
        assert loaded.problems, "not ok, yet no problem reported"
        for problem in loaded.problems:
            assert problem.file.startswith(str(root)), problem
            assert "Traceback" not in problem.message
            if not any(note in problem.message for note in _UNLOCATED):
                assert problem.line >= 1, f"a problem without a line: {problem}"
                assert Path(problem.file).name in FILE_NAMES, problem
        return loaded


@pytest.mark.skipif(BASES["mini"] is None, reason="the mini fixture does not load")
@FUZZ
@given(data=st.data())
def test_fuzz_the_mini_fixture(data: st.DataObject) -> None:
    assert BASES["mini"] is not None
    check(data.draw(mutated_set(BASES["mini"])))


@pytest.mark.skipif(BASES["real"] is None, reason="the real briefing is missing or does not load")
@settings(FUZZ, max_examples=max(10, EXAMPLES // 5))
@given(data=st.data())
def test_fuzz_the_real_briefing(data: st.DataObject) -> None:
    assert BASES["real"] is not None
    check(data.draw(mutated_set(BASES["real"])))


@pytest.mark.parametrize("token", TOKENS, ids=lambda t: repr(t)[:24])
def test_every_token_at_every_kind_of_place(token: bytes) -> None:
    """Deterministic companion: each token at the start, the middle and the end of a file."""
    base = BASES["mini"]
    assert base is not None
    for name in ("timeline.yaml",):
        data = base[name]
        middle = data.index(b"title:") + 7
        for at in (0, middle, len(data)):
            check({**base, name: data[:at] + token + data[at:]})
