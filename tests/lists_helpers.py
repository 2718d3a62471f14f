"""Shared by tests/test_lists*.py: the demo's document generator, loaded from its file."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "data" / "demo" / "pages"
RUSSIA = PAGES / "www.meti.go.jp/policy/external_economy/trade_control/02_export/17_russia"
MOF = PAGES / "www.mof.go.jp/policy/international_policy/gaitame_kawase/gaitame/economic_sanctions"
EUL = (
    PAGES
    / "www.meti.go.jp/policy/anpo/law_document/tutatu/t10kaisei/ryuuijikou/2021_enduserlist.pdf"
)


@cache
def generator():
    spec = importlib.util.spec_from_file_location(
        "demo_lists_generate", ROOT / "data" / "demo" / "lists" / "generate.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def russia_pdf(total: int, updated: str = "2022 年05月17 日", **kw) -> bytes:
    gen = generator()
    return gen.specified_entity_pdf(
        gen.TITLE_RU, "2022 年03月18 日", updated, gen.russia_entries(total), **kw
    )
