"""Date recognition for Japanese and English government text.

Strictness over recall: a missed date costs a manual look, a wrong date is published. So only
complete day-level expressions are dates (never `2022年3月`, `令和四年`, `No. 3`, ids such as
`20220311001`), and anything that looks like a date but is not a real one is *consumed* so that
no smaller date can be read out of its pieces (`2022年2月30日` must not yield `2月30日`).

Recognised, after NFKC (full-width digits, `（）`, `：`, ideographic spaces all become ASCII):

* `2022年3月18日`, `2022 年03月01 日`, `二〇二二年三月十八日`, `2022/3/18`
* `令和4年3月11日`, `令和元年5月1日`, `令和四年三月十一日`, `平成31年4月30日`, `昭和64年1月7日`,
  `令和4年（2022年）3月18日`, `2022年（令和4年）3月18日`, `R4.3.18`, `令4.3.18`, `H31.4.30`
* yearless `3月18日`, `9月30日付`, `April 14`, `14 April`: year from `reference`
* `March 18, 2022`, `Mar. 18, 2022`, `Sept. 12, 2025`, `18 March 2022`, `18th of March, 2022`,
  `Wednesday, January 31, 2024`, `20 May 2025 13:15` (the time is not part of the match)
* `2022-03-18`, `2022-03-15T13:58:11+00:00`

Decisions (callers rely on them):

* Weekdays are part of the match: `（金）`, `（金曜日）`, `(金・祝)`, `(Fri)` after a date and
  `Wednesday, ` before an English one, so text after `end` is what follows the whole expression
  (`から`, `付`). A weekday that disagrees with the date rejects it: one of the two is a typo and
  we cannot tell which.
* Ranges give their START date and span the whole range: `6-10 June 2022` → 2022-06-06,
  `Feb. 15-17, 2022` → 2022-02-15, `30 December - 2 January 2022` → 2021-12-30,
  `2022年3月18日～20日` → 2022-03-18. A range whose end is impossible or before its start is
  rejected whole. Ranges use dashes or tildes; `to`/`から` are left to the caller.
* ISO date-times give the calendar date as written, i.e. the date in the stated offset; nothing
  is converted to UTC or JST (`2022-03-15T23:30:00-05:00` → 2022-03-15).
* Era dates before the era began are rejected (`令和元年4月30日`). Era dates after the era ended
  are accepted by plain arithmetic, because statutes drafted before 2019 name later days that
  way (`平成31年10月1日` for the 2019 consumption-tax rise, `平成32年` for 2020).
* Yearless dates are skipped when something right before them gives the year by context
  (`同年3月1日`, `翌年…`, `令和4年度3月…`, `(2022年)3月1日`): the reference year would be a guess.
* Yearless English dates need a capitalised month (`may 3` is the verb); with a year any case.
* Not supported on purpose: day/month orders that need a locale (`03/04/2022`), dotted Western
  dates (`2022.3.18`, indistinguishable from version numbers), compact `20220318`.
* Years outside 1900–2100 are not dates.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

__all__ = [
    "DateMatch",
    "DateParseError",
    "find_dates",
    "infer_year",
    "normalize_text",
    "parse_date",
    "parse_listing_date",
]

MIN_YEAR = 1900
MAX_YEAR = 2100
PREFER = ("past", "future", "nearest")


class DateParseError(ValueError):
    """The text holds no date, more than one, or one that cannot be a real day."""


@dataclass(frozen=True)
class DateMatch:
    start: int  # offsets into the original text
    end: int
    value: date
    text: str  # original[start:end]
    year_inferred: bool  # the year came from `reference`


# --------------------------------------------------------------------------- normalisation

# PDF extraction and CMS editors leave these inside numbers and words.
_DROP = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_LINE_SEPARATORS = frozenset("\u0085\u2028\u2029")
# Characters that can never be the second half of a Unicode composition, so they always start
# a new normalisation unit. Covers almost all Japanese text and keeps the slow path rare.
_SAFE_RANGES = ((0x3000, 0x3098), (0x30A0, 0x30FF), (0x3400, 0x9FFF), (0xFF01, 0xFF9D))
_MAX_UNIT = 32  # bound work on pathological runs of combining marks


@lru_cache(maxsize=8192)
def _nfkc(s: str) -> str:
    return unicodedata.normalize("NFKC", s)


def _starts_unit(ch: str) -> bool:
    if ch < "\x80":
        return True
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in _SAFE_RANGES)


def _normalize(text: str) -> tuple[str, list[int], list[int]]:
    """NFKC text plus, for each output character, the original span it came from.

    NFKC is applied per unit (a character and anything that composes with it, e.g. a kana and
    a half-width voiced mark), so every output character maps to whole original characters.
    """
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    n = len(text)
    i = 0
    while i < n:
        j = i + 1
        while j < n and j - i < _MAX_UNIT and not _starts_unit(text[j]):
            if _nfkc(text[i : j + 1]) == _nfkc(text[i:j]) + _nfkc(text[j]):
                break
            j += 1
        piece = text[i] if j == i + 1 and text[i] < "\x80" else _nfkc(text[i:j])
        for ch in piece:
            if ch in _DROP:
                continue
            if ch in _LINE_SEPARATORS:
                ch = "\n"
            elif ch not in "\n\r" and ch.isspace():
                ch = " "
            if ch == " " and out and out[-1] == " ":
                ends[-1] = j
                continue
            out.append(ch)
            starts.append(i)
            ends.append(j)
        i = j
    return "".join(out), starts, ends


def normalize_text(text: str) -> str:
    """NFKC, odd spaces (ideographic, NBSP, tabs) as one ASCII space, zero-width chars dropped.

    Line breaks are kept. This is exactly the text the date patterns run on.
    """
    return _normalize(text)[0]


# --------------------------------------------------------------------------- numbers and eras

_KANJI_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_KANJI_DIGIT["○"] = 0  # a circle typed for 〇 in 二○二二年 is common
_KANJI_SMALL = re.compile(
    r"(?:(?P<tens>[二三四五六七八九])?(?P<ten>十))?(?P<unit>[一二三四五六七八九])?"
)


def _number(s: str) -> int:
    if s.isascii() and s.isdigit():
        return int(s)
    if s == "元":
        return 1
    if len(s) == 4 and all(c in _KANJI_DIGIT for c in s):  # 二〇二二: digit by digit
        return int("".join(str(_KANJI_DIGIT[c]) for c in s))
    m = _KANJI_SMALL.fullmatch(s)
    if not s or m is None:
        raise DateParseError(f"unreadable number {s!r}")
    tens = _KANJI_DIGIT[m["tens"]] if m["tens"] else (1 if m["ten"] else 0)
    return tens * 10 + (_KANJI_DIGIT[m["unit"]] if m["unit"] else 0)


@dataclass(frozen=True)
class _Era:
    name: str
    offset: int  # Western year = offset + era year
    start: date


_ERAS = {
    "令和": _Era("令和", 2018, date(2019, 5, 1)),
    "平成": _Era("平成", 1988, date(1989, 1, 8)),
    "昭和": _Era("昭和", 1925, date(1926, 12, 25)),
}
_ERA_ABBR = {"令": "令和", "R": "令和", "平": "平成", "H": "平成", "昭": "昭和"}


def _era(name: str) -> _Era:
    return _ERAS[re.sub(r"\s", "", name)]


_JA_WEEKDAY = "月火水木金土日"
_EN_WEEKDAY = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_EN_MONTH = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


# --------------------------------------------------------------------------- patterns

_S = r"\s{0,3}"  # PDF text puts spaces (even line breaks) between 2022 / 年 / 03 / 月
_DASH = r"[-~\u2010-\u2015\u2212\u301c]"
_KNUM = "一二三四五六七八九十"
_KDIG = "〇○一二三四五六七八九"
_N = rf"(?:[0-9]{{1,2}}|[{_KNUM}]{{1,3}})"
_ERA_NAMES = "令和|平成|昭和"
# PDF text spaces out characters (`日 本 語 表 記`), era names included.
_ERA_SPACED = rf"令{_S}和|平{_S}成|昭{_S}和"
_ERA_YEAR = rf"(?:元|[0-9]{{1,2}}|[{_KNUM}]{{1,3}})"
_WEST_YEAR = rf"(?:[0-9]{{4}}|[{_KDIG}]{{4}})"
_EN_WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun"
_MONTHS = (
    r"jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|jun(?:e|\.)?|jul(?:y|\.)?"
    r"|aug(?:ust|\.)?|sep(?:tember|t\.?|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?"
)


def _wd_suffix(tag: str = "") -> str:
    # (金) (金曜日) (金・祝) (Fri) (Fri.)
    return (
        rf"(?:\s?\((?:(?P<wdj{tag}>[{_JA_WEEKDAY}])(?:曜日?)?(?:\s?[・,、]\s?祝日?)?"
        rf"|(?i:(?P<wde{tag}>{_EN_WEEKDAYS}))\.?)\))?"
    )


def _ja_md(tag: str = "") -> str:
    return rf"(?P<m{tag}>{_N}){_S}月{_S}(?P<d{tag}>{_N}){_S}日"


# The end of a Japanese range has no year of its own; it is swallowed so it is not read alone.
_JA_TAIL = rf"(?:{_S}{_DASH}{_S}(?:(?P<m2>{_N}){_S}月{_S})?(?P<d2>{_N}){_S}日{_wd_suffix('2')})?"

_JA_WESTERN = re.compile(
    rf"(?<![0-9A-Za-z{_KDIG}十])(?P<y>{_WEST_YEAR}){_S}年{_S}"
    rf"(?:\({_S}(?P<era>{_ERA_SPACED}){_S}(?P<ey>{_ERA_YEAR}){_S}年?{_S}\){_S})?"
    + _ja_md()
    + _wd_suffix()
    + _JA_TAIL
)
_JA_ERA = re.compile(
    rf"(?P<era>{_ERA_SPACED}){_S}(?P<ey>{_ERA_YEAR}){_S}"
    rf"(?:年{_S}(?:\({_S}(?P<wy>{_WEST_YEAR}){_S}年?{_S}\){_S})?"
    rf"|\({_S}(?P<wy2>{_WEST_YEAR}){_S}年?{_S}\){_S}年{_S})" + _ja_md() + _wd_suffix() + _JA_TAIL
)
_JA_YEARLESS = re.compile(rf"(?<![0-9{_KDIG}十])" + _ja_md() + _wd_suffix() + _JA_TAIL)
# R4.3.18 / 令4.3.18: the one-letter forms only where they cannot be the tail of a word
# (命令4.3.1 is an order number, PR4.3.1 a label).
_JA_ABBR = re.compile(
    rf"(?:(?P<era>{_ERA_NAMES})|(?<![0-9A-Za-z.\u3400-\u9fff])(?P<abbr>[令平昭RH]))"
    r"(?P<ey>元|[0-9]{1,2})(?P<sep>[./])(?P<m>[0-9]{1,2})(?P=sep)(?P<d>[0-9]{1,2})"
    r"(?![0-9]|[./][0-9])" + _wd_suffix()
)
# Year first, so unambiguous. Not after `/` or `-`: URL paths and document numbers.
_YMD_SLASH = re.compile(
    r"(?<![0-9A-Za-z_./\-])(?P<y>[0-9]{4})/(?P<m>[0-9]{1,2})/(?P<d>[0-9]{1,2})"
    r"(?![0-9]|[-/.][0-9])" + _wd_suffix()
)
_ISO = re.compile(
    r"(?<![0-9A-Za-z_./\-])(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})"
    r"(?:[Tt ](?P<hh>[0-9]{2}):(?P<mi>[0-9]{2})(?::(?P<ss>[0-9]{2})(?:[.,][0-9]{1,9})?)?"
    r"(?P<tz>[Zz]|[+-](?P<tzh>[0-9]{2})(?::?(?P<tzm>[0-9]{2}))?)?)?"
    r"(?![0-9]|[-/.:][0-9])"
)


def _en_month(tag: str) -> str:
    return rf"(?<![a-z])(?P<{tag}>{_MONTHS})(?![a-z])"


def _en_day(tag: str) -> str:
    return rf"(?P<{tag}>[0-9]{{1,2}})(?![0-9])(?:st|nd|rd|th)?(?![a-z])"


# Case-sensitive: `the committee sat 5 May` must not become a Saturday check.
_EN_PREFIX_NAMES = "|".join(f"{w.capitalize()}|{w.upper()}" for w in _EN_WEEKDAYS.split("|"))
_EN_PREFIX = rf"(?:(?<![a-z])(?P<wdp>(?-i:{_EN_PREFIX_NAMES}))\.?,?\s+)?"
_EN_YEAR = r"(?P<y>[0-9]{4})(?![0-9])"
# March 18, 2022 / Feb. 15-17, 2022 / Feb. 28 - Mar. 2, 2022 / April 14
_EN_MDY = re.compile(
    _EN_PREFIX
    + _en_month("m1")
    + r"\s*"
    + _en_day("d1")
    + rf"(?:\s*{_DASH}\s*(?:{_en_month('m2')}\s*)?{_en_day('d2')})?"
    + rf"(?:(?:\s*,\s*|\s+){_EN_YEAR})?"
    + _wd_suffix(),
    re.I | re.A,
)
# 18 March 2022 / 18th of March, 2022 / 6-10 June 2022 / 30 May - 2 June 2022 / 14 April
_EN_DMY = re.compile(
    _EN_PREFIX
    + r"(?<![0-9a-z./\-\u2010-\u2015\u2212])"
    + _en_day("d1")
    + rf"(?:\s*{_DASH}\s*{_en_day('d2')})?"
    + rf"(?:\s+of)?\s+{_en_month('m1')}"
    + rf"(?:\s*{_DASH}\s*{_en_day('d3')}(?:\s+of)?\s+{_en_month('m2')})?"
    + rf"(?:,?\s+{_EN_YEAR})?"
    + _wd_suffix(),
    re.I | re.A,
)

# A number right after these is a count or an id, never a day.
_NUMBER_LABEL = re.compile(r"(?:\b(?:no|nos|number)\.?|#)\s*$", re.I | re.A)
# Before a yearless Japanese date these mean the year is given by context (同年, 翌年, 年度,
# a bracketed year such as `(2022年)`): the reference year would be a guess. An item marker
# such as `(2)` is not context.
_CONTEXT_YEAR = re.compile(r"(?:年度?|\([^()\n]{0,12}(?:年|[0-9]{4})[^()\n]{0,12}\))\s*$")


# --------------------------------------------------------------------------- candidates


@dataclass
class _Cand:
    start: int  # offsets into the normalised text
    end: int
    text: str
    year: int | None = None  # None: yearless
    month: int = 0
    day: int = 0
    weekday: int | None = None
    tail: tuple[int, int, int, int | None] | None = None  # range end: (year delta, m, d, weekday)
    era: _Era | None = None
    check_year: int | None = None  # a bracketed second year that must agree
    error: str | None = None

    @property
    def strong(self) -> bool:
        return self.year is not None


def _weekday(m: re.Match[str], tag: str = "") -> int | None:
    ja, en = m.group(f"wdj{tag}"), m.group(f"wde{tag}")
    if ja:
        return _JA_WEEKDAY.index(ja)
    if en:
        return _EN_WEEKDAY.index(en[:3].lower())
    return None


def _en_month_number(s: str) -> int:
    return _EN_MONTH.index(s[:3].lower()) + 1


def _ja_tail(m: re.Match[str], month: int) -> tuple[int, int, int, int | None] | None:
    if m.group("d2") is None:
        return None
    m2 = _number(m["m2"]) if m["m2"] else month
    return (1 if m2 < month else 0, m2, _number(m["d2"]), _weekday(m, "2"))


def _scan_ja_western(norm: str) -> Iterator[_Cand]:
    for m in _JA_WESTERN.finditer(norm):
        c = _Cand(m.start(), m.end(), m.group(), year=0)
        try:
            c.year, c.month, c.day = _number(m["y"]), _number(m["m"]), _number(m["d"])
            if m["era"]:
                c.check_year = _era(m["era"]).offset + _number(m["ey"])
            c.weekday, c.tail = _weekday(m), _ja_tail(m, c.month)
        except DateParseError as e:
            c.error = str(e)
        yield c


def _scan_ja_era(norm: str) -> Iterator[_Cand]:
    for m in _JA_ERA.finditer(norm):
        c = _Cand(m.start(), m.end(), m.group(), year=0, era=_era(m["era"]))
        try:
            c.year = c.era.offset + _number(m["ey"])
            c.month, c.day = _number(m["m"]), _number(m["d"])
            west = m["wy"] or m["wy2"]
            c.check_year = _number(west) if west else None
            c.weekday, c.tail = _weekday(m), _ja_tail(m, c.month)
        except DateParseError as e:
            c.error = str(e)
        if c.year == c.era.offset:
            c.error = f"{c.text!r}: era year 0 does not exist"
        yield c


def _scan_ja_abbr(norm: str) -> Iterator[_Cand]:
    for m in _JA_ABBR.finditer(norm):
        era = _ERAS[m["era"] or _ERA_ABBR[m["abbr"]]]
        c = _Cand(m.start(), m.end(), m.group(), era=era)
        c.year = era.offset + _number(m["ey"])
        c.month, c.day, c.weekday = int(m["m"]), int(m["d"]), _weekday(m)
        if c.year == era.offset:
            c.error = f"{c.text!r}: era year 0 does not exist"
        yield c


def _scan_ja_yearless(norm: str) -> Iterator[_Cand]:
    for m in _JA_YEARLESS.finditer(norm):
        c = _Cand(m.start(), m.end(), m.group())
        try:
            c.month, c.day = _number(m["m"]), _number(m["d"])
            c.weekday, c.tail = _weekday(m), _ja_tail(m, c.month)
        except DateParseError as e:
            c.error = str(e)
        if _CONTEXT_YEAR.search(norm, max(0, m.start() - 32), m.start()):
            c.error = f"{c.text!r}: the year is given by the preceding context"
        yield c


def _scan_numeric(norm: str) -> Iterator[_Cand]:
    for m in _YMD_SLASH.finditer(norm):
        c = _Cand(m.start(), m.end(), m.group(), year=int(m["y"]), month=int(m["m"]))
        c.day, c.weekday = int(m["d"]), _weekday(m)
        yield c
    for m in _ISO.finditer(norm):
        c = _Cand(m.start(), m.end(), m.group(), year=int(m["y"]), month=int(m["m"]))
        c.day = int(m["d"])
        if m["hh"] and not (
            int(m["hh"]) < 24
            and int(m["mi"]) < 60
            and int(m["ss"] or 0) < 60
            and int(m["tzh"] or 0) < 24
            and int(m["tzm"] or 0) < 60
        ):
            c.error = f"{c.text!r}: impossible time of day"
        yield c


def _scan_en_mdy(norm: str) -> Iterator[_Cand]:
    for m in _EN_MDY.finditer(norm):
        c = _Cand(m.start(), m.end(), m.group(), month=_en_month_number(m["m1"]))
        c.day = int(m["d1"])
        c.year = int(m["y"]) if m["y"] else None
        c.weekday = _en_weekday_prefix(m, _weekday(m))
        if m["d2"]:
            m2 = _en_month_number(m["m2"]) if m["m2"] else c.month
            delta = 1 if m2 < c.month else 0
            c.tail = (delta, m2, int(m["d2"]), None)
            if c.year is not None:  # the year printed belongs to the end of the range
                c.year -= delta
        _check_en(c, m["m1"])
        yield c


def _scan_en_dmy(norm: str) -> Iterator[_Cand]:
    for m in _EN_DMY.finditer(norm):
        c = _Cand(m.start(), m.end(), m.group(), month=_en_month_number(m["m1"]))
        c.day = int(m["d1"])
        c.year = int(m["y"]) if m["y"] else None
        c.weekday = _en_weekday_prefix(m, _weekday(m))
        if m["d2"] and m["d3"]:
            c.error = f"{c.text!r}: not a single date or range"
        elif m["d2"]:  # 6-10 June
            c.tail = (0, c.month, int(m["d2"]), None)
        elif m["d3"]:  # 30 May - 2 June
            m2 = _en_month_number(m["m2"])
            delta = 1 if m2 < c.month else 0
            c.tail = (delta, m2, int(m["d3"]), None)
            if c.year is not None:
                c.year -= delta
        _check_en(c, m["m1"])
        yield c


def _en_weekday_prefix(m: re.Match[str], suffix: int | None) -> int | None:
    prefix = _EN_WEEKDAY.index(m["wdp"][:3].lower()) if m["wdp"] else None
    return suffix if prefix is None else prefix


def _check_en(c: _Cand, month_text: str) -> None:
    # Without a year only a month written like a month counts: `may 3` is the verb and
    # `APR 5` a rate; `April 5`, `Apr. 5`, `APRIL 5` are dates.
    bare = month_text.rstrip(".")
    looks_like_month = month_text[0].isupper() and (
        bare[1:].islower() or len(bare) > 3 or month_text.endswith(".")
    )
    if c.year is None and not looks_like_month:
        c.error = c.error or f"{c.text!r}: a month without a year must look like one"


_SCANNERS: tuple[Callable[[str], Iterator[_Cand]], ...] = (
    _scan_ja_western,
    _scan_ja_era,
    _scan_ja_abbr,
    _scan_ja_yearless,
    _scan_numeric,
    _scan_en_mdy,
    _scan_en_dmy,
)


def _scan(norm: str) -> list[_Cand]:
    """Every date expression, non-overlapping, in text order.

    Expressions that carry a year win over yearless ones they overlap (`you may 18 March 2022`),
    then the leftmost, then the longest. Rejected expressions still take their place.
    """
    cands = [c for scanner in _SCANNERS for c in scanner(norm)]
    for c in cands:
        labelled = _NUMBER_LABEL.search(norm, max(0, c.start - 8), c.start)
        if c.error is None and c.text[:1].isdigit() and labelled:
            c.error = f"{c.text!r}: a number after 'No.' is not a day"
    cands.sort(key=lambda c: (not c.strong, c.start, c.start - c.end))
    kept_starts: list[int] = []
    kept: list[_Cand] = []
    for c in cands:
        i = bisect_left(kept_starts, c.start)
        if i > 0 and kept[i - 1].end > c.start:
            continue
        if i < len(kept) and kept[i].start < c.end:
            continue
        kept_starts.insert(i, c.start)
        kept.insert(i, c)
    return kept


# --------------------------------------------------------------------------- resolution


def _make_date(year: int, month: int, day: int, what: str) -> date:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateParseError(f"{what}: year {year} is outside {MIN_YEAR}–{MAX_YEAR}")
    if not 1 <= month <= 12:
        raise DateParseError(f"{what}: there is no month {month}")
    try:
        return date(year, month, day)
    except ValueError:
        raise DateParseError(f"{what}: {year}-{month:02d} has no day {day}") from None


def _day_name(d: date | int) -> str:
    return calendar.day_name[d if isinstance(d, int) else d.weekday()]


def _resolve(c: _Cand, reference: date | None, prefer: str) -> date:
    if c.error:
        raise DateParseError(c.error)
    if c.year is None:
        if reference is None:
            raise DateParseError(f"{c.text!r} has no year and no reference date was given")
        try:
            value = infer_year(c.month, c.day, reference, prefer)
        except DateParseError as e:
            raise DateParseError(f"{c.text!r}: {e}") from None
    else:
        value = _make_date(c.year, c.month, c.day, repr(c.text))
    if c.era is not None and value < c.era.start:
        raise DateParseError(f"{c.text!r} is before {c.era.name} began on {c.era.start}")
    if c.check_year is not None and c.check_year != value.year:
        raise DateParseError(f"{c.text!r}: the two years disagree ({value.year}, {c.check_year})")
    if c.weekday is not None and value.weekday() != c.weekday:
        raise DateParseError(
            f"{c.text!r}: {value} is {_day_name(value)}, not {_day_name(c.weekday)}"
        )
    if c.tail is not None:
        delta, month, day, weekday = c.tail
        end = _make_date(value.year + delta, month, day, f"end of range {c.text!r}")
        if end < value:
            raise DateParseError(f"{c.text!r}: the range ends before it starts")
        if weekday is not None and end.weekday() != weekday:
            raise DateParseError(f"{c.text!r}: {end} is {_day_name(end)}, not {_day_name(weekday)}")
    return value


def _as_date(d: date | None) -> date | None:
    return d.date() if isinstance(d, datetime) else d


def _check_prefer(prefer: str) -> None:
    if prefer not in PREFER:
        raise ValueError(f"prefer must be one of {PREFER}, not {prefer!r}")


def infer_year(month: int, day: int, reference: date, prefer: str = "nearest") -> date:
    """The date with this month and day in reference.year - 1, + 0 or + 1.

    past: latest ≤ reference; future: earliest ≥ reference; nearest: closest to reference,
    ties going to the past (a listing or a dateline is more often about what happened).
    """
    _check_prefer(prefer)
    reference = _as_date(reference)
    if not 1 <= month <= 12:
        raise DateParseError(f"there is no month {month}")
    options = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        # Feb 29 outside leap years and day 31 of a 30-day month simply drop out.
        if MIN_YEAR <= year <= MAX_YEAR and 1 <= day <= calendar.monthrange(year, month)[1]:
            options.append(date(year, month, day))
    if prefer == "past":
        options = [d for d in options if d <= reference]
    elif prefer == "future":
        options = [d for d in options if d >= reference]
    if not options:
        raise DateParseError(f"no {prefer} date {month}/{day} near {reference}")
    if prefer == "past":
        return max(options)
    if prefer == "future":
        return min(options)
    return min(options, key=lambda d: (abs((d - reference).days), d > reference))


def find_dates(
    text: str, reference: date | None = None, prefer: str = "nearest"
) -> list[DateMatch]:
    """Every date in `text`, in order, with offsets into `text` itself.

    Yearless dates take their year from `reference` (see `infer_year`) and are skipped without
    one. Impossible dates and non-dates are skipped, never repaired.
    """
    _check_prefer(prefer)
    reference = _as_date(reference)
    norm, starts, ends = _normalize(text)
    found = []
    for c in _scan(norm):
        if c.year is None and reference is None:
            continue
        try:
            value = _resolve(c, reference, prefer)
        except DateParseError:
            continue
        start, end = starts[c.start], ends[c.end - 1]
        if found and start < found[-1].end:
            continue  # both ends inside one expanded character such as ㏠ (1日): keep spans disjoint
        found.append(DateMatch(start, end, value, text[start:end], c.year is None))
    return found


def _short(text: str) -> str:
    return repr(text if len(text) <= 80 else text[:77] + "...")


def parse_date(text: str, reference: date | None = None, prefer: str = "nearest") -> date:
    """The one date expressed in `text` (which may hold other words: `指定日：2022 年03月01 日`)."""
    _check_prefer(prefer)
    reference = _as_date(reference)
    cands = _scan(_normalize(text)[0])
    if not cands:
        raise DateParseError(f"no date in {_short(text)}")
    if len(cands) > 1:
        found = ", ".join(repr(c.text) for c in cands)
        raise DateParseError(f"expected one date in {_short(text)}, found {len(cands)}: {found}")
    return _resolve(cands[0], reference, prefer)


def parse_listing_date(text: str, fetched: date) -> date:
    """A listing date such as MOFA's `9月30日付` or `April 14`, read on `fetched`.

    The latest such date not after `fetched` + 1 day (the site's clock runs in JST, ahead of a
    UTC fetch time), so a December item read in January is last year's. For a monthly archive
    page pass the archive month's last day as `fetched`. A date with its own year is returned
    as written.
    """
    fetched = _as_date(fetched)
    return parse_date(text, reference=fetched + timedelta(days=1), prefer="past")
