"""Words and dates for the synthetic archive (regwatch.synth): how METI and MOFA write.

Dates are written the ways the sources write them (/work/shared/sources.md, "Dates at a
glance"): Western and era years (平成 before 1 May 2019, 令和元年 in 2019), full-width digits,
stray spaces, weekdays in brackets; English `March 29, 2022` and `29 March 2022`. The
measure vocabulary is the one normalize/rules/measures.yml knows, so the extractor finds the
measures; the filler is what most releases are: seminars, statistics, visits, grants.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
JA_WEEKDAYS = "月火水木金土日"
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
REIWA = date(2019, 5, 1)


def era(d: date) -> str:
    """令和4年3月11日, 令和元年5月7日, 平成30年4月1日."""
    if d >= REIWA:
        name, year = "令和", d.year - 2018
    else:
        name, year = "平成", d.year - 1988
    return f"{name}{'元' if year == 1 else year}年{d.month}月{d.day}日"


def ja_weekday(d: date) -> str:
    return f"（{JA_WEEKDAYS[d.weekday()]}曜日）"


def ja_western(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def ja_dateline(d: date, rng: random.Random) -> str:
    """A METI dateline: mostly plain, sometimes era, full-width or spaced out."""
    style = rng.random()
    if style < 0.6:
        return ja_western(d)
    if style < 0.75:
        return era(d)
    if style < 0.9:
        return ja_western(d).translate(FULL_WIDTH)
    return f"{d.year} 年{d.month:02d}月{d.day:02d} 日"


def ja_body_date(d: date, rng: random.Random, weekday: bool = True) -> str:
    """A date in running Japanese text: an era date, now and then in full-width digits."""
    text = era(d) + (ja_weekday(d) if weekday else "")
    return text.translate(FULL_WIDTH) if rng.random() < 0.2 else text


def en_date(d: date, rng: random.Random | None = None) -> str:
    if rng is not None and rng.random() < 0.25:
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


# ------------------------------------------------------------------ measures


@dataclass(frozen=True)
class Target:
    code: str
    ja: str
    en: str


TARGETS = {
    "RU": Target("RU", "ロシア", "Russia"),
    "BY": Target("BY", "ベラルーシ", "Belarus"),
    "DPR-LPR": Target(
        "DPR-LPR",
        "「ドネツク人民共和国」（自称）及び「ルハンスク人民共和国」（自称）",
        'the so-called "Donetsk People\'s Republic" and "Luhansk People\'s Republic"',
    ),
    "CRIMEA": Target("CRIMEA", "クリミア", "Crimea"),
}


def targets_ja(codes: tuple[str, ...]) -> str:
    return "及び".join(TARGETS[c].ja for c in codes)


def targets_en(codes: tuple[str, ...]) -> str:
    return " and ".join(TARGETS[c].en for c in codes)


@dataclass(frozen=True)
class Scope:
    """A measure the storyline can introduce and amend, in the rules' own words."""

    key: str
    type: str  # export_ban, import_ban, asset_freeze
    ja: str
    en: str
    unit: str | None  # what amendments add: entities, items, or None (never amended)
    examples_ja: str = ""
    examples_en: str = ""


SCOPES = {
    s.key: s
    for s in (
        Scope("regime-items", "export_ban", "国際輸出管理レジームの対象品目",
              "items controlled by the multilateral export control regimes", "items",
              "工作機械、炭素繊維、高性能半導体等", "machine tools, carbon fibre and high-performance semiconductors"),
        Scope("dual-use-goods", "export_ban", "軍事能力の強化に資すると考えられる汎用品",
              "dual-use goods that could contribute to strengthening military capabilities", "items",
              "半導体、コンピュータ、通信機器等", "semiconductors, computers and telecommunications equipment"),
        Scope("military-end-users", "export_ban", "軍事関連団体",
              "military-related entities", "entities",
              "航空機、艦船、電子部品等の開発・製造に関わる企業及び研究機関等",
              "companies and research institutes developing aircraft, ships and electronic components"),
        Scope("oil-refining", "export_ban", "石油精製用装置等",
              "equipment used for oil refining", "items",
              "蒸留塔、触媒、熱交換器等", "distillation columns, catalysts and heat exchangers"),
        Scope("luxury-goods", "export_ban", "奢侈品", "luxury goods", "items",
              "高級乗用車、宝飾品、高級腕時計、美術品等", "luxury cars, jewellery, high-end watches and works of art"),
        Scope("advanced-goods", "export_ban", "先端的な物品", "advanced goods", "items",
              "量子コンピュータ、積層造形装置等", "quantum computers and additive manufacturing equipment"),
        Scope("industrial-base", "export_ban", "産業基盤の強化に資する物品",
              "goods that could contribute to strengthening the industrial base", "items",
              "建設機械、産業用機械、輸送用機器の部分品等", "construction machinery, industrial machinery and parts of transport equipment"),
        Scope("goods", "import_ban", "一部の物品", "certain goods", "items",
              "アルコール飲料、木材、一部の機械類等", "alcoholic beverages, wood and some machinery"),
        Scope("asset-freeze", "asset_freeze", "資産凍結等の措置", "asset freeze", "designations"),
        Scope("all-exports", "export_ban", "全ての貨物", "all goods", None),
        Scope("all-imports", "import_ban", "全ての貨物", "all goods", None),
    )
}  # fmt: skip


# ------------------------------------------------------------------ filler

_REGIONS_JA = ["ASEAN", "インド", "ベトナム", "オーストラリア", "EU", "英国", "カナダ", "ブラジル",
               "サウジアラビア", "UAE", "シンガポール", "メキシコ", "ケニア", "トルコ", "チリ"]  # fmt: skip
_COUNTRIES_EN = ["India", "Viet Nam", "Australia", "Canada", "Brazil", "Saudi Arabia", "Singapore",
                 "Mexico", "Kenya", "Türkiye", "Chile", "Indonesia", "the Philippines", "Poland",
                 "Egypt", "Peru", "Mongolia", "Uzbekistan", "New Zealand", "Morocco"]  # fmt: skip
_COUNTRIES_JA = ["インド", "ベトナム", "オーストラリア", "カナダ", "ブラジル", "サウジアラビア",
                 "シンガポール", "メキシコ", "ケニア", "トルコ", "チリ", "インドネシア", "フィリピン",
                 "ポーランド", "エジプト", "ペルー", "モンゴル", "ウズベキスタン", "ニュージーランド", "モロッコ"]  # fmt: skip
_FIELDS_JA = ["蓄電池", "半導体", "水素", "洋上風力", "中小企業", "デジタル", "繊維", "鉄鋼", "化学",
              "医療機器", "宇宙", "航空機", "自動車", "ロボット", "伝統的工芸品", "観光", "物流", "電力"]  # fmt: skip
_FIELDS_EN = ["storage batteries", "semiconductors", "hydrogen", "offshore wind", "SMEs", "digital",
              "textiles", "steel", "chemicals", "medical devices", "space", "aircraft", "automobiles",
              "robotics", "logistics", "electricity"]  # fmt: skip
_STATS_JA = ["鉱工業指数", "商業動態統計", "特定サービス産業動態統計", "第3次産業活動指数",
             "海外事業活動基本調査", "企業活動基本調査", "工業統計速報"]  # fmt: skip
_DIVISIONS_JA = ["産業技術環境局", "製造産業局", "商務情報政策局", "資源エネルギー庁",
                 "中小企業庁", "通商政策局", "貿易経済協力局", "大臣官房"]  # fmt: skip
_DIVISIONS_EN = ["Industrial Science and Technology Policy and Environment Bureau",
                 "Manufacturing Industries Bureau", "Commerce and Information Policy Bureau",
                 "Agency for Natural Resources and Energy", "Small and Medium Enterprise Agency",
                 "Trade Policy Bureau"]  # fmt: skip
_DISASTERS_EN = [
    "floods",
    "an earthquake",
    "a cyclone",
    "drought",
    "landslides",
    "a volcanic eruption",
]
_DISASTERS_JA = ["洪水", "地震", "サイクロン", "干ばつ", "地すべり", "火山噴火"]


def _ja_paragraphs(rng: random.Random, field: str, d: date) -> list[str]:
    later = date.fromordinal(d.toordinal() + rng.randint(20, 120))
    return [
        f"経済産業省は、{field}分野における国内の事業環境の整備と国際競争力の強化に向け、"
        f"関係する事業者、有識者及び関係府省と連携して取組を進めています。",
        f"本件は、{field}分野の現状と課題を整理し、今後の政策の方向性を検討するためのものです。"
        f"検討の結果は、{later.month}月を目途に取りまとめ、公表する予定です。",
        "詳細は、関連資料を御覧ください。なお、内容は今後変更される場合があります。",
    ]


def meti_ja_filler(rng: random.Random, d: date) -> tuple[str, list[tuple[str, list[str]]]]:
    """(title, sections) of an unrelated METI release; a section is (heading, paragraphs)."""
    field = rng.choice(_FIELDS_JA)
    kind = rng.randrange(6)
    if kind == 0:
        stat = rng.choice(_STATS_JA)
        prev = date.fromordinal(d.toordinal() - 40)
        title = f"{stat}（{prev.year}年{prev.month}月分）を公表します"
        lead = (f"本日、{stat}の{prev.year}年{prev.month}月分の結果を取りまとめましたので公表します。"
                f"前月比は{rng.randint(-30, 30) / 10:+.1f}％でした。")  # fmt: skip
    elif kind == 1:
        title = f"{field}産業の競争力強化に関する研究会の報告書を取りまとめました"
        lead = f"経済産業省は、{field}産業の競争力強化に関する研究会の報告書を取りまとめました。"
    elif kind == 2:
        region = rng.choice(_REGIONS_JA)
        title = (
            f"日{region}経済政策対話を開催しました"
            if len(region) < 6
            else f"{region}との経済政策対話を開催しました"
        )
        lead = (f"{d.month}月{d.day}日{ja_weekday(d)}、{region}との経済政策対話を開催し、"
                f"{field}分野を含む幅広い経済協力について意見交換を行いました。")  # fmt: skip
    elif kind == 3:
        title = (
            f"令和{max(d.year - 2018, 1)}年度「{field}分野の事業化支援事業」の公募を開始します"
            if d >= REIWA
            else f"平成{d.year - 1988}年度「{field}分野の事業化支援事業」の公募を開始します"
        )
        lead = f"{field}分野の事業化を支援する補助事業について、本日から公募を開始します。"
    elif kind == 4:
        title = f"{field}に関するJIS（日本産業規格）を制定・改正しました"
        lead = f"{field}に関連する日本産業規格（JIS）{rng.randint(3, 40)}件を制定・改正しました。"
    else:
        title = f"第{rng.randint(2, 60)}回{field}戦略協議会を開催しました"
        lead = f"{field}戦略協議会を開催し、今後の取組について議論を行いました。"
    sections = [
        ("", [lead]),
        ("1. 概要", _ja_paragraphs(rng, field, d)),
        ("2. 今後の予定", [f"引き続き、{field}分野の取組を着実に進めてまいります。"]),
    ]
    return title, sections


def meti_en_filler(rng: random.Random, d: date) -> tuple[str, list[tuple[str, list[str]]]]:
    field = rng.choice(_FIELDS_EN)
    country = rng.choice(_COUNTRIES_EN)
    kind = rng.randrange(4)
    if kind == 0:
        title = f"METI Compiles Report of the Study Group on the Competitiveness of the {field.title()} Industry"
    elif kind == 1:
        title = f"Japan-{country} Economic Policy Dialogue Held"
    elif kind == 2:
        title = (
            f"Call for Proposals Opened for the {field.title()} Commercialization Support Program"
        )
    else:
        title = f"Minister of Economy, Trade and Industry Visits {country}"
    lead = (
        f"The Ministry of Economy, Trade and Industry (METI) announces the following regarding "
        f"{field} on {en_date(d)}."
    )
    body = [
        f"METI works with businesses, experts and the relevant ministries to improve the business "
        f"environment in {field} and to strengthen international competitiveness.",
        f"The outcome of the discussion will be published around "
        f"{MONTHS[(d.month + 1) % 12]}. Details are given in the related materials.",
    ]
    return title, [("", [lead]), ("1. Outline", body)]


def mofa_en_filler(rng: random.Random, d: date) -> tuple[str, list[tuple[str, list[str]]]]:
    country = rng.choice(_COUNTRIES_EN)
    kind = rng.randrange(4)
    if kind == 0:
        title = f"Visit to Japan by the Minister for Foreign Affairs of {country}"
        lead = f"The Minister for Foreign Affairs of {country} will visit Japan from {en_date(d)}."
    elif kind == 1:
        title = f"Japan-{country} Foreign Ministers' Meeting"
        lead = f"On {en_date(d)}, the Minister for Foreign Affairs of Japan held a meeting with the Minister for Foreign Affairs of {country}."
    elif kind == 2:
        disaster = rng.choice(_DISASTERS_EN)
        title = f"Emergency Grant Aid in response to {disaster} in {country}"
        lead = f"On {en_date(d)}, the Government of Japan decided to extend Emergency Grant Aid of {rng.randint(1, 9)} million US dollars in response to {disaster} in {country}."
    else:
        title = f"Exchange of Notes concerning Grant Aid to {country}"
        lead = f"On {en_date(d)}, notes were exchanged concerning grant aid of {rng.randint(2, 40)} hundred million yen to {country}."
    body = [
        "The two sides exchanged views on bilateral relations and on regional and international affairs.",
        f"Japan will continue to strengthen its cooperation with {country} in a wide range of fields.",
    ]
    return title, [("", [f"1. {lead}", f"2. {body[0]}", f"3. {body[1]}"])]


def mofa_ja_filler(rng: random.Random, d: date) -> tuple[str, list[tuple[str, list[str]]]]:
    country = rng.choice(_COUNTRIES_JA)
    kind = rng.randrange(4)
    md = f"{d.month}月{d.day}日"
    if kind == 0:
        title = f"{country}外務大臣の訪日"
        lead = f"{md}から、{country}外務大臣が訪日します。"
    elif kind == 1:
        title = f"日・{country}外相会談"
        lead = f"本日（{md}）、外務大臣は{country}外務大臣と会談を行いました。"
    elif kind == 2:
        disaster = rng.choice(_DISASTERS_JA)
        title = f"{country}における{disaster}被害に対する緊急無償資金協力"
        lead = f"本日（{md}）、日本政府は、{country}における{disaster}被害に対し、{rng.randint(1, 9)}百万ドルの緊急無償資金協力を実施することを決定しました。"
    else:
        title = f"{country}に対する無償資金協力に関する書簡の交換"
        lead = f"本日（{md}）、{country}に対する無償資金協力（供与額{rng.randint(2, 40)}億円）に関する書簡の交換が行われました。"
    body = ["両者は、二国間関係及び地域・国際情勢について意見交換を行いました。",
            f"我が国は、引き続き{country}との幅広い分野における協力を強化していきます。"]  # fmt: skip
    return title, [("", [f"１　{lead}", f"２　{body[0]}", f"３　{body[1]}"])]
