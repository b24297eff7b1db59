"""Write a synthetic briefing set N times the size of a real one.

    python benchmarks/synth.py --scale 100 --out benchmarks/out/x100

Every list of the set (sources, topics, events, framing, contested points,
measures, figures, glossary) is replicated N times. Copy 0 keeps its ids;
copy k renames every id with the suffix ``-xk`` and rewrites every reference
to it (sources, topics, measure keys) the same way, so the copies never refer
to one another. Quotes and document file names are kept verbatim, so
``kzbrief verify`` still finds every quote; the briefing itself (title,
question, bottom line) stays single. The result passes ``kzbrief validate``.

The set is read with kzbrief's own loader: the default is the built-in
briefing, falling back to tests/fixtures/mini while the built-in one is
incomplete or invalid.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import msgspec
import yaml

from kzbrief.load import load_set
from kzbrief.model import FILE_KINDS, BriefingSet

REPO = Path(__file__).resolve().parent.parent
DEFAULT_FROM = REPO / "briefings" / "kazakhstan-russia"
FALLBACK_FROM = REPO / "tests" / "fixtures" / "mini"
MAX_ID = 80  # model.Id max_length
MAX_LABEL = 24  # model.Source.label max_length

# Keys whose values are ids or lists of ids, wherever they appear in a record.
_ID_KEYS = frozenset({"id", "source", "sources", "topic", "topics", "key"})


def _suffixed(ident: str, suffix: str) -> str:
    return ident[: MAX_ID - len(suffix)] + suffix


def _rename(node: Any, suffix: str) -> Any:
    """A deep copy of a record with every id and id reference suffixed."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key in _ID_KEYS and isinstance(value, str):
                out[key] = _suffixed(value, suffix)
            elif key in _ID_KEYS and isinstance(value, list):
                out[key] = [_suffixed(v, suffix) for v in value]
            else:
                out[key] = _rename(value, suffix)
        return out
    if isinstance(node, list):
        return [_rename(item, suffix) for item in node]
    return node  # text, including every quote, is kept verbatim


def _copy_of(record: dict[str, Any], kind: str, k: int) -> dict[str, Any]:
    if k == 0:
        return record
    suffix = f"-x{k}"
    copy = _rename(record, suffix)
    # Display names get a visible copy marker so copies can be told apart on screen.
    marker = f" ·{k}"
    if kind == "sources":
        copy["label"] = copy["label"][: MAX_LABEL - len(marker)] + marker
    elif kind in ("topics", "events"):
        copy["title"] = copy["title"] + marker
    elif kind == "contested":  # questions, like labels, must not look alike (kzbrief validate)
        copy["question"] = copy["question"] + marker
    return copy


def replicate(bset: BriefingSet, scale: int) -> dict[str, dict[str, Any]]:
    """The file contents (kind -> top-level mapping) of a set `scale` times `bset`."""
    data = msgspec.to_builtins(bset)
    lists = {
        "sources": ("sources", "sources"),
        "topics": ("topics", "topics"),
        "timeline": ("events", "events"),
        "framing": ("framing", "framing"),
        "contested": ("contested", "contested"),
        "glossary": ("glossary", "glossary"),
    }
    files: dict[str, dict[str, Any]] = {"briefing": {"briefing": data["briefing"]}}
    for kind, (key, field) in lists.items():
        files[kind] = {key: [_copy_of(r, field, k) for k in range(scale) for r in data[field]]}
    files["figures"] = {
        "measures": [_copy_of(r, "measures", k) for k in range(scale) for r in data["measures"]],
        "figures": [_copy_of(r, "figures", k) for k in range(scale) for r in data["figures"]],
    }
    assert set(files) == set(FILE_KINDS)
    return files


def _dump(value: Any) -> str:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text: str = yaml.dump(
        value, Dumper=dumper, allow_unicode=True, sort_keys=False, width=10_000, indent=2
    )
    return text


def write_set(files: dict[str, dict[str, Any]], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for kind in FILE_KINDS:
        header = f"# Synthetic briefing set written by benchmarks/synth.py ({kind}).\n"
        (out / f"{kind}.yaml").write_text(header + _dump(files[kind]), encoding="utf-8")


def source_set(wanted: Path | None) -> tuple[Path, BriefingSet]:
    """The set to replicate: `wanted`, else the built-in one, else the test fixture."""
    candidates = [wanted] if wanted is not None else [DEFAULT_FROM, FALLBACK_FROM]
    for root in candidates:
        loaded = load_set(root)
        whole = loaded.whole()  # a cached set reads its parts lazily; replicating needs them all
        if whole is not None and not loaded.problems:
            return root, whole
        print(
            f"synth: {root} is not a valid set ({len(loaded.problems)} problem(s)); "
            + ("giving up" if wanted is not None else "trying the next one"),
            file=sys.stderr,
        )
    raise SystemExit(1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, required=True, metavar="N", help="copies (N >= 1)")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR")
    parser.add_argument(
        "--from",
        dest="source",
        type=Path,
        metavar="DIR",
        help=f"set to replicate (default {DEFAULT_FROM.relative_to(REPO)}, "
        f"else {FALLBACK_FROM.relative_to(REPO)})",
    )
    args = parser.parse_args(argv)
    if args.scale < 1:
        parser.error("--scale must be at least 1")
    root, bset = source_set(args.source)
    files = replicate(bset, args.scale)
    write_set(files, args.out)
    counts = ", ".join(
        f"{len(v)} {k}" for f in files.values() for k, v in f.items() if isinstance(v, list)
    )
    print(f"synth: {args.out}: {args.scale}x {root}: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
