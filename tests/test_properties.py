"""Properties, checked on generated inputs (hypothesis): measure ids are slugs, stable and
distinct for distinct measures; diffs lose nothing; canonical JSON and the HTML helpers never
let markup through; no input crashes them. Date parsing has its own in tests/test_dates.py."""

from __future__ import annotations

import json
import re
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from normalize.build import measure_id
from normalize.canonical import _fast_dumps, _nfc, _stdlib_dumps, dumps
from normalize.diff import (
    BOOKKEEPING,
    PROSE,
    apply_text_diff,
    change_kind,
    changed_fields,
    content,
    modification,
    text_diff,
)
from normalize.facts import Fact
from normalize.rules import load_rules
from publish.render import esc, paragraphs, safe_url

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
RULES = load_rules()
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

jurisdictions = st.sampled_from(["JP", "US", "GB", "EU", "G7", "FR", "DE", "CA"])
targets = st.lists(st.sampled_from([t.code for t in RULES.targets]), unique=True, max_size=5)


@st.composite
def facts(draw) -> Fact:
    jurisdiction = draw(jurisdictions)
    if draw(st.booleans()) and RULES.instruments:
        instrument = draw(st.sampled_from(RULES.instruments))
        key = instrument.key
        if instrument.dated:
            key += "-" + draw(st.dates(date(2000, 1, 1), date(2040, 12, 31))).isoformat()
        return Fact(
            key=key,
            jurisdiction=jurisdiction,
            type=instrument.type,
            scope="general",
            targets=(),
            authority=instrument.authority,
            topics=instrument.topics,
            clause="",
            instrument=instrument,
        )
    kind = draw(st.sampled_from(list(RULES.types)))
    scopes = ["general"] + [s.key for s in RULES.scopes if kind in s.types]
    scope = draw(st.sampled_from(scopes))
    return Fact(
        key=f"{kind}:{scope}",
        jurisdiction=jurisdiction,
        type=kind,
        scope=scope,
        targets=tuple(draw(targets)),
        authority="X",
        topics=(),
        clause="",
    )


def identity(fact: Fact) -> tuple:
    """What makes two facts the same measure, as far as its id goes."""
    return (fact.jurisdiction, fact.key, fact.targets)


@PROPERTY
@given(facts())
def test_measure_ids_are_slugs_and_deterministic(fact):
    mid = measure_id(fact)
    assert SLUG.match(mid), mid
    assert measure_id(fact) == mid
    assert mid.startswith(fact.jurisdiction.lower() + "-")


@PROPERTY
@given(st.lists(facts(), min_size=2, max_size=12))
def test_distinct_measures_get_distinct_ids(batch):
    by_id: dict[str, tuple] = {}
    for fact in batch:
        mid = measure_id(fact)
        assert by_id.setdefault(mid, identity(fact)) == identity(fact), (mid, fact)


# --- diffs -----------------------------------------------------------------------------------

texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200
) | st.sampled_from(
    [
        "",
        "輸出を禁止します。",
        "令和4年4月5日から施行します。",
        "Ban on exports of luxury goods to Russia",
    ]
)


@PROPERTY
@given(texts, texts)
def test_a_text_diff_keeps_both_texts(before, after):
    ops = text_diff(before, after)
    assert apply_text_diff(ops) == (before, after)
    assert all(op in (-1, 0, 1) and isinstance(piece, str) for op, piece in ops)
    if before == after:
        assert all(op == 0 for op, _ in ops)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | texts,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
    max_leaves=12,
)
dates = st.dates(date(2000, 1, 1), date(2040, 12, 31)).map(date.isoformat)
# Records shaped like measures: prose is text, the rest any JSON, some fields absent.
records = st.fixed_dictionaries(
    {"id": st.just("jp-x"), "title": texts, "version": st.integers(1, 9)},
    optional={
        "title_ja": st.none() | texts,
        "summary": texts,
        "status": st.sampled_from(["announced", "in_force", "lifted"]),
        "lifted": st.none() | dates,
        "effective": st.lists(
            st.fixed_dictionaries({"date": dates, "description": texts, "source": texts}),
            max_size=3,
        ),
        "counts": st.dictionaries(st.sampled_from(["entities", "items"]), st.integers(0, 999)),
        "sources": st.lists(json_values, max_size=3),
        "first_seen": st.just("20220301T090000Z"),
        "last_changed": st.just("20220308T090000Z"),
    },
)


@PROPERTY
@given(records, records)
def test_changed_fields_round_trip(before, after):
    fields = changed_fields(before, after)
    assert not set(fields) & set(BOOKKEEPING)
    patched = {**content(before), **{k: v["after"] for k, v in fields.items()}}
    for key in set(content(before)) | set(content(after)):
        assert patched.get(key) == after.get(key), key
    reverted = {**content(after), **{k: v["before"] for k, v in fields.items()}}
    for key in set(content(before)) | set(content(after)):
        assert reverted.get(key) == before.get(key), key
    assert changed_fields(before, before) == {}


@PROPERTY
@given(records, records)
def test_a_modification_says_what_changed_and_keeps_the_prose(before, after):
    change = modification(before, after)
    if change is None:  # a field absent and a field null are the same (changed_fields)
        keys = set(content(before)) | set(content(after))
        assert all(before.get(k) == after.get(k) for k in keys)
        return
    assert change["kind"] == change_kind(change["fields"])
    assert change["kind"] in ("amended", "in_force", "lifted", "sources")
    for name, ops in change["text_diffs"].items():
        assert name in PROSE
        field = change["fields"][name]
        assert apply_text_diff(ops) == (field["before"] or "", field["after"] or "")


# --- what is written ---------------------------------------------------------------------------


@PROPERTY
@given(json_values)
def test_canonical_json_is_stable_html_safe_and_faithful(value):
    text = dumps(value)
    assert "<" not in text and ">" not in text and "&" not in text
    assert dumps(json.loads(text)) == text

    assert json.loads(text) == _nfc(value)  # the same value, Unicode-normalized
    # The fast encoder writes exactly the bytes the standard library's rules give.
    assert _fast_dumps(value) == _stdlib_dumps(value)


@PROPERTY
@given(texts)
def test_escaped_text_never_holds_markup_or_control_characters(text):
    for html in (esc(text), paragraphs(text)):
        inner = re.sub(r"</?(?:p|br)>", "", html)
        assert "<" not in inner and ">" not in inner
        assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", html)
        assert "\n\n" not in html  # a blank line would end Markdown's raw HTML block


@PROPERTY
@given(st.text(max_size=60) | st.sampled_from(["javascript:alert(1)", " https://x.jp", "data:,x"]))
def test_only_plain_http_urls_are_linked(url):
    safe = safe_url(url)
    assert safe is None or (safe == url and re.match(r"^https?://[^\s]", url))
