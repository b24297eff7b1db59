"""Sources with all their metadata, the glossary, and the topic navigator's rows."""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content

from kzbrief.model import Entry, Source, TopicCount
from kzbrief.tui.view import View

from .common import BLANK, MUTED, attested_value, fit, hang, heading, lit, prose, quote_lines, wrap

LABEL = 13


def source_row(source: Source, view: View, width: int, badge_width: int = 0) -> Content:
    """One line: badge, genre and title (cut to fit; the detail has everything)."""
    hidden = not view.shows(source.id)
    badge = (
        fit(view.legend.badge(source.id), max(badge_width, 1))
        if badge_width
        else view.legend.badge(source.id)
    )
    lead = badge + lit(f" {source.genre.value:<10} ", MUTED)
    body = lit(" ".join(source.title.split()), MUTED if hidden else "")
    if hidden:
        body = lit("hidden · ", f"italic {MUTED}") + body
    return fit(lead + body, width)


def source_detail(source: Source, view: View, width: int) -> list[Content]:
    def field(name: str, value: Content) -> list[Content]:
        return hang(lit(name, "bold"), value, width, indent=LABEL)

    lines = [view.legend.badge(source.id), *wrap(lit(source.title, "bold"), width), BLANK]
    lines += field("Id", lit(source.id) + lit("  (its name in the CLI)", MUTED))
    lines += field("Author", attested_value(source.author))
    lines += field("Outlet", attested_value(source.outlet))
    lines += field("Date", attested_value(source.date))
    url = attested_value(source.url)
    if source.url.value and source.url.value.startswith(("http://", "https://")):
        url += lit("  o opens it", MUTED)
    lines += field("URL", url)
    lines += field("Genre", lit(source.genre.value))
    lines += field("Perspective", prose(view, source.perspective))
    lines += field("Thesis", prose(view, source.thesis))
    lines += field("Document", lit(source.document, MUTED))
    if not view.shows(source.id):
        lines += [BLANK, lit("Hidden from the other tabs; press s to show it.", f"italic {MUTED}")]
    if source.problems:
        lines += [BLANK, *heading("Slips in the document", width)]
        for note in source.problems:
            lines += [
                lit("• ", "$text-warning") + line
                for line in wrap(prose(view, note.note), width - 2)
            ]
            for quote in note.quotes:
                lines += quote_lines(quote, view, width, indent=4)
    return lines


def glossary_row(entry: Entry, width: int) -> Content:
    kind = lit(f"  {entry.kind}", MUTED)
    return fit(lit(" ".join(entry.term.split())), width - kind.cell_length) + kind


def glossary_detail(entry: Entry, view: View, width: int) -> list[Content]:
    lines = [*wrap(lit(entry.term, "bold") + lit(f"  {entry.kind}", MUTED), width), BLANK]
    lines += wrap(prose(view, entry.description), width)
    lines += [BLANK, lit("Mentioned by", "bold")]
    lines += wrap(Content(" ").join(view.legend.badge(s) for s in entry.sources), width)
    return lines


def topic_row(title: str, count: TopicCount, width: int, chosen: bool) -> Content:
    lines = wrap(lit(title, "bold" if chosen else ""), width)
    if len(lines) > 2:
        lines = [lines[0], lines[1].truncate(width - 1) + "…"]
    lines += wrap(lit(_tally(count, width), MUTED), width)
    return Content("\n").join(lines)


def topic_row_height(title: str, count: TopicCount, width: int, chosen: bool) -> int:
    """The lines `topic_row` takes, without wrapping the title: one when it fits, else
    two (it is cut to two). So the list draws only the rows in view."""
    tally = _tally(count, width)
    if title != title.strip() or not title.isprintable() or cell_len(tally) > width:
        return topic_row(title, count, width, chosen).plain.count("\n") + 1  # rare: as drawn
    return (1 if cell_len(title) <= width else 2) + 1


def _tally(count: TopicCount, width: int) -> str:
    pts = "pt" if count.contested == 1 else "pts"  # ev and fig read the same either way
    tally = f"{count.events} ev·{count.contested} {pts}·{count.figures} fig"
    if len(tally) > width:
        tally = f"{count.events} ev·{count.contested} {pts}"
    return tally
