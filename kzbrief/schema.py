"""JSON Schemas for each briefing file, generated from the model, as an editor needs them.

The model's types give the rules; three things are added here for editors, so that
the editor and `kzbrief validate` agree:
- kzbrief reads every scalar as text, but a YAML 1.2 editor reads `value: 26` as a
  number and `as_of: 2022` as one too, so every text value accepts a number or a
  boolean (what the editor would make of an unquoted scalar) as well as a string;
- a date's month and day are checked as `validate` checks them (01-12, 01-31; that a
  day exists in its month, 2022-02-30, no pattern can say, and `validate` does);
- every property has a description, for the editor's hover (`FIELD_NOTES` gives those
  the model leaves to the type of the field).
"""

from __future__ import annotations

from typing import Any

import msgspec

from kzbrief.model import DATE_PATTERN, FILE_KINDS

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
# A date as `validate` reads it, month and day in range (see kzbrief.dates.parse_date).
STRICT_DATE_PATTERN = r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?~?$"
# What a YAML 1.2 editor makes of an unquoted scalar kzbrief reads as text.
SCALAR_TYPES = ["string", "number", "boolean"]

FIELD_NOTES: dict[tuple[str, str], str] = {
    ("Attested", "status"): "How the value is known: stated, inferred or not-stated.",
    ("Attested", "value"): "The value, as the document gives it or as inferred; "
    "a date in ISO form (2022-03~).",
    ("Briefing", "bottom_line"): "The briefing's main claims, each with its sources.",
    ("BriefingFile", "briefing"): "What the briefing asks and concludes.",
    ("Claim", "sources"): "Ids of the sources the claim rests on (sources.yaml).",
    ("Contested", "axis"): "The two poles positions are placed between.",
    ("Contested", "positions"): "Each source's place on the axis, with its words.",
    ("Contested", "topics"): "Ids of the topics the point belongs to (topics.yaml).",
    ("ContestedFile", "contested"): "Points the sources disagree on.",
    ("Entry", "kind"): "What the term names: person, organisation, place, term or event.",
    ("Entry", "sources"): "Ids of the sources that use the term.",
    ("Event", "quotes"): "The sources' words reporting the event.",
    ("Event", "topics"): "Ids of the topics the event belongs to (topics.yaml).",
    ("Figure", "note"): "Anything a reader must know to compare the figure.",
    ("Figure", "topics"): "Ids of the topics the figure belongs to (topics.yaml).",
    ("FiguresFile", "figures"): "Numbers the sources give, each under a measure.",
    ("FiguresFile", "measures"): "What is measured; figures of one measure are compared.",
    ("Frame", "quotes"): "The source's words that show the frame.",
    ("Framing", "frames"): "The frames the source uses, each explained.",
    ("Framing", "stances"): "The source's stance on each topic it addresses.",
    ("Framing", "stresses"): "What the source stresses, one item each.",
    ("FramingFile", "framing"): "How each source frames the issue.",
    ("GlossaryFile", "glossary"): "People, organisations, places and terms.",
    ("LintSettings", "ignore"): "Lint findings switched off, each with a reason.",
    ("Note", "quotes"): "The source's words the note is about.",
    ("Position", "quotes"): "The source's words for its position.",
    ("Source", "author"): "Who wrote it, or not-stated.",
    ("Source", "date"): "When it was written (ISO, ~ when approximate), or not-stated.",
    ("Source", "genre"): "advocacy, news, commentary, analysis or academic.",
    ("Source", "outlet"): "Where it was published, or not-stated.",
    ("Source", "url"): "Its address, or not-stated.",
    ("SourcesFile", "sources"): "The documents the briefing is drawn from.",
    ("TimelineFile", "events"): "What happened, each event with its sources' words.",
    ("Topic", "summary"): "The topic's main claims, each with its sources.",
    ("TopicStance", "quotes"): "The source's words for its stance.",
    ("TopicsFile", "topics"): "The topics items are filed under.",
}


def _for_editors(node: Any) -> Any:
    """The schema with text accepting what an editor reads unquoted, and strict dates."""
    if isinstance(node, list):
        return [_for_editors(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _for_editors(value) for key, value in node.items()}
    if isinstance(out.get("anyOf"), list):  # null last, whatever order msgspec lists them in
        out["anyOf"].sort(key=lambda option: option == {"type": "null"})
    if out.get("pattern") == DATE_PATTERN:
        out["pattern"] = STRICT_DATE_PATTERN
    if out.get("type") == "string":
        out["type"] = SCALAR_TYPES
    return out


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema for one file kind (`briefing`, `sources`, …)."""
    schema: dict[str, Any] = _for_editors(msgspec.json.schema(FILE_KINDS[kind]))
    for name, definition in schema.get("$defs", {}).items():
        for field, prop in definition.get("properties", {}).items():
            note = FIELD_NOTES.get((name, field))
            if note and "description" not in prop:
                prop["description"] = note
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"https://kzbrief.invalid/schemas/{kind}.schema.json",
        "title": f"kzbrief {kind}.yaml",
        **schema,
    }


def schema_text(kind: str) -> str:
    return msgspec.json.format(msgspec.json.encode(json_schema(kind)), indent=2).decode() + "\n"
