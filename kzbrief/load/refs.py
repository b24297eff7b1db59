"""Cross-file checks: ids are unique, names cannot be mistaken for each other, and every
reference resolves."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from kzbrief.lookalike import skeleton

from .yamltree import LList, LMap, Mark

Report = Callable[[str, str, Mark, tuple[str | int, ...]], None]

# kind -> (list key, id field) for each list whose items are referred to.
DEFINITIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "sources": (("sources", "id"),),
    "topics": (("topics", "id"),),
    "timeline": (("events", "id"),),
    "framing": (("framing", "source"),),
    "contested": (("contested", "id"),),
    "figures": (("measures", "key"), ("figures", "id")),
    "glossary": (("glossary", "id"),),
}
# kind -> (list key, the field a reader tells its items apart by)
NAMES: dict[str, tuple[str, str]] = {
    "sources": ("sources", "label"),
    "topics": ("topics", "title"),
    "contested": ("contested", "question"),
}
# field name -> the list it refers to
_REFERENCES = {"source": "sources", "sources": "sources", "topic": "topics", "topics": "topics"}


def check_references(trees: dict[str, LMap], report: Report) -> None:
    """Report duplicate ids and dangling references across the valid files in `trees`."""
    defined: dict[str, frozenset[str]] = {}
    for kind, lists in DEFINITIONS.items():
        tree = trees.get(kind)
        if tree is None:
            continue
        for list_key, id_field in lists:
            defined[list_key] = _unique(
                kind, tree.get(list_key) or LList((0, 0)), list_key, id_field, report
            )
    for kind, (list_key, name_field) in NAMES.items():
        tree = trees.get(kind)
        if tree is not None:
            _distinct(kind, tree.get(list_key) or LList((0, 0)), list_key, name_field, report)
    for kind, tree in trees.items():
        _walk(kind, tree, (), defined, None, report)


def _distinct(kind: str, items: LList, list_key: str, field: str, report: Report) -> None:
    """Report a name that looks like an earlier one (case, lookalike letters, invisibles)."""
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        name = item.get(field) if isinstance(item, LMap) else None
        if not isinstance(name, str) or not name.strip():
            continue
        first = seen.setdefault(skeleton(name), index)
        if first != index:
            report(
                kind,
                f"{field} {name!r} looks the same as {list_key}[{first}]'s; "
                "a reader could take one for the other",
                item.value_at[field],
                (list_key, index, field),
            )


def _unique(
    kind: str, items: LList, list_key: str, id_field: str, report: Report
) -> frozenset[str]:
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        ident = item.get(id_field) if isinstance(item, LMap) else None
        if not isinstance(ident, str):
            continue
        if ident in seen:
            report(
                kind,
                f"duplicate {id_field} {ident!r} (first at {list_key}[{seen[ident]}])",
                item.value_at[id_field],
                (list_key, index, id_field),
            )
        else:
            seen[ident] = index
    return frozenset(seen)


def _walk(
    kind: str,
    node: Any,
    path: tuple[str | int, ...],
    defined: dict[str, frozenset[str]],
    owner: str | None,
    report: Report,
) -> None:
    if isinstance(node, LList):
        for index, (item, _) in enumerate(zip(node, node.item_at, strict=True)):
            _walk(kind, item, (*path, index), defined, owner, report)
        return
    if not isinstance(node, LMap):
        return
    # Inside a framing entry or a contested position, quotes must be the owner's own words.
    is_owner = (kind == "framing" and len(path) == 2) or (
        kind == "contested" and len(path) == 4 and path[2] == "positions"
    )
    if is_owner and isinstance(node.get("source"), str):
        owner = node["source"]
    elif owner is not None and "quote" in node and node.get("source") not in (None, owner):
        report(
            kind,
            f"quote from {node['source']!r} inside the entry for {owner!r}",
            node.value_at["source"],
            (*path, "source"),
        )
    for key, value in node.items():
        target = _REFERENCES.get(key)
        if kind == "figures" and key == "key" and path[:1] == ("figures",):
            target = "measures"
        if target is not None and target in defined:
            values = value if isinstance(value, LList) else [value]
            marks = value.item_at if isinstance(value, LList) else [node.value_at[key]]
            for index, (ref, at) in enumerate(zip(values, marks, strict=True)):
                if isinstance(ref, str) and ref not in defined[target]:
                    where = (*path, key, index) if isinstance(value, LList) else (*path, key)
                    report(
                        kind,
                        f"unknown {_singular(target)} {ref!r}{_known(defined[target])}",
                        at,
                        where,
                    )
        _walk(kind, value, (*path, key), defined, owner, report)


def _singular(list_key: str) -> str:
    return {"sources": "source", "topics": "topic", "measures": "measure key"}.get(
        list_key, list_key
    )


@lru_cache(maxsize=16)  # one hint per list, not a sort of the whole list per dangling reference
def _known(ids: frozenset[str]) -> str:
    listed = sorted(ids)
    if not listed:
        return ""
    more = f", … ({len(listed)} in all)" if len(listed) > 8 else ""
    return f" (known: {', '.join(listed[:8])}{more})"
