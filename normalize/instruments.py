"""Named instruments (laws, frameworks, leaders' statements) as facts: their milestones
(passed, promulgated, launched, issued) rather than bans with scopes and targets."""

from __future__ import annotations

import re
from datetime import date, timedelta

from normalize.effective import bound_dates
from normalize.facts import Fact, any_match
from normalize.rules import Instrument, Rules
from normalize.text import Document, nfkc


def find_instrument(rules: Rules, title: str) -> Instrument | None:
    for inst in rules.instruments:
        if any_match(inst.title, nfkc(title)):
            return inst
    return None


def lead(doc: Document) -> str:
    """The first substantial paragraph: what the release says, in its own words."""
    for line in doc.lines:
        if len(line.plain) >= 40 and not re.fullmatch(
            r"[\d\s/.,年月日()曜金土日月火水木-]+", line.plain
        ):
            return line.plain
    return doc.lines[0].plain if doc.lines else ""


def instrument_fact(rules: Rules, inst: Instrument, doc: Document, published: date) -> Fact:
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
        # A law is in force only from the day the text says; passing or promulgation is not it.
        effective = [
            (b.value, "enters into force") for b in bound_dates(rules, doc, published) if not b.past
        ]
    return Fact(
        key=key,
        jurisdiction=inst.jurisdiction,
        type=inst.type,
        scope=inst.key,
        targets=(),
        authority=inst.authority,
        topics=inst.topics,
        clause=lead(doc),
        effective=sorted(set(effective)),
        milestones=sorted(set(milestones)),
        instrument=inst,
    )
