"""The lists regwatch knows (`lists.yml` beside this module), read into typed specs.

Unknown keys are rejected, as for source metadata: a typo never silently drops a guard.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from normalize.lists.model import SCHEMATA
from normalize.lists.text import nfkc
from normalize.strict import checked_fields

LISTS_FILE = Path(__file__).with_name("lists.yml")
FORMATS = ("meti_specified_entities", "meti_end_user_list", "mof_asset_freeze")


class ListSpecError(ValueError):
    pass


@dataclass(frozen=True)
class Bounds:
    min: int
    max: int


@dataclass(frozen=True)
class ProgrammeMeasure:
    contains: str
    measure: str


@dataclass(frozen=True)
class ListSpec:
    id: str
    title: str
    title_ja: str
    authority: str
    source: str
    documents: tuple[str, ...]
    format: str
    country: str | None
    schema: str
    measure: str | None
    expected: Bounds
    max_removed_share: float
    numbered: bool
    measures: tuple[ProgrammeMeasure, ...] = ()

    def matches(self, url: str) -> bool:
        name = url.rsplit("/", 1)[-1].split("?", 1)[0]
        return any(fnmatch.fnmatch(name, pattern) for pattern in self.documents)

    def measure_for(self, programme: str | None) -> str | None:
        for rule in self.measures:
            if programme and rule.contains in programme:
                return rule.measure
        return self.measure


def _checked(cls, data: Any, where: str) -> dict:
    return checked_fields(cls, data, where, ListSpecError)


def load_specs(path: Path = LISTS_FILE) -> tuple[dict[str, ListSpec], dict[str, str]]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    if set(raw) != {"lists", "countries"}:
        raise ListSpecError(f"{path}: top-level keys must be lists and countries")
    specs: dict[str, ListSpec] = {}
    for item in raw["lists"]:
        where = f"{path}: {item.get('id', '?')}"
        data = _checked(ListSpec, item, where)
        data["documents"] = tuple(data["documents"])
        data["expected"] = Bounds(**_checked(Bounds, data["expected"], where))
        data["measures"] = tuple(
            ProgrammeMeasure(**_checked(ProgrammeMeasure, m, where))
            for m in data.get("measures", ())
        )
        spec = ListSpec(**data)
        if spec.format not in FORMATS or spec.schema not in SCHEMATA:
            raise ListSpecError(f"{where}: unknown format or schema")
        if spec.id in specs:
            raise ListSpecError(f"{where}: duplicate list id")
        specs[spec.id] = spec
    countries = {nfkc(k): v for k, v in raw["countries"].items()}
    return specs, countries


@cache
def all_specs() -> dict[str, ListSpec]:
    return load_specs()[0]


@cache
def country_codes() -> dict[str, str]:
    return load_specs()[1]


def specs_for_source(source: str) -> list[ListSpec]:
    return [s for s in all_specs().values() if s.source == source]
