"""The Documents tab: each source's text with every quoted passage in its colour.

The list on top names the documents, or, when `d` opened the tab from an item, that
item's quotes (each opens its document at the quote). Below the text, the items
citing the current passage (enter jumps to one) and the quotes the document no
longer holds.

The documents show as soon as they are read; their quotes are placed a document at a
time (on a large set, seconds in all), and each document's passages appear when its
own are placed: the one on screen, or the one `d` asked for, first.
"""

from __future__ import annotations

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widget import Widget
from textual.widgets import OptionList, Static

from kzbrief.documents import HOW_TO_SUPPLY
from kzbrief.model import Quote
from kzbrief.places import Citer, Located, Unplaced
from kzbrief.sanitise import sanitise
from kzbrief.tui import citation
from kzbrief.tui.draw.common import MUTED, fit, join, lit, wrap
from kzbrief.tui.draw.document import Page
from kzbrief.tui.messages import Jump, PlaceFirst
from kzbrief.tui.view import View

from .document_text import DocumentText
from .nav_list import NavList, Row, fixed
from .pane import Pane


class DocumentsPane(Pane):
    KINDS = ("document",)
    # Its list names the sources' documents; the quotes are placed off the UI thread,
    # which decodes the parts that hold them there (decoding them here first would also
    # wait for that thread, under the set's lock).
    PARTS = ("sources",)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.trail: tuple[str, list[Quote]] | None = None
        """The item `d` came from and its quotes, listed above the documents."""
        self._pages: dict[str, Page] = {}
        self._pages_of: Located | None = None
        self._document: str | None = None
        self._citers: dict[str, Citer] = {}
        self._placing: Located | None = None
        """The documents read and the quotes placed so far, before `view.located` has all."""
        self._waiting: Quote | None = None
        """A quote to make current once its document's quotes are placed (`d` came first)."""

    def compose(self) -> ComposeResult:
        yield Static(id="documents-context", classes="context")
        yield Static(id="documents-none")
        yield NavList(id="documents-list")
        yield DocumentText(id="document-text")
        yield NavList(id="documents-citers")

    @property
    def documents_list(self) -> NavList:
        return self.query_one("#documents-list", NavList)

    @property
    def text(self) -> DocumentText:
        return self.query_one(DocumentText)

    # Drawing -------------------------------------------------------------------

    @property
    def located(self) -> Located | None:
        """Every quote's place, or, while they are being placed, those placed so far."""
        view = self.view
        return view.located if view is not None and view.located is not None else self._placing

    def show_placing(self, located: Located | None) -> None:
        """The documents read, and more of their quotes placed (the screen, as each is)."""
        self._placing = located
        view = self.view
        if view is not None and view.located is None and located is not self._pages_of:
            self.draw(view)

    def draw(self, view: View) -> None:
        located = self.located
        self.set_class(located is None, "-no-documents")
        if located is None:
            message = HOW_TO_SUPPLY if view.documents is None else "Reading the documents…"
            self.query_one("#documents-none", Static).update(Content(message))
            self.query_one("#documents-context", Static).update(Content(""))
            return
        old = self._pages_of
        if old is not None and located.documents is old.documents:
            if located is not old:
                self._more_placed(old, located)
                return
        elif located is not old:
            self._pages, self._pages_of, self._document = {}, located, None
        rows: list[Row] = []
        if self.trail is not None:
            label, quotes = self.trail
            rows.append(Row(None, fixed(lit(f"Quotes of {' '.join(label.split())}", "bold"))))
            rows += [
                Row(f"quote:{i}", partial(self._quote_row, q, view), 1)
                for i, q in enumerate(quotes)
            ]
            rows.append(Row(None, fixed(lit("All documents", "bold"))))
        names = list(dict.fromkeys(s.document for s in view.bset.sources))
        rows += [Row(f"doc:{name}", partial(self._document_row, name, view), 1) for name in names]
        self.documents_list.show_rows(rows)

    def _more_placed(self, old: Located, located: Located) -> None:
        """The same documents with more of their quotes placed: their rows and, when it
        is one of them, the open document are drawn again, the reader left where they are."""
        self._pages_of = located
        done = [name for name in old.pending if name not in located.pending]
        for name in done:
            self._pages.pop(name, None)
        quotes = [f"quote:{i}" for i in range(len(self.trail[1]))] if self.trail else []
        self.documents_list.redraw(*(f"doc:{name}" for name in done), *quotes)
        if self._document not in done or self.view is None:
            return
        waiting = self._waiting
        source = self.view.bset.source(waiting.source) if waiting is not None else None
        if waiting is not None and source is not None and source.document == self._document:
            self.open_quote(waiting)  # what d asked for, now placed
        else:
            self._open(self._document, None)

    def _page(self, name: str) -> Page | None:
        located = self._pages_of
        if located is None or name not in located.documents.found:
            return None
        if name not in self._pages:
            document = located.documents.found[name]
            if name in located.pending:
                self._pages[name] = Page.placing_in(document)
            else:
                self._pages[name] = Page.of(document, located.in_document(name))
        return self._pages[name]

    def _document_row(self, name: str, view: View, width: int) -> Content:
        located = self._pages_of
        assert located is not None
        head = Content("")
        for source in (s.id for s in view.bset.sources if s.document == name):
            head += view.legend.badge(source) + " "
            if head.cell_length >= width:  # a large set names a document from many sources
                break
        page = self._page(name)
        if page is None:
            return fit(head + lit(_problem(located, name), "$text-error"), width)
        if page.placing:
            return fit(head + lit(name + "  ") + lit("placing its quotes…", MUTED), width)
        paragraphs = len(page.document.paragraphs)
        tail = f"{len(page.passages)} passages · {paragraphs - page.uncited}/{paragraphs} ¶ cited"
        changed = len(located.changed_in(name))
        body = lit(name + "  ") + lit(tail, MUTED)
        if changed:
            body += lit(f" · ⚠ {changed} not found", "$text-warning")
        return fit(head + body, width)

    # Moving --------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#documents-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        key = self.documents_list.current or ""
        kind, _, rest = key.partition(":")
        if kind == "doc":
            self._waiting = None  # the reader chose another document
            self._open(rest, None)
        elif kind == "quote" and self.trail is not None and self.view is not None:
            quote = self.trail[1][int(rest)]
            self.open_quote(quote)

    def open_quote(self, quote: Quote) -> None:
        """Show the quote's document, the quote current and centred (once its document's
        quotes are placed, when they are not yet)."""
        view, located = self.view, self._pages_of
        if view is None or located is None:
            self._waiting = quote  # the documents are still being read
            return
        source = view.bset.source(quote.source)
        name = source.document if source else ""
        if name in located.pending:
            self._waiting = quote
            self.post_message(PlaceFirst(name))
            self._open(name, None)
            return
        self._waiting = None
        passage = located.passages.get((quote.source, quote.quote))
        if passage is None:
            self._open(name, None)
            return
        page = self._page(passage.document)
        index = page.passages.index(passage) if page is not None else None
        self._open(passage.document, index)

    def _open(self, name: str, passage: int | None) -> None:
        view = self.view
        if view is None:
            return
        text = self.text
        page = self._page(name)
        if name != self._document or page is not text.page:
            # The same document, its quotes just placed: restyled where the reader is.
            keep = name == self._document and text.page is not None
            self._document = name
            text.show_page(page, view.legend, keep=keep)
            if page is not None and page.placing:
                self.post_message(PlaceFirst(name))
        if text.page is None:
            self._show_citers(None)  # what is wrong with the document
        elif passage is not None:
            self.call_after_refresh(text.set_current, passage)
        else:
            text.set_current(None, centre=False)

    @on(DocumentText.Moved)
    def _moved(self, event: DocumentText.Moved) -> None:
        event.stop()
        self._show_citers(event.passage)

    @on(DocumentText.ToCiters)
    def _to_citers(self, event: DocumentText.ToCiters) -> None:
        event.stop()
        citers = self.query_one("#documents-citers", NavList)
        if citers.keys:
            self.screen.set_focus(citers)

    def _show_citers(self, passage: int | None) -> None:
        located, name = self._pages_of, self._document
        if self.view is None or located is None or name is None:
            return
        page = self._page(name)
        rows: list[Row] = []
        self._citers = {}
        context = lit(name)
        if page is None:
            problem = lit(_problem(located, name), "$text-error")
            rows.append(Row(None, lambda width: join(wrap(problem, width))))
        elif page.placing:
            context += lit(" · placing its quotes…", MUTED)
            rows.append(Row(None, fixed(lit("Placing the quotes in this document…", MUTED))))
        else:
            paragraphs = len(page.document.paragraphs)
            context += lit(
                f" · {len(page.passages)} passages · {page.uncited} of {paragraphs} ¶ uncited (○)"
                " · n/N next/previous passage · enter: cited by",
                MUTED,
            )
        if page is not None and passage is not None:
            current = page.passages[passage]
            place = current.place
            head = f"Cited by ({len(current.citers)}) · ¶{place.paragraph}, line {place.line}"
            rows.append(Row(None, fixed(lit(head, "bold"))))
            for i, citer in enumerate(current.citers):
                self._citers[f"cite:{i}"] = citer
                rows.append(Row(f"cite:{i}", fixed(lit(citer.label)), 1))
        changed = located.changed_in(name)
        if changed:
            head = f"⚠ {len(changed)} quotes not found in this document (changed since written?)"
            rows.append(Row(None, fixed(lit(head, "bold $text-warning"))))
            for i, gone in enumerate(changed):
                if gone.citers:
                    self._citers[f"gone:{i}"] = gone.citers[0]
                rows.append(Row(f"gone:{i}", partial(_gone_row, gone), 1))
        if not rows:
            rows.append(Row(None, fixed(lit("n: the next quoted passage", MUTED))))
        self.query_one("#documents-citers", NavList).show_rows(rows)
        self.query_one("#documents-context", Static).update(context)

    @on(OptionList.OptionSelected, "#documents-citers")
    def _citer_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        key = self.query_one("#documents-citers", NavList).current
        citer = self._citers.get(key or "")
        if citer is not None:
            self.post_message(Jump(citer.kind, citer.key))

    @on(OptionList.OptionHighlighted, "#documents-citers")
    def _citer_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()

    @on(OptionList.OptionSelected, "#documents-list")
    def _list_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.screen.set_focus(self.text)

    # What the screen asks ------------------------------------------------------

    def show_trail(self, label: str, quotes: list[Quote]) -> None:
        """List an item's quotes above the documents and open the first."""
        self.trail = (label, quotes)
        if self.view is not None:
            self.draw(self.view)
        self.documents_list.select_key("quote:0")

    def copy_text(self) -> str | None:
        view, page, at = self.view, self._page(self._document or ""), self.text.current
        located = self._pages_of
        if view is None or located is None or page is None or at is None:
            return None
        current = page.passages[at]
        quote = Quote(source=current.source, quote=current.quote)
        return citation.passage(quote, view.bset, located.place)

    def _quote_row(self, quote: Quote, view: View, width: int) -> Content:
        # The view the row was made for, as `_document_row`: the pane's own is let go when
        # the reader leaves a trail (escape), and the list may draw a row after that (a
        # placing step redrawing it, a resize).
        located = self._pages_of
        assert located is not None
        place = located.place(quote.source, quote.quote)
        source = view.bset.source(quote.source)
        if place is not None:
            where = f" ¶{place.paragraph} "
        elif source is not None and source.document in located.pending:
            where = " … "
        else:
            where = " ⚠ not found "
        body = lit(" ".join(quote.quote.split()), "italic")
        return fit(view.legend.badge(quote.source) + lit(where, MUTED) + body, width)

    def main_widget(self) -> Widget:
        return self.documents_list

    def detail_widget(self) -> Widget:
        return self.text

    def select(self, kind: str, key: str) -> bool:
        return kind == "document" and self.documents_list.select_key(f"doc:{key}")

    def place(self) -> tuple[str, str] | None:
        key = self.documents_list.current
        return ("document", key[4:]) if key and key.startswith("doc:") else None


def _gone_row(gone: Unplaced, width: int) -> Content:
    cited = f" — {gone.citers[0].label}" if gone.citers else ""
    return fit(lit(f"“{' '.join(gone.quote.split())}”", "italic") + lit(cited, MUTED), width)


def _problem(located: Located, name: str) -> str:
    """What is wrong with a document, from its name on (the folder is the same for all)."""
    problem = located.documents.problems.get(name, f"{name}: not read")
    return problem.removeprefix(sanitise(str(located.documents.folder)) + "/")
