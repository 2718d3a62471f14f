"""Effective dates: which dates a text binds with "from", 施行, "take effect", and which
measure each date belongs to.

Nearest statement first: the fact's own sentence; the undecorated sentences of its list item
("開始日 2022年3月18日より", "The ban will come into force on …"); then the dates stated for the
whole release outside any item that names a measure (a 施行日 section), where a date stated
for one item by its marker ("アの措置は4月5日から") goes to that item only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from normalize.facts import any_match, find_targets
from normalize.rules import Rules
from normalize.text import Document, Line

# Markers with which a sentence points at list items: "(1)及び(2)の措置", "アの措置", "in (ii)".
_ITEM_REFERENCE = re.compile(
    r"\(\s*(\d{1,2}|[ivx]{1,4}|[a-z]|[ア-ン])\s*\)|(?<![\w\u30a0-\u30ff])([ア-ン])(?=の|及び|、|,|と)",
    re.I,
)


@dataclass(frozen=True)
class Bound:
    offset: int
    value: date
    past: bool  # dates an existing measure ("in force since"), not what is announced now


def bound_dates(rules: Rules, doc: Document, published: date) -> list[Bound]:
    """Every date an effective-date phrase binds, in document order."""
    bound: dict[int, date] = {}
    for pattern in rules.effective_phrases:
        for m in pattern.finditer(doc.masked):
            bound[m.start(1)] = doc.date(m.group(1)).value
    past = {m.start(1) for p in rules.past_references for m in p.finditer(doc.masked)}
    for pattern in rules.effective_same_day:
        for m in pattern.finditer(doc.masked):
            bound.setdefault(m.start(), published)
    promulgated = next(
        (
            doc.date(m.group(1)).value
            for p in rules.promulgation_dates
            for m in p.finditer(doc.masked)
        ),
        published,  # no promulgation date stated: the announcement is the promulgation
    )
    for pattern in rules.effective_on_promulgation:
        for m in pattern.finditer(doc.masked):
            later = timedelta(days=1 if m.groupdict().get("next_day") else 0)
            bound.setdefault(m.start(), promulgated + later)
    return [Bound(o, d, o in past) for o, d in sorted(bound.items())]


def line_of(doc: Document, offset: int) -> int:
    index = 0
    for line in doc.lines:
        if line.start <= offset:
            index = line.index
    return index


def _referenced_labels(text: str, start: int, end: int) -> set[str]:
    return {(m.group(1) or m.group(2)).lower() for m in _ITEM_REFERENCE.finditer(text[start:end])}


def _general_dates(located, fact_blocks, fact_labels) -> list[tuple[Bound, set[str]]]:
    """Dates stated outside the items that name measures, each with the item markers the
    sentence ties it to ("(1)及び(2)の措置は…", "アの措置は4月5日から、イの措置は本日から")."""
    out = []
    previous_end: dict[int, int] = {}
    for b, s in located:
        if b.past or s.worded or s.closed or (s.block is not None and s.block in fact_blocks):
            continue
        offset = b.offset - s.line.start
        labels = _referenced_labels(s.line.text, previous_end.get(s.line.index, 0), offset)
        previous_end[s.line.index] = offset
        out.append((b, labels & fact_labels))
    return out


def _dates_for_types(
    line: Line, types: list[str], dates: list[tuple[int, date]]
) -> dict[str, list[date]]:
    """A sentence that bans imports and exports on different days ("imports from 26
    February, exports from 18 March") pairs each date with the nearer trade word."""
    if len(types) < 2 or len(dates) < 2:
        return {t: [d for _, d in dates] for t in types}
    words = {"import_ban": r"輸入|\bimports?\b", "export_ban": r"輸出|\bexports?\b"}
    out: dict[str, list[date]] = {t: [] for t in types}
    for offset, when in dates:
        pos = offset - line.start
        best, best_gap = None, None
        for t in types:
            for m in re.finditer(words.get(t, r"(?!)"), line.text, re.I):
                gap = abs(m.start() - pos)
                if best_gap is None or gap < best_gap:
                    best, best_gap = t, gap
        for t in [best] if best else types:
            out[t].append(when)
    return out


# Kinds of effective date before they are described: new, an amendment, or a past reference.
NEW, AMENDED, PAST = "new", "amended", "past"


def date_facts(rules: Rules, doc: Document, sentences, candidates, published: date) -> None:
    """Sets each candidate fact's effective dates as (date, NEW | AMENDED | PAST)."""
    bound = bound_dates(rules, doc, published)
    by_line = {s.line.index: s for s in sentences}
    located = [(b, by_line[line_of(doc, b.offset)]) for b in bound]
    fact_blocks = {st.block for st, _ in candidates}
    general = _general_dates(located, fact_blocks, {st.label for st, _ in candidates if st.label})
    for sentence, fact in candidates:
        line = sentence.line
        own = [b for b, s in located if s.line.index == line.index]
        new = [(b, fact.amendment) for b in own if not b.past]
        # "…with effect from 1 January 2024. From 1 March 2024, the ban will extend to…": the
        # sentences that follow in the paragraph without naming a measure of their own.
        follow = _continuation(sentences, line.index)
        new += [
            (b, fact.amendment or any_match(rules.amendment, s.line.text))
            for b, s in located
            if s.line.index in follow and not b.past
        ]
        if not new and sentence.block is not None:
            new = [
                (b, fact.amendment or any_match(rules.amendment, s.line.text))
                for b, s in located
                if s.block == sentence.block and not s.worded and not b.past and not s.closed
            ]
        if not new and (not own or fact.amendment):
            labelled = [b for b, labels in general if sentence.label in labels]
            pool = labelled or [b for b, labels in general if not labels]
            after = [b for b in pool if b.offset >= line.start]
            before = [b for b in pool if b.offset < line.start]
            new = [(b, fact.amendment) for b in (labelled or after[:1] or before[-1:])]
        types_here = sorted({f.type for st, f in candidates if st.line.index == line.index})
        chosen = _dates_for_types(line, types_here, [(b.offset, b.value) for b, _ in new]).get(
            fact.type, []
        )
        amended = {b.value: a for b, a in new}
        kinds = {(d, AMENDED if amended.get(d) else NEW) for d in chosen}
        kinds |= {(b.value, PAST) for b in own if b.past}
        fact.effective = sorted(kinds)
        if fact.lifted is not None and chosen:
            fact.lifted = chosen[0]
        _refine_targets(rules, sentence, fact, sentences)


def _continuation(sentences, index: int) -> set[int]:
    out: set[int] = set()
    for s in sentences[index + 1 :]:
        if not s.line.continues or s.worded:
            break
        out.add(s.line.index)
    return out


def _refine_targets(rules: Rules, sentence, fact, sentences) -> None:
    """An item that does not name its targets inherits the list's; a field of the item
    ("対象地域 ロシア") then narrows them."""
    if find_targets(rules, sentence.line.text) or sentence.block is None:
        return
    stated = [
        s.targets
        for s in sentences
        if s.block == sentence.block and not s.worded and not s.closed and s is not sentence
        and find_targets(rules, s.line.text)
    ]  # fmt: skip
    if stated:
        fact.targets = tuple(dict.fromkeys(c for t in stated for c in t))
