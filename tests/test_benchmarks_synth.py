"""benchmarks/synth.py writes valid sets N times as large (no timings are asserted here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from helpers import MINI, MINI_DOCS, ROOT, run_cli

from kzbrief.load import load_set

SYNTH = ROOT / "benchmarks" / "synth.py"


def test_synth_reads_its_input_through_a_warm_cache(tmp_path: Path) -> None:
    """The second run finds its input in the parse cache (a CachedSet), and must work the same."""
    outputs = []
    for run in ("cold", "warm"):
        out = tmp_path / run
        done = subprocess.run(
            [sys.executable, str(SYNTH), "--scale", "2", "--out", str(out), "--from", str(MINI)],
            capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        outputs.append({p.name: p.read_text() for p in out.iterdir()})
    assert outputs[0] == outputs[1]


def test_synth_multiplies_a_set_and_it_validates(tmp_path: Path) -> None:
    out = tmp_path / "x3"
    done = subprocess.run(
        [sys.executable, str(SYNTH), "--scale", "3", "--out", str(out), "--from", str(MINI)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in MINI.glob("*.yaml"))

    validated = run_cli("validate", str(out))
    assert validated.returncode == 0, validated.stdout + validated.stderr

    one, three = load_set(MINI, use_cache=False).briefing, load_set(out, use_cache=False).briefing
    assert one is not None and three is not None
    for name in ("sources", "topics", "events", "framing", "contested", "measures", "figures"):
        assert len(getattr(three, name)) == 3 * len(getattr(one, name)), name
    assert len(three.glossary) == 3 * len(one.glossary)
    assert three.briefing == one.briefing  # the briefing itself stays single

    # Copy 0 keeps its ids; copy k renames every id and every reference with -xk.
    assert [t.id for t in three.topics[: len(one.topics)]] == [t.id for t in one.topics]
    copy2 = three.events[2 * len(one.events)]
    assert copy2.id == one.events[0].id + "-x2"
    assert copy2.topics == [t + "-x2" for t in one.events[0].topics]
    assert {q.source for q in copy2.quotes} == {q.source + "-x2" for q in one.events[0].quotes}
    # Quotes and document names are kept verbatim, so every quote still verifies.
    assert [q.quote for q in copy2.quotes] == [q.quote for q in one.events[0].quotes]
    assert {s.document for s in three.sources} == {s.document for s in one.sources}
    verified = run_cli("--briefing", str(out), "verify", "--sources", str(MINI_DOCS))
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_an_empty_or_truncated_cache_file_is_rebuilt(
    mini_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The cache is decoded from a memory map (benchmarks showed the copy cost): an empty file
    # cannot be mapped, and a truncated one must not decode; both are rebuilt.
    cache = tmp_path / "cache"
    monkeypatch.setenv("KZBRIEF_CACHE_DIR", str(cache))
    first = load_set(mini_copy)
    assert first.ok
    (entry,) = cache.glob("*.msgpack")
    whole = entry.read_bytes()
    for damaged in (b"", whole[: len(whole) // 2]):
        entry.write_bytes(damaged)
        assert load_set(mini_copy).briefing == first.briefing
        assert entry.read_bytes() == whole
