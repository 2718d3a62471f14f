from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.dates import (
    DateMatch,
    DateParseError,
    find_dates,
    infer_year,
    normalize_text,
    parse_date,
    parse_listing_date,
)

REF = date(2022, 6, 1)
D = date.fromisoformat

# (text, reference, expected dates in order). Strings are shaped like the sources in
# /work/shared/sources.md; negatives are the non-dates a sloppy parser would turn into dates.
CASES = [
    # Japanese, Western year
    ("2022年3月29日", None, ["2022-03-29"]),
    ("２０２２年３月１８日より", None, ["2022-03-18"]),
    ("指定日：2022 年03月01 日", None, ["2022-03-01"]),
    ("最終更新日：2025年9月29日", None, ["2025-09-29"]),
    ("二〇二二年三月十八日", None, ["2022-03-18"]),
    ("2022年3月18日（金）", None, ["2022-03-18"]),
    ("2022年3月18日(金曜日)から", None, ["2022-03-18"]),
    ("2023年5月3日（水・祝）", None, ["2023-05-03"]),
    ("2022年3月18日 (Fri)", None, ["2022-03-18"]),
    ("2022/03/18(金)更新", None, ["2022-03-18"]),
    ("2022年（令和4年）3月18日", None, ["2022-03-18"]),
    ("2022年3月18日～20日", None, ["2022-03-18"]),
    ("2022年12月28日〜1月4日", None, ["2022-12-28"]),
    # Japanese, era
    ("令和4年3月11日（金曜日）の閣議了解", None, ["2022-03-11"]),
    ("本措置は、令和4年4月5日（火曜日）から施行します。", None, ["2022-04-05"]),
    ("令和4年5月17日現在", None, ["2022-05-17"]),
    ("令和元年5月1日", None, ["2019-05-01"]),
    ("令和1年5月1日", None, ["2019-05-01"]),
    ("平成31年4月30日", None, ["2019-04-30"]),
    ("平成元年1月8日", None, ["1989-01-08"]),
    ("昭和64年1月7日", None, ["1989-01-07"]),
    ("令和四年三月十一日", None, ["2022-03-11"]),
    ("令和十年十二月三十一日", None, ["2028-12-31"]),
    ("令 和 4 年 3 月 11 日", None, ["2022-03-11"]),
    ("令和4年（2022年）3月18日", None, ["2022-03-18"]),
    ("令和4（2022）年3月18日", None, ["2022-03-18"]),
    ("㋿4年3月18日", None, ["2022-03-18"]),
    ("㍻31年4月30日", None, ["2019-04-30"]),
    ("R4.3.18", None, ["2022-03-18"]),
    ("令4.3.18", None, ["2022-03-18"]),
    ("H31.4.30", None, ["2019-04-30"]),
    ("平成31年10月1日", None, ["2019-10-01"]),  # pre-2019 statutes name later days this way
    # Japanese, yearless
    ("3月18日", REF, ["2022-03-18"]),
    ("３月１８日より", REF, ["2022-03-18"]),
    ("9月30日付", date(2022, 10, 3), ["2022-09-30"]),
    ("（2）３月１８日（金）から", REF, ["2022-03-18"]),
    ("12月28日", date(2023, 1, 5), ["2022-12-28"]),
    # English
    ("The measures will come into force on April 5, 2022.", None, ["2022-04-05"]),
    ("March 29, 2022", None, ["2022-03-29"]),
    ("Mar. 18, 2022", None, ["2022-03-18"]),
    ("MARCH 18, 2022", None, ["2022-03-18"]),
    ("march 18, 2022", None, ["2022-03-18"]),
    ("Sept. 12, 2025", None, ["2025-09-12"]),
    ("September 12, 2025", None, ["2025-09-12"]),
    ("18 March 2022", None, ["2022-03-18"]),
    ("18th March 2022", None, ["2022-03-18"]),
    ("March 18th, 2022", None, ["2022-03-18"]),
    ("the 18th of March, 2022", None, ["2022-03-18"]),
    ("Wednesday, January 31, 2024", None, ["2024-01-31"]),
    ("Wed 31 Jan 2024", None, ["2024-01-31"]),
    ("Council of the EU\nPress release\n20 May 2025 13:15", None, ["2025-05-20"]),
    ("2022-03-03", None, ["2022-03-03"]),
    ("2022-03-15T13:58:11+00:00", None, ["2022-03-15"]),
    ("2022-03-15T23:30:00-05:00", None, ["2022-03-15"]),  # the date in its own offset
    ("2022-03-15T13:58:11.123Z", None, ["2022-03-15"]),
    ("April 14", date(2025, 4, 20), ["2025-04-14"]),
    ("14 April", date(2025, 4, 20), ["2025-04-14"]),
    ("Date:18 March 2022", None, ["2022-03-18"]),
    ("you may 18 March 2022", None, ["2022-03-18"]),
    # ranges give their start
    ("6-10 June 2022", None, ["2022-06-06"]),
    ("6–10 June 2022", None, ["2022-06-06"]),
    ("Feb. 15-17, 2022", None, ["2022-02-15"]),
    ("May 19-21, 2023", None, ["2023-05-19"]),
    ("Feb. 28 - Mar. 2, 2022", None, ["2022-02-28"]),
    ("30 December - 2 January 2022", None, ["2021-12-30"]),
    ("30 May - 2 June 2022", None, ["2022-05-30"]),
    # several
    ("令和4年3月18日から同年4月1日まで", None, ["2022-03-18"]),
    ("on 1 March 2022 and 2 April 2022", None, ["2022-03-01", "2022-04-02"]),
    ("Published 2022-03-15, effective March 18, 2022 (Fri)", None, ["2022-03-15", "2022-03-18"]),
    # negatives: impossible dates
    ("2022年2月30日", REF, []),
    ("2023年2月29日", REF, []),
    ("13月1日", REF, []),
    ("十三月一日", REF, []),
    ("March 32", REF, []),
    ("March 32, 2022", None, []),
    ("2022-02-30", None, []),
    ("2022-13-01", None, []),
    ("2022-03-15T25:00:00Z", None, []),
    ("18 March 1850", None, []),
    ("March 18, 2101", None, []),
    ("令和元年4月30日", None, []),
    ("平成元年1月7日", None, []),
    ("令和0年1月1日", None, []),
    ("2022年3月18日（木）", None, []),  # a Friday: one of the two is a typo
    ("Thursday, March 18, 2022", None, []),
    ("10-6 June 2022", None, []),
    ("6-31 June 2022", None, []),
    ("2月29日", REF, []),  # no leap year within a year of the reference
    # negatives: numbers that are not dates
    ("令和四年外務省告示第八十二号", REF, []),
    ("令和4年3月", REF, []),
    ("2022年3月", REF, []),
    ("(47 entities and 9 individuals)", REF, []),
    ("146 items", REF, []),
    ("G7", REF, []),
    ("TEL: 03-3501-1511", REF, []),
    ("TEL: 0467-12-34", REF, []),
    ("20220311001-1.pdf", REF, []),
    ("/press/2021/03/20220329001/20220329001.html", REF, []),
    ("/en/press/press-releases/2025/05/20/russia/", REF, []),
    ("No. 3", REF, []),
    ("Notice No. 3 March 2022", REF, []),
    ("document 2022-04300, 87 FR 12226", REF, []),
    ("version 2022.3.18", REF, []),
    ("03/04/2022", REF, []),
    ("本日", REF, []),
    ("同日", REF, []),
    ("公布の日から施行する", REF, []),
    ("同年3月18日", REF, []),
    ("令和4年度3月31日", REF, []),
    ("PH4.3.18 命令4.3.18", REF, []),
    ("it may 3 be", REF, []),
    ("APR 5%", REF, []),
    ("March 18", None, []),  # yearless without a reference is skipped
    ("3月18日", None, []),
]


@pytest.mark.parametrize(("text", "reference", "expected"), CASES)
def test_table(text, reference, expected):
    assert [m.value.isoformat() for m in find_dates(text, reference)] == expected


def test_table_is_large():
    assert len(CASES) >= 50


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("本措置は、令和4年4月5日（火曜日）から施行します。", "令和4年4月5日（火曜日）"),
        ("Council of the EU 20 May 2025 13:15", "20 May 2025"),
        ("on Wednesday, January 31, 2024.", "Wednesday, January 31, 2024"),
        ("9月30日付", "9月30日"),
        ("期間：2022年3月18日～20日", "2022年3月18日～20日"),
        ("The measures will come into force on April 5, 2022.", "April 5, 2022"),
    ],
)
def test_span_covers_weekday_and_range(text, span):
    (m,) = find_dates(text, REF)
    assert m.text == span
    assert text[m.start : m.end] == span


def test_offsets_point_into_original_full_width_text():
    text = "（注）　２０２２年　３月１８日（金）より、㍻３１年４月３０日まで。Ｍａｒｃｈ １８，２０２２"
    found = find_dates(text)
    assert [m.text for m in found] == [
        "２０２２年　３月１８日（金）",
        "㍻３１年４月３０日",
        "Ｍａｒｃｈ １８，２０２２",
    ]
    assert [m.value for m in found] == [D("2022-03-18"), D("2019-04-30"), D("2022-03-18")]
    assert found[0].start == text.index("２０２２")
    for m in found:
        assert text[m.start : m.end] == m.text
        assert not m.year_inferred


def test_offsets_with_combining_marks_and_zero_width():
    text = "ｶﾞｲﾄﾞ\u200b 2022年3月\u200b18日 e\u0301 April\u00a05, 2022"
    found = find_dates(text)
    assert [m.value for m in found] == [D("2022-03-18"), D("2022-04-05")]
    assert found[0].text == "2022年3月\u200b18日"
    assert found[1].text == "April\u00a05, 2022"


def test_normalize_text():
    assert normalize_text("２０２２年\u3000\u3000３月\u200b１８日") == "2022年 3月18日"
    assert normalize_text("a\tb\n c") == "a b\n c"
    assert normalize_text("ｶﾞ㋿") == "ガ令和"


def test_year_inferred_flag():
    (m,) = find_dates("３月１８日より", REF)
    assert m.year_inferred and m.value == D("2022-03-18")
    (m,) = find_dates("2022年3月18日", REF)
    assert not m.year_inferred


def test_date_match_is_frozen():
    m = DateMatch(0, 1, D("2022-01-01"), "x", False)
    with pytest.raises(AttributeError):
        m.start = 3  # type: ignore[misc]


# --------------------------------------------------------------------------- parse_date


def test_parse_date_accepts_one_date_with_words_around():
    assert parse_date("指定日：2022 年03月01 日") == D("2022-03-01")
    assert parse_date("March 29, 2022") == D("2022-03-29")
    assert parse_date("2022-03-29") == D("2022-03-29")
    assert parse_date("April 14", reference=D("2025-05-01")) == D("2025-04-14")


@pytest.mark.parametrize(
    ("text", "reference", "message"),
    [
        ("no date here", None, "no date"),
        ("告示第八十二号", None, "no date"),
        ("2022年3月18日と2022年4月1日", None, "found 2"),
        ("2022年2月30日", None, "no day 30"),
        ("13月1日", REF, "no month 13"),
        ("令和元年4月30日", None, "before 令和 began"),
        ("April 14", None, "no reference"),
        ("2022年3月18日（木）", None, "is Friday, not Thursday"),
        ("Notice No. 3 March 2022", None, "No."),
        ("同年3月18日", REF, "context"),
        ("1850年1月1日", None, "outside 1900"),
    ],
)
def test_parse_date_errors(text, reference, message):
    with pytest.raises(DateParseError, match=message):
        parse_date(text, reference)


def test_date_parse_error_is_value_error():
    assert issubclass(DateParseError, ValueError)


def test_bad_prefer_is_rejected():
    with pytest.raises(ValueError, match="prefer"):
        find_dates("2022年3月18日", prefer="closest")


# --------------------------------------------------------------------------- year inference


@pytest.mark.parametrize(
    ("month", "day", "reference", "prefer", "expected"),
    [
        (12, 28, "2023-01-05", "past", "2022-12-28"),
        (12, 28, "2023-01-05", "nearest", "2022-12-28"),
        (12, 28, "2023-01-05", "future", "2023-12-28"),
        (1, 4, "2022-12-28", "past", "2022-01-04"),
        (1, 4, "2022-12-28", "nearest", "2023-01-04"),
        (1, 4, "2022-12-28", "future", "2023-01-04"),
        (3, 18, "2022-03-18", "past", "2022-03-18"),
        (3, 18, "2022-03-18", "future", "2022-03-18"),
        (1, 1, "2024-07-02", "nearest", "2024-01-01"),  # 183 days either way: past wins
        (2, 29, "2023-06-01", "nearest", "2024-02-29"),
        (2, 29, "2023-06-01", "future", "2024-02-29"),
    ],
)
def test_infer_year(month, day, reference, prefer, expected):
    assert infer_year(month, day, D(reference), prefer) == D(expected)


@pytest.mark.parametrize(("month", "day"), [(2, 30), (13, 1), (0, 5), (4, 31)])
def test_infer_year_rejects_impossible(month, day):
    with pytest.raises(DateParseError):
        infer_year(month, day, REF, "nearest")


def test_infer_year_past_without_candidate():
    with pytest.raises(DateParseError):
        infer_year(2, 29, D("2023-06-01"), "past")  # 2020 is more than a year back


def test_prefer_changes_yearless_dates_only():
    text = "2022年1月4日、12月28日"
    ref = D("2022-01-10")
    assert [m.value for m in find_dates(text, ref, "past")] == [D("2022-01-04"), D("2021-12-28")]
    assert [m.value for m in find_dates(text, ref, "future")] == [D("2022-01-04"), D("2022-12-28")]


def test_reference_may_be_a_datetime():
    assert find_dates("3月18日", datetime(2022, 6, 1, 9, 0))[0].value == D("2022-03-18")


# --------------------------------------------------------------------------- listing dates


@pytest.mark.parametrize(
    ("text", "fetched", "expected"),
    [
        ("9月30日付", "2022-10-03", "2022-09-30"),
        ("12月28日付", "2023-01-05", "2022-12-28"),  # December item read in January
        ("December 28", "2023-01-05", "2022-12-28"),
        ("1月4日付", "2023-01-05", "2023-01-04"),
        ("April 14", "2025-04-14", "2025-04-14"),
        ("April 14", "2025-04-13", "2025-04-14"),  # one day of clock skew (JST vs UTC)
        ("April 14", "2025-04-12", "2024-04-14"),
        ("12月31日付", "2023-01-01", "2022-12-31"),
        ("1月1日付", "2022-12-31", "2023-01-01"),
        ("2022年3月29日", "2025-01-01", "2022-03-29"),  # a year of its own wins
    ],
)
def test_parse_listing_date(text, fetched, expected):
    assert parse_listing_date(text, D(fetched)) == D(expected)


def test_parse_listing_date_needs_exactly_one_date():
    with pytest.raises(DateParseError):
        parse_listing_date("お知らせ", D("2022-01-01"))


# --------------------------------------------------------------------------- properties

_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
# The abbreviations the sources print (AP style: May, June and July are never shortened).
_ABBREVIATED = [
    "Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
]  # fmt: skip
_WEEKDAYS_JA = "月火水木金土日"
_FULL_WIDTH = str.maketrans("0123456789 ", "０１２３４５６７８９\u3000")


def _kanji(n: int) -> str:
    digits = "〇一二三四五六七八九"
    tens, units = divmod(n, 10)
    return ("" if tens == 0 else "十" if tens == 1 else digits[tens] + "十") + (
        digits[units] if units else ""
    )


def _era(d: date) -> tuple[str, int]:
    return ("令和", d.year - 2018) if d >= date(2019, 5, 1) else ("平成", d.year - 1988)


def formats(d: date) -> list[str]:
    y, m, dd = d.year, d.month, d.day
    month = _MONTHS[m - 1]
    era, ey = _era(d)
    era_year = "元" if ey == 1 else str(ey)
    return [
        f"{y}年{m}月{dd}日",
        f"{y} 年{m:02d}月{dd:02d} 日",
        f"{y}年{m}月{dd}日".translate(_FULL_WIDTH),
        f"{y}年{m}月{dd}日（{_WEEKDAYS_JA[d.weekday()]}）",
        f"{era}{era_year}年{m}月{dd}日",
        f"{era}{era_year}年{m}月{dd}日".translate(_FULL_WIDTH),
        f"{era}{'元' if ey == 1 else _kanji(ey)}年{_kanji(m)}月{_kanji(dd)}日",
        f"{era[0]}{ey}.{m}.{dd}",
        f"{month} {dd}, {y}",
        f"{_ABBREVIATED[m - 1]} {dd}, {y}",
        f"{d:%A}, {month} {dd}, {y}",
        f"{dd} {month} {y}",
        f"{dd} {month} {y} 13:15",
        d.isoformat(),
        f"{d.isoformat()}T13:58:11+09:00",
        f"{y}/{m}/{dd}",
    ]


@settings(max_examples=150, deadline=None)
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)))
def test_every_format_round_trips(d):
    for text in formats(d):
        assert parse_date(text) == d, text
        (m,) = find_dates(f"施行日は{text}から。", REF)
        assert m.value == d and not m.year_inferred, text


@settings(max_examples=150, deadline=None)
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)))
def test_yearless_round_trips_with_past_reference(d):
    for text in (
        f"{d.month}月{d.day}日付",
        f"{_MONTHS[d.month - 1]} {d.day}",
        f"{d.day} {_MONTHS[d.month - 1]}",
    ):
        assert parse_listing_date(text, d) == d, text
        (m,) = find_dates(text, d, prefer="past")
        assert m.value == d and m.year_inferred


def _check_matches(text: str, found: list[DateMatch]) -> None:
    previous_end = 0
    for m in found:
        assert m.text == text[m.start : m.end]
        assert 0 <= m.start < m.end <= len(text)
        assert m.start >= previous_end  # in order, never overlapping
        previous_end = m.end
        assert date(1900, 1, 1) <= m.value <= date(2100, 12, 31)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_find_dates_never_raises_on_any_text(text):
    _check_matches(text, find_dates(text))
    _check_matches(text, find_dates(text, REF, "past"))


# Text made of the pieces dates are built from, so the patterns' edges get exercised.
_PIECES = st.sampled_from(
    [
        "2022", "0", "1", "3", "12", "18", "29", "30", "31", "99", "年", "月", "日", "令和", "平成",
        "元", "十", "三", "〇", "（", "）", "(", ")", "金", "曜日", "・祝", " ", "\u3000", "-", "–",
        "~", "〜", "/", ".", ",", ":", "T", "+09:00", "Z", "March", "Mar.", "may", "Sept.",
        "Wednesday", "th", "of", "No.", "R", "H", "同年", "\n", "２", "０", "ｶ", "ﾞ", "\u0301",
        "㍻", "㋿", "\u200b",
    ]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=25).map("".join))
def test_find_dates_on_date_like_noise(text):
    _check_matches(text, find_dates(text, REF))
    try:
        value = parse_date(text, REF)
    except DateParseError:
        return
    assert [m.value for m in find_dates(text, REF)] == [value]
