"""What the synthetic archive's measure announcements say, source by source.

Each function returns the `Body` of one page. The phrasing follows the bundled demo pages
(written after the real METI and MOFA releases of 2022): a measure is introduced with a
Cabinet Understanding and an enforcement date; later releases add entities or items to it
("ロシアの71団体を追加します", "25 items were added"), restating since when it applies; MOFA
announces asset freezes with inline counts ("(47 entities and 9 individuals)").
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from regwatch.synth_pages import Body
from regwatch.synth_text import (
    FULL_WIDTH,
    TARGETS,
    Scope,
    en_date,
    era,
    ja_body_date,
    ja_dateline,
    ja_western,
    targets_en,
    targets_ja,
)

CONTACT_JA = ["貿易経済協力局 貿易管理部 安全保障貿易審査課", "電話：03-3501-1511（内線 3261～8）",
              "03-3501-2801（直通）"]  # fmt: skip
CONTACT_EN = ["Security Export Licensing Division, Trade Control Department, "
              "Trade and Economic Cooperation Bureau"]  # fmt: skip
LEAD_JA = ("ウクライナをめぐる現下の国際情勢に鑑み、この問題の解決を目指す国際平和のための国際的な"
           "努力に我が国として寄与するため、主要国が講じる措置の内容を踏まえ、")  # fmt: skip


def _enforced_ja(rng: random.Random, when: date) -> str:
    d = ja_body_date(when, rng)
    return rng.choice([f"本措置は、{d}から施行します。", f"{d}から施行します。",
                       f"改正政令は、{d}より施行されます。", f"施行日は{d}です。"])  # fmt: skip


def _enforced_en(rng: random.Random, when: date, what: str = "The ban") -> str:
    d = en_date(when, rng)
    return rng.choice([f"{what} will come into force on {d}.", f"{what} will take effect on {d}.",
                       f"{what} will be enforced on {d}.", f"{what} will apply from {d}."])  # fmt: skip


def _verb_ja(scope: Scope) -> str:
    return "輸入" if scope.type == "import_ban" else "輸出"


def _object_ja(scope: Scope, codes: tuple[str, ...]) -> str:
    """「ロシア向けの奢侈品の輸出」 / 「ロシアからの一部の物品の輸入」"""
    t = targets_ja(codes)
    if scope.key == "military-end-users":
        return f"{t}の軍事関連団体に対する輸出"
    if scope.type == "import_ban":
        return f"{t}からの{scope.ja}の輸入"
    return f"{t}向けの{scope.ja}の輸出"


def _object_en(scope: Scope, codes: tuple[str, ...]) -> str:
    t = targets_en(codes)
    if scope.key == "military-end-users":
        return f"exports to military-related entities in {t}"
    if scope.type == "import_ban":
        return f"imports of {scope.en} from {t}"
    return f"exports of {scope.en} to {t}"


def _amount_ja(scope: Scope, count: int) -> str:
    return f"{count}団体" if scope.unit == "entities" else f"{count}品目"


def _amount_en(scope: Scope, count: int) -> str:
    return f"{count} entities" if scope.unit == "entities" else f"{count} items"


# ------------------------------------------------------------------ METI, a new measure


def meti_ja_measure(
    rng: random.Random, day: date, scope: Scope, codes: tuple[str, ...], count: int, effective: date
) -> Body:
    obj = _object_ja(scope, codes)
    title = f"{obj}を禁止します"
    lead = (
        f"{LEAD_JA}{ja_body_date(day, rng)}の閣議了解に基づき、外国為替及び外国貿易法による"
        f"{targets_ja(codes)}向けの{_verb_ja(scope)}禁止措置を導入します。"
    )
    covered = scope.examples_ja or "全ての貨物"
    if scope.unit:
        covered = f"{covered}（{_amount_ja(scope, count)}）"
    items = [
        f"(1) 対象国・地域\n{targets_ja(codes)}",
        f"(2) 対象\n{covered}",
        f"(3) 措置の内容\n{obj}を禁止します。"
        + (
            "経済産業大臣の許可又は承認が必要となり、原則として許可又は承認を行いません。"
            if scope.type == "export_ban"
            else ""
        ),
    ]
    return Body(
        title=title,
        dateline=ja_dateline(day, rng),
        sections=[("", [lead]), ("1. 概要", items), ("2. 施行日", [_enforced_ja(rng, effective)])],
        contact=CONTACT_JA,
    )


def meti_en_measure(
    rng: random.Random, day: date, decided: date, scope: Scope, codes, count: int, effective: date
) -> Body:
    obj = _object_en(scope, codes)
    title = "Ban on " + obj[0].upper() + obj[1:]
    lead = (
        f"Following a Cabinet Understanding of {en_date(decided, rng)}, on the situation "
        f"surrounding Ukraine, METI will ban {obj} under the Foreign Exchange and Foreign "
        "Trade Act."
    )
    covered = scope.examples_en or "all goods"
    if scope.unit:
        covered = f"{_amount_en(scope, count)}, such as {covered}"
    return Body(
        title=title,
        dateline=en_date(day),
        sections=[
            ("", [lead]),
            ("1. Outline", [f"(1) Covered\n{covered}.", f"(2) Measure\nThe ban applies to {obj}."]),
            ("2. Date of enforcement", [_enforced_en(rng, effective)]),
        ],
        contact=CONTACT_EN,
    )


# ------------------------------------------------------------------ METI, an amendment


def meti_ja_addition(
    rng: random.Random,
    release_id: str,
    day: date,
    scope: Scope,
    codes: tuple[str, ...],
    added: int,
    total: int,
    since: date,
    effective: date,
) -> Body:
    obj = _object_ja(scope, codes)
    what = "団体" if scope.unit == "entities" else "品目"
    first = TARGETS[codes[0]].ja
    since_text = ja_body_date(since, rng, weekday=False)
    if scope.unit == "entities":
        lead = (
            f"{since_text}から実施している{obj}禁止措置について、主要国の措置の内容を踏まえ、"
            f"対象となる団体を指定する外務省告示を改正し、{first}の{added}団体を追加します。"
        )
        items = [
            f"(1) 追加される団体\n{first}の軍事関連団体 {added}団体（{scope.examples_ja}）",
            f"(2) 追加後の対象団体\n今回の追加により、本措置の対象は{first}の{total}団体となります。",
        ]
    else:
        lead = (
            f"{since_text}から実施している{obj}禁止について、主要国の措置の内容を踏まえ、"
            f"対象品目を{added}品目追加します。"
        )
        items = [
            f"(1) 追加される品目\n{scope.ja} {added}品目（{scope.examples_ja}）",
            f"(2) 追加後の対象品目\n今回の追加により、本措置の対象は合計{total}品目となります。",
        ]
    return Body(
        title=f"{obj}禁止措置の対象{what}を追加します",
        dateline=ja_dateline(day, rng),
        sections=[("", [lead]), ("1. 概要", items), ("2. 施行日", [_enforced_ja(rng, effective)])],
        attachments=[
            (
                f"{release_id}-1.pdf",
                f"外務省告示（追加指定{what}の一覧）（PDF形式：{rng.randint(90, 700)}KB）",
            )
        ],
        contact=CONTACT_JA,
    )


def meti_en_addition(
    rng: random.Random,
    day: date,
    scope: Scope,
    codes: tuple[str, ...],
    added: int,
    total: int,
    since: date,
    effective: date,
) -> Body:
    obj = _object_en(scope, codes)
    first = TARGETS[codes[0]].en
    if scope.unit == "entities":
        title = f"Addition of Military-related Entities in {first} Subject to the Export Ban"
        text = (
            f"{added} entities in {first} were added to the list of military-related entities. "
            f"The list now covers {total} entities in {first}."
        )
    else:
        title = f"Addition of Items Subject to the Ban on {obj[0].upper() + obj[1:]}"
        text = f"{added} items were added to the list of items subject to the ban. The ban now covers {total} items in total."
    lead = (
        f"METI will expand the ban on {obj}, which has been in force since "
        f"{en_date(since)}, taking into account the measures of other major countries."
    )
    return Body(
        title=title,
        dateline=en_date(day),
        sections=[
            ("", [lead]),
            ("1. Outline", [f"(1) {text}"]),
            ("2. Date of enforcement", [_enforced_en(rng, effective, "The addition")]),
        ],
        contact=CONTACT_EN,
    )


# ------------------------------------------------------------------ MOFA packages

MOFA_TITLE_EN = (
    "Measures based on the Foreign Exchange and Foreign Trade Act regarding the situation "
    "surrounding Ukraine"
)
MOFA_TITLE_JA = "ウクライナをめぐる現下の国際情勢に関する外国為替及び外国貿易法に基づく措置について"
ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii")
IROHA = "アイウエオカキク"


def mofa_en_package(
    rng: random.Random,
    day: date,
    measures: list[tuple[Scope, tuple[str, ...], str]],
    effective: date,
) -> Body:
    """measures: (scope, targets, detail) — detail is "" or "(47 entities and 9 individuals)"."""
    lead = (
        "In light of the current international situation surrounding Ukraine, and in order to "
        "contribute to international efforts toward peace aimed at resolving the situation, the "
        "Government of Japan will implement the following measures under the Foreign Exchange "
        f"and Foreign Trade Act, based on the Cabinet Understanding as of {en_date(day)}."
    )
    groups: dict[str, list[str]] = {}
    for scope, codes, detail in measures:
        if scope.type == "asset_freeze":
            label = "Asset Freeze measures (Ministry of Finance)"
            line = f"Asset freeze on individuals and entities in {targets_en(codes)} {detail}"
        else:
            label = (
                "Import ban measures" if scope.type == "import_ban" else "Export ban measures"
            ) + " (Ministry of Economy, Trade and Industry)"
            line = f"Prohibition of {_object_en(scope, codes)} {detail}".rstrip()
        groups.setdefault(label, []).append(line)
    sections = [("", [lead]), ("1. Contents of the measures", [])]
    for n, (label, lines) in enumerate(groups.items(), 1):
        sections.append(
            (f"({n}) {label}", [f"({ROMAN[i]}) {line}" for i, line in enumerate(lines)])
        )
    sections.append(("2. Date of effect", [_enforced_en(rng, effective, "The measures")]))
    return Body(
        title=MOFA_TITLE_EN,
        dateline=en_date(day),
        sections=sections,
        attachments=[
            (
                f"/files/100{rng.randint(100000, 999999)}.pdf",
                "Ministry of Foreign Affairs Notice (PDF)",
            )
        ],
    )


def mofa_ja_package(
    rng: random.Random,
    day: date,
    measures: list[tuple[Scope, tuple[str, ...], str]],
    effective: date,
) -> Body:
    lead = (
        f"１　{LEAD_JA}本日（{day.month}月{day.day}日）の閣議了解を経て、外国為替及び外国貿易法に"
        "基づき、以下の措置を実施することとしました。"
    )
    groups: dict[str, list[str]] = {}
    for scope, codes, detail in measures:
        if scope.type == "asset_freeze":
            label = "資産凍結等の措置（財務省）"
            line = f"{targets_ja(codes)}の個人及び団体に対する資産凍結等の措置{detail}"
        else:
            label = f"{_verb_ja(scope)}禁止措置（経済産業省）"
            line = f"{_object_ja(scope, codes)}の禁止{detail}"
        groups.setdefault(label, []).append(line)
    paragraphs = [lead, "２　措置の内容"]
    for n, (label, lines) in enumerate(groups.items(), 1):
        body = "\n".join(f"{IROHA[i]}　{line}" for i, line in enumerate(lines))
        paragraphs.append(f"（{str(n).translate(FULL_WIDTH)}）{label}\n{body}")
    paragraphs.append(f"３　上記２の措置は、{era(effective)}から施行されます。")
    return Body(
        title=MOFA_TITLE_JA,
        dateline=era(day),
        sections=[("", paragraphs)],
        attachments=[(f"/mofaj/files/100{rng.randint(100000, 999999)}.pdf", "外務省告示（PDF）")],
    )


def freeze_detail_en(entities: int, individuals: int) -> str:
    return f"({entities} entities and {individuals} individuals)"


def freeze_detail_ja(entities: int, individuals: int) -> str:
    return f"（{entities}団体及び{individuals}個人）"


# ------------------------------------------------------------------ instruments


def g7_en(rng: random.Random, day: date) -> Body:
    return Body(
        title="G7 Leaders' Statement",
        dateline=en_date(day),
        sections=[
            (
                "",
                [
                    f"On {month_day(day)}, the leaders of the G7 held a videoconference and issued a statement. "
                    "The main points of the statement are as follows (summary by the Ministry)."
                ],
            ),  # fmt: skip
            (
                "1. Main points",
                [
                    "(1) The G7 leaders reaffirmed their commitment to a free and open international order based on the rule of law.",
                    "(2) They will continue to coordinate their economic measures and to prevent their evasion and circumvention.",
                    f"(3) They will meet again {rng.choice(['in the coming months', 'later this year', 'at the next summit'])}.",
                ],
            ),
        ],  # fmt: skip
        attachments=[
            (f"/files/100{rng.randint(100000, 999999)}.pdf", "G7 Leaders' Statement (PDF)")
        ],
    )


def month_day(day: date) -> str:
    """May 8"""
    return en_date(day).rsplit(",", 1)[0]


def g7_ja(rng: random.Random, day: date, issued: date) -> Body:
    return Body(
        title="G7首脳声明",
        dateline=era(day),
        sections=[
            (
                "",
                [
                    f"１　日本時間{issued.month}月{issued.day}日、G7首脳はテレビ会議を開催し、G7首脳声明を発出しました。",
                    "２　声明の主なポイントは以下のとおりです（外務省による要約）。",
                    "（１）法の支配に基づく自由で開かれた国際秩序へのコミットメントを再確認。\n"
                    "（２）経済措置の連携を継続し、その回避及び迂回を防止。",
                ],
            )
        ],  # fmt: skip
        attachments=[
            (f"/mofaj/files/100{rng.randint(100000, 999999)}.pdf", "G7首脳声明（仮訳）（PDF）")
        ],
    )


def jpus_en(rng: random.Random, day: date, theme_en: str) -> Body:
    return Body(
        title=f'Japan-U.S. Joint Leaders\' Statement: "{theme_en}"',
        dateline=en_date(day),
        sections=[
            (
                "",
                [
                    f"1. On {month_day(day)}, on the occasion of the Japan-U.S. Summit Meeting, the Prime Minister of Japan "
                    f'and the President of the United States issued the Japan-U.S. Joint Leaders\' Statement "{theme_en}".',
                    "2. The two leaders affirmed their cooperation on economic security, including supply chain resilience "
                    "and the protection of critical technologies.",
                ],
            )
        ],  # fmt: skip
    )


def jpus_ja(rng: random.Random, day: date, theme_ja: str) -> Body:
    return Body(
        title=f"日米首脳共同声明「{theme_ja}」",
        dateline=era(day),
        sections=[
            (
                "",
                [
                    f"１　本日、日米首脳会談の機会に、日米首脳共同声明「{theme_ja}」を発出しました。",
                    "２　両首脳は、サプライチェーンの強靱化や重要技術の保護・育成を含む経済安全保障分野での協力を確認しました。",
                ],
            )
        ],  # fmt: skip
    )


def espa_passed(rng: random.Random, day: date) -> Body:
    return Body(
        title="「経済施策を一体的に講ずることによる安全保障の確保の推進に関する法律」が成立しました",
        dateline=ja_dateline(day, rng),
        sections=[
            (
                "",
                [
                    "本日、国会において、「経済施策を一体的に講ずることによる安全保障の確保の推進に関する"
                    "法律案」（経済安全保障推進法案）が可決され、成立しました。"
                ],
            ),
            ("1. 今後の予定", ["本法律は、今後公布され、制度ごとに段階的に施行されます。"]),
        ],  # fmt: skip
        contact=["大臣官房 経済安全保障政策室", "電話：03-3501-1511（内線 2451～3）"],
    )


def espa_promulgated(rng: random.Random, day: date, passed: date, in_force: date) -> Body:
    return Body(
        title="経済安全保障推進法が公布されました",
        dateline=ja_dateline(day, rng),
        sections=[
            (
                "",
                [
                    f"{passed.month}月{passed.day}日に成立した「経済施策を一体的に講ずることによる安全保障の"
                    f"確保の推進に関する法律」（経済安全保障推進法）が、本日公布されました。"
                ],
            ),
            (
                "1. 施行について",
                [f"総則に関する規定は、{ja_body_date(in_force, rng)}から施行します。"],
            ),
        ],  # fmt: skip
        contact=["大臣官房 経済安全保障政策室", "電話：03-3501-1511（内線 2451～3）"],
    )


def ipef_meti_ja(rng: random.Random, day: date) -> Body:
    return Body(
        title="インド太平洋経済枠組み（IPEF）の立上げに関する首脳級会合が開催されました",
        dateline=ja_dateline(day, rng),
        sections=[
            (
                "",
                [
                    "本日、インド太平洋経済枠組み（IPEF）の立上げに関する首脳級会合が開催され、"
                    "参加国による共同声明が発出されました。"
                ],
            ),
            ("1. 会合の概要", [f"(1) 日時：{ja_body_date(day, rng)}\n(2) 形式：ハイブリッド形式"]),
        ],  # fmt: skip
        contact=["通商政策局 アジア大洋州課", "電話：03-3501-1511（内線 3051～6）"],
    )


def ipef_mofa_en(rng: random.Random, day: date) -> Body:
    return Body(
        title="Launch of the Indo-Pacific Economic Framework for Prosperity (IPEF)",
        dateline=en_date(day),
        sections=[
            (
                "",
                [
                    f"1. On {month_day(day)}, a summit-level meeting was held on the launch of the Indo-Pacific "
                    "Economic Framework for Prosperity (IPEF).",
                    "2. The participating countries issued a joint statement launching collective discussions "
                    "toward future negotiations.",
                ],
            )
        ],  # fmt: skip
    )


def russia_start(when: date) -> str:
    return ja_western(when).translate(FULL_WIDTH) + "より"


def business_day(d: date) -> date:
    while d.weekday() >= 5:
        d += timedelta(days=1)
    return d
