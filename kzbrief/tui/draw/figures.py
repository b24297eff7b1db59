"""Figures grouped by measure, with the groups whose sources disagree flagged."""

from __future__ import annotations

from textual.content import Content

from kzbrief.model import Figure, Quote
from kzbrief.query import MeasureGroup
from kzbrief.text import amount
from kzbrief.tui.view import View

from .common import BLANK, MUTED, fit, grid, heading, judged, lit, prose, quote_lines, wrap

DIFFERS = "bold $text-warning"


def group_row(group: MeasureGroup, width: int) -> Content:
    """One line: the measure, and ≠ when its sources disagree."""
    flag = lit(" ≠ sources differ", DIFFERS) if group.differs else Content("")
    title = fit(
        lit(" ".join(group.measure.title.split()), "bold $text-accent"), width - flag.cell_length
    )
    return title + flag


def figure_row(figure: Figure, view: View, width: int) -> Content:
    """One line: the source's badge, the value and the period (cut to fit)."""
    badge = fit(view.legend.badge(figure.source), min(18, width // 3))
    body = lit(amount(figure), "bold") + lit(f"  {' '.join(figure.period.split())}", MUTED)
    return fit(Content("  ") + badge + " " + body, width)


def figure_detail(group: MeasureGroup, chosen: Figure, view: View, width: int) -> list[Content]:
    """The measure with all its shown figures side by side, the chosen one marked."""
    lines = wrap(lit(group.measure.title, "bold"), width)
    if group.differs:
        lines += wrap(lit("The sources give different values for this measure.", DIFFERS), width)
    if group.measure.note:
        lines += wrap(judged(group.measure.note, MUTED, view), width)
    lines.append(BLANK)
    shown = [f for f in group.figures if view.shows(f.source)]
    badge_width = (
        min(20, max(view.legend.badge(f.source).cell_length for f in shown)) if shown else 0
    )
    rows = []
    for f in shown:
        mark = lit("▸", "bold $text-accent") if f.id == chosen.id else Content(" ")
        rows.append(
            [mark, view.legend.badge(f.source), lit(amount(f), "bold"), lit(f.period, MUTED)]
        )
    amount_width = min(max((len(amount(f)) for f in shown), default=8), max(8, width // 3))
    period_width = max(6, width - badge_width - amount_width - 4 - 1)
    lines += grid(rows, [1, badge_width, amount_width, period_width])
    lines += [BLANK, *heading("In the source's words", width)]
    lines.append(view.legend.badge(chosen.source))
    lines += quote_lines_for(chosen, view, width)
    if chosen.note:
        lines += [
            BLANK,
            *wrap(lit("Note  ", "bold $text-warning") + prose(view, chosen.note), width),
        ]
    others = [f for f in shown if f.id != chosen.id]
    for f in others:
        lines += [BLANK, view.legend.badge(f.source), *quote_lines_for(f, view, width)]
    return lines


def quote_lines_for(figure: Figure, view: View, width: int) -> list[Content]:
    return quote_lines(Quote(source=figure.source, quote=figure.quote), view, width)
