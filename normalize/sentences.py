"""Each sentence of an announcement with the context it inherits.

A release typically opens with a lead ("the Cabinet decided to ban exports to Russia"), lists
the measures as numbered items that may omit the verb or the country, nests sub-items under
them ("(1) 資産凍結等の措置" → "ア ロシア連邦の個人…"), and ends with materials and contacts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from normalize.facts import any_match, find_targets, find_types
from normalize.rules import Rules
from normalize.text import Document, Line

LEAD_LINES = 4  # sentences after the title that set the release's context

Context = tuple[list[str], tuple[str, ...]]  # (measure types, targets)


@dataclass
class Sentence:
    line: Line
    types: list[str]  # its own, or from its context
    targets: tuple[str, ...]
    worded: bool  # names a measure itself (a type or a scope, or targets under a typed heading)
    block: int | None  # index of the list item or heading it belongs to
    closed: bool  # below a "related materials" / "contact" heading
    label: str | None  # marker of its list item ("ii", "イ"), to match "the measure in (ii)"


def _family(label: str | None) -> str:
    if label is None:
        return ""
    if label.isdigit():
        return "digit"
    if re.fullmatch(r"[ivx]+", label):
        return "roman"
    return "kana" if re.fullmatch(r"[ア-ン]", label) else "latin"


def read_sentences(rules: Rules, doc: Document, title: str) -> list[Sentence]:
    """Context, nearest first: the sentence before (same paragraph), the list item, the
    parent item of another marker family, the paragraph that introduced the list, the section
    heading, then the title and lead."""
    doc_ctx: Context = (find_types(rules, title), find_targets(rules, title))
    for line in doc.lines[:LEAD_LINES]:
        doc_ctx = (
            doc_ctx[0] or find_types(rules, line.text),
            doc_ctx[1] or find_targets(rules, line.text),
        )
    out: list[Sentence] = []
    section: Context = ([], ())
    item: Context | None = None
    items_by_family: dict[str, Context] = {}
    previous: Context = ([], ())
    block: int | None = None
    label: str | None = None
    closed = False
    item_typed = False  # the current list item names a measure type itself
    for line in doc.lines:
        own_types, own_targets = find_types(rules, line.text), find_targets(rules, line.text)
        scoped = any(any_match(s.patterns, line.text) for s in rules.scopes)
        parent: Context | None = None
        if line.is_section:
            section, item, block, label, closed = (
                (own_types, own_targets),
                None,
                line.index,
                None,
                False,
            )
            items_by_family = {}
        elif line.is_item:
            family = _family(line.label)
            parents = [c for f, c in items_by_family.items() if f != family]
            parent = parents[-1] if parents else None
            item, block, label, closed = None, line.index, line.label, False
            item_typed = bool(own_types)
        if any_match(rules.closing_headings, line.plain):
            closed = True
        context = ([previous] if line.continues else []) + ([item] if item else [])
        context += ([parent] if parent else []) + [section, doc_ctx]
        types = own_types or next((c[0] for c in context if c[0]), [])
        targets = own_targets or next((c[1] for c in context if c[1]), ())
        previous = (types, targets)
        if line.is_item:
            item = (types, targets)
            family = _family(line.label)
            items_by_family.pop(family, None)
            items_by_family[family] = item
        elif not line.continues and item is None and not line.is_section:
            section = (own_types or section[0], own_targets or section[1])
        # An item naming its targets under a heading or parent item that names the measure
        # type ("(1) 資産凍結等の措置" / "ア ロシア連邦の個人及び団体の追加指定") is a measure.
        governed = bool(section[0] or (parent and parent[0]))
        # …and so is a paragraph naming its targets under an item that names the type
        # ("（１）資産凍結等の措置" / "ロシア連邦の個人３６名及び３団体の追加指定").
        under_item = not line.is_item and not line.is_section and item is not None and item_typed
        worded = bool(own_types or scoped) or bool(
            own_targets and ((line.is_item and governed) or (under_item and not line.continues))
        )
        out.append(Sentence(line, types, targets, worded, block, closed, label))
    return out


def is_reference(rules: Rules, sentence: Sentence, title: str) -> bool:
    """Sentences that point at other announcements rather than announce: the page's own
    heading or breadcrumb, a listing line opening with a date, anything below a closing
    heading, consultations and briefings."""
    text = sentence.line.text
    return (
        sentence.closed
        or (bool(title) and title in sentence.line.plain)
        or bool(re.match(r"^\s*⟦D\d+⟧\s+[^\s、,の]", text))
        or any_match(rules.not_an_announcement, text)
    )
