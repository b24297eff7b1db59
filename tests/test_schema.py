"""The JSON Schemas shipped for editors agree with the model and with the files."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from helpers import DEFAULT_SET, MINI, ROOT

from kzbrief.model import FILE_KINDS
from kzbrief.schema import json_schema, schema_text

SETS = [DEFAULT_SET, MINI]


@pytest.mark.parametrize("kind", list(FILE_KINDS))
def test_committed_schema_matches_the_model(kind: str) -> None:
    """Regenerate with: python -c 'from kzbrief.schema import ...' (see schemas/README.md)."""
    assert (ROOT / "schemas" / f"{kind}.schema.json").read_text() == schema_text(kind)


def _as_yaml12(path: Path) -> object:
    """Load as YAML 1.2 tools do for these files: every scalar is a string (BaseLoader)."""
    return yaml.load(path.read_text("utf-8"), Loader=yaml.BaseLoader)


@pytest.mark.parametrize("root", SETS, ids=lambda p: p.name)
@pytest.mark.parametrize("kind", list(FILE_KINDS))
def test_a_standard_validator_accepts_every_file(root: Path, kind: str) -> None:
    path = root / f"{kind}.yaml"
    first_line = path.read_text("utf-8").splitlines()[0]
    assert first_line.startswith("# yaml-language-server: $schema=")
    schema_path = (path.parent / first_line.split("$schema=", 1)[1].strip()).resolve()
    assert schema_path == (ROOT / "schemas" / f"{kind}.schema.json").resolve()
    schema = json.loads(schema_path.read_text())
    jsonschema.Draft202012Validator(schema).validate(_as_yaml12(path))


def test_a_standard_validator_rejects_an_unknown_key() -> None:
    data = _as_yaml12(MINI / "timeline.yaml")
    assert isinstance(data, dict)
    data["events"][0]["tittle"] = "x"
    with pytest.raises(jsonschema.ValidationError, match="tittle"):
        jsonschema.Draft202012Validator(json_schema("timeline")).validate(data)


@pytest.mark.parametrize("kind", list(FILE_KINDS))
def test_every_property_has_a_description_for_editor_hovers(kind: str) -> None:
    schema = json_schema(kind)
    missing = [
        f"{name}.{field}"
        for name, definition in schema["$defs"].items()
        for field, prop in definition.get("properties", {}).items()
        if not prop.get("description")
    ]
    assert missing == []


def test_the_schema_accepts_what_an_editor_reads_unquoted_and_validate_accepts(
    mini_copy: Path,
) -> None:
    """`value: 26` and `period: 2022` are numbers to a YAML 1.2 editor, text to kzbrief:
    both accept them. `date: 2022-13` both refuse."""
    from helpers import run_cli

    path = mini_copy / "figures.yaml"
    text = path.read_text("utf-8").replace("value: '26'", "value: 26")
    path.write_text(text.replace("period: '2022'", "period: 2022", 1), "utf-8")
    assert run_cli("validate", str(mini_copy)).returncode == 0
    jsonschema.Draft202012Validator(json_schema("figures")).validate(yaml.safe_load(text))
    timeline = mini_copy / "timeline.yaml"
    timeline.write_text(timeline.read_text("utf-8").replace("date: 2022-01", "date: 2022-13"))
    result = run_cli("validate", str(mini_copy))
    assert result.returncode == 1 and "timeline.yaml:" in result.stdout
    with pytest.raises(jsonschema.ValidationError, match="2022-13"):
        jsonschema.Draft202012Validator(json_schema("timeline")).validate(
            yaml.safe_load(timeline.read_text("utf-8"))
        )
