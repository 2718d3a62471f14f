"""The words people read for the contract's codes: topics, kinds of change, types, statuses."""

from __future__ import annotations

TOPICS = ("russia", "ipef", "economic-security", "g7")
FEED_TOPICS = ("all", *TOPICS)
CURRENT_STATUSES = ("in_force", "announced")

TOPIC_LABELS = {
    "all": "All measures",
    "russia": "Russia sanctions",
    "ipef": "IPEF",
    "economic-security": "Economic security",
    "g7": "G7",
}

KIND_LABELS = {
    "added": "New measure",
    "amended": "Amended",
    "in_force": "Entered into force",
    "lifted": "Lifted",
    "sources": "New source",
    "removed": "Withdrawn by its source",
}

# Change kinds subscribers are told about. "sources" (another announcement restating a
# measure) stays in the API and the site's history but is not a feed item.
FEED_KINDS = ("added", "amended", "in_force", "lifted", "removed")

STATUS_LABELS = {"announced": "Announced", "in_force": "In force", "lifted": "Lifted"}

LANG_LABELS = {"ja": "Japanese", "en": "English"}

# Who acts: the contract's `jurisdiction` codes (ISO 3166-1 alpha-2, EU, G7). A code not
# listed here is shown as itself.
JURISDICTION_LABELS = {
    "JP": "Japan",
    "US": "United States",
    "GB": "United Kingdom",
    "EU": "European Union",
    "G7": "G7",
    "AU": "Australia",
    "CA": "Canada",
    "KR": "South Korea",
    "DE": "Germany",
    "FR": "France",
    "IT": "Italy",
    "NZ": "New Zealand",
    "SG": "Singapore",
    "IN": "India",
    "CH": "Switzerland",
    "TW": "Taiwan",
    "UA": "Ukraine",
}


def type_label(measure_type: str) -> str:
    """ "export_ban" → "Export ban"."""
    return measure_type.replace("_", " ").capitalize()


def field_label(field: str) -> str:
    return field.replace("_", " ").capitalize()


def in_topic(record: dict, topic: str) -> bool:
    return topic == "all" or topic in record["topics"]


def jurisdiction_label(code: str) -> str:
    """ "JP" → "Japan"; an unlisted code as itself."""
    return JURISDICTION_LABELS.get(code, code)
