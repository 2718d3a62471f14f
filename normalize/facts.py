"""What the extractor produces (a Fact) and the vocabulary look-ups every stage shares."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from normalize.rules import Instrument, Rules

RUSSIA_TARGETS = {"RU", "BY", "UA-14", "UA-09", "UA-43"}


@dataclass
class Fact:
    """What one announcement says about one measure."""

    key: str  # measure identity within a jurisdiction: "{type}:{scope}" or the instrument key
    jurisdiction: str
    type: str
    scope: str
    targets: tuple[str, ...]
    authority: str
    topics: tuple[str, ...]
    clause: str
    effective: list[tuple[date, str]] = field(default_factory=list)
    milestones: list[tuple[date, str]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # sizes of the measure as stated
    increments: dict[str, int] = field(default_factory=dict)  # "81 entities added"
    amendment: bool = False
    lifted: date | None = None
    instrument: Instrument | None = None


def any_match(patterns, text: str) -> bool:
    return any(p.search(text) for p in patterns)


def find_types(rules: Rules, text: str) -> list[str]:
    found = [t for t, pats in rules.types.items() if any_match(pats, text)]
    if "price_cap" in found:
        # A price cap is enacted as a ban on services (shipping, insurance) above the cap:
        # the services named beside it are the cap itself, not a services ban of their own.
        found = [t for t in found if t != "services_ban"]
    return found


def find_targets(rules: Rules, text: str) -> tuple[str, ...]:
    found = [t.code for t in rules.targets if any_match(t.patterns, text)]
    regions = [c for c in found if c in rules.regions_shadow]
    if regions and "RU" in found:
        # "Donetsk People's Republic" releases mention Russia's recognition of it; the clause
        # targets Russia too only if Russia is named apart from the regions.
        without = text
        for code in regions:
            for p in rules.target(code).patterns:
                without = p.sub(" ", without)
        if not any_match(rules.russia_beside_regions, without):
            found.remove("RU")
    order = [t.code for t in rules.targets]
    return tuple(sorted(found, key=order.index))


def _titles(
    rules: Rules, targets: tuple[str, ...], template_en: str, template_ja: str
) -> tuple[str, str]:
    names_en = [rules.target(c).en for c in targets]
    names_ja = [rules.target(c).ja for c in targets]
    en = names_en[0] if len(names_en) == 1 else ", ".join(names_en[:-1]) + " and " + names_en[-1]
    return template_en.format(targets=en), template_ja.format(targets="及び".join(names_ja))


def title_for(
    rules: Rules, fact_type: str, scope: str, targets: tuple[str, ...]
) -> tuple[str, str]:
    for s in rules.scopes:
        if s.key == scope:
            return _titles(rules, targets, s.title_en, s.title_ja)
    general = rules.general_titles[fact_type]
    return _titles(rules, targets, general["en"], general["ja"])


UNITS = ("entities", "individuals", "items")


def describe(fact: Fact, amendment: bool) -> str:
    """The words for one effective date: "in force", "81 entities added", "lifted"."""
    if fact.lifted is not None:
        return "lifted"
    if not amendment:
        return "in force"
    if fact.increments:
        parts = [f"{fact.increments[u]} {u}" for u in UNITS if u in fact.increments]
        return " and ".join(parts) + " added"
    noun = (
        "entities" if fact.scope == "military-end-users" or "entities" in fact.counts else "items"
    )
    return f"{noun} added"


def one_per_date(effective: list[tuple[date, str]]) -> list[tuple[date, str]]:
    """Two sentences may date the same change ("entities added" and "in force"): the more
    specific description wins."""

    def rank(description: str) -> int:
        if description == "lifted":
            return 0
        if description == "in force":
            return 3
        return 1 if description[0].isdigit() else 2  # "81 entities added" over "entities added"

    best: dict[date, str] = {}
    for when, description in effective:
        if when not in best or rank(description) < rank(best[when]):
            best[when] = description
    return sorted(best.items())
