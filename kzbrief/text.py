"""Small text helpers shared by the CLI and the reader (no Rich, no Textual)."""

from __future__ import annotations

from kzbrief.dates import display_date
from kzbrief.model import PLACES, Attested, Axis, Figure, Status


def one_line(text: str) -> str:
    """Fold newlines so one record stays on one line (for pipes and grep)."""
    return " ".join(text.split())


def attested(value: Attested) -> str:
    """'Jane Roe', 'not stated', or 'c. 2023 (inferred: reason)'."""
    if value.status is Status.NOT_STATED:
        return "not stated" + (f" ({value.reason})" if value.reason else "")
    shown = display_date(value.value) if value.value[:4].isdigit() else value.value
    if value.status is Status.INFERRED:
        return f"{shown} (inferred: {value.reason})" if value.reason else f"{shown} (inferred)"
    return shown


JUDGEMENT = "Judgement"
"""The tag before the briefing's own inferences, so they never read as what a source says."""
NO_POSITION = "takes no position"
"""What a source with no place on a contested point's axis is shown as."""


def basis_tag(basis: str) -> str:
    """'Judgement' for a claim the briefing infers across its sources; '' for a reported one."""
    return JUDGEMENT if basis == "judgement" else ""


def short_date(date: Attested) -> str:
    """A date with how it is known, without the reason: '22 Mar 2022', 'c. 2024 (inferred)'."""
    if date.status is Status.NOT_STATED or not date.value:
        return "date not stated"
    shown = display_date(date.value)
    return f"{shown} (inferred)" if date.status is Status.INFERRED else shown


def stance_marker(stance: str | None, width: int = 5) -> str:
    """A marker of a place on a five-point axis: '──●──' for centre; '  ·  ' for none."""
    if stance is None:
        return "·".center(width)
    slot = PLACES.index(stance)
    cells = ["─"] * len(PLACES)
    cells[slot] = "●"
    return "".join(cells)


def place_words(stance: str | None, axis: Axis) -> str:
    """A place in the axis's own words: 'leans to Aligned with Russia'."""
    return {
        "left": axis.left,
        "leans-left": f"leans to {axis.left}",
        "centre": "between the two",
        "leans-right": f"leans to {axis.right}",
        "right": axis.right,
    }.get(stance or "", NO_POSITION)


def amount(figure: Figure) -> str:
    """'more than 2,000 troops': qualifier, value and unit."""
    return " ".join(part for part in (figure.qualifier, figure.value, figure.unit) if part)


def web_url(url: str) -> str | None:
    """`url` when it is an http(s) address with a host (the only kind an export links)."""
    from urllib.parse import urlsplit  # here: the CLI's other commands never need it

    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    return url.strip()


def plural(n: int, noun: str) -> str:
    """'1 event', '2 events': a count with its noun in the right number."""
    return f"{n} {noun}" + ("" if n == 1 else "s")
