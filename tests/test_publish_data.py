"""A small release history for the publish tests, written the way normalize/release.py does,
and the checks publish.history makes on such a folder.

Four releases: the first adds five measures, the second amends one (entering into force)
and adds one, the third changes nothing, the fourth amends, lifts and removes. Titles,
summaries, source titles, descriptions, reasons and diffs carry hostile text.
"""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path

import pytest
from diff_match_patch import diff_match_patch

from publish.history import HistoryError, load_history

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
JS_URL = "javascript:alert(1)"
HOSTILE = f"{SCRIPT} {IMG} **bold** [x]({JS_URL}) {{{{ config }}}} {{% raw %}} & ok"

R1, R2, R3, R4 = "20220301T090000Z", "20220308T090000Z", "20220315T090000Z", "20220322T090000Z"
TIMES = {rid: f"{rid[:4]}-{rid[4:6]}-{rid[6:8]}T09:00:00Z" for rid in (R1, R2, R3, R4)}


def source(url: str, title: str, published: str, lang: str = "en") -> dict:
    return {"url": url, "title": title, "published": published, "lang": lang}


def measure(mid: str, title: str, **fields) -> dict:
    record = {
        "id": mid,
        "title": title,
        "title_ja": None,
        "jurisdiction": "JP",
        "authority": "METI",
        "type": "export_ban",
        "topics": ["russia"],
        "targets": ["RU"],
        "status": "announced",
        "announced": "2022-03-01",
        "effective": [],
        "lifted": None,
        "counts": {},
        "milestones": [],
        "summary": "",
        "sources": [],
        "version": 1,
        "first_seen": R1,
        "last_changed": R1,
    }
    record.update(fields)
    return record


def first_measures() -> dict[str, dict]:
    meti = "https://www.meti.go.jp/press/2021/03/20220301001/20220301001.html"
    records = [
        measure(
            "jp-export-ban-ru-luxury-goods",
            "Ban on exports of luxury goods to Russia",
            title_ja="ロシア向け奢侈品の輸出禁止",
            effective=[{"date": "2022-04-05", "description": "Ban takes effect", "source": meti}],
            counts={"items": 146},
            summary="Exports of luxury goods to Russia are banned.",
            sources=[source(meti, "ロシア向け奢侈品の輸出禁止について", "2022-03-01", "ja")],
        ),
        measure(
            "jp-asset-freeze-ru-individuals",
            f"Asset freeze on Russian individuals {IMG}",
            type="asset_freeze",
            authority="MOF",
            status="in_force",
            effective=[{"date": "2022-03-01", "description": f"Freeze {SCRIPT}", "source": JS_URL}],
            counts={"individuals": 9},
            summary=f"Nine individuals.\n\n{HOSTILE}",
            sources=[
                source(JS_URL, IMG, "2022-03-01"),
                source("https://www.mof.go.jp/a.html", "Freeze", "2022-03-01"),
            ],
        ),
        measure(
            "ipef-supply-chain-agreement",
            "IPEF supply chain agreement",
            title_ja="IPEFサプライチェーン協定",
            jurisdiction="G7",
            authority="MOFA",
            type="agreement",
            topics=["ipef"],
            targets=[],
            summary="Partners coordinate on supply chains.",
        ),
        measure(
            "jp-policy-hostile",
            HOSTILE,
            type="policy",
            topics=["economic-security", "g7"],
            summary=HOSTILE,
            title_ja=SCRIPT,
            milestones=[{"date": "2022-03-02", "event": HOSTILE, "source": JS_URL}],
        ),
        measure(
            "g7-statement-ru-energy",
            "G7 statement on Russian energy",
            jurisdiction="G7",
            authority="G7 Leaders",
            type="statement",
            topics=["g7", "russia"],
            summary="Leaders commit to phase out Russian oil.",
        ),
    ]
    return {r["id"]: r for r in records}


def change(before: dict, after: dict, kind: str) -> dict:
    skip = {"version", "last_changed"}
    fields = {
        k: {"before": before[k], "after": after[k]}
        for k in sorted(after)
        if k not in skip and before[k] != after[k]
    }
    diffs = {}
    if before["summary"] != after["summary"]:
        ops = diff_match_patch().diff_main(before["summary"], after["summary"])
        diffs["summary"] = [[op, text] for op, text in ops]
    return {
        "id": after["id"],
        "title": after["title"],
        "version": after["version"],
        "kind": kind,
        "fields": fields,
        "text_diffs": diffs,
    }


def bump(record: dict, release: str, **fields) -> dict:
    new = copy.deepcopy(record)
    new.update(fields)
    new["version"] = record["version"] + 1
    new["last_changed"] = release
    return new


def history_spec() -> list[tuple[str, dict[str, dict], dict]]:
    """(release id, snapshot, changes lists) for the four releases."""
    one = first_measures()
    two = dict(one)
    lux = one["jp-export-ban-ru-luxury-goods"]
    two[lux["id"]] = bump(
        lux,
        R2,
        status="in_force",
        summary=f"Exports of luxury goods to Russia are banned {SCRIPT}.",
    )
    esa = measure(
        "jp-economic-security-promotion-act",
        "Economic Security Promotion Act",
        title_ja="経済安全保障推進法",
        authority="Cabinet Office",
        type="law",
        topics=["economic-security"],
        targets=[],
        first_seen=R2,
        last_changed=R2,
        milestones=[
            {
                "date": "2022-05-11",
                "event": "passed",
                "source": "https://www.cao.go.jp/keizai_anzen_hosho/",
            }
        ],
        summary="Supply chains, infrastructure, technology, patents.",
    )
    two[esa["id"]] = esa
    four = dict(two)
    frz = two["jp-asset-freeze-ru-individuals"]
    four[frz["id"]] = bump(
        frz,
        R4,
        counts={"individuals": 15},
        effective=frz["effective"]
        + [
            {
                "date": "2022-04-20",
                "description": f"Six more {IMG}",
                "source": "https://mof.go.jp/b",
            }
        ],
    )
    pol = two["jp-policy-hostile"]
    four[pol["id"]] = bump(pol, R4, status="lifted", lifted="2022-03-21")
    del four["g7-statement-ru-energy"]
    return [
        (R1, one, {"added": list(one.values()), "modified": [], "removed": []}),
        (
            R2,
            two,
            {"added": [esa], "modified": [change(lux, two[lux["id"]], "in_force")], "removed": []},
        ),
        (R3, two, {"added": [], "modified": [], "removed": []}),
        (
            R4,
            four,
            {
                "added": [],
                "modified": [
                    change(frz, four[frz["id"]], "amended"),
                    change(pol, four[pol["id"]], "lifted"),
                ],
                "removed": [
                    {
                        "id": "g7-statement-ru-energy",
                        "title": "G7 statement",
                        "reason": f"Withdrawn {SCRIPT}",
                    }
                ],
            },
        ),
    ]


def dump(obj) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def write_releases(data: Path, spec=None) -> Path:
    """Write the release folders of `spec` (default: history_spec()) under data/releases/."""
    previous, manifest_sha = None, None
    for rid, snapshot, lists in spec or history_spec():
        folder = data / "releases" / rid
        folder.mkdir(parents=True)
        counts = {"measures": len(snapshot), **{k: len(v) for k, v in lists.items()}}
        files = {
            "release.json": {
                "id": rid,
                "time": TIMES.get(rid) or f"{rid[:4]}-{rid[4:6]}-{rid[6:8]}T09:00:00Z",
                "as_of": f"{rid[:4]}-{rid[4:6]}-{rid[6:8]}",
                "previous": previous,
                "crawl": f"crawl-{rid}",
                "result": "partial" if rid == R4 else "ok",
                "sources": {
                    "meti_news_ja": {
                        "status": "ok",
                        "pages": 12,
                        "announcements": 10,
                        "error": None,
                    },
                    "mof_news_en": {
                        "status": "failed" if rid == R4 else "ok",
                        "pages": 0,
                        "announcements": 0,
                        "error": f"HTTP 503 {SCRIPT}" if rid == R4 else None,
                    },
                },
                "counts": counts,
            },
            "measures.json": {"release": rid, "measures": [snapshot[k] for k in sorted(snapshot)]},
            "changes.json": {
                "release": rid,
                "previous": previous,
                "time": TIMES.get(rid) or f"{rid[:4]}-{rid[4:6]}-{rid[6:8]}T09:00:00Z",
                **lists,
            },
        }
        entries = {}
        for name, obj in files.items():
            raw = dump(obj)
            (folder / name).write_bytes(raw)
            entries[name] = {"sha256": hashlib.sha256(raw).hexdigest(), "size": len(raw)}
        manifest = dump(
            {"release": rid, "previous_manifest_sha256": manifest_sha, "files": entries}
        )
        (folder / "manifest.json").write_bytes(manifest)
        previous, manifest_sha = rid, hashlib.sha256(manifest).hexdigest()
    return data


def test_fixture_history_loads(tmp_path):
    history = load_history(write_releases(tmp_path))
    assert [r.id for r in history.releases] == [R1, R2, R3, R4]
    kinds = sorted((e.release.id, e.measure_id, e.kind, e.version) for e in history.events)
    assert (R2, "jp-export-ban-ru-luxury-goods", "in_force", 2) in kinds
    assert (R4, "g7-statement-ru-energy", "removed", 1) in kinds
    assert not [e for e in history.events if e.release.id == R3]
    assert "g7-statement-ru-energy" in history.records


def test_tampered_release_file_is_refused(tmp_path):
    write_releases(tmp_path)
    path = tmp_path / "releases" / R2 / "measures.json"
    path.write_bytes(path.read_bytes().replace(b"Russia", b"Rossia"))
    with pytest.raises(HistoryError, match="does not match its manifest"):
        load_history(tmp_path)


def test_version_gap_is_refused(tmp_path):
    spec = history_spec()
    rid, snapshot, lists = spec[1]
    lists["modified"][0]["version"] = 3
    with pytest.raises(HistoryError, match="jumps to version 3"):
        load_history(write_releases(tmp_path, spec))


def test_unsafe_measure_id_is_refused(tmp_path):
    spec = history_spec()
    spec[0][2]["added"][0]["id"] = "../../etc"
    with pytest.raises(HistoryError, match="does not match"):
        load_history(write_releases(tmp_path, spec))


def test_releases_sharing_a_crawl_time_sort_by_suffix_and_temp_folders_are_skipped(tmp_path):
    from publish.release_folder import release_order

    ids = ["20220301T090000Z-10", "20220301T090000Z-2", "20220301T090000Z", "20220228T090000Z"]
    assert sorted(ids, key=release_order) == [
        "20220228T090000Z",
        "20220301T090000Z",
        "20220301T090000Z-2",
        "20220301T090000Z-10",
    ]
    write_releases(tmp_path)
    (tmp_path / "releases" / f".{R4}-2.tmp").mkdir()  # normalize's half-written release
    assert load_history(tmp_path).latest.id == R4
