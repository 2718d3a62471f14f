"""The CLI contract: every verb exists and explains itself."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from regwatch.cli import main

VERBS = ["crawl", "normalize", "release", "publish", "run", "demo", "serve"]


def test_every_verb_is_registered():
    assert set(VERBS) <= set(main.commands)


@pytest.mark.parametrize("verb", VERBS)
def test_help(verb):
    result = CliRunner().invoke(main, [verb, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output
    doc = main.commands[verb].help
    assert doc and len(doc) > 20
    assert " ".join(doc.split()[:4]) in " ".join(result.output.split())


@pytest.mark.parametrize("verb", ["demo", "run", "publish"])
def test_data_and_out_default(verb):
    params = {p.name: p.default for p in main.commands[verb].params}
    assert str(params["data_dir"]) == "data"
    assert str(params["out_dir"]) == "public"


def test_unknown_source_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["crawl", "--data", str(tmp_path), "--source", "nope"])
    assert result.exit_code == 1
    assert "unknown source" in result.output
