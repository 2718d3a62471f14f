"""Field-level comparison of two versions of a measure, and text diffs of changed prose."""

from __future__ import annotations

from diff_match_patch import diff_match_patch

# Fields the pipeline maintains; they change on every version and are not news.
BOOKKEEPING = ("version", "first_seen", "last_changed")
PROSE = ("title", "title_ja", "summary")
DIFF_TIMEOUT_SECONDS = 1.0  # a pathological pair of texts must not stall a release
LONG_TEXT_CHARS = 2_000  # prose beyond this is diffed the cheap way (text_diff)


def content(record: dict) -> dict:
    return {k: v for k, v in record.items() if k not in BOOKKEEPING}


def changed_fields(before: dict, after: dict) -> dict[str, dict]:
    keys = sorted(set(content(before)) | set(content(after)))
    return {
        k: {"before": before.get(k), "after": after.get(k)}
        for k in keys
        if before.get(k) != after.get(k)
    }


def text_diff(before: str, after: str) -> list[list]:
    dmp = diff_match_patch()
    dmp.Diff_Timeout = DIFF_TIMEOUT_SECONDS
    long = max(len(before or ""), len(after or "")) > LONG_TEXT_CHARS
    if long:
        # Three parts of diff-match-patch ignore the timeout and are quadratic on periodic
        # text ("ab" * 50000 against "ba" * 50000 took 14 to 39 s, bench/adversarial.py): the
        # half-match speed-up, line mode and the semantic cleanup (its overlap search). A
        # long text is diffed without them, within DIFF_TIMEOUT_SECONDS.
        dmp.diff_halfMatch = lambda text1, text2: None
    diffs = dmp.diff_main(before or "", after or "", not long)
    if long:
        dmp.diff_cleanupEfficiency(diffs)
    else:
        dmp.diff_cleanupSemantic(diffs)
    return [[op, text] for op, text in diffs]


def apply_text_diff(diffs: list[list]) -> tuple[str, str]:
    """(before, after) recovered from a diff: the check that a diff loses nothing."""
    before = "".join(text for op, text in diffs if op <= 0)
    after = "".join(text for op, text in diffs if op >= 0)
    return before, after


# A new announcement restating a measure adds a source (and may reword its summary) without
# changing what the measure is: a version, but not news for subscribers.
SOURCE_FIELDS = {"sources", "summary", "title_ja"}


def change_kind(fields: dict[str, dict]) -> str:
    if "lifted" in fields and fields["lifted"]["after"]:
        return "lifted"
    legal = set(fields) - SOURCE_FIELDS
    if legal == {"status"} and fields["status"]["after"] == "in_force":
        return "in_force"
    if not legal:
        return "sources"
    return "amended"


def modification(before: dict, after: dict) -> dict | None:
    fields = changed_fields(before, after)
    if not fields:
        return None
    return {
        "id": after["id"],
        "title": after["title"],
        "version": after["version"],
        "kind": change_kind(fields),
        "fields": fields,
        "text_diffs": {
            k: text_diff(fields[k]["before"] or "", fields[k]["after"] or "")
            for k in PROSE
            if k in fields
        },
    }
