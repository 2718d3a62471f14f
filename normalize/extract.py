"""Announcement → facts about measures, following how ministries phrase them.

Each sentence is read with its context (normalize/sentences.py); a sentence that names a
measure type or scope, with targets, is a fact; its dates come from normalize/effective.py and
its numbers from normalize/counts.py. Words live in normalize/rules/*.yml, not here.
"""

from __future__ import annotations

import logging
from datetime import date

from normalize.counts import combine_counts, count_facts, counts, increments
from normalize.effective import AMENDED, PAST, date_facts
from normalize.facts import (
    RUSSIA_TARGETS,
    Fact,
    any_match,
    describe,
    find_types,
    one_per_date,
    title_for,
)
from normalize.instruments import find_instrument, instrument_fact
from normalize.rules import load_rules
from normalize.sentences import is_reference, read_sentences
from normalize.text import nfkc, prepare

__all__ = ["Fact", "extract", "title_for"]

log = logging.getLogger(__name__)


def extract(ann: dict, *, jurisdiction: str, publisher: str) -> list[Fact]:
    rules = load_rules()
    published = date.fromisoformat(ann["published"])
    title = nfkc(ann["title"]).strip()
    doc = prepare(ann["text"], published)
    inst = find_instrument(rules, title)
    if inst is not None:
        return [instrument_fact(rules, inst, doc, published)]
    if (
        any_match(rules.not_an_announcement, title)
        or any_match(rules.not_an_announcement_titles, title)
        or any_match(rules.not_an_announcement_texts, ann["text"])
    ):
        return []

    sentences = read_sentences(rules, doc, title)
    candidates = []
    previous = None
    for sentence in sentences:
        # "The UK has added 7 individuals to the list. They are subject to an asset freeze…":
        # the addition is stated in the sentence before, in the same paragraph.
        amended_before = bool(
            previous is not None
            and sentence.line.continues
            and not previous.worded
            and any_match(rules.amendment, previous.line.text)
        )
        previous = sentence
        if not sentence.worded or not sentence.targets or is_reference(rules, sentence, title):
            continue
        text = sentence.line.text
        own_types = find_types(rules, text)
        scopes = [s for s in rules.scopes if any_match(s.patterns, text)]
        for fact_type in sentence.types:
            matching = [s.key for s in scopes if fact_type in s.types] or (
                ["general"] if fact_type in own_types or not scopes else []
            )
            for scope in matching:
                candidates.append((sentence, Fact(
                    key=f"{fact_type}:{scope}",
                    jurisdiction=jurisdiction,
                    type=fact_type,
                    scope=scope,
                    targets=sentence.targets,
                    authority=rules.authorities.get(jurisdiction, {}).get(fact_type, publisher),
                    topics=("russia",) if set(sentence.targets) & RUSSIA_TARGETS else (),
                    clause=sentence.line.plain,
                    counts=counts(rules, text),
                    increments=increments(rules, text),
                    amendment=any_match(rules.amendment, text) or amended_before,
                    lifted=published if any_match(rules.lifting, text) else None,
                )))  # fmt: skip

    date_facts(rules, doc, sentences, candidates, published)
    candidates = _fold_general(candidates)
    if any(f.scope == "general" for _, f in candidates):
        log.info(
            "measure without a known scope at %s: consider a scope in rules/measures.yml",
            ann["url"],
        )
    count_facts(rules, sentences, candidates)
    if len({f.key for _, f in candidates}) == 1 and any_match(rules.amendment_titles, title):
        for _, fact in candidates:  # "UK sanctions further Russian oligarchs": one measure, amended
            fact.amendment = True
    for _, fact in candidates:
        if fact.amendment and not [k for _, k in fact.effective if k != PAST]:
            # An addition whose text states no date is kept as a dated announcement, never
            # given an effective date the source did not state.
            fact.milestones.append((published, _undated_addition(fact)))
        if sum(1 for _, kind in fact.effective if kind == AMENDED) > 1:
            fact.increments = {}  # "81 added on 1 April, 71 on 17 May": not one number per date
        fact.effective = one_per_date(
            [
                (
                    d,
                    "in force"
                    if kind == PAST
                    else describe(fact, kind == AMENDED or fact.amendment),
                )
                for d, kind in fact.effective
            ]
        )
    return _merge_same_key([f for _, f in candidates])


def _undated_addition(fact: Fact) -> str:
    added = describe(fact, True)
    return f"{added} (announced; no effective date stated)"


def _fold_general(candidates):
    """A scope-less sentence ("ban exports to Russia", "the import ban will apply from 5
    April") speaks of the scoped measures about the same targets: it is a measure of its own
    only where no scoped one covers those targets, and otherwise lends them its dates."""
    kept = []
    for st, f in candidates:
        if f.scope != "general":
            kept.append((st, f))
            continue
        covering = [
            g for _, g in candidates
            if g.scope != "general" and g.type == f.type and set(g.targets) & set(f.targets)
        ]  # fmt: skip
        if not covering:
            kept.append((st, f))
        for g in covering:
            if not g.effective:  # only a measure that states no date of its own
                g.effective = list(f.effective)
    return kept


def _merge_same_key(facts: list[Fact]) -> list[Fact]:
    """One release may name a measure in several sentences (an item and a closing one)."""
    merged: dict[str, Fact] = {}
    parts: dict[str, list] = {}
    for fact in facts:
        parts.setdefault(fact.key, []).append((fact.counts, fact.targets))
        first = merged.get(fact.key)
        if first is None:
            merged[fact.key] = fact
            continue
        first.counts = combine_counts(parts[fact.key])
        first.targets = tuple(dict.fromkeys(first.targets + fact.targets))
        first.effective = one_per_date(first.effective + fact.effective)
        first.milestones = sorted(set(first.milestones + fact.milestones))
        first.increments = {**fact.increments, **first.increments}
        first.amendment = first.amendment or fact.amendment
        first.lifted = first.lifted or fact.lifted
    return list(merged.values())
