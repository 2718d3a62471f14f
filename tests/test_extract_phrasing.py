"""Tuning examples for phrasings the second held-out set showed the extractor missing.

Each text here is written for this file (never a held-out text) and states one way
governments phrase a measure, its date or its numbers, in Japanese or English.
"""

from __future__ import annotations

import pytest

from normalize.extract import extract, title_for
from normalize.rules import load_rules

EU = {"jurisdiction": "EU", "publisher": "Council of the EU"}
BIS = {"jurisdiction": "US", "publisher": "BIS"}


def _facts(text: str, *, title: str = "Announcement", lang: str = "en", published="2023-04-03",
           jurisdiction: str = "GB", publisher: str = "FCDO"):  # fmt: skip
    ann = {
        "source": "test",
        "url": "https://example.org/release",
        "lang": lang,
        "title": title,
        "published": published,
        "text": text,
        "attachments": [],
        "fetched_at": f"{published}T09:00:00Z",
    }
    return extract(ann, jurisdiction=jurisdiction, publisher=publisher)


def _one(text: str, **kw):
    (fact,) = _facts(text, **kw)
    return fact


def _ja(text: str, **kw):
    return _facts(text, lang="ja", jurisdiction="JP", **{"publisher": "METI", **kw})


def _one_ja(text: str, **kw):
    (fact,) = _ja(text, **kw)
    return fact


def _dates(fact) -> list[str]:
    return sorted({d.isoformat() for d, _ in fact.effective})


# --- effective dates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The ban on imports of Russian copper comes into force at 11pm on 15 April 2023.",
        "From 09:30 GMT on 15 April 2023, imports of Russian copper are banned.",
        "The import ban enters into force at 00:01 BST on 15 April 2023.",
    ],
)
def test_a_time_of_day_before_the_date(sentence: str) -> None:
    fact = _one(f"The UK will ban imports of copper from Russia.\n\n{sentence}")
    assert (fact.type, _dates(fact)) == ("import_ban", ["2023-04-15"])


def test_eu_acts_in_force_on_the_day_following_publication() -> None:
    fact = _one(
        "The Council today decided to prohibit imports of Russian aluminium. The regulation "
        "enters into force on the day following that of its publication in the Official Journal.",
        **EU,
        published="2023-04-28",
    )
    assert _dates(fact) == ["2023-04-29"]


def test_eu_acts_in_force_on_the_day_of_publication_stated_elsewhere() -> None:
    fact = _one(
        "The Council decided to prohibit imports of Russian aluminium.\n\nThe acts were "
        "published in the Official Journal on 2 May 2023 and enter into force on the day of "
        "their publication.",
        **EU,
        published="2023-04-28",
    )
    assert _dates(fact) == ["2023-05-02"]


@pytest.mark.parametrize(
    ("closing", "effective"),
    [
        ("本告示は、令和5年6月1日に公布し、公布の日の翌日から施行します。", "2023-06-02"),
        ("本告示は、令和5年6月1日に公布され、同日から施行されます。", "2023-06-01"),
        ("本日、本政令が公布・施行されました。", "2023-05-30"),
    ],
)
def test_japanese_promulgation_phrasings(closing: str, effective: str) -> None:
    fact = _one_ja(
        f"ロシアを原産地とするアルミニウムの輸入を禁止します。\n\n{closing}",
        published="2023-05-30",
    )
    assert (fact.type, _dates(fact)) == ("import_ban", [effective])


def test_a_heading_naming_promulgation_is_no_date() -> None:
    fact = _one_ja(
        "ロシアを原産地とするアルミニウムの輸入を禁止します。\n\n2. 公布・施行\n\n"
        "本告示は令和5年6月1日に公布され、令和5年6月10日から施行されます。",
        published="2023-05-30",
    )
    assert _dates(fact) == ["2023-06-10"]


def test_a_date_in_brackets_after_the_item() -> None:
    fact = _one_ja(
        "ロシア連邦の居住者に対する広告サービスの提供の禁止（令和5年10月2日実施）",
        published="2023-09-22",
        publisher="MOFA",
    )
    assert (fact.type, _dates(fact)) == ("services_ban", ["2023-10-02"])


def test_a_later_sentence_of_the_paragraph_adds_a_phase() -> None:
    fact = _one(
        "The UK bans imports of Russian aluminium with effect from 1 June 2023. From "
        "1 September 2023, the ban will also cover aluminium processed in third countries.",
    )
    assert _dates(fact) == ["2023-06-01", "2023-09-01"]


# --- what the measure is ---------------------------------------------------------------------


def test_services_priced_above_a_cap_are_the_cap() -> None:
    (fact,) = _ja(
        "ロシア産の石油製品であって上限価格を超えるものの海上輸送に係るサービスの提供を禁止します。",
        publisher="MOFA",
    )
    assert fact.type == "price_cap"


def test_entity_list_additions_are_an_entity_listing() -> None:
    facts = _facts(
        "SUMMARY: BIS amends the EAR by adding 12 Russian entities to the Entity List.\n\n"
        "DATES: This rule is effective April 3, 2023.",
        **BIS,
    )
    (fact,) = [f for f in facts if f.type == "entity_listing"]
    assert fact.targets == ("RU",)
    assert (fact.increments, fact.counts, fact.amendment) == ({"entities": 12}, {}, True)
    assert _dates(fact) == ["2023-04-03"]
    assert "Russia" in title_for(load_rules(), fact.type, fact.scope, fact.targets)[0]


def test_a_licence_requirement_denied_as_policy_is_a_ban() -> None:
    fact = _one(
        "SUMMARY: This rule adds items that require a license for export to Belarus. "
        "Applications will be reviewed under a policy of denial.\n\n"
        "DATES: This rule is effective April 3, 2023.",
        **BIS,
    )
    assert (fact.type, fact.targets, _dates(fact)) == ("export_ban", ("BY",), ["2023-04-03"])


def test_extending_a_ban_to_further_goods_is_an_amendment() -> None:
    fact = _one("The Council extends the import ban on Russia to further metals from 1 May 2023.")
    assert fact.amendment


def test_a_paragraph_under_a_typed_item_is_a_measure() -> None:
    facts = _ja(
        "令和5年6月2日\n\n1. 本日の閣議了解に基づき、以下の措置を実施することとしました。\n\n"
        "2. 措置の内容\n\n(1) 資産凍結等の措置\nベラルーシ共和国の個人5名及び2団体の追加指定\n\n"
        "(2) 輸出等の禁止措置\nベラルーシ共和国の特定団体(3団体)の追加指定\n\n"
        "3. 上記の措置は、令和5年6月9日から実施します。",
        publisher="MOFA",
    )
    assert sorted((f.type, f.targets, tuple(_dates(f))) for f in facts) == [
        ("asset_freeze", ("BY",), ("2023-06-09",)),
        ("export_ban", ("BY",), ("2023-06-09",)),
    ]


# --- numbers ---------------------------------------------------------------------------------


def test_additions_of_both_kinds_are_increments() -> None:
    fact = _one(
        "The Foreign Secretary decided to add 12 individuals and 4 entities connected to Russia "
        "to the list of persons subject to an asset freeze, with immediate effect."
    )
    assert (fact.increments, fact.counts) == ({"individuals": 12, "entities": 4}, {})


@pytest.mark.parametrize(
    "total", ["almost 1,500 individuals and entities", "over 1,500 individuals", "約1,500名"]
)
def test_round_or_mixed_totals_are_not_counts(total: str) -> None:
    fact = _one(f"An asset freeze applies to Russia. The list now covers {total}.")
    assert fact.counts == {}


def test_each_number_takes_the_unit_right_after_it() -> None:
    fact = _one_ja(
        "資産凍結等の措置の対象に、ロシア連邦の個人12名及び5団体を追加します。",
        publisher="MOFA",
    )
    assert fact.increments == {"individuals": 12, "entities": 5}


def test_newly_designated_entities_are_an_increment() -> None:
    fact = _one_ja(
        "ロシアの特定団体への輸出等の禁止措置について、新たに15団体を特定団体として指定します。",
    )
    assert fact.increments == {"entities": 15}
