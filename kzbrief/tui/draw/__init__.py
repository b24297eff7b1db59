"""Pure functions that turn briefing records into Textual `Content`, literal and width-aware.

Nothing here parses markup: briefing text only ever becomes `Content(text)`.
"""
