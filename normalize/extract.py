"""Announcement → facts about measures, following how ministries phrase them.

A release typically opens with a lead ("the Cabinet decided to ban exports to Russia"), lists
the measures as numbered items that may omit the verb or the country, and states when they
take effect in a closing sentence or a 施行日 section. So each line is read with the context
of the lines above it (the section heading, then the lead and title), and a line without a
date of its own takes the effective date stated for the whole release.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from normalize.rules import Instrument, Rules, load_rules
from normalize.text import Document, Line, nfkc, prepare

log = logging.getLogger(__name__)

LEAD_LINES = 4  # lines after the title that set the release's context


@dataclass
class Fact:
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
    counts: dict[str, int] = field(default_factory=dict)
    amendment: bool = False
    lifted: date | None = None
    instrument: Instrument | None = None


def _any(patterns, text: str) -> bool:
    return any(p.search(text) for p in patterns)


def _targets(rules: Rules, text: str) -> tuple[str, ...]:
    found = [t.code for t in rules.targets if _any(t.patterns, text)]
    regions = [c for c in found if c in rules.regions_shadow]
    if regions and "RU" in found:
        # "Donetsk People's Republic" releases mention Russia's recognition of it; the clause
        # targets Russia too only if Russia is named apart from the regions' sentence.
        without = text
        for code in regions:
            for p in rules.target(code).patterns:
                without = p.sub(" ", without)
        if not re.search(r"ロシア(?:向け|への|から|に対する)|\bto Russia\b|\bfrom Russia\b", without, re.I):
            found.remove("RU")
    return tuple(sorted(found, key=lambda c: [t.code for t in rules.targets].index(c)))


def _types(rules: Rules, text: str) -> list[str]:
    return [t for t, pats in rules.types.items() if _any(pats, text)]


def _counts(rules: Rules, text: str) -> dict[str, int]:
    plain = re.sub(r"⟦D\d+⟧", " ", text)
    out: dict[str, int] = {}
    total = _any(rules.count_total, plain)
    for name, patterns in rules.counts.items():
        numbers = [int(m.group(1).replace(",", "")) for p in patterns for m in p.finditer(plain)]
        if numbers:
            out[name] = max(numbers) if total else sum(numbers)
    return out


def _bound_dates(rules: Rules, doc: Document, published: date) -> list[tuple[int, date]]:
    """Every (offset, date) that an effective-date phrase binds, in document order."""
    bound: dict[int, date] = {}
    for pattern in rules.effective_phrases:
        for m in pattern.finditer(doc.masked):
            match = doc.date(m.group(1))
            if not match.year_inferred or match.value >= published - timedelta(days=200):
                bound[m.start(1)] = match.value
    for pattern in rules.effective_same_day:
        for m in pattern.finditer(doc.masked):
            bound.setdefault(m.start(), published)
    return sorted(bound.items())


def _line_of(doc: Document, offset: int) -> int:
    index = 0
    for line in doc.lines:
        if line.start <= offset:
            index = line.index
    return index


def _titles(rules: Rules, targets: tuple[str, ...], template_en: str, template_ja: str) -> tuple[str, str]:
    names_en = [rules.target(c).en for c in targets]
    names_ja = [rules.target(c).ja for c in targets]
    en = names_en[0] if len(names_en) == 1 else ", ".join(names_en[:-1]) + " and " + names_en[-1]
    ja = "及び".join(names_ja)
    return template_en.format(targets=en), template_ja.format(targets=ja)


def title_for(rules: Rules, fact_type: str, scope: str, targets: tuple[str, ...]) -> tuple[str, str]:
    for s in rules.scopes:
        if s.key == scope:
            return _titles(rules, targets, s.title_en, s.title_ja)
    general = rules.general_titles[fact_type]
    return _titles(rules, targets, general["en"], general["ja"])


def _instrument(rules: Rules, title: str) -> Instrument | None:
    for inst in rules.instruments:
        if _any(inst.title, nfkc(title)):
            return inst
    return None


def _instrument_fact(rules: Rules, inst: Instrument, doc: Document, ann: dict, published: date) -> Fact:
    milestones: list[tuple[date, str]] = []
    for event, patterns in inst.milestones.items():
        for p in patterns:
            m = p.search(doc.masked)
            if m is None:
                continue
            when = doc.date(m.group(1)).value if m.groups() else published
            milestones.append((when, event))
            break
    key = inst.key
    if inst.dated:
        # Leaders issue statements abroad: the Japanese release may be dated the next day.
        window = [
            d.value
            for d in doc.dates
            if d.start < 800 and published - timedelta(days=3) <= d.value <= published
        ]
        issued = min(window) if window else published
        milestones = [(issued, event) for _, event in milestones] or [(issued, "issued")]
        key = f"{inst.key}-{issued.isoformat()}"
    effective = [(d, e) for d, e in milestones if e == inst.effective_milestone]
    if inst.type == "law":
        effective = [(d, "enters into force") for _, d in _bound_dates(rules, doc, published)]
    return Fact(
        key=key,
        jurisdiction=inst.jurisdiction,
        type=inst.type,
        scope=inst.key,
        targets=(),
        authority=inst.authority,
        topics=inst.topics,
        clause=_lead(doc),
        effective=sorted(set(effective)),
        milestones=sorted(set(milestones)),
        instrument=inst,
    )


def _lead(doc: Document) -> str:
    """The first substantial paragraph: what the release says, in its own words."""
    for line in doc.lines:
        if len(line.plain) >= 40 and not re.fullmatch(r"[\d\s/.,年月日()（）曜金土日月火水木⟦⟧D-]+", line.plain):
            return line.plain
    return doc.lines[0].plain if doc.lines else ""


def _dates_for_types(line: Line, types: list[str], dates: list[tuple[int, date]]) -> dict[str, list[date]]:
    """A line that bans imports and exports on different days ("imports from 26 February,
    exports from 18 March") pairs each date with the nearer trade word."""
    if len(types) < 2 or len(dates) < 2:
        return {t: [d for _, d in dates] for t in types}
    words = {"import_ban": r"輸入|\bimports?\b", "export_ban": r"輸出|\bexports?\b"}
    out: dict[str, list[date]] = {t: [] for t in types}
    for offset, when in dates:
        pos = offset - line.start
        best, best_gap = None, None
        for t in types:
            pattern = words.get(t)
            if pattern is None:
                continue
            for m in re.finditer(pattern, line.text, re.I):
                gap = abs(m.start() - pos)
                if best_gap is None or gap < best_gap:
                    best, best_gap = t, gap
        for t in [best] if best else types:
            out[t].append(when)
    return out


def extract(ann: dict, *, jurisdiction: str, publisher: str) -> list[Fact]:
    rules = load_rules()
    published = date.fromisoformat(ann["published"])
    title = ann["title"]
    doc = prepare(ann["text"], published)
    if _any(rules.not_an_announcement, nfkc(title)):
        return []
    inst = _instrument(rules, title)
    if inst is not None:
        return [_instrument_fact(rules, inst, doc, ann, published)]

    bound = _bound_dates(rules, doc, published)
    title_text = nfkc(title)
    doc_types = _types(rules, title_text)
    doc_targets = _targets(rules, title_text)
    for line in doc.lines[:LEAD_LINES]:
        doc_types = doc_types or _types(rules, line.text)
        doc_targets = doc_targets or _targets(rules, line.text)

    candidates: list[tuple[Line, Fact]] = []
    section_types: list[str] = []
    section_targets: tuple[str, ...] = ()
    for line in doc.lines:
        text = line.text
        own_types = _types(rules, text)
        own_targets = _targets(rules, text)
        if line.is_section:
            section_types, section_targets = own_types, own_targets
        elif not line.is_item:
            # A paragraph ("exports to Russia and Belarus: the following measures") sets the
            # context for the items that follow it.
            section_types = own_types or section_types
            section_targets = own_targets or section_targets
        if _any(rules.not_an_announcement, text):
            continue
        types = own_types or section_types or doc_types
        targets = own_targets or section_targets or doc_targets
        scopes = [s for s in rules.scopes if _any(s.patterns, text)]
        if not own_types and not scopes:
            continue
        if not targets:
            continue
        amendment = _any(rules.amendment, text)
        lifted = published if _any(rules.lifting, text) else None
        for fact_type in types:
            matching = [s.key for s in scopes if fact_type in s.types] or (
                ["general"] if own_types and fact_type in own_types else []
            )
            for scope in matching:
                authority = rules.authorities.get(jurisdiction, {}).get(fact_type, publisher)
                candidates.append(
                    (
                        line,
                        Fact(
                            key=f"{fact_type}:{scope}",
                            jurisdiction=jurisdiction,
                            type=fact_type,
                            scope=scope,
                            targets=targets,
                            authority=authority,
                            topics=("russia",) if set(targets) & {"RU", "BY", "UA-14", "UA-09", "UA-43"} else (),
                            clause=line.plain,
                            counts=_counts(rules, text),
                            amendment=amendment,
                            lifted=lifted,
                        ),
                    )
                )

    # A scope-less line ("ban exports to Russia") summarises the scoped items below it.
    scoped_types = {f.type for _, f in candidates if f.scope != "general"}
    candidates = [(ln, f) for ln, f in candidates if f.scope != "general" or f.type not in scoped_types]
    if any(f.scope == "general" for _, f in candidates):
        log.warning("measure without a known scope at %s: add a scope to rules/measures.yml", ann["url"])

    fact_lines = {ln.index for ln, _ in candidates}
    general_dates = [(o, d) for o, d in bound if _line_of(doc, o) not in fact_lines]
    for line, fact in candidates:
        own = [(o, d) for o, d in bound if _line_of(doc, o) == line.index]
        if own:
            types_here = sorted({f.type for ln, f in candidates if ln.index == line.index})
            dates = _dates_for_types(line, types_here, own).get(fact.type, [])
        else:
            after = [d for o, d in general_dates if o >= line.start]
            before = [d for o, d in general_dates if o < line.start]
            dates = after[:1] or before[-1:]
        description = _describe(fact)
        fact.effective = sorted({(d, description) for d in dates})
        if fact.lifted is not None and dates:
            fact.lifted = dates[0]
    return _merge_same_key([f for _, f in candidates])


def _describe(fact: Fact) -> str:
    if fact.lifted is not None:
        return "lifted"
    if not fact.amendment:
        return "in force"
    noun = "entities" if fact.scope == "military-end-users" or "entities" in fact.counts else "items"
    return f"{noun} added"


def _merge_same_key(facts: list[Fact]) -> list[Fact]:
    """One release may name a measure on several lines (an item and a closing sentence)."""
    merged: dict[str, Fact] = {}
    for fact in facts:
        first = merged.get(fact.key)
        if first is None:
            merged[fact.key] = fact
            continue
        first.targets = tuple(dict.fromkeys(first.targets + fact.targets))
        first.effective = sorted(set(first.effective) | set(fact.effective))
        first.counts = {**first.counts, **fact.counts}
        first.amendment = first.amendment or fact.amendment
        first.lifted = first.lifted or fact.lifted
    return list(merged.values())
