"""The bundled demo's partner measures, as a subscriber reads them: the jurisdictions and the
effective dates their sources state (the BIS rules, the EU's spring-2022 packages, the UK's
first designations), beside Japan's. Facts as in data/demo/README.md ("Partner sources")."""

from __future__ import annotations

import json

import pytest

# id → (jurisdiction, authority, effective dates the sources state)
PARTNERS = {
    "us-export-ban-ru": ("US", "BIS", ["2022-02-24"]),
    "us-export-ban-ru-by-luxury-goods": ("US", "BIS", ["2022-03-11"]),
    "eu-import-ban-ru-coal": ("EU", "Council of the EU", ["2022-08-10"]),
    "eu-import-ban-ru-oil": ("EU", "Council of the EU", ["2022-12-05", "2023-02-05"]),
    "eu-import-ban-ru-goods": ("EU", "Council of the EU", []),
    "eu-export-ban-ru-luxury-goods": ("EU", "Council of the EU", []),
    "gb-asset-freeze-ru": ("GB", "FCDO", ["2022-02-22", "2022-03-10"]),
}


@pytest.fixture(scope="module")
def measures(demo_run) -> dict[str, dict]:
    path = demo_run / "public" / "api" / "v1" / "measures.json"
    return {m["id"]: m for m in json.loads(path.read_text(encoding="utf-8"))["measures"]}


@pytest.mark.parametrize("mid", sorted(PARTNERS))
def test_partner_measure_has_its_jurisdiction_and_dates(measures, mid):
    jurisdiction, authority, dates = PARTNERS[mid]
    record = measures[mid]
    assert (record["jurisdiction"], record["authority"]) == (jurisdiction, authority)
    assert [e["date"] for e in record["effective"]] == dates
    assert "russia" in record["topics"]


def test_the_federal_register_dates_a_rule_before_its_publication(measures):
    rule = measures["us-export-ban-ru"]
    published = {s["url"]: s["published"] for s in rule["sources"]}
    assert "2022-03-03" in published.values()  # 87 FR 12226, effective 24 February
    assert any("commerce.gov" in url for url in published)  # the day's press release too
    assert rule["status"] == "in_force"


def test_a_ban_that_starts_after_the_release_is_announced(measures):
    assert measures["eu-import-ban-ru-coal"]["status"] == "announced"  # 10 August 2022


def test_cabinet_office_and_commerce_pages_join_japans_records(measures):
    act = measures["jp-economic-security-promotion-act"]
    assert any("cao.go.jp" in s["url"] for s in act["sources"])
    assert act["effective"] == []  # the Act enters into force in stages: no date stated
    ipef = measures["jp-ipef"]
    assert any("commerce.gov" in s["url"] for s in ipef["sources"])


def test_g7_statement_copies_are_sources_of_the_one_statement(measures):
    g7 = measures["g7-leaders-statement-2022-05-08"]
    hosts = {s["url"].split("/")[2] for s in g7["sources"]}
    assert hosts == {"www.mofa.go.jp", "japan.kantei.go.jp"}
    assert not [m for m in measures if m.startswith("g7-") and m != g7["id"]]  # FM statement: none
