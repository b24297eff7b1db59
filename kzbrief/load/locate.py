"""Find where a value of a loaded set stands in its file, for messages after loading."""

from __future__ import annotations

from pathlib import Path

from kzbrief.sanitise import sanitise

from .files import FileProblem, decode, read_bytes
from .yamltree import LList, LMap, build_tree


def locate(root: Path, kind: str, path: tuple[str | int, ...]) -> str:
    """`FILE:LINE:COL` of `path` in the `kind` file of the set in `root` (`FILE` if unknown)."""
    file = root / f"{kind}.yaml"
    label = sanitise(str(file))
    try:
        node, _ = build_tree(decode(read_bytes(file, root)))
    except FileProblem:
        return label
    at = node.at if isinstance(node, LMap | LList) else (1, 1)
    for part in path:
        if isinstance(node, LMap) and isinstance(part, str) and part in node:
            node, at = node[part], node.value_at[part]
        elif isinstance(node, LList) and isinstance(part, int) and part < len(node):
            node, at = node[part], node.item_at[part]
        else:
            break
    return f"{label}:{at[0]}:{at[1]}"
