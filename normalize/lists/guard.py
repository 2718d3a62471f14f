"""Count guards: a list edition that is smaller than the document says is never published.

A truncated download, a PDF with a page missing, or a parser that lost its way all look the
same from outside: fewer entries. Each edition is checked against

- the bounds its list declares (`normalize/lists/lists.yml`, `expected: {min, max}`);
- the document's own count: entry numbers must run 1…N without a gap or a repeat (per
  programme where a list numbers per programme), and equal any total the document or the page
  linking it states;
- the previous edition: more than `max_removed_share` of the entries vanishing at once is
  refused (real delistings come a few at a time).

A refused edition is not published: the release keeps the previous edition of the list and
the source is reported failed, with these reasons.
"""

from __future__ import annotations

from collections import defaultdict

from normalize.lists.model import Edition
from normalize.lists.specs import ListSpec


class CountGuardError(ValueError):
    """The edition fails a count guard; str() names every reason."""

    def __init__(self, list_id: str, problems: list[str]):
        super().__init__(f"{list_id}: " + "; ".join(problems))
        self.problems = problems


def numbering_problems(edition: Edition) -> list[str]:
    groups: dict[str | None, list[int]] = defaultdict(list)
    unnumbered = 0
    for entry in edition.entries:
        if entry.number is None:
            unnumbered += 1
        else:
            groups[entry.programme].append(entry.number)
    problems = []
    if unnumbered and groups:
        problems.append(f"{unnumbered} entries without a number")
    for group, numbers in groups.items():
        where = f" in {group!r}" if group else ""
        expected = set(range(1, max(numbers) + 1))
        missing = sorted(expected - set(numbers))
        repeated = sorted({n for n in numbers if numbers.count(n) > 1})
        if missing:
            shown = ", ".join(map(str, missing[:10])) + ("…" if len(missing) > 10 else "")
            problems.append(f"entries {shown} missing{where} (numbers run to {max(numbers)})")
        if repeated:
            problems.append(f"entry numbers {repeated[:10]} repeated{where}")
    return problems


def problems(edition: Edition, spec: ListSpec, previous_count: int | None = None) -> list[str]:
    found = len(edition.entries)
    out = numbering_problems(edition)
    if edition.stated_total is not None and edition.stated_total != found:
        out.append(f"the document states {edition.stated_total} entries, {found} were read")
    if not spec.expected.min <= found <= spec.expected.max:
        out.append(f"{found} entries, outside the expected {spec.expected.min}–{spec.expected.max}")
    if previous_count:
        lost = previous_count - found
        if lost > spec.max_removed_share * previous_count:
            out.append(
                f"{found} entries after {previous_count}: more than "
                f"{spec.max_removed_share:.0%} of the list would vanish at once"
            )
    nameless = sum(1 for e in edition.entries if not (e.name_en or e.name_ja))
    if nameless:
        out.append(f"{nameless} entries without a name")
    return out


def check(edition: Edition, spec: ListSpec, previous_count: int | None = None) -> None:
    found = problems(edition, spec, previous_count)
    if found:
        raise CountGuardError(edition.list, found)
