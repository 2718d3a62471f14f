"""What a list parser produces: one `Edition` of a list document, holding its `Entry` rows.

Editions travel from the spider to the release as plain dicts (`Edition.to_dict`), written by
the crawler beside the announcements (`data/crawls/{crawl}/lists/{list}.json`).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from normalize.dates import DateParseError, parse_date

SCHEMATA = ("LegalEntity", "Organization", "Company", "Person")


@dataclass
class Entry:
    """One row of a list document, as printed (NFKC-normalized text)."""

    number: int | None  # the document's own entry number: a position, never a key
    name_ja: str | None
    name_en: str | None
    aliases_ja: list[str] = field(default_factory=list)
    aliases_en: list[str] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    country: str | None = None  # ISO 3166-1 alpha-2
    schema: str = "LegalEntity"  # FollowTheMoney schema: LegalEntity, Organization, Person
    listed: str | None = None  # YYYY-MM-DD where the row states its listing date
    programme: str | None = None  # MOF: the sheet's programme title
    category: str | None = None  # MOF 区分: renumbered by the ministry, informational only
    details: dict[str, Any] = field(default_factory=dict)  # list-specific facts

    def names(self) -> list[str]:
        return [n for n in (self.name_en, self.name_ja, *self.aliases_en, *self.aliases_ja) if n]


@dataclass
class Edition:
    """One edition of one list: the document's own header facts and its entries."""

    list: str
    urls: list[str]
    sha256: str
    fetched_at: str
    notice: str | None = None  # e.g. 令和四年外務省告示第八十二号
    designated: str | None = None  # 指定日, YYYY-MM-DD
    updated: str | None = None  # 最終更新日 / revision / list date, YYYY-MM-DD
    effective: str | None = None  # the date the edition applies from, where stated
    stated_total: int | None = None  # a total the document (or the page linking it) states
    pages: int | None = None
    entries: list[Entry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # rows read, but not cleanly

    def read_dates(self, text: str, patterns: dict[str, re.Pattern[str]]) -> None:
        """Set each date field whose pattern matches `text` (group 1: the date as printed);
        an unreadable date is a warning, not a guess."""
        for attr, pattern in patterns.items():
            m = pattern.search(text)
            if m is None:
                continue
            try:
                setattr(self, attr, parse_date(m.group(1)).isoformat())
            except DateParseError:
                self.warnings.append(f"unreadable date {m.group(0)!r}")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Edition:
        data = dict(data)
        data["entries"] = [Entry(**e) for e in data["entries"]]
        return cls(**data)
