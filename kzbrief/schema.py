"""JSON Schemas for each briefing file, generated from the model."""

from __future__ import annotations

from typing import Any

import msgspec

from kzbrief.model import FILE_KINDS

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema for one file kind (`briefing`, `sources`, …)."""
    schema: dict[str, Any] = msgspec.json.schema(FILE_KINDS[kind])
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"https://kzbrief.invalid/schemas/{kind}.schema.json",
        "title": f"kzbrief {kind}.yaml",
        **schema,
    }


def schema_text(kind: str) -> str:
    return msgspec.json.format(msgspec.json.encode(json_schema(kind)), indent=2).decode() + "\n"
