"""Located problems: what is wrong, where, and what was expected."""

from __future__ import annotations

from msgspec import Struct


class Problem(Struct, frozen=True, kw_only=True):
    """One problem in a briefing file. `line` and `col` are 1-based; 0 when not known."""

    file: str
    message: str
    line: int = 0
    col: int = 0
    path: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}:{self.col or 1}"
        field = f" {self.path}:" if self.path else ""
        return f"{where}:{field} {self.message}"


def format_path(path: tuple[str | int, ...]) -> str:
    """`("events", 3, "quotes", 0)` -> `events[3].quotes[0]`."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out
