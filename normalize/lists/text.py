"""Text helpers the list parsers share: kanji numerals, brackets-aware splitting, name keys.

Japanese list documents mix full-width and half-width forms (`１`, `1`, `（`, `(`), so every
parser reads NFKC-normalized text; the original spelling is kept only where it is published
(names and aliases are published as NFC, like every string regwatch writes).
"""

from __future__ import annotations

import re
import unicodedata

KANJI_DIGITS = {
    "〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}
OPENING, CLOSING = "(（[［「『【〔", ")）]］」』】〕"


class NumeralError(ValueError):
    pass


def kanji_number(text: str) -> int:
    """`八十二` → 82, `百四` → 104, `千二百` → 1200, `二〇二二` → 2022, `82` → 82."""
    s = unicodedata.normalize("NFKC", text).strip()
    if s.isdigit():
        return int(s)
    if s and all(c in KANJI_DIGITS for c in s) and len(s) > 1:  # digit by digit: 二〇二二
        return int("".join(str(KANJI_DIGITS[c]) for c in s))
    total, digit = 0, None
    for ch in s:
        if ch in KANJI_DIGITS:
            if digit is not None:
                raise NumeralError(f"two digits in a row in {text!r}")
            digit = KANJI_DIGITS[ch]
        elif ch in KANJI_UNITS:
            total += (1 if digit is None else digit) * KANJI_UNITS[ch]
            digit = None
        else:
            raise NumeralError(f"not a kanji numeral: {text!r}")
    if not s:
        raise NumeralError("empty numeral")
    return total + (digit or 0)


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def squash(text: str) -> str:
    """One line, single spaces, NFC (how names are published)."""
    return unicodedata.normalize("NFC", " ".join(text.split()))


def split_outside_brackets(text: str, separators: str) -> list[str]:
    """Split at any of `separators`, but never inside brackets of any kind (full- or
    half-width): MOF writes `A；B（旧称：C；D）` and means two aliases, not four."""
    parts, depth, current = [], 0, []
    for ch in text:
        if ch in OPENING:
            depth += 1
        elif ch in CLOSING and depth:
            depth -= 1
        if ch in separators and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return [squash(p) for p in parts if p.strip()]


_KEY_DROP = re.compile(r"[\W_]+", re.UNICODE)


def name_key(name: str | None) -> str:
    """The comparable form of a name: NFKC, case-folded, punctuation and spaces removed.
    `JSC "Kronshtadt"`, `JSC Kronshtadt` and `ＪＳＣ　Ｋｒｏｎｓｈｔａｄｔ` share one key."""
    if not name:
        return ""
    return _KEY_DROP.sub("", nfkc(name).casefold())
