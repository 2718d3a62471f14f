#!/usr/bin/env python3
"""Write the list documents of the bundled archive (PDF, xlsx, CSV) into data/demo/pages/.

    python data/demo/lists/generate.py

The output is committed, so neither CI nor `pack.py` needs reportlab or a font: the PDFs use
reportlab's built-in CID font HeiseiKakuGo-W5 (Adobe-Japan1, not embedded: any PDF reader
substitutes a Japanese font, and pdfplumber reads the text through the CMap). Output is
deterministic (reportlab's invariant mode; fixed zip times in the xlsx).

What the documents say (see data/demo/README.md, "List documents"):

- METI Russia list: the 49 real entities of March 2022 (russia_first_49.yml), then 81 and 71
  fictional "Demo" entities (so 130 from 1 April, 201 from 17 May 2022);
- METI Belarus list: the first 2 real entries of the Belarus list;
- METI End User List: 30 fictional entries (one edition);
- MOF asset-freeze list: fictional entries in three editions (additions, a category
  inserted so that 区分 renumbers, one removal, one amended alias).

The functions are also used by tests/test_lists*.py to make larger and damaged documents.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
PAGES = HERE.parent / "pages"
RUSSIA_DIR = PAGES / "www.meti.go.jp/policy/external_economy/trade_control/02_export/17_russia"
EUL_DIR = PAGES / "www.meti.go.jp/policy/anpo/law_document/tutatu/t10kaisei/ryuuijikou"
MOF_DIR = (
    PAGES / "www.mof.go.jp/policy/international_policy/gaitame_kawase/gaitame/economic_sanctions"
)
FONT = "HeiseiKakuGo-W5"
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
TITLE_RU = (
    "○ 国際平和のための国際的な努力に我が国として寄与するために講ずる輸出等に係る禁止措置"
    "の対象となるロシア連邦の団体（令和四年外務省告示第八十二号）"
)
TITLE_BY = (
    "○ 国際平和のための国際的な努力に我が国として寄与するために講ずる輸出等に係る禁止措置"
    "の対象となるベラルーシ共和国の団体（令和四年外務省告示第百四号）"
)
ALIAS_WORDS = {1: "one alias", 2: "two aliases", 3: "three aliases", 4: "four aliases"}


# ------------------------------------------------------------------ entries


def russia_real() -> list[dict]:
    return yaml.safe_load((HERE / "russia_first_49.yml").read_text(encoding="utf-8"))


BELARUS = [
    {
        "ja": "国防省（ベラルーシ軍及び場所を問わず全ての運用部隊を含む）",
        "en": "The Ministry of Defence of the Republic of Belarus, including the Armed Forces "
        "of Belarus and all operating units wherever located",
        "addr": ["All addresses located in Belarus"],
    },
    {
        "ja": "株式会社インテグラル",
        "ja_aliases": ["ＯＡＯインテグラル", "株式会社インテグラル＝ホールディング・マネージング"],
        "en": "JSC Integral",
        "en_aliases": ["OAO Integral", "Joint-Stock Company Integral-Holding Managing Company"],
        "addr": [
            "121A, Kazintsa I.P. Str., Minsk, 220108, Belarus",
            "12 Korzhenevskogo Str., Minsk, 220108, Belarus",
        ],
    },
]

_KINDS = [
    ("株式会社デモ{}計器工場", "Demo {} Instrument Plant JSC"),
    ("有限会社デモ{}電子", "Demo {} Electronics LLC"),
    ("デモ{}科学研究所", "Demo {} Scientific Research Institute"),
    ("公開株式会社デモ{}造船所", "Demo {} Shipyard OJSC"),
    ("株式会社デモ{}航空機器", "Demo {} Avionics JSC"),
]
_PLACES = [
    ("北", "Severny", "Moscow, Russia, 101000"),
    ("南", "Yuzhny", "St. Petersburg, Russia, 190000"),
    ("東", "Vostochny", "Novosibirsk, Russia, 630000"),
    ("西", "Zapadny", "Kazan, Russia, 420000"),
    ("中央", "Tsentralny", "Yekaterinburg, Russia, 620000"),
    ("河畔", "Rechnoy", "Samara, Russia, 443000"),
    ("高原", "Nagorny", "Perm, Russia, 614000"),
]


def fictional_russian(number: int) -> dict:
    """Entry `number` of the demo's fictional additions: clearly marked "Demo", never a real
    company; some with aliases, some with two addresses, to exercise the parser."""
    ja_kind, en_kind = _KINDS[number % len(_KINDS)]
    ja_place, en_place, city = _PLACES[(number // len(_KINDS)) % len(_PLACES)]
    tag = f"{en_place}-{number}"
    entry = {
        "ja": ja_kind.format(f"{ja_place}{number}"),
        "en": en_kind.format(tag),
        "addr": [f"{number} Primernaya Street, {city}"],
    }
    if number % 3 == 0:
        entry["ja_aliases"] = [f"デモ{number}", f"ＤＭ－{number}"]
        entry["en_aliases"] = [f"DM-{number}", f"Demo Works {number}"]
    elif number % 5 == 0:
        entry["en_aliases"] = [f"Demo Holding {number}"]
    if number % 7 == 0:
        entry["addr"].append(f"{number + 1} Obraztsovaya Street, Building 2, {city}")
    return entry


def russia_entries(total: int) -> list[dict]:
    real = russia_real()
    return real[:total] + [fictional_russian(n) for n in range(len(real) + 1, total + 1)]


# ------------------------------------------------------------------ PDF: specified entities


def _canvas(buf):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return canvas.Canvas(buf, pagesize=A4, invariant=1, pageCompression=1), A4


def _wrap(text: str, width: float, size: float) -> list[str]:
    """Break at spaces where the text has them (English), anywhere else (Japanese)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, line = [], ""
    for word in text.replace(" ", "\x00 ").split("\x00"):
        if stringWidth(line + word, FONT, size) <= width:
            line += word
            continue
        if line.strip():
            lines.append(line.rstrip())
            line = word.lstrip()
        else:
            line = word
        while stringWidth(line, FONT, size) > width:  # a long Japanese run: cut anywhere
            cut = len(line)
            while stringWidth(line[:cut], FONT, size) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
    if line.strip():
        lines.append(line.rstrip())
    return lines


def entry_lines(number: int, entry: dict) -> list[str]:
    label = str(number).translate(FULL_WIDTH) if number < 10 else str(number)
    ja = entry["ja"]
    if entry.get("ja_aliases"):
        names = entry["ja_aliases"]
        joined = "、".join(names[:-1]) + "及び" + names[-1] if len(names) > 1 else names[0]
        ja = f"{ja}（別称、{joined}）"
    lines = [f"{label} {ja}"]
    aliases = entry.get("en_aliases") or []
    if aliases:
        lines.append(f"{entry['en']}, a.k.a., the following {ALIAS_WORDS[len(aliases)]}:")
        for i, alias in enumerate(aliases):
            end = "." if i == len(aliases) - 1 else ("; and" if i == len(aliases) - 2 else ";")
            lines.append(f"-{alias}{end}")
    else:
        lines.append(entry["en"])
    lines.append("所在地：" + "; and ".join(entry["addr"]) + ".")
    return lines


def specified_entity_pdf(
    title: str, designated: str, updated: str, entries: list[dict], *, drop_pages=()
) -> bytes:
    """The list as METI prints it. `drop_pages` (1-based) leaves pages out, for tests."""
    buf = io.BytesIO()
    c, (width, height) = _canvas(buf)
    size, lead, margin = 9, 12.5, 50
    text_width = width - 2 * margin
    lines = _wrap(title, text_width, size)
    lines += [f"指定日：{designated}", f"最終更新日：{updated}"]
    for n, entry in enumerate(entries, 1):
        for line in entry_lines(n, entry):
            lines.extend(_wrap(line, text_width, size))
    per_page = int((height - 2 * margin) / lead)
    page_no = 0
    for start in range(0, len(lines), per_page):
        page_no += 1
        if page_no in drop_pages:
            continue
        c.setFont(FONT, size)
        y = height - margin
        for line in lines[start : start + per_page]:
            c.drawString(margin, y, line)
            y -= lead
        c.drawCentredString(width / 2, margin / 2, f"- {page_no} -")
        c.showPage()
    c.save()
    return buf.getvalue()


# ------------------------------------------------------------------ PDF: End User List

EUL_COUNTRIES = [
    ("イラン", "Iran"),
    ("北朝鮮", "North Korea"),
    ("パキスタン", "Pakistan"),
    ("中国", "China"),
    ("アラブ首長国連邦", "United Arab Emirates"),
    ("シリア", "Syria"),
]
WMD = ["B", "C", "M", "N", "M, N", "B, C", "C, M", "N"]


def eul_entries(total: int) -> list[dict]:
    out = []
    for n in range(1, total + 1):
        ja_country, en_country = EUL_COUNTRIES[n % len(EUL_COUNTRIES)]
        aliases = [f"Demo Trading Co. {n}", f"DTC-{n}"][: n % 3]
        out.append(
            {
                "country": f"{ja_country}\n{en_country}",
                "name": f"Demo {en_country.split()[0]} Industrial Group {n}",
                "aliases": aliases,
                "wmd": WMD[n % len(WMD)],
                "cw": "CW" if n % 4 == 0 else "",
            }
        )
    return out


def end_user_list_pdf(heading: list[str], entries: list[dict]) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    _canvas(io.BytesIO())  # registers the font
    style = ParagraphStyle("cell", fontName=FONT, fontSize=8, leading=10)

    def p(text: str) -> Paragraph:
        return Paragraph(text.replace("&", "&amp;").replace("\n", "<br/>"), style)

    header = [
        p("No."),
        p("国名、地域名\nCountry or Region"),
        p("企業名､組織名\nCompany or Organization"),
        p("別名\nAlso Known As"),
        p("懸念区分\nType of WMD"),
        p("通常兵器\nConventional Weapons"),
    ]
    rows = [header] + [
        [
            p(str(n)),
            p(e["country"]),
            p(e["name"]),
            p("\n".join(f"・{a}" for a in e["aliases"])),
            p(e["wmd"]),
            p(e["cw"]),
        ]
        for n, e in enumerate(entries, 1)
    ]
    table = Table(rows, colWidths=[30, 110, 220, 220, 70, 80], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=landscape(A4), invariant=1, title="End User List")
    doc.build([*(p(line) for line in heading), Spacer(1, 8), table])
    return buf.getvalue()


# ------------------------------------------------------------------ MOF: xlsx and CSV

CSV_COLUMNS = [
    "区分", "区分名", "番号", "告示日付", "告示番号", "氏名（日本語）", "氏名（英語）",
    "別名・別称（日本語/英語）", "旧称", "称号", "役職", "生年月日", "出生地", "国籍",
    "旅券番号", "身分証番号", "住所・所在地", "電話番号", "FAX", "設立日", "登録番号",
    "活動地域", "指定の根拠", "国連参照番号", "国連制裁委員会による指定日", "その他の情報",
    "リスト掲載日", "改正日付", "改正告示番号", "関連する個人・団体", "性別", "備考",
]  # fmt: skip
XLSX_HEADER = [
    "告示日付", "番 号", "日 本 語 表 記", "英 語 表 記", "別 名", "生 年 月 日", "国 籍",
    "住 所", "リスト掲載日", "そ の 他 の 情 報",
]  # fmt: skip
P_CRIMEA = "クリミア併合又はウクライナ東部の不安定化に直接関与していると判断される者（個人）"
P_RU_PERSONS = "資産凍結等の措置の対象となるロシア連邦の個人"
P_RU_ENTITIES = "資産凍結等の措置の対象となるロシア連邦の団体（特定銀行を除く）"
P_RU_BANKS = "資産凍結等の措置の対象となるロシア連邦の特定銀行"
P_BY = "資産凍結等の措置の対象となるベラルーシ共和国の個人及び団体"

_GIVEN = ["Ivan", "Pyotr", "Anna", "Olga", "Sergei", "Maria", "Nikolai", "Elena", "Pavel"]
_GIVEN_JA = [
    "イワン",
    "ピョートル",
    "アンナ",
    "オリガ",
    "セルゲイ",
    "マリヤ",
    "ニコライ",
    "エレーナ",
    "パーヴェル",
]


def _person(n: int, notice: str, listed: str, country: str = "ロシア") -> dict:
    given, given_ja = _GIVEN[n % len(_GIVEN)], _GIVEN_JA[n % len(_GIVEN_JA)]
    return {
        "notice": notice,
        "ja": f"{given_ja}・プリメロフ{n}",
        "en": f"{given} PRIMEROV-{n}",
        "aliases": f"{given} Primerov {n}；プリメロフ{n}（旧姓：オブラゾワ；Obrazova）"
        if n % 4 == 0
        else "",
        "birth": f"19{50 + n % 40}年{1 + n % 12}月{1 + n % 28}日",
        "nationality": country,
        "address": "",
        "listed": listed,
    }


def _organisation(n: int, notice: str, listed: str, kind: str = "団体") -> dict:
    return {
        "notice": notice,
        "ja": f"デモ{kind}{n}",
        "en": f"Demo {'Bank' if kind == '銀行' else 'Holding'} {n}",
        "aliases": f"DB-{n}；デモ{n}" if n % 3 == 0 else "",
        "birth": "",
        "nationality": "",
        "address": f"{n} Primernaya Street, Moscow, Russia",
        "listed": listed,
    }


def mof_editions() -> dict[str, list[tuple[str, list[dict]]]]:
    """Edition date → programmes in sheet order, each (title, rows)."""
    crimea = [_person(n, "2014年8月5日", "2014年8月5日", "ウクライナ") for n in range(1, 13)]
    first = {"2022-02-26": [(P_CRIMEA, crimea)]}
    persons = [_person(n, "2022年3月1日", "2022年3月1日") for n in range(101, 116)]
    banks = [_organisation(n, "2022年3月3日", "2022年3月3日", "銀行") for n in range(201, 206)]
    first["2022-03-11"] = [(P_RU_PERSONS, persons), (P_RU_BANKS, banks), (P_CRIMEA, crimea)]
    # 10 May: a category inserted before the banks (区分 of banks and Crimea renumber), more
    # persons, one person delisted, one alias amended, Belarus added.
    persons2 = [p for p in persons if p["en"] != "Olga PRIMEROV-111"] + [
        _person(n, "2022年5月10日", "2022年5月10日") for n in range(116, 124)
    ]
    persons2 = [
        {**p, "aliases": "Nikolai Primerov；ニコライ・プリメロフ"}
        if p["en"].endswith("-105")
        else p
        for p in persons2
    ]
    entities = [_organisation(n, "2022年5月10日", "2022年5月10日") for n in range(301, 307)]
    belarus = [_person(n, "2022年5月10日", "2022年5月10日", "ベラルーシ") for n in range(401, 404)]
    first["2022-05-10"] = [
        (P_RU_PERSONS, persons2),
        (P_RU_ENTITIES, entities),
        (P_RU_BANKS, banks),
        (P_BY, belarus),
        (P_CRIMEA, crimea),
    ]
    return first


def mof_csv(programmes: list[tuple[str, list[dict]]]) -> bytes:
    """Shift_JIS (cp932) with CRLF, as Japanese government CSVs are; 32 columns."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for category, (title, rows) in enumerate(programmes, 1):
        for number, row in enumerate(rows, 1):
            values = dict.fromkeys(CSV_COLUMNS, "")
            values.update(
                {
                    "区分": str(category),
                    "区分名": title,
                    "番号": str(number),
                    "告示日付": row["notice"],
                    "氏名（日本語）": row["ja"],
                    "氏名（英語）": row["en"],
                    "別名・別称（日本語/英語）": row["aliases"],
                    "生年月日": row["birth"],
                    "国籍": row["nationality"],
                    "住所・所在地": row["address"],
                    "リスト掲載日": row["listed"],
                }
            )
            writer.writerow([values[c] for c in CSV_COLUMNS])
    return buf.getvalue().encode("cp932")


def mof_xlsx(programmes: list[tuple[str, list[dict]]]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    fixed = dt.datetime(2022, 1, 1)
    wb.properties.created = wb.properties.modified = fixed
    for i, (title, rows) in enumerate(programmes, 1):
        ws = wb.create_sheet(f"Sheet{i}")
        ws.append([title])
        ws.append([])
        ws.append(XLSX_HEADER)
        for number, row in enumerate(rows, 1):
            ws.append(
                [
                    row["notice"], number, row["ja"], row["en"], row["aliases"], row["birth"],
                    row["nationality"], row["address"], row["listed"], "",
                ]
            )  # fmt: skip
    raw = io.BytesIO()
    wb.save(raw)
    return _fixed_zip_times(raw.getvalue())


def _fixed_zip_times(data: bytes) -> bytes:
    src, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2022, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2022-01-01T00:00:00Z", data
                )
            dst.writestr(fixed, data)
    return out.getvalue()


# ------------------------------------------------------------------ the demo's documents

RUSSIA_EDITIONS = [  # (file date, 最終更新日 as printed, entries)
    ("2022-03-18", "2022 年03月18 日", 49),
    ("2022-04-01", "2022 年04月01 日", 130),
    ("2022-05-13", "2022 年05月17 日", 201),
]
EUL_HEADING = [
    "外国ユーザーリスト　End User List",
    "令和3年12月24日改正",
    "Revised on December 24, 2021",
]


def main() -> int:
    written = {}
    for day, updated, total in RUSSIA_EDITIONS:
        written[RUSSIA_DIR / f"list_russia_tokutei.{day}.pdf"] = specified_entity_pdf(
            TITLE_RU, "2022 年03月18 日", updated, russia_entries(total)
        )
    written[RUSSIA_DIR / "list_belarus_tokutei.2022-03-18.pdf"] = specified_entity_pdf(
        TITLE_BY, "2022 年03月18 日", "2022 年03月18 日", BELARUS
    )
    written[EUL_DIR / "2021_enduserlist.pdf"] = end_user_list_pdf(EUL_HEADING, eul_entries(30))
    for day, programmes in mof_editions().items():
        stamp = day.replace("-", "")
        written[MOF_DIR / f"shisantouketsu{stamp}.csv"] = mof_csv(programmes)
        written[MOF_DIR / f"list_ja.{day}.xlsx"] = mof_xlsx(programmes)
    for path, data in written.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"{path.relative_to(PAGES)}: {len(data)} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
