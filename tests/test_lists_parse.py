"""The list parsers on the bundled documents and on the real documents' quirks."""

from __future__ import annotations

import pytest
from lists_helpers import EUL, MOF, RUSSIA

from normalize.lists import meti_entities, meti_eul, mof
from normalize.lists.pdftext import DocumentError
from normalize.lists.specs import all_specs, load_specs
from normalize.lists.text import kanji_number, name_key, split_outside_brackets

SPECS = all_specs()


@pytest.fixture(scope="module")
def russia():
    data = (RUSSIA / "list_russia_tokutei.2022-05-13.pdf").read_bytes()
    return meti_entities.parse(data, SPECS["meti-russia-entities"])


def by_number(edition, n):
    (entry,) = [e for e in edition.entries if e.number == n]
    return entry


def test_russia_list_has_every_entry_in_order(russia):
    assert [e.number for e in russia.entries] == list(range(1, 202))
    assert russia.warnings == []


def test_russia_header(russia):
    assert russia.notice == "令和四年外務省告示第八十二号"
    assert (russia.designated, russia.updated) == ("2022-03-18", "2022-05-17")


def test_english_aliases_and_addresses_joined_by_and(russia):
    fsb = by_number(russia, 6)
    assert fsb.name_en == "Federal Security Service (FSB)"
    assert fsb.aliases_en == ["Federalnaya Sluzhba Bezopasnosti"]
    assert fsb.addresses == [
        "Ulitsa Kuznetskiy Most, Dom 22, Moscow 107031, Russia",
        "Lubyanskaya Ploschad, Dom 2, Moscow 107031, Russia",
    ]


def test_japanese_aliases_split_at_commas_and_oyobi(russia):
    kvant = by_number(russia, 41)  # its number stands alone on a line in the PDF
    assert kvant.name_ja == "合弁企業クヴァント"
    assert kvant.aliases_ja == [
        "有限責任会社クヴァント",
        "有限責任会社合弁企業クオンタム・テクノロジーズ",
        "合弁企業クオンタム",
    ]
    assert len(kvant.aliases_en) == 3


def test_latin_alias_inside_japanese_brackets(russia):
    kazan = by_number(russia, 17)
    assert kazan.name_ja == "株式会社カザンヘリコプター修理工場"
    assert kazan.aliases_ja == ["Kazanski Vertoletny Zavod Remservis", "KVZ Remservis"]
    assert kazan.name_en == "JSC Kazan Helicopter Plant Repair Service"


REAL_QUIRKS = """○ …禁止措置の対象となるロシア連邦の団体（令和四年外務省告示第八十二号）
指定日：2022 年03月01 日
最終更新日：2025 年01 月10 日
１ 株式会社アドミラルティ造船所
Admiralty Shipyard JSC
所在地：203, Fontanka Emb., 190121, St. Peterburg, Russia.
２ 株式会社ロケット・宇宙センター「プログレス」JSC Rocket and Space Centre – Progress
所在地：Zemetsa Street 18, Samara 443009, Russia.3 株式会社クロンシュタット（別称、クロンシュタットグループ、クロンデ
グループ及び非公開株式会社クロンシュタット）
AO Kronshtadt, a.k.a., the follow three aliases:
-Kronshtadt Group;
-Kronde Group; and-ZAO Kronshtadt.
所在地：18 Stromynka Street, Moscow, Russia, 107076; and In. 3-Ya V.O., D. 62 litera
A Pom 162, St. Petersburg, Russia, 199178.
4 エンジニアリングセンター
Engineering Center Ltd., a.k.a., the following two aliases:
-Certified Engineering Center, Ltd.; and
-EC.
所在地：4 Gabrichevsky Street, Room 124, Moscow, Russia, 125367.
"""


@pytest.fixture(scope="module")
def quirks():
    return meti_entities.parse_text(REAL_QUIRKS, SPECS["meti-russia-entities"])


def test_number_glued_to_the_previous_address(quirks):
    assert [e.number for e in quirks.entries] == [1, 2, 3, 4]
    assert quirks.entries[1].addresses == ["Zemetsa Street 18, Samara 443009, Russia"]


def test_japanese_and_english_name_on_one_line(quirks):
    assert quirks.entries[1].name_ja == "株式会社ロケット・宇宙センター「プログレス」"
    assert quirks.entries[1].name_en == "JSC Rocket and Space Centre – Progress"


def test_glued_alias_dashes_and_wrapped_japanese(quirks):
    kron = quirks.entries[2]
    assert kron.aliases_en == ["Kronshtadt Group", "Kronde Group", "ZAO Kronshtadt"]
    assert kron.aliases_ja == [
        "クロンシュタットグループ",
        "クロンデグループ",
        "非公開株式会社クロンシュタット",
    ]
    assert (
        kron.addresses[1] == "In. 3-Ya V.O., D. 62 litera A Pom 162, St. Petersburg, Russia, 199178"
    )


def test_final_alias_keeps_an_abbreviation_but_not_the_list_full_stop(quirks):
    assert quirks.entries[3].aliases_en == ["Certified Engineering Center, Ltd.", "EC"]


def test_header_with_kanji_notice_number(quirks):
    assert quirks.notice == "令和四年外務省告示第八十二号"
    assert (quirks.designated, quirks.updated) == ("2022-03-01", "2025-01-10")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("八十二", 82),
        ("百四", 104),
        ("千二百三十四", 1234),
        ("二〇二二", 2022),
        ("１２", 12),
        ("十", 10),
    ],
)
def test_kanji_numerals(text, value):
    assert kanji_number(text) == value


def test_aliases_split_outside_brackets_only():
    text = "Ivan Primerov；プリメロフ（旧姓：オブラゾワ；Obrazova）；I. P."
    assert split_outside_brackets(text, "；") == [
        "Ivan Primerov",
        "プリメロフ（旧姓：オブラゾワ；Obrazova）",
        "I. P.",
    ]


def test_name_keys_ignore_width_case_and_punctuation():
    assert name_key("ＪＳＣ　“Kronshtadt”") == name_key("jsc kronshtadt") == "jsckronshtadt"


def test_end_user_list_table():
    edition = meti_eul.parse(EUL.read_bytes(), SPECS["meti-end-user-list"])
    assert len(edition.entries) == 30 and edition.warnings == []
    assert edition.updated == "2021-12-24"
    second = edition.entries[1]
    assert second.country == "PK" and second.aliases_en == ["Demo Trading Co. 2", "DTC-2"]
    fourth = edition.entries[3]
    assert fourth.details == {
        "country_printed": "アラブ首長国連邦 / United Arab Emirates",
        "wmd_types": ["M", "N"],
        "conventional_weapons": True,
    }


@pytest.fixture(scope="module")
def mof_may():
    return mof.parse(
        (MOF / "shisantouketsu20220510.csv").read_bytes(),
        (MOF / "list_ja.2022-05-10.xlsx").read_bytes(),
        SPECS["mof-asset-freeze"],
        "Shift_JIS",
    )


def test_mof_csv_and_workbook_agree(mof_may):
    assert len(mof_may.entries) == 48 and mof_may.warnings == []
    programmes = {e.programme for e in mof_may.entries}
    assert len(programmes) == 5


def test_mof_rows(mof_may):
    maria = next(e for e in mof_may.entries if e.name_en == "Maria PRIMEROV-104")
    assert maria.schema == "Person" and maria.country == "RU"
    assert maria.aliases_en == ["Maria Primerov 104"]
    assert maria.aliases_ja == ["プリメロフ104(旧姓:オブラゾワ;Obrazova)"]
    assert maria.listed == "2022-03-01" and maria.details["birth_date"]
    bank = next(e for e in mof_may.entries if e.name_en == "Demo Bank 201")
    assert bank.schema == "Organization" and bank.category == "3"  # renumbered from 2


def test_mof_workbook_of_another_edition_is_refused():
    with pytest.raises(DocumentError, match="disagree"):
        mof.parse(
            (MOF / "shisantouketsu20220510.csv").read_bytes(),
            (MOF / "list_ja.2022-03-11.xlsx").read_bytes(),
            SPECS["mof-asset-freeze"],
        )


def test_mof_csv_encoding_is_detected_without_a_charset():
    data = (MOF / "shisantouketsu20220311.csv").read_bytes()
    utf8 = data.decode("cp932").encode("utf-8-sig")
    assert len(mof.parse(utf8, None, SPECS["mof-asset-freeze"]).entries) == 32
    assert len(mof.parse(data, None, SPECS["mof-asset-freeze"]).entries) == 32


def test_list_metadata_rejects_unknown_keys(tmp_path):
    from normalize.lists.specs import LISTS_FILE, ListSpecError

    text = LISTS_FILE.read_text(encoding="utf-8").replace("numbered: true", "numberd: true", 1)
    (tmp_path / "lists.yml").write_text(text, encoding="utf-8")
    with pytest.raises(ListSpecError, match="numberd"):
        load_specs(tmp_path / "lists.yml")
