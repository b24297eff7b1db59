"""Check a located tree against the model's types, collecting every problem.

msgspec stops at the first error and knows nothing of lines, so the tree is
walked here against `msgspec.inspect` type information first; only a clean
tree is handed to `msgspec.convert`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from typing import Any

import msgspec.inspect as mi

from kzbrief.dates import parse_date
from kzbrief.model import DATE_PATTERN, ID_PATTERN

from .yamltree import LList, LMap, Mark

Report = Callable[[str, Mark, tuple[str | int, ...]], None]

_PATTERN_HINTS = {
    ID_PATTERN: "expected an id of lower-case letters, digits and hyphens",
}
_compiled: dict[str, re.Pattern[str]] = {}


def describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, LMap):
        return "a mapping"
    if isinstance(value, LList):
        return "a list"
    return f"text {_clip(value)!r}"


def _clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def check(value: Any, info: mi.Type, at: Mark, path: tuple[str | int, ...], report: Report) -> None:
    """Report every way `value` (found at `at`) fails to be of type `info`."""
    while isinstance(info, mi.Metadata):  # descriptions only; constraints sit on the inner type
        info = info.type
    if isinstance(info, mi.StructType):
        _check_struct(value, info, at, path, report)
    elif isinstance(info, mi.ListType):
        if not isinstance(value, LList):
            report(f"expected a list, found {describe(value)}", at, path)
            return
        if info.min_length and len(value) < info.min_length:
            report(f"expected at least {info.min_length} item(s), found {len(value)}", at, path)
        for index, (item, item_at) in enumerate(zip(value, value.item_at, strict=True)):
            check(item, info.item_type, item_at, (*path, index), report)
    elif isinstance(info, mi.StrType):
        _check_str(value, info, at, path, report)
    elif isinstance(info, mi.LiteralType | mi.EnumType):
        allowed = (
            [str(v) for v in info.values]
            if isinstance(info, mi.LiteralType)
            else [m.value for m in info.cls]
        )
        if value not in allowed:
            report(f"expected one of {', '.join(allowed)}; found {describe(value)}", at, path)
    elif isinstance(info, mi.UnionType):
        options = [t for t in info.types if not isinstance(t, mi.NoneType)]
        if value is None and len(options) < len(info.types):
            return
        check(value, options[0], at, path, report)
    else:  # pragma: no cover - the model uses only the types above
        raise TypeError(f"unsupported schema type {info!r}")


def _check_struct(
    value: Any, info: mi.StructType, at: Mark, path: tuple[str | int, ...], report: Report
) -> None:
    names = [f.encode_name for f in info.fields]
    if not isinstance(value, LMap):
        report(
            f"expected a mapping with keys {', '.join(names)}; found {describe(value)}", at, path
        )
        return
    # A misspelt key is one mistake: said once, at the typo, and not again as a missing key.
    guessed: set[str] = set()
    absent = [n for n in names if n not in value]  # once: a map may hold thousands of keys
    for key in value:
        if key not in names:
            guess = difflib.get_close_matches(key, absent, n=1)
            if guess:
                guessed.add(guess[0])
                absent.remove(guess[0])
            hint = (
                f"; did you mean {guess[0]!r}?"
                if guess
                else f"; expected one of {', '.join(names)}"
            )
            report(f"unknown key {_clip(key)!r}{hint}", value.key_at[key], (*path, key))
    for field in info.fields:
        name = field.encode_name
        if name not in value:
            if field.required and name not in guessed:
                report(f"missing required key {name!r}", at, path)
            continue
        check(value[name], field.type, value.value_at[name], (*path, name), report)


def _check_str(
    value: Any, info: mi.StrType, at: Mark, path: tuple[str | int, ...], report: Report
) -> None:
    if not isinstance(value, str):
        report(f"expected text, found {describe(value)}", at, path)
        return
    if info.min_length and len(value.strip()) < info.min_length:
        report("must not be empty", at, path)
    if info.max_length is not None and len(value) > info.max_length:
        report(f"is {len(value)} characters; at most {info.max_length} allowed", at, path)
    if info.pattern is None:
        return
    if info.pattern == DATE_PATTERN:
        try:
            parse_date(value)
        except ValueError as exc:
            report(f"{exc}; found {_clip(value)!r}", at, path)
        return
    pattern = _compiled.get(info.pattern) or _compiled.setdefault(
        info.pattern, re.compile(info.pattern)
    )
    # fullmatch: `$` alone also matches before a final newline, which let "alpha\n" pass as an id
    if not pattern.fullmatch(value):
        hint = _PATTERN_HINTS.get(info.pattern, f"expected text matching {info.pattern}")
        report(f"{hint}; found {_clip(value)!r}", at, path)
