"""Small text helpers shared by the CLI and the reader (no Rich, no Textual)."""

from __future__ import annotations

from kzbrief.dates import display_date
from kzbrief.model import PLACES, Attested, Status


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


def stance_marker(stance: str | None, width: int = 5) -> str:
    """A marker of a place on a five-point axis: '──●──' for centre; '  ·  ' for none."""
    if stance is None:
        return "·".center(width)
    slot = PLACES.index(stance)
    cells = ["─"] * len(PLACES)
    cells[slot] = "●"
    return "".join(cells)
