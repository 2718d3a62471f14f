"""Facts from every announcement known → measure records, as of a release date.

A pure function of the corpus: the same announcements give the same records, so a release
can always be rebuilt, and a page that failed to download this time cannot remove anything
(its announcement stays in the corpus).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from normalize.extract import Fact, extract, title_for
from normalize.factcache import FactCache, announcement_key
from normalize.facts import one_per_date
from normalize.rules import load_rules

LANG_ORDER = {"ja": 0, "en": 1}  # Japanese releases come first on the same day


@dataclass
class Publisher:
    country: str
    short: str
    living: bool = False  # a page revised in place: it restates, releases announce


@dataclass
class _Measure:
    id: str
    fact: Fact  # the creating fact: identity, type, authority
    targets: tuple[str, ...]
    topics: set[str] = field(default_factory=set)
    effective: dict[date, tuple[str, str]] = field(default_factory=dict)
    milestones: dict[tuple[date, str], str] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    counts_rank: tuple = ()
    lifted: date | None = None
    sources: dict[str, dict] = field(default_factory=dict)
    summary: str = ""
    summary_is_english: bool = False


def measure_id(fact: Fact) -> str:
    jur = fact.jurisdiction.lower()
    if fact.instrument is not None:
        key = fact.key
        return key if key.startswith(f"{jur}-") else f"{jur}-{key}"
    rules = load_rules()
    slugs = "-".join(rules.target(c).slug for c in fact.targets)
    parts = [jur, fact.type.replace("_", "-"), slugs]
    if fact.scope != "general":
        parts.append(fact.scope)
    return "-".join(p for p in parts if p)


def _find(measures: list[_Measure], fact: Fact) -> _Measure | None:
    for m in measures:
        if m.fact.jurisdiction != fact.jurisdiction or m.fact.key != fact.key:
            continue
        if not fact.targets or set(m.targets) & set(fact.targets):
            return m
    return None


def _order(ann: dict, publishers: dict[str, Publisher]) -> tuple:
    # Releases first, living pages last: the release that announced a date is its source,
    # whatever date the living page was last revised on.
    living = publishers[ann["source"]].living
    return (living, ann["published"], LANG_ORDER.get(ann["lang"], 2), ann["url"])


def build_measures(
    announcements: list[dict],
    as_of: date,
    publishers: dict[str, Publisher],
    cache: FactCache | None = None,
) -> dict[str, dict]:
    measures: list[_Measure] = []
    cache = cache or FactCache(None)
    for ann in sorted(announcements, key=lambda a: _order(a, publishers)):
        pub = publishers[ann["source"]]
        key = announcement_key(ann, pub.country, pub.short)
        facts = cache.get(key)
        if facts is None:
            facts = extract(ann, jurisdiction=pub.country, publisher=pub.short)
            cache.put(key, facts)
        for fact in facts:
            m = _find(measures, fact)
            if m is None:
                mid = measure_id(fact)
                taken = {x.id for x in measures}
                n = 2
                while mid in taken:  # same key, targets that do not overlap
                    mid, n = f"{measure_id(fact)}-{n}", n + 1
                m = _Measure(id=mid, fact=fact, targets=fact.targets)
                measures.append(m)
            _absorb(m, fact, ann, pub.living)
    return {m.id: _record(m, as_of) for m in sorted(measures, key=lambda x: x.id)}


def _absorb(m: _Measure, fact: Fact, ann: dict, living: bool) -> None:
    m.targets = tuple(dict.fromkeys(m.targets + fact.targets))
    m.topics.update(fact.topics)
    for when, description in fact.effective:
        # The first announcement to state a date describes it, unless a later one says more
        # ("81 entities added" over "entities added"); restatements add nothing.
        old = m.effective.get(when)
        if old is None or one_per_date([(when, old[0]), (when, description)])[0][1] != old[0]:
            m.effective[when] = (description, ann["url"])
    for when, event in fact.milestones:
        m.milestones.setdefault((when, event), ann["url"])
    # Sizes change over time: the latest announcement stating them wins, a release over a
    # living page of the same day.
    rank = (ann["published"], not living)
    if fact.counts and rank >= m.counts_rank:
        m.counts, m.counts_rank = dict(fact.counts), rank
    if fact.lifted is not None:
        m.lifted = fact.lifted
    m.sources.setdefault(
        ann["url"],
        {
            "url": ann["url"],
            "title": ann["title"],
            "published": ann["published"],
            "lang": ann["lang"],
        },
    )
    # The summary is the measure's own words from its first announcement, in English once an
    # English source exists: later restatements do not reword it.
    clause = re.sub(r"^\s*(?:\(\s*[\w]{1,4}\s*\)|[ア-ン]\s|\d{1,2}[.)]\s)\s*", "", fact.clause)
    if not m.summary or (ann["lang"] == "en" and not m.summary_is_english):
        m.summary, m.summary_is_english = clause, ann["lang"] == "en"


def _record(m: _Measure, as_of: date) -> dict:
    fact = m.fact
    family = None
    if fact.instrument is not None:
        title, title_ja = fact.instrument.title_en, fact.instrument.title_ja
        if fact.instrument.dated:
            issued = date.fromisoformat(fact.key[-10:])
            title = f"{title}, {issued.day} {issued:%B %Y}"
            title_ja = f"{title_ja}（{issued.year}年{issued.month}月{issued.day}日）"
    else:
        title, title_ja = title_for(load_rules(), fact.type, fact.scope, m.targets)
        family = _family(fact)
    effective = [
        {"date": d.isoformat(), "description": desc, "source": url}
        for d, (desc, url) in sorted(m.effective.items())
    ]
    sources = sorted(m.sources.values(), key=lambda s: (s["published"], s["lang"], s["url"]))
    return {
        "id": m.id,
        "title": title,
        "title_ja": title_ja,
        "jurisdiction": fact.jurisdiction,
        "authority": fact.authority,
        "type": fact.type,
        "topics": sorted(m.topics),
        "targets": list(m.targets),
        "status": status_on(effective, m.lifted, as_of),
        "announced": sources[0]["published"],
        "effective": effective,
        "lifted": m.lifted.isoformat() if m.lifted else None,
        "counts": dict(sorted(m.counts.items())),
        "milestones": [
            {"date": d.isoformat(), "event": e, "source": url}
            for (d, e), url in sorted(m.milestones.items())
        ],
        "summary": m.summary,
        "sources": sources,
        "family": family,
    }


def _family(fact: Fact) -> str | None:
    """Scopes name the family a measure belongs to across jurisdictions (rules/measures.yml)."""
    for scope in load_rules().scopes:
        if scope.key == fact.scope and scope.family and fact.type in scope.types:
            return scope.family["id"]
    return None


def status_on(effective: list[dict], lifted: date | None, as_of: date) -> str:
    """Status follows the release's calendar: a ban effective tomorrow is only announced."""
    if lifted is not None and lifted <= as_of:
        return "lifted"
    if effective and date.fromisoformat(effective[0]["date"]) <= as_of:
        return "in_force"
    return "announced"
