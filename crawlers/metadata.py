"""Source metadata: the facts about a source live in YAML beside its spider, checked here.

Unknown keys are rejected so that a typo never silently drops a fact.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from normalize.strict import checked_fields


class MetadataError(ValueError):
    pass


@dataclass(frozen=True)
class Publisher:
    name: str
    short: str
    country: str
    url: str


@dataclass(frozen=True)
class Licence:
    name: str
    url: str
    attribution: str


@dataclass(frozen=True)
class Bounds:
    min: int
    max: int


@dataclass(frozen=True)
class SourceMeta:
    name: str
    title: str
    publisher: Publisher
    licence: Licence
    languages: tuple[str, ...]
    entry_urls: tuple[str, ...]
    allowed_domains: tuple[str, ...]
    date_formats: tuple[str, ...]
    expected_announcements: Bounds
    topics_hint: tuple[str, ...] = ()
    notes: str = ""
    # A page revised in place (METI's Russia measures page) rather than a stream of releases:
    # it restates measures, so it never decides a measure's provenance over a release.
    living_document: bool = False


def _build(cls, data: Any, where: str) -> dict:
    return checked_fields(cls, data, where, MetadataError)


def load_metadata(path: Path) -> SourceMeta:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    where = str(path)
    data = dict(_build(SourceMeta, raw, where))
    data["publisher"] = Publisher(**_build(Publisher, data["publisher"], f"{where}: publisher"))
    data["licence"] = Licence(**_build(Licence, data["licence"], f"{where}: licence"))
    data["expected_announcements"] = Bounds(
        **_build(Bounds, data["expected_announcements"], f"{where}: expected_announcements")
    )
    for key in ("languages", "entry_urls", "allowed_domains", "date_formats", "topics_hint"):
        if key in data:
            if not isinstance(data[key], list) or not all(isinstance(v, str) for v in data[key]):
                raise MetadataError(f"{where}: {key} must be a list of strings")
            data[key] = tuple(data[key])
    meta = SourceMeta(**data)
    if meta.name != path.stem:
        raise MetadataError(f"{where}: name {meta.name!r} does not match the file name")
    if not set(meta.languages) <= {"ja", "en"}:
        raise MetadataError(f"{where}: languages must be ja and/or en")
    if not meta.entry_urls:
        raise MetadataError(f"{where}: at least one entry URL")
    return meta
