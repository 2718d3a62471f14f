"""Loads the extraction vocabulary from rules/*.yml and compiles its patterns once."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

# REGWATCH_RULES_DIR points at another copy of the vocabulary: to try new wording on an
# archive (then `regwatch rebuild`) before changing the project's own rules.
RULES_DIR = Path(os.environ.get("REGWATCH_RULES_DIR") or Path(__file__).parent / "rules")
DATE_TOKEN = r"⟦D(\d+)⟧"  # stands for one recognised date in masked text (see extract.py)


def _compile(patterns: list[str]) -> list[re.Pattern]:
    return [re.compile(p.replace("{d}", DATE_TOKEN), re.I) for p in patterns]


@dataclass(frozen=True)
class Target:
    code: str
    slug: str
    en: str
    ja: str
    patterns: tuple[re.Pattern, ...]


@dataclass(frozen=True)
class Scope:
    key: str
    types: tuple[str, ...]
    patterns: tuple[re.Pattern, ...]
    title_en: str
    title_ja: str
    family: dict | None = None  # {"id", "title"}


@dataclass(frozen=True)
class Instrument:
    key: str
    type: str
    jurisdiction: str
    authority: str
    topics: tuple[str, ...]
    title_en: str
    title_ja: str
    title: tuple[re.Pattern, ...]
    milestones: dict[str, tuple[re.Pattern, ...]]
    dated: bool
    effective_milestone: str | None


@dataclass(frozen=True)
class Rules:
    types: dict[str, tuple[re.Pattern, ...]]
    amendment: tuple[re.Pattern, ...]
    lifting: tuple[re.Pattern, ...]
    not_an_announcement: tuple[re.Pattern, ...]
    not_an_announcement_titles: tuple[re.Pattern, ...]
    not_an_announcement_texts: tuple[re.Pattern, ...]
    amendment_titles: tuple[re.Pattern, ...]
    closing_headings: tuple[re.Pattern, ...]
    targets: tuple[Target, ...]
    regions_shadow: frozenset[str]
    russia_beside_regions: tuple[re.Pattern, ...]
    scopes: tuple[Scope, ...]
    general_titles: dict[str, dict[str, str]]
    authorities: dict[str, dict[str, str]]
    counts: dict[str, tuple[re.Pattern, ...]]
    count_total: tuple[re.Pattern, ...]
    count_increment: tuple[re.Pattern, ...]
    effective_phrases: tuple[re.Pattern, ...]
    effective_same_day: tuple[re.Pattern, ...]
    effective_on_promulgation: tuple[re.Pattern, ...]
    promulgation_dates: tuple[re.Pattern, ...]
    past_references: tuple[re.Pattern, ...]
    instruments: tuple[Instrument, ...]
    topic_words: dict[str, tuple[re.Pattern, ...]]

    def target(self, code: str) -> Target:
        return next(t for t in self.targets if t.code == code)


def _load(name: str) -> dict:
    return yaml.safe_load((RULES_DIR / name).read_text(encoding="utf-8"))


@cache
def load_rules() -> Rules:
    m = _load("measures.yml")
    i = _load("instruments.yml")
    return Rules(
        types={k: tuple(_compile(v)) for k, v in m["types"].items()},
        amendment=tuple(_compile(m["amendment"])),
        lifting=tuple(_compile(m["lifting"])),
        not_an_announcement=tuple(_compile(m["not_an_announcement"])),
        not_an_announcement_titles=tuple(_compile(m["not_an_announcement_titles"])),
        not_an_announcement_texts=tuple(
            re.compile(p, re.I | re.M) for p in m["not_an_announcement_texts"]
        ),
        amendment_titles=tuple(_compile(m["amendment_titles"])),
        closing_headings=tuple(_compile(m["closing_headings"])),
        targets=tuple(
            Target(t["code"], t["slug"], t["en"], t["ja"], tuple(_compile(t["patterns"])))
            for t in m["targets"]
        ),
        regions_shadow=frozenset(m["regions_shadow"]),
        russia_beside_regions=tuple(_compile(m["russia_beside_regions"])),
        scopes=tuple(
            Scope(
                s["key"],
                tuple(s["types"]),
                tuple(_compile(s["patterns"])),
                s["title_en"],
                s["title_ja"],
                s.get("family"),
            )
            for s in m["scopes"]
        ),
        general_titles=m["general_titles"],
        authorities=m["authorities"],
        counts={k: tuple(_compile(v)) for k, v in m["counts"].items()},
        count_total=tuple(_compile(m["count_total"])),
        count_increment=tuple(
            re.compile(p.replace("{n}", r"(\d[\d,]*)"), re.I) for p in m["count_increment"]
        ),
        effective_phrases=tuple(
            _compile(m["effective_phrases"]["ja"] + m["effective_phrases"]["en"])
        ),
        effective_same_day=tuple(_compile(m["effective_same_day"])),
        effective_on_promulgation=tuple(_compile(m["effective_on_promulgation"])),
        promulgation_dates=tuple(_compile(m["promulgation_dates"])),
        past_references=tuple(_compile(m["past_references"])),
        instruments=tuple(
            Instrument(
                key=x["key"],
                type=x["type"],
                jurisdiction=x["jurisdiction"],
                authority=x["authority"],
                topics=tuple(x["topics"]),
                title_en=x["title_en"],
                title_ja=x["title_ja"],
                title=tuple(_compile(x["title"])),
                milestones={k: tuple(_compile(v)) for k, v in x.get("milestones", {}).items()},
                dated=bool(x.get("dated", False)),
                effective_milestone=x.get("effective_milestone"),
            )
            for x in i["instruments"]
        ),
        topic_words={k: tuple(_compile(v)) for k, v in i["topics"].items()},
    )
