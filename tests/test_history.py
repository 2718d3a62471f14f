"""History on two time axes, on the demo archive: as-of queries, deltas, causes, families,
the verifiable chain and the rebuild from raw."""

from __future__ import annotations

import json
import os
import shutil
from datetime import date
from pathlib import Path

import pytest
from conftest import run_regwatch

from normalize.asof import in_force_on
from normalize.delta import apply_delta

ROOT = Path(__file__).resolve().parent.parent
MILITARY = "jp-export-ban-ru-by-military-end-users"


@pytest.fixture(scope="module")
def data(demo_run) -> Path:
    return demo_run / "data"


def release_on(data: Path, day: str) -> str:
    for path in sorted((data / "releases").iterdir()):
        if (path / "release.json").exists() and json.loads((path / "release.json").read_text())[
            "as_of"
        ] == day:
            return path.name
    raise AssertionError(day)


def test_in_force_between_two_amendments(data):
    answer = in_force_on(data, date(2022, 5, 1))
    military = next(m for m in answer["measures"] if m["id"] == MILITARY)
    assert [e["date"] for e in military["effective_by_then"]] == ["2022-03-18", "2022-04-01"]
    assert [e["date"] for e in military["later_effective"]] == ["2022-05-17"]
    ids = {m["id"] for m in answer["measures"]}
    assert "jp-export-ban-ru-advanced-goods" not in ids  # effective 20 May
    assert "jp-import-ban-ru-goods" in ids  # effective 19 April


def test_future_effective_date_seen_from_an_earlier_release(data):
    march11 = release_on(data, "2022-03-11")
    later = in_force_on(data, date(2022, 3, 20), known_at=march11)
    assert later["known_at"] == march11
    assert "jp-export-ban-ru-by-regime-items" in {m["id"] for m in later["measures"]}
    before = in_force_on(data, date(2022, 3, 15), known_at=march11)
    assert "jp-export-ban-ru-by-regime-items" not in {m["id"] for m in before["measures"]}
    snapshot = json.loads((data / "releases" / march11 / "measures.json").read_text())
    record = next(m for m in snapshot["measures"] if m["id"] == "jp-export-ban-ru-by-regime-items")
    assert record["status"] == "announced"  # the release's own calendar, not today's


def test_known_at_a_date_picks_the_last_release_by_then(data):
    answer = in_force_on(data, date(2022, 6, 30), known_at="2022-04-13")
    assert answer["known_at"] == release_on(data, "2022-04-12")
    assert "jp-export-ban-ru-industrial-base" not in {m["id"] for m in answer["measures"]}


def test_asof_cli_table_and_json(demo_run):
    proc = run_regwatch(
        "asof", "--in-force", "2022-05-01", "--topic", "russia", "--json", cwd=demo_run
    )
    assert proc.returncode == 0, proc.stderr
    answer = json.loads(proc.stdout)
    assert answer["in_force_on"] == "2022-05-01" and answer["topic"] == "russia"
    table = run_regwatch("asof", "--in-force", "2022-05-01", cwd=demo_run)
    assert MILITARY in table.stdout and "2022-05-17" in table.stdout


def test_deltas_applied_in_order_give_the_latest_measures(demo_run, data):
    versions = json.loads((demo_run / "public/api/v1/versions.json").read_text())
    state: dict = {}
    for release in reversed(versions["releases"]):
        assert release["delta_url"].endswith(f"/releases/{release['id']}/delta.jsonl")
        text = (demo_run / "public/api/v1/releases" / release["id"] / "delta.jsonl").read_text()
        if release["counts"]["added"] == release["counts"]["modified"] == 0:
            assert text == ""
        for line in text.splitlines():
            assert json.loads(line)["cause"] in {"source", "pipeline", "calendar"}
        state = apply_delta(state, text)
    latest = json.loads((demo_run / "public/api/v1/measures.json").read_text())["measures"]
    assert state == {m["id"]: m for m in latest}


def test_versions_carry_transaction_time_and_cause(demo_run):
    doc = json.loads((demo_run / f"public/api/v1/measures/{MILITARY}.json").read_text())
    history = doc["history"]
    assert history[0]["kind"] == "added" and history[0]["cause"] == "source"
    for older, newer in zip(history, history[1:], strict=False):
        assert older["superseded"] == newer["recorded"]
    assert history[-1]["superseded"] is None
    in_force = [h for h in history if h["kind"] == "in_force"]
    assert in_force and all(h["cause"] in {"calendar", "source"} for h in in_force)


def test_families_link_measures(demo_run):
    families = json.loads((demo_run / "public/api/v1/families.json").read_text())["families"]
    luxury = next(f for f in families if f["id"] == "luxury-goods-export-bans")
    assert "jp-export-ban-ru-luxury-goods" in {m["id"] for m in luxury["members"]}
    record = json.loads(
        (demo_run / "public/api/v1/measures/jp-export-ban-ru-luxury-goods.json").read_text()
    )
    assert record["family"] == "luxury-goods-export-bans"
    assert (demo_run / "public/families/luxury-goods-export-bans/index.html").exists()


def test_verify_passes_then_catches_tampering(demo_run, tmp_path):
    ok = run_regwatch("verify", "--data", "data", "--out", "public", cwd=demo_run)
    assert ok.returncode == 0, ok.stderr
    assert "all intact" in ok.stderr
    shutil.copytree(demo_run / "data", tmp_path / "data")
    shutil.copytree((demo_run / "public").resolve(), tmp_path / "public")
    feed = tmp_path / "public/feeds/russia.json"
    feed.write_text(feed.read_text().replace("Ban on", "Ban  on", 1))
    changes = (
        tmp_path / "data/releases" / release_on(tmp_path / "data", "2022-04-01") / "changes.json"
    )
    changes.write_text(changes.read_text().replace("81 entities", "18 entities"))
    bad = run_regwatch("verify", "--data", "data", "--out", "public", cwd=tmp_path)
    assert bad.returncode == 4
    assert "feeds/russia.json was altered" in bad.stderr
    assert "changes.json was altered" in bad.stderr


def test_rebuild_from_raw_is_byte_identical(demo_run, tmp_path):
    proc = run_regwatch(
        "rebuild", "--data", "data", "--into", str(tmp_path / "rebuilt"), cwd=demo_run
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = json.loads((tmp_path / "rebuilt/rebuild-report.json").read_text())
    assert report["identical"] is True
    for path in sorted((demo_run / "data/releases").glob("*/*")):
        rebuilt = tmp_path / "rebuilt/releases" / path.parent.name / path.name
        assert rebuilt.read_bytes() == path.read_bytes(), path


def test_a_parser_change_is_rebuilt_as_pipeline_changes(demo_run, tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "normalize/rules", rules)
    text = (rules / "measures.yml").read_text(encoding="utf-8")
    text = text.replace(
        "title_en: Ban on exports of luxury goods to {targets}",
        "title_en: Ban on exports of luxury items to {targets}",
    )
    (rules / "measures.yml").write_text(text, encoding="utf-8")
    env = {**os.environ, "REGWATCH_RULES_DIR": str(rules)}
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "regwatch", "rebuild", "--data", "data", "--into", str(tmp_path / "rebuilt")],
        cwd=demo_run, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = json.loads((tmp_path / "rebuilt/rebuild-report.json").read_text())
    assert report["identical"] is False
    changed = {r["release"]: r["measures"] for r in report["releases"] if r["measures"]}
    # The renamed scope's measures only: Japan's, and the partners' (US, EU) luxury-goods bans.
    assert changed and all(
        ms and all(m.endswith("-luxury-goods") for m in ms) for ms in changed.values()
    )
    assert any("jp-export-ban-ru-luxury-goods" in ms for ms in changed.values())
    assert all(r["cause"] == "pipeline" for r in report["releases"])

    # The same parser change on the live history: the next release tags it `pipeline`.
    work = tmp_path / "live"
    shutil.copytree(demo_run / "data", work / "data")
    from datetime import UTC, datetime

    from crawlers.warc import WarcWriterFile, read_responses

    warc = work / "again.warc.gz"
    writer = WarcWriterFile(warc)
    for r in read_responses(ROOT / "data/demo/snapshots/2022-06-17.warc.gz"):
        writer.write_response(
            r.url, r.status, "OK", r.headers, r.body, datetime(2022, 6, 18, tzinfo=UTC)
        )
    writer.close()
    run = subprocess.run(
        [sys.executable, "-m", "regwatch", "run", "--replay", str(warc), "--data", "data", "--out", "public"],
        cwd=work, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    latest = sorted(p for p in (work / "data/releases").iterdir() if not p.name.startswith("."))[-1]
    changes = json.loads((latest / "changes.json").read_text())
    modified = {m["id"]: m["cause"] for m in changes["modified"]}
    assert modified["jp-export-ban-ru-luxury-goods"] == "pipeline"
    assert all(m.endswith("-luxury-goods") and c == "pipeline" for m, c in modified.items())


def test_announcement_to_list_dates_and_lag(demo_run):
    doc = json.loads((demo_run / f"public/api/v1/measures/{MILITARY}.json").read_text())
    updates = {(u["list"], u["list_changed"]): u for u in doc["list_updates"]}
    may = updates[("meti-russia-entities", "2022-05-17")]
    assert (
        may["announced"],
        may["announced_effective"],
        may["entities_added"],
        may["lag_days"],
    ) == ("2022-05-13", "2022-05-17", 71, 4)
    april = updates[("meti-russia-entities", "2022-04-01")]
    assert april["entities_added"] == 81 and april["lag_days"] == 0
    page = (demo_run / f"public/measures/{MILITARY}/index.html").read_text(encoding="utf-8")
    assert "From announcement to list" in page
