"""Find where a value of a loaded set stands in its file, for messages after loading."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from kzbrief.sanitise import sanitise

from .files import FileProblem, decode, read_bytes
from .yamltree import LList, LMap, build_tree


class Place(NamedTuple):
    file: str
    """The file's path, sanitised for display."""
    line: int
    """1-based; 0 when the file cannot be read again."""
    col: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}" if self.line else self.file


class Locator:
    """Places in the files of the set in `root`, each file parsed once however often asked."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._trees: dict[str, object] = {}

    def _tree(self, kind: str) -> object:
        if kind not in self._trees:
            try:
                file = self.root / f"{kind}.yaml"
                self._trees[kind] = build_tree(decode(read_bytes(file, self.root)))[0]
            except FileProblem:
                self._trees[kind] = None
        return self._trees[kind]

    def place(self, kind: str, path: tuple[str | int, ...]) -> Place:
        label = sanitise(str(self.root / f"{kind}.yaml"))
        node = self._tree(kind)
        if node is None:
            return Place(label, 0, 0)
        at = node.at if isinstance(node, LMap | LList) else (1, 1)
        for part in path:
            if isinstance(node, LMap) and isinstance(part, str) and part in node:
                node, at = node[part], node.value_at[part]
            elif isinstance(node, LList) and isinstance(part, int) and part < len(node):
                node, at = node[part], node.item_at[part]
            else:
                break
        return Place(label, at[0], at[1])


def locate(root: Path, kind: str, path: tuple[str | int, ...]) -> str:
    """`FILE:LINE:COL` of `path` in the `kind` file of the set in `root` (`FILE` if unknown)."""
    return str(Locator(root).place(kind, path))
