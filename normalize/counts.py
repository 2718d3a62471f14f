"""Numbers announcements state: a list's size (counts) and what an amendment adds
(increments). "81 entities were added" is an increment; "now 130 entities in Russia and 2 in
Belarus" is a size."""

from __future__ import annotations

import re

from normalize.facts import any_match
from normalize.rules import Rules

_UNIT_WORDS = {
    "entities": re.compile(r"団体|機関|法人|entit|organi[sz]ation", re.I),
    "individuals": re.compile(r"名|個人|individual", re.I),
    "items": re.compile(r"品目|item", re.I),
}


def _plain(text: str) -> str:
    return re.sub(r"⟦D\d+⟧", " ", text)


def _unit_after(text: str) -> str | None:
    """The unit nearest after a number: in "36名及び3団体" the 36 are persons."""
    found = [(m.start(), u) for u, w in _UNIT_WORDS.items() if (m := w.search(text))]
    return min(found)[1] if found else None


def increments(rules: Rules, text: str) -> dict[str, int]:
    out: dict[str, int] = {}
    plain = _plain(text)
    seen: set[int] = set()  # two phrasings may match the same number
    for pattern in rules.count_increment:
        for m in pattern.finditer(plain):
            if m.start(1) in seen:
                continue
            seen.add(m.start(1))
            unit = _unit_after(plain[m.end(1) : m.end(1) + 20])
            if unit:
                out[unit] = out.get(unit, 0) + int(m.group(1).replace(",", ""))
    return out


def counts(rules: Rules, text: str) -> dict[str, int]:
    """Sizes a sentence states. Parts ("130 in Russia and 2 in Belarus") are summed unless
    the sentence calls one of them the total; increments are left out."""
    plain = _plain(text)
    excluded = {m.start(1) for p in rules.count_increment for m in p.finditer(plain)}
    total = any_match(rules.count_total, plain)
    out: dict[str, int] = {}
    for name, patterns in rules.counts.items():
        numbers = [
            int(m.group(1).replace(",", ""))
            for p in patterns
            for m in p.finditer(plain)
            if m.start(1) not in excluded
        ]
        if numbers:
            out[name] = max(numbers) if total else sum(numbers)
    return out


def combine_counts(parts: list[tuple[dict[str, int], tuple[str, ...]]]) -> dict[str, int]:
    """Counts stated in several sentences: parts about different targets add up ("201 in
    Russia", "2 in Belarus"); restatements about the same targets give the largest."""
    groups: list[tuple[set[str], dict[str, int]]] = []
    for found, targets in parts:
        if not found:
            continue
        for group_targets, group_counts in groups:
            if group_targets & set(targets) or not targets:
                group_targets.update(targets)
                for k, v in found.items():
                    group_counts[k] = max(group_counts.get(k, 0), v)
                break
        else:
            groups.append((set(targets), dict(found)))
    out: dict[str, int] = {}
    for _, group_counts in groups:
        for k, v in group_counts.items():
            out[k] = out.get(k, 0) + v
    return dict(sorted(out.items()))


def count_facts(rules: Rules, sentences, candidates) -> None:
    """Sizes are often stated apart from the measure's own sentence: in its list item
    ("(2) 追加後の対象団体: ロシアの130団体及びベラルーシの2団体") or, when a release is
    about one measure only, anywhere outside the other items."""
    fact_blocks = {st.block for st, _ in candidates}
    single = len({f.key for _, f in candidates}) == 1
    for sentence, fact in candidates:
        sizes = [(fact.counts, sentence.targets)]
        added = dict(fact.increments)
        for other in sentences:
            if other.worded or other.closed or other.line.index == sentence.line.index:
                continue
            same_block = other.block is not None and other.block == sentence.block
            release_wide = single and (other.block is None or other.block not in fact_blocks)
            if same_block or release_wide:
                sizes.append((counts(rules, other.line.text), other.targets))
                for unit, n in increments(rules, other.line.text).items():
                    added.setdefault(unit, n)
        fact.counts = combine_counts(sizes)
        fact.increments = added
