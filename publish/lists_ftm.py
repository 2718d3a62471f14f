"""Entity lists as FollowTheMoney entities (JSON lines), for OpenSanctions/yente tooling.

Each listed entity becomes one `LegalEntity`, `Organization` or `Person` and one `Sanction`
that points at it (`entity`), in the shape `followthemoney` reads: `{"id", "schema",
"properties": {name: [values]}, "datasets": [...]}`. The `followthemoney` package itself is
not a dependency (it builds PyICU from source); `validate` implements the rules of the FtM
model that these entities touch: the schema exists and is not abstract, every property belongs
to the schema, every value is a non-empty string within its type's length limit, countries are
ISO codes in lower case, dates are ISO prefixes, URLs are http(s), topics are FtM topics, and
a Sanction's `entity` names an entity of the same file.
"""

from __future__ import annotations

import re
from typing import Any

# Properties per schema (the ones regwatch writes), with FtM's type of each.
_THING = {
    "name": "name", "alias": "name", "previousName": "name", "weakAlias": "name",
    "country": "country", "address": "address", "topics": "topic", "sourceUrl": "url",
    "notes": "text", "program": "string", "jurisdiction": "country",
}  # fmt: skip
SCHEMA_PROPERTIES: dict[str, dict[str, str]] = {
    "LegalEntity": _THING,
    "Organization": _THING,
    "Company": _THING,
    "Person": {**_THING, "birthDate": "date", "nationality": "country"},
    "Sanction": {
        "entity": "entity", "authority": "string", "authorityId": "string",
        "program": "string", "programId": "string", "listingDate": "date",
        "startDate": "date", "country": "country", "sourceUrl": "url", "reason": "text",
        "summary": "text",
    },
}  # fmt: skip
MAX_LENGTH = {"name": 384, "string": 1024, "address": 250, "country": 16, "date": 32,
              "url": 4096, "topic": 64, "entity": 200, "text": 65000}  # fmt: skip
TOPICS = {"sanction", "export.control", "debarment", "asset.frozen"}
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_COUNTRY = re.compile(r"^[a-z]{2}(-[a-z0-9]{1,3})?$")
TOPIC_BY_AUTHORITY = {"METI": "export.control", "MOF": "sanction"}


def _props(values: dict[str, list[Any]]) -> dict[str, list[str]]:
    out = {}
    for key, raw in values.items():
        seen = list(dict.fromkeys(str(v) for v in raw if v not in (None, "")))
        if seen:
            out[key] = seen
    return out


def entities(list_doc: dict[str, Any]) -> list[dict[str, Any]]:
    """The FtM entities of one published list: entity, then its sanction, in list order."""
    dataset = f"regwatch-{list_doc['list']}"
    urls = list_doc["edition"]["urls"]
    topic = TOPIC_BY_AUTHORITY.get(list_doc["authority"], "sanction")
    out = []
    for record in list_doc["entities"]:
        person = record["schema"] == "Person"
        props = {
            "name": [record["name_en"], record["name_ja"]],
            "alias": [*record["aliases_en"], *record["aliases_ja"]],
            "country": [record["country"].lower()] if record["country"] else [],
            "address": [a[:250] for a in record["addresses"]],
            "topics": [topic],
            "sourceUrl": urls,
            "program": [record["programme"] or list_doc["title"]],
        }
        if person:
            props["birthDate"] = [record["details"].get("birth_date")]
        out.append(
            {
                "id": record["id"],
                "schema": record["schema"],
                "properties": _props(props),
                "datasets": [dataset],
                "first_seen": record["first_seen"],
                "last_change": record["last_changed"],
            }
        )
        out.append(
            {
                "id": f"{record['id']}-sanction",
                "schema": "Sanction",
                "properties": _props(
                    {
                        "entity": [record["id"]],
                        "authority": [list_doc["authority"]],
                        "country": ["jp"],
                        "program": [record["programme"] or list_doc["title"]],
                        "listingDate": [record["listed"]],
                        "sourceUrl": urls,
                    }
                ),
                "datasets": [dataset],
            }
        )
    return out


def validate(items: list[dict[str, Any]]) -> list[str]:
    """Every way `items` break the FtM rules above; empty when they are valid."""
    problems = []
    ids = {item.get("id") for item in items}
    for item in items:
        where = item.get("id") or "?"
        schema = SCHEMA_PROPERTIES.get(item.get("schema"))
        if not isinstance(item.get("id"), str) or not item["id"]:
            problems.append(f"{where}: no id")
        if schema is None:
            problems.append(f"{where}: unknown schema {item.get('schema')!r}")
            continue
        for prop, values in item.get("properties", {}).items():
            kind = schema.get(prop)
            if kind is None:
                problems.append(f"{where}: {item['schema']} has no property {prop!r}")
                continue
            if not isinstance(values, list) or not values:
                problems.append(f"{where}.{prop}: not a non-empty list")
                continue
            for value in values:
                problems.extend(f"{where}.{prop}: {p}" for p in _value_problems(kind, value, ids))
    return problems


def _value_problems(kind: str, value: Any, ids: set) -> list[str]:
    if not isinstance(value, str) or not value.strip():
        return [f"empty or non-string value {value!r}"]
    if len(value) > MAX_LENGTH[kind]:
        return [f"longer than {MAX_LENGTH[kind]} ({len(value)})"]
    checks = {
        "country": lambda v: _COUNTRY.match(v),
        "date": lambda v: _DATE.match(v),
        "url": lambda v: v.startswith(("http://", "https://")),
        "topic": lambda v: v in TOPICS,
        "entity": lambda v: v in ids,
    }
    check = checks.get(kind)
    return [f"not a valid {kind}: {value!r}"] if check and not check(value) else []
