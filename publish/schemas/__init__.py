"""The JSON Schemas (draft 2020-12) of everything under api/v1/, and of the JSON Feed.

The schemas are files beside this module, published as they are under api/v1/schema/. They
refer to each other by relative `$ref` ("record.schema.json#/$defs/date"), resolved against
their `$id`s, so a consumer who fetches the folder can validate with any draft 2020-12 tool.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

SCHEMA_DIR = Path(__file__).parent
SUFFIX = ".schema.json"


def names() -> list[str]:
    """Every schema's name, e.g. "measure" for measure.schema.json."""
    return sorted(p.name.removesuffix(SUFFIX) for p in SCHEMA_DIR.glob(f"*{SUFFIX}"))


def path(name: str) -> Path:
    return SCHEMA_DIR / f"{name}{SUFFIX}"


@cache
def load(name: str) -> dict[str, Any]:
    return json.loads(path(name).read_text(encoding="utf-8"))


@cache
def registry() -> Registry:
    resources = [(load(n)["$id"], Resource.from_contents(load(n))) for n in names()]
    return Registry().with_resources(resources)


def validator(name: str) -> Draft202012Validator:
    """A validator that really checks formats (date, date-time via rfc3339-validator)."""
    return Draft202012Validator(
        load(name), registry=registry(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def validate(name: str, instance: Any) -> None:
    """Raise jsonschema.ValidationError (the most relevant one) if `instance` does not fit."""
    validator(name).validate(instance)
