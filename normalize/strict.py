"""Reading YAML facts strictly into dataclasses: unknown keys are typos, missing keys are gaps;
both are errors, never silently absorbed. Shared by source metadata and list specs."""

from __future__ import annotations

from dataclasses import MISSING, fields
from typing import Any


def checked_fields(cls, data: Any, where: str, error: type[Exception]) -> dict:
    if not isinstance(data, dict):
        raise error(f"{where}: expected a mapping")
    names = {f.name for f in fields(cls)}
    required = {
        f.name for f in fields(cls) if f.default is MISSING and f.default_factory is MISSING
    }
    unknown, missing = set(data) - names, required - set(data)
    if unknown:
        raise error(f"{where}: unknown keys {sorted(unknown)}")
    if missing:
        raise error(f"{where}: missing keys {sorted(missing)}")
    return dict(data)
