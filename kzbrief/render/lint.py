"""`kzbrief lint` output: Rich lines on a terminal, tab-separated lines on a pipe, or JSON."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import msgspec
from rich.text import Text

from kzbrief.lint import Finding
from kzbrief.load.locate import Place
from kzbrief.text import one_line

Located = tuple[Place, Finding]
_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow"}


def tally(found: Sequence[Located], ignored: int) -> str:
    errors = sum(f.severity == "error" for _, f in found)
    return f"{errors} error(s), {len(found) - errors} warning(s), {ignored} switched off"


def rich(found: Sequence[Located], ignored: int) -> Iterator[Text]:
    for place, f in found:
        line = Text(f"{place}: ", style="dim")
        line.append(f.severity, style=_SEVERITY_STYLE[f.severity])
        line.append(": ")
        line.append(one_line(f.message))  # briefing text: appended as plain text, never markup
        line.append(f"  [{f.rule} at {f.at}]", style="dim")
        line.no_wrap = True  # `FILE:LINE:COL` lines are never folded (see output.show)
        yield line
    errors = any(f.severity == "error" for _, f in found)
    yield Text(tally(found, ignored), style="bold red" if errors else "bold")


def plain(found: Sequence[Located]) -> Iterator[str]:
    """A header, then one finding a line, its place first (as compilers and quickfix have it);
    the tally, not a record, goes to stderr."""
    yield "place\tseverity\trule\tat\tmessage"
    for place, f in found:
        yield "\t".join(one_line(c) for c in (str(place), f.severity, f.rule, f.at, f.message))


def as_json(found: Sequence[Located], ignored: int) -> bytes:
    data = {
        "findings": [
            {
                "rule": f.rule,
                "severity": f.severity,
                "file": place.file,
                "line": place.line,
                "col": place.col,
                "at": f.at,
                "message": f.message,
            }
            for place, f in found
        ],
        "errors": sum(f.severity == "error" for _, f in found),
        "warnings": sum(f.severity == "warning" for _, f in found),
        "ignored": ignored,
    }
    return msgspec.json.format(msgspec.json.encode(data), indent=2) + b"\n"
