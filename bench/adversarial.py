"""Prose pairs that make diff-match-patch work hard: what a hostile or broken page could put
into a measure's summary. normalize/diff.py bounds diff_main with DIFF_TIMEOUT; these pairs
check that nothing after it (the semantic cleanup) escapes the bound."""

from __future__ import annotations

import random

JA = "輸出禁止措置対象品目団体追加施行日経済産業省外務省令和年月日閣議了解外国為替及び外国貿易法"


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(("ban", "export", "items", "entities", "Russia", "added", "notice"))
                    for _ in range(n))  # fmt: skip


def pairs(seed: int = 7) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    ja = "".join(rng.choice(JA) for _ in range(60_000))
    edited = list(ja)
    for i in range(0, len(edited), 37):  # a small edit every 37 characters
        edited[i] = rng.choice(JA)
    en = _words(rng, 20_000)
    return [
        (_words(rng, 20_000), _words(rng, 20_000)),  # two unrelated texts of ~150 kB
        (ja, "".join(edited)),  # the same long text, edited all over
        ("ab" * 50_000, "ba" * 50_000),  # periodic text, shifted
        ("ab" * 1_000, "ba" * 1_000),  # the same, just short enough for the full diff
        (en, en[: len(en) // 2] + " inserted " * 500 + en[len(en) // 2 :]),
        ("", en),
    ]
