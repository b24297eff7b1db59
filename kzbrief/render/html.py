"""A briefing, or part of one, as one self-contained web page.

The page loads nothing: its style and script are inline, allowed by their hashes in a
Content-Security-Policy whose default is 'none', and it uses the system's fonts. It reads
completely without JavaScript; the script adds the reader's topic and source filters and a
search box. Every piece of briefing text goes through `esc`, and only http(s) addresses
become links, so nothing planted in a briefing can become markup, script or a request.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable, Iterator
from html import escape
from importlib.resources import files

from kzbrief import __version__
from kzbrief.colours import INK, PALETTE
from kzbrief.dates import display_date
from kzbrief.model import (
    PLACES,
    Attested,
    Claim,
    Contested,
    Event,
    Framing,
    Position,
    Quote,
    SetParts,
    Source,
    Status,
)
from kzbrief.query import MeasureGroup, quote_sources
from kzbrief.scope import TITLES, Places, Scope, Selected, extra_fields, select
from kzbrief.text import (
    JUDGEMENT,
    amount,
    basis_tag,
    place_words,
    short_date,
    stance_marker,
    web_url,
)

# Colour pairs of the page, light and dark; tests/test_export_html.py checks each text
# colour against each background it is drawn on for WCAG AA (4.5:1).
THEMES: dict[str, dict[str, str]] = {
    "light": {
        "bg": "#ffffff",
        "panel": "#f3f4f6",
        "fg": "#1b1d22",
        "muted": "#4b5161",
        "link": "#0b57a4",
        "warn": "#8a4600",
        "rule": "#c9ccd3",
    },
    "dark": {
        "bg": "#16181d",
        "panel": "#20232b",
        "fg": "#e8e9ec",
        "muted": "#aab0be",
        "link": "#8cb8f5",
        "warn": "#f0b35a",
        "rule": "#3a3f4b",
    },
}
TEXT_COLOURS = ("fg", "muted", "link", "warn")
BACKGROUNDS = ("bg", "panel")

Out = Iterator[str]


def esc(text: str) -> str:
    """Briefing text as HTML text or an attribute value: it can never become markup."""
    return escape(text, quote=True)


def _asset(name: str) -> str:
    return files("kzbrief.render").joinpath("page", name).read_text(encoding="utf-8")


def _variables() -> str:
    light = "; ".join(f"--{k}: {v}" for k, v in THEMES["light"].items())
    dark = "; ".join(f"--{k}: {v}" for k, v in THEMES["dark"].items())
    slots = "\n".join(f".src-{i} {{ --src: {colour}; }}" for i, colour in enumerate(PALETTE))
    return (
        f":root {{ {light}; --ink: {INK}; --src: {THEMES['light']['muted']}; }}\n"
        f"@media (prefers-color-scheme: dark) {{ :root {{ {dark}; }} }}\n{slots}\n"
    )


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def policy(style: str, script: str) -> str:
    """Nothing from anywhere, except this page's own style and script, by their hashes."""
    return (
        f"default-src 'none'; style-src {_hash(style)}; script-src {_hash(script)}; "
        "img-src 'none'; font-src 'none'; connect-src 'none'; media-src 'none'; "
        "object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'"
    )


def html_page(bset: SetParts, scope: Scope, places: Places | None = None) -> str:
    """The export of `scope` of `bset`, as one HTML document."""
    chosen = select(bset, scope, places)
    style = "\n" + _variables() + _asset("page.css")
    script = "\n" + _asset("page.js")
    title = esc(chosen.bset.briefing.title)
    head = [
        "<!doctype html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{policy(style, script)}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="kzbrief {esc(__version__)}">',
        f"<title>{title}</title>",
        f"<style>{style}</style>",
        "</head>",
        "<body>",
        '<a class="skip" href="#main">Skip to the briefing</a>',
    ]
    body = [*_header(chosen), *_nav(chosen), '<main id="main">', *_main(chosen), "</main>"]
    foot = [
        '<footer class="page"><p class="muted">Exported by kzbrief '
        f"{esc(__version__)}. Every quote is the source's own words.</p></footer>",
        f"<script>{script}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join([*head, *body, *foot]) + "\n"


# -- small pieces ---------------------------------------------------------------------


def badge(chosen: Selected, source: str, tag: str = "span") -> str:
    return (
        f'<{tag} class="badge src-{chosen.slot(source)}" data-source="{esc(source)}">'
        f"{esc(chosen.label(source))}</{tag}>"
    )


def _words(ids: Iterable[str]) -> str:
    return esc(" ".join(dict.fromkeys(ids)))


def link(url: str) -> str:
    """An http(s) address as a link that tells the site nothing; anything else as text."""
    safe = web_url(url)
    if safe is None:
        return esc(url)
    return f'<a href="{esc(safe)}" rel="noopener noreferrer">{esc(safe)}</a>'


def quote_figure(chosen: Selected, quote: Quote) -> str:
    """The words in a <blockquote>, with the source (<cite>) and place in its caption."""
    place = chosen.place(quote)
    where = f", {esc(place)}" if place else ""
    return (
        f'<figure class="quote src-{chosen.slot(quote.source)}" data-source="{esc(quote.source)}">'
        f"<blockquote><p>“{esc(quote.quote)}”</p></blockquote>"
        f"<figcaption>— <cite>{esc(chosen.label(quote.source))}</cite>{where}</figcaption>"
        "</figure>"
    )


def _quotes(chosen: Selected, quotes: Iterable[Quote]) -> Out:
    shown, hidden = chosen.quotes(quotes)
    for quote in shown:
        yield quote_figure(chosen, quote)
    if hidden:
        noun = "quote" if hidden == 1 else "quotes"
        yield f'<p class="muted">{hidden} {noun} from sources not shown.</p>'


def _attested(value: Attested, as_link: bool = False) -> str:
    """A metadata value with how it is known: 'not stated' and 'inferred' always said."""
    reason = f' <span class="muted">({esc(value.reason)})</span>' if value.reason else ""
    if value.status is Status.NOT_STATED:
        return f'<span class="not-stated">not stated</span>{reason}'
    shown = display_date(value.value) if value.value[:4].isdigit() else value.value
    text = link(shown) if as_link else esc(shown)
    if value.status is Status.INFERRED:
        return f'{text} <em class="inferred">inferred</em>{reason}'
    return text + reason


def _topic_names(chosen: Selected, topics: list[str]) -> Out:
    if topics:
        names = " · ".join(esc(chosen.topic_title(t)) for t in topics)
        yield f'<p class="topics">{names}</p>'


def _iso(date: str) -> str:
    return esc(date.rstrip("~"))


# -- the page's parts ---------------------------------------------------------------


def _header(chosen: Selected) -> Out:
    brief = chosen.bset.briefing
    about = [f'As of <time datetime="{_iso(brief.as_of)}">{esc(display_date(brief.as_of))}</time>']
    if chosen.topic is not None:
        about.append(f"Topic: {esc(chosen.topic.title)}")
    if chosen.hidden_sources:
        hidden = ", ".join(esc(s.label) for s in chosen.hidden_sources)
        about.append(f"Not shown: {hidden}")
    yield '<header class="page">'
    yield f"<h1>{esc(brief.title)}</h1>"
    yield f'<p class="question">{esc(brief.question)}</p>'
    yield f"<p>{esc(brief.scope)}</p>"
    yield f'<p class="meta">{" · ".join(about)}</p>'
    yield "</header>"


def _section_ids(chosen: Selected) -> list[tuple[str, str]]:
    ids = [(name, TITLES[name]) for name in chosen.sections if name != "sources"]
    ids.append(("sources", "Sources" if "sources" in chosen.sections else "Sources cited"))
    if chosen.glossary:
        ids.append(("glossary", "Glossary"))
    return ids


def _nav(chosen: Selected) -> Out:
    yield '<nav class="page" aria-label="Sections and filters">'
    yield '<ul class="toc">'
    for ident, title in _section_ids(chosen):
        yield f'<li><a href="#{ident}">{title}</a></li>'
    yield "</ul>"
    # Shown by the script: without it there is nothing to filter with, and nothing hidden.
    yield '<form id="filters" class="filters" role="search" hidden>'
    yield '<label for="filter-search">Search<input type="search" id="filter-search"></label>'
    if chosen.topic is None and chosen.bset.topics:
        yield '<label for="filter-topic">Topic<select id="filter-topic">'
        yield '<option value="">All topics</option>'
        for topic in chosen.bset.topics:
            yield f'<option value="{esc(topic.id)}">{esc(topic.title)}</option>'
        yield "</select></label>"
    yield "<fieldset><legend>Sources</legend>"
    for source in chosen.shown_sources:
        yield (
            f'<label><input type="checkbox" name="source" value="{esc(source.id)}" checked>'
            f"{badge(chosen, source.id)}</label>"
        )
    yield "</fieldset>"
    yield '<p id="filter-count" class="count" aria-live="polite"></p>'
    yield "</form>"
    yield "</nav>"


def _main(chosen: Selected) -> Out:
    if "overview" in chosen.sections:
        yield from _overview(chosen)
    parts: tuple[tuple[str, list[Iterator[str]], str], ...] = (
        (
            "timeline",
            [_event(chosen, e) for e in chosen.events],
            "No events for this topic and these sources.",
        ),
        ("framing", [_card(chosen, c) for c in chosen.framing], "No framing for these sources."),
        (
            "compare",
            [_point(chosen, p) for p in chosen.contested],
            "No contested points for this topic.",
        ),
        (
            "figures",
            [_figures(chosen, g) for g in chosen.figures],
            "No figures for this topic and these sources.",
        ),
    )
    for name, items, empty in parts:
        if name in chosen.sections:
            yield f'<section id="{name}" aria-labelledby="{name}-title">'
            yield f'<h2 id="{name}-title">{TITLES[name]}</h2>'
            if not items:
                yield f'<p class="muted">{empty}</p>'
            for item in items:
                yield from item
            yield "</section>"
    yield from _sources(chosen)


def _judged() -> str:
    """The tag before the briefing's own inferences, as the reader and the CLI show it."""
    return f'<strong class="judgement">{JUDGEMENT}:</strong> '


def _claims(chosen: Selected, claims: list[Claim]) -> Out:
    yield '<ul class="claims">'
    for claim in claims:
        by = " ".join(badge(chosen, s) for s in chosen.claim_sources(claim))
        extra = "".join(
            f' <span class="muted">({esc(name)}: {esc(value)})</span>'
            for name, value in extra_fields(claim, ("text", "basis", "sources"))
        )
        tag = _judged() if basis_tag(claim.basis) else ""
        yield f'<li>{tag}{esc(claim.text)}{extra} <span class="by">{by}</span></li>'
    yield "</ul>"


def _overview(chosen: Selected) -> Out:
    yield '<section id="overview" aria-labelledby="overview-title">'
    yield '<h2 id="overview-title">Overview</h2>'
    yield "<h3>Bottom line</h3>"
    yield from _claims(chosen, chosen.bset.briefing.bottom_line)
    topics = [chosen.topic] if chosen.topic is not None else chosen.bset.topics
    for topic in topics:
        yield f'<article class="item" data-topics="{esc(topic.id)}">'
        yield f"<h3>Topic: {esc(topic.title)}</h3>"
        if topic.summary:
            yield from _claims(chosen, topic.summary)
        else:
            yield '<p class="muted">No summary for this topic.</p>'
        yield "</article>"
    yield "</section>"


def _event(chosen: Selected, event: Event) -> Out:
    sources = quote_sources(event.quotes)
    yield (
        f'<article class="item event" id="event-{esc(event.id)}" '
        f'data-topics="{_words(event.topics)}" data-sources="{_words(sources)}">'
    )
    date = f'<time datetime="{_iso(event.date)}">{esc(display_date(event.date))}</time>'
    yield f"<h3>{date} — {esc(event.title)}</h3>"
    yield from _topic_names(chosen, event.topics)
    yield f"<p>{esc(event.summary)}</p>"
    if event.note:
        yield f'<p class="note"><strong>Note:</strong> {esc(event.note)}</p>'
    ordered = [q for s in sources for q in event.quotes if q.source == s]
    yield from _quotes(chosen, ordered)
    yield "</article>"


def _card(chosen: Selected, card: Framing) -> Out:
    source = chosen.bset.source(card.source)
    yield f'<article class="item card" data-source="{esc(card.source)}">'
    head = badge(chosen, card.source)
    if source is not None:
        head += f' <span class="muted">{source.genre.value} · {esc(short_date(source.date))}</span>'
    yield f"<h3>{head}</h3>"
    yield '<dl class="meta-list">'
    yield f"<dt>Thesis</dt><dd>{esc(card.thesis)}</dd>"
    yield f"<dt>Tone</dt><dd>{esc(card.tone)}</dd>"
    yield f"<dt>Perspective</dt><dd>{esc(card.perspective)}</dd>"
    if card.stresses:
        yield "<dt>Stresses</dt><dd>" + " · ".join(esc(s) for s in card.stresses) + "</dd>"
    if card.omits:
        yield "<dt>Omits</dt><dd>" + " · ".join(esc(s) for s in card.omits) + "</dd>"
    yield "</dl>"
    for frame in card.frames:
        yield f"<h4>Frame: {esc(frame.name)}</h4>"
        yield f"<p>{esc(frame.explanation)}</p>"
        yield from _quotes(chosen, frame.quotes)
    stances = chosen.stances(card)
    if chosen.topic is not None and not stances:
        yield f'<p class="muted">States no stance on {esc(chosen.topic.title)}.</p>'
    for stance in stances:
        yield f'<div class="stance" data-topic="{esc(stance.topic)}">'
        yield f"<h4>Stance on {esc(chosen.topic_title(stance.topic))}</h4>"
        yield f"<p>{esc(stance.stance)}</p>"
        yield from _quotes(chosen, stance.quotes)
        yield "</div>"
    yield "</article>"


def _point(chosen: Selected, point: Contested) -> Out:
    positions = chosen.positions(point)
    sources = [p.source for p in point.positions]
    yield (
        f'<article class="item point" id="point-{esc(point.id)}" '
        f'data-topics="{_words(point.topics)}" data-sources="{_words(sources)}">'
    )
    yield f"<h3>{esc(point.question)}</h3>"
    yield from _topic_names(chosen, point.topics)
    yield from _axis(chosen, point, positions)
    yield '<div class="positions">'
    for position in positions:
        yield from _position(chosen, point, position)
    yield "</div>"
    hidden = len(point.positions) - len(positions)
    if hidden:
        noun = "position" if hidden == 1 else "positions"
        yield f'<p class="muted">{hidden} {noun} from sources not shown.</p>'
    yield "<h4>Why they differ</h4>"
    yield f"<p>{_judged()}{esc(point.why_they_differ)}</p>"
    yield "</article>"


def _axis(chosen: Selected, point: Contested, positions: list[Position]) -> Out:
    """The axis's five places, poles at the ends, each shown source under its place."""
    left, right = esc(point.axis.left), esc(point.axis.right)
    yield '<figure class="axis">'
    yield f"<figcaption>Where each source stands, from <strong>{left}</strong> to "
    yield f"<strong>{right}</strong></figcaption>"
    yield '<ol class="places">'
    for i, place in enumerate(PLACES):
        here = [p for p in positions if p.stance == place]
        kind = ["place", f"place-{place}"]
        if i in (0, len(PLACES) - 1):
            kind.append("pole")
        if here:
            kind.append("taken")
        yield f'<li class="{" ".join(kind)}">'
        yield f'<span class="place-name">{esc(place_words(place, point.axis))}</span>'
        if here:
            yield '<ul class="on-place">'
            yield from (f"<li>{badge(chosen, p.source)}</li>" for p in here)
            yield "</ul>"
        yield "</li>"
    yield "</ol>"
    unplaced = [p for p in positions if p.stance not in PLACES]
    if unplaced:
        names = " ".join(badge(chosen, p.source) for p in unplaced)
        yield f'<p class="muted">No place on this axis: {names}</p>'
    yield "</figure>"


def _position(chosen: Selected, point: Contested, position: Position) -> Out:
    slot = chosen.slot(position.source)
    # "_" never occurs in an id, so point "a" with source "b-c" and point "a-b" with source "c"
    # cannot both be named "a-b-c".
    ident = esc(f"{point.id}_{position.source}")
    yield (
        f'<section class="position src-{slot}" data-source="{esc(position.source)}" '
        f'aria-labelledby="position-{ident}">'
    )
    yield f'<h4 id="position-{ident}">{badge(chosen, position.source)} {esc(position.label)}</h4>'
    marker = esc(stance_marker(position.stance))
    yield (
        f'<p class="where"><span class="marker" aria-hidden="true">{marker}</span> '
        f"{esc(place_words(position.stance, point.axis))}</p>"
    )
    yield f"<p>{esc(position.summary)}</p>"
    for quote in position.quotes:
        yield quote_figure(chosen, quote)
    yield "</section>"


def _figures(chosen: Selected, group: MeasureGroup) -> Out:
    figures = group.figures
    topics = _words(t for f in figures for t in f.topics)
    yield (
        f'<article class="item measure" data-topics="{topics}" '
        f'data-sources="{_words(f.source for f in figures)}">'
    )
    yield f"<h3>{esc(group.measure.title)}</h3>"
    if group.differs:
        yield '<p class="differs">≠ The sources give different values for this measure.</p>'
    if group.measure.note:
        yield f"<p>{_judged()}{esc(group.measure.note)}</p>"
    # Named for screen readers by aria-label, not a visually hidden <caption>: Chromium counts a
    # caption's unwrapped text in the page's width, so a narrow screen scrolled sideways.
    yield f'<table aria-label="{esc(group.measure.title)}">'
    yield '<thead><tr><th scope="col">Source</th><th scope="col">Amount</th>'
    yield '<th scope="col">Period</th></tr></thead><tbody>'
    for f in figures:
        yield (
            f'<tr data-source="{esc(f.source)}"><td>{badge(chosen, f.source)}</td>'
            f"<td>{esc(amount(f))}</td><td>{esc(f.period)}</td></tr>"
        )
    yield "</tbody></table>"
    for f in figures:
        yield quote_figure(chosen, Quote(source=f.source, quote=f.quote))
        if f.note:
            yield f'<p class="note" data-source="{esc(f.source)}"><strong>Note:</strong> '
            yield f"{esc(f.note)}</p>"
    yield "</article>"


def _sources(chosen: Selected) -> Out:
    title = "Sources" if "sources" in chosen.sections else "Sources cited"
    yield '<section id="sources" aria-labelledby="sources-title">'
    yield f'<h2 id="sources-title">{title}</h2>'
    if not chosen.references:
        yield '<p class="muted">No sources shown.</p>'
    for source in chosen.references:
        yield from _source(chosen, source)
    yield "</section>"
    if chosen.glossary:
        yield '<section id="glossary" aria-labelledby="glossary-title">'
        yield '<h2 id="glossary-title">Glossary</h2>'
        yield '<dl class="meta-list glossary">'
        for entry in chosen.glossary:
            by = " ".join(badge(chosen, s) for s in chosen.glossary_sources(entry))
            yield f'<dt>{esc(entry.term)} <span class="muted">{entry.kind}</span></dt>'
            yield f'<dd>{esc(entry.description)} <span class="by">{by}</span></dd>'
        yield "</dl>"
        yield "</section>"


def _source(chosen: Selected, source: Source) -> Out:
    yield (
        f'<article class="item source" id="source-{esc(source.id)}" data-source="{esc(source.id)}">'
    )
    yield f"<h3>{badge(chosen, source.id)} {esc(source.title)}</h3>"
    yield '<dl class="meta-list">'
    yield f"<dt>Author</dt><dd>{_attested(source.author)}</dd>"
    yield f"<dt>Outlet</dt><dd>{_attested(source.outlet)}</dd>"
    yield f"<dt>Date</dt><dd>{_attested(source.date)}</dd>"
    yield f"<dt>URL</dt><dd>{_attested(source.url, as_link=True)}</dd>"
    yield f"<dt>Genre</dt><dd>{source.genre.value}</dd>"
    yield f"<dt>Perspective</dt><dd>{esc(source.perspective)}</dd>"
    yield f"<dt>Thesis</dt><dd>{esc(source.thesis)}</dd>"
    yield f"<dt>Document</dt><dd>{esc(source.document)}</dd>"
    yield "</dl>"
    if source.problems and "sources" in chosen.sections:
        yield "<h4>Slips in the document</h4>"
        yield "<ul>"
        for note in source.problems:
            quotes = "".join(quote_figure(chosen, q) for q in note.quotes)
            yield f"<li><p>{esc(note.note)}</p>{quotes}</li>"
        yield "</ul>"
    yield "</article>"
