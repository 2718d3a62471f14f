"""A release's delta: JSON lines a subscriber applies to its copy of the previous release.

    {"op": "ADD", "id": …, "cause": …, "after": record}
    {"op": "MOD", "id": …, "cause": …, "kind": …, "before": record, "after": record}
    {"op": "DEL", "id": …, "cause": …, "before": record}

Lines are sorted by id and canonical (sorted keys, <>& escaped); a release without change has
an empty delta. Applying every delta in order to an empty dict gives the latest measures.
"""

from __future__ import annotations

import json


def _line(value: dict) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def delta_lines(changes: dict, before: dict[str, dict], after: dict[str, dict]) -> str:
    lines = []
    for record in changes["added"]:
        clean = {k: v for k, v in record.items() if k != "cause"}
        lines.append(
            (
                record["id"],
                {"op": "ADD", "id": record["id"], "cause": record["cause"], "after": clean},
            )
        )
    for mod in changes["modified"]:
        mid = mod["id"]
        lines.append(
            (
                mid,
                {
                    "op": "MOD",
                    "id": mid,
                    "cause": mod["cause"],
                    "kind": mod["kind"],
                    "before": before[mid],
                    "after": after[mid],
                },
            )
        )
    for rem in changes["removed"]:
        lines.append(
            (
                rem["id"],
                {
                    "op": "DEL",
                    "id": rem["id"],
                    "cause": rem.get("cause", "source"),
                    "before": before[rem["id"]],
                },
            )
        )
    return "".join(_line(value) + "\n" for _, value in sorted(lines, key=lambda x: x[0]))


def apply_delta(state: dict[str, dict], text: str) -> dict[str, dict]:
    out = dict(state)
    for raw in text.splitlines():
        if not raw.strip():
            continue
        line = json.loads(raw)
        if line["op"] == "DEL":
            out.pop(line["id"], None)
        else:
            out[line["id"]] = line["after"]
    return out
