"""Lines: a long text drawn a part at a time, the first part at once, the rest between frames."""

from __future__ import annotations

from collections.abc import Iterator

from textual.app import App, ComposeResult
from textual.content import Content

from kzbrief.tui.widgets.lines import Lines

PARTS = 200


def parts(width: int) -> Iterator[list[Content]]:
    yield [Content(f"first part at {width}")]
    for n in range(1, PARTS):
        yield [Content(f"part {n}")] * 5


class Shows(App[None]):
    def compose(self) -> ComposeResult:
        yield Lines(id="lines")


async def test_the_first_part_shows_at_once_and_the_rest_follows() -> None:
    app = Shows()
    async with app.run_test(size=(60, 10)) as pilot:
        lines = app.query_one(Lines)
        lines.show(parts)
        # Drawn for the widget's width (60 less its scrollbar), first part only, before a frame.
        assert lines.drawn.startswith("first part at")
        assert "part 1" not in lines.drawn
        for _ in range(1000):  # up to 10 s on a busy machine; done as soon as it is drawn
            await pilot.pause(0.01)
            if lines.drawn.endswith(f"part {PARTS - 1}"):
                break
        assert lines.drawn.count("\n") == 1 + 5 * (PARTS - 1) - 1
        assert lines.virtual_size.height == 1 + 5 * (PARTS - 1)


async def test_a_hidden_text_waits_and_plain_draws_every_part() -> None:
    app = Shows()
    async with app.run_test(size=(60, 10)) as pilot:
        lines = app.query_one(Lines)
        lines.show(parts)
        lines.display = False  # before the rest could be drawn
        await pilot.pause(0.2)
        assert lines.drawn.startswith("first part at") and "part 1" not in lines.drawn
        lines.display = True
        lines.resume()
        for _ in range(1000):
            await pilot.pause(0.01)
            if "part 2" in lines.drawn:
                break
        assert "part 2" in lines.drawn
        assert lines.plain.endswith(f"part {PARTS - 1}")  # asked for: every part
