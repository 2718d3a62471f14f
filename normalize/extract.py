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

LEAD_LINES = 4  # sentences after the title that set the release's context
RUSSIA_TARGETS = {"RU", "BY", "UA-14", "UA-09", "UA-43"}


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
    """Numbers a sentence states about a measure's size. "81 entities were added" counts an
    addition, not the list's size, and is left out; parts ("130 in Russia and 2 in Belarus")
    are summed unless the sentence calls one of them the total."""
    plain = re.sub(r"⟦D\d+⟧", " ", text)
    increments = {m.start(1) for p in rules.count_increment for m in p.finditer(plain)}
    out: dict[str, int] = {}
    total = _any(rules.count_total, plain)
    for name, patterns in rules.counts.items():
        numbers = [
            int(m.group(1).replace(",", ""))
            for p in patterns
            for m in p.finditer(plain)
            if m.start(1) not in increments
        ]
        if numbers:
            out[name] = max(numbers) if total else sum(numbers)
    return out


@dataclass(frozen=True)
class Bound:
    offset: int
    value: date
    past: bool  # dates an existing measure ("in force since"), not what is announced now


def _bound_dates(rules: Rules, doc: Document, published: date) -> list[Bound]:
    """Every date an effective-date phrase binds, in document order."""
    bound: dict[int, date] = {}
    for pattern in rules.effective_phrases:
        for m in pattern.finditer(doc.masked):
            match = doc.date(m.group(1))
            bound[m.start(1)] = match.value
    past = {m.start(1) for p in rules.past_references for m in p.finditer(doc.masked)}
    for pattern in rules.effective_same_day:
        for m in pattern.finditer(doc.masked):
            bound.setdefault(m.start(), published)
    return [Bound(o, d, o in past) for o, d in sorted(bound.items())]


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


@dataclass
class _Sentence:
    line: Line
    types: list[str]  # its own, or from its context
    targets: tuple[str, ...]
    worded: bool  # names a measure type or scope itself
    block: int | None  # index of the list item or heading it belongs to
    closed: bool  # below a "related materials" / "contact" heading
    label: str | None  # marker of its list item ("ii", "イ"), to match "the measure in (ii)"


def _read_sentences(rules: Rules, doc: Document, title: str) -> list[_Sentence]:
    """Each sentence with the context it inherits, nearest first: the sentence before it in
    the same paragraph, its list item, the paragraph that introduced the list, the section
    heading, then the title and lead."""
    doc_types, doc_targets = _types(rules, title), _targets(rules, title)
    for line in doc.lines[:LEAD_LINES]:
        doc_types = doc_types or _types(rules, line.text)
        doc_targets = doc_targets or _targets(rules, line.text)
    out: list[_Sentence] = []
    section: tuple[list[str], tuple[str, ...]] = ([], ())
    item: tuple[list[str], tuple[str, ...]] | None = None
    previous: tuple[list[str], tuple[str, ...]] = ([], ())
    block: int | None = None
    label: str | None = None
    closed = False
    for line in doc.lines:
        own_types, own_targets = _types(rules, line.text), _targets(rules, line.text)
        scoped = any(_any(s.patterns, line.text) for s in rules.scopes)
        if line.is_section:
            section, item, block, label, closed = (own_types, own_targets), None, line.index, None, False
        elif line.is_item:
            item, block, label, closed = None, line.index, line.label, False
        if _any(rules.closing_headings, line.plain):
            closed = True
        context = ([previous] if line.continues else []) + ([item] if item else [])
        context += [section, (doc_types, doc_targets)]
        types = own_types or next((c[0] for c in context if c[0]), [])
        targets = own_targets or next((c[1] for c in context if c[1]), ())
        previous = (types, targets)
        if line.is_item:
            item = (types, targets)
        elif not line.continues and item is None and not line.is_section:
            section = (own_types or section[0], own_targets or section[1])
        out.append(_Sentence(line, types, targets, bool(own_types or scoped), block, closed, label))
    return out


def _is_reference(rules: Rules, sentence: _Sentence, title: str) -> bool:
    """Sentences that point at other announcements rather than announce: the page's own
    heading or breadcrumb, a listing line opening with a date, anything below a closing
    heading, consultations and briefings."""
    text = sentence.line.text
    return (
        sentence.closed
        or (bool(title) and title in sentence.line.plain)
        or bool(re.match(r"^\s*⟦D\d+⟧\s+[^\s、,の]", text))
        or _any(rules.not_an_announcement, text)
    )


def extract(ann: dict, *, jurisdiction: str, publisher: str) -> list[Fact]:
    rules = load_rules()
    published = date.fromisoformat(ann["published"])
    title = nfkc(ann["title"]).strip()
    doc = prepare(ann["text"], published)
    if _any(rules.not_an_announcement, title):
        return []
    inst = _instrument(rules, title)
    if inst is not None:
        return [_instrument_fact(rules, inst, doc, ann, published)]

    sentences = _read_sentences(rules, doc, title)
    candidates: list[tuple[_Sentence, Fact]] = []
    for sentence in sentences:
        if not sentence.worded or not sentence.targets or _is_reference(rules, sentence, title):
            continue
        text = sentence.line.text
        own_types = _types(rules, text)
        scopes = [s for s in rules.scopes if _any(s.patterns, text)]
        for fact_type in sentence.types:
            matching = [s.key for s in scopes if fact_type in s.types] or (
                ["general"] if fact_type in own_types else []
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
                    counts=_counts(rules, text),
                    amendment=_any(rules.amendment, text),
                    lifted=published if _any(rules.lifting, text) else None,
                )))  # fmt: skip

    # A scope-less sentence ("ban exports to Russia") summarises the scoped items about the
    # same targets; it is a measure of its own only where no item covers those targets.
    candidates = [
        (st, f)
        for st, f in candidates
        if f.scope != "general"
        or not any(
            g.scope != "general" and g.type == f.type and set(g.targets) & set(f.targets)
            for _, g in candidates
        )
    ]
    if any(f.scope == "general" for _, f in candidates):
        log.warning("measure without a known scope at %s: add a scope to rules/measures.yml", ann["url"])
    _date_facts(rules, doc, sentences, candidates, published)
    _count_facts(rules, sentences, candidates)
    return _merge_same_key([f for _, f in candidates])


def combine_counts(parts: list[tuple[dict[str, int], tuple[str, ...]]]) -> dict[str, int]:
    """Counts stated in several sentences: parts about different targets add up ("201 in
    Russia", "2 in Belarus"); restatements about the same targets give the largest."""
    groups: list[tuple[set[str], dict[str, int]]] = []
    for counts, targets in parts:
        if not counts:
            continue
        for group_targets, group_counts in groups:
            if group_targets & set(targets) or not targets:
                group_targets.update(targets)
                for k, v in counts.items():
                    group_counts[k] = max(group_counts.get(k, 0), v)
                break
        else:
            groups.append((set(targets), dict(counts)))
    out: dict[str, int] = {}
    for _, group_counts in groups:
        for k, v in group_counts.items():
            out[k] = out.get(k, 0) + v
    return dict(sorted(out.items()))


def _count_facts(rules, sentences, candidates) -> None:
    """Sizes are often stated apart from the measure's own sentence: in its list item
    ("(2) 追加後の対象団体: ロシアの130団体及びベラルーシの2団体") or, when a release is
    about one measure only, anywhere in it."""
    fact_blocks = {st.block for st, _ in candidates}
    single = len({f.key for _, f in candidates}) == 1
    for sentence, fact in candidates:
        parts = [(fact.counts, sentence.targets)]
        for other in sentences:
            if other.worded or other.closed or other.line.index == sentence.line.index:
                continue
            same_block = other.block is not None and other.block == sentence.block
            if same_block or (single and other.block not in fact_blocks):
                parts.append((_counts(rules, other.line.text), other.targets))
        fact.counts = combine_counts(parts)


# "アの措置は4月5日から", "The measure in (i) will come into force on …": a date stated for
# one item of the list by its marker.
_ITEM_REFERENCE = re.compile(
    r"\(\s*(\d{1,2}|[ivx]{1,4}|[a-z]|[ア-ン])\s*\)|(?<![\w\u30a0-\u30ff])([ア-ン])(?=の|及び|、|,|と)", re.I
)


def _referenced_labels(sentence_text: str, start: int, end: int) -> set[str]:
    return {(m.group(1) or m.group(2)).lower() for m in _ITEM_REFERENCE.finditer(sentence_text[start:end])}


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


def _date_facts(rules, doc, sentences, candidates, published) -> None:
    """Effective dates, nearest statement first: the fact's own sentence; the undecorated
    sentences of its list item ("開始日 2022年3月18日より", "The ban will come into force on …");
    the dates stated for the whole release outside any item that names a measure (a 施行日
    section), where a date stated for one item by its marker goes to that item only."""
    bound = _bound_dates(rules, doc, published)
    by_line = {s.line.index: s for s in sentences}
    located = [(b, by_line[_line_of(doc, b.offset)]) for b in bound]
    fact_blocks = {st.block for st, _ in candidates}
    general = _general_dates(located, fact_blocks, {st.label for st, _ in candidates if st.label})
    for sentence, fact in candidates:
        line = sentence.line
        own = [b for b, s in located if s.line.index == line.index]
        new = [(b, fact.amendment) for b in own if not b.past]
        if not new and sentence.block is not None:
            new = [
                (b, fact.amendment or _any(rules.amendment, s.line.text))
                for b, s in located
                if s.block == sentence.block and not s.worded and not b.past and not s.closed
            ]
        if not new and (not own or fact.amendment):
            labelled = [b for b, labels in general if sentence.label in labels]
            unlabelled = [b for b, labels in general if not labels]
            pool = labelled or unlabelled
            after = [b for b in pool if b.offset >= line.start]
            before = [b for b in pool if b.offset < line.start]
            new = [(b, fact.amendment) for b in (labelled or after[:1] or before[-1:])]
        types_here = sorted({f.type for st, f in candidates if st.line.index == line.index})
        chosen = _dates_for_types(line, types_here, [(b.offset, b.value) for b, _ in new]).get(fact.type, [])
        amended = {b.value: a for b, a in new}
        effective = {(d, _describe(fact, amended.get(d, fact.amendment))) for d in chosen}
        effective |= {(b.value, "in force") for b in own if b.past}
        fact.effective = sorted(effective)
        if fact.lifted is not None and chosen:
            fact.lifted = chosen[0]
        _refine_targets(sentence, fact, sentences)


def _refine_targets(sentence, fact, sentences) -> None:
    """An item that does not name its targets inherits the list's; a field of the item
    ("対象地域 ロシア") then narrows them."""
    if _targets(load_rules(), sentence.line.text) or sentence.block is None:
        return
    stated = [
        s.targets
        for s in sentences
        if s.block == sentence.block and not s.worded and not s.closed and s is not sentence
        and _targets(load_rules(), s.line.text)
    ]  # fmt: skip
    if stated:
        fact.targets = tuple(dict.fromkeys(c for t in stated for c in t))


def _describe(fact: Fact, amendment: bool) -> str:
    if fact.lifted is not None:
        return "lifted"
    if not amendment:
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
        first.effective = _one_per_date(first.effective + fact.effective)
        first.counts = combine_counts([(first.counts, first.targets), (fact.counts, fact.targets)])
        first.amendment = first.amendment or fact.amendment
        first.lifted = first.lifted or fact.lifted
    return list(merged.values())


def _one_per_date(effective: list[tuple[date, str]]) -> list[tuple[date, str]]:
    """Two sentences may date the same change ("entities added" and "in force"): the more
    specific description wins."""
    rank = {"lifted": 0, "in force": 2}
    best: dict[date, str] = {}
    for when, description in effective:
        if when not in best or rank.get(description, 1) < rank.get(best[when], 1):
            best[when] = description
    return sorted(best.items())
