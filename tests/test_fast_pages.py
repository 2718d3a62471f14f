"""Pages made from a shell (publish/fast_pages.py) and the site built beside the API
(publish/parallel.py) give the same published files as mkdocs building every page alone."""

from __future__ import annotations

import sys
from pathlib import Path

import markdown
import pytest

from publish import fast_pages, parallel, publish

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # bench/ is not a package regwatch installs

from bench.history import write_history  # noqa: E402

BODY = (
    '<div class="rw-block">\n<h1>Ban &amp; freeze</h1>\n<p>Summary</p>\n</div>\n\n'
    '## Facts\n\n<div class="rw-block">\n<table>\n<tr><td>1</td></tr>\n</table>\n</div>\n\n'
    '## Version history\n\n### Version 2: Amended\n\n<div class="rw-block">\n<p>x</p>\n</div>\n\n'
    '### Version 1: New measure\n\n<div class="rw-block">\n<p>y</p>\n</div>\n\n'
    '## Facts\n\n<div class="rw-block">\n<p>again</p>\n</div>\n\n'
)


def test_convert_renders_as_python_markdown_does():
    md = markdown.Markdown(
        extensions=["tables", "attr_list", "toc"], extension_configs={"toc": {"permalink": True}}
    )
    html, tokens = fast_pages.convert(BODY)
    assert html == md.convert(BODY)
    assert [t["id"] for t in tokens] == [t["id"] for t in md.toc_tokens]
    assert [c["id"] for c in tokens[1]["children"]] == [
        "version-2-amended",
        "version-1-new-measure",
    ]
    assert tokens[2]["id"] == "facts_1"


@pytest.mark.parametrize(
    "body", ["## *Facts*\n\n<p>x</p>\n", "Some **Markdown** paragraph\n", "## A & B\n\n<p>x</p>\n"]
)
def test_convert_refuses_what_markdown_would_rewrite(body):
    with pytest.raises(fast_pages.ShellMismatch):
        fast_pages.convert(body)


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_made_pages_are_byte_identical_to_mkdocs(tmp_path, monkeypatch):
    data = tmp_path / "data"
    write_history(data, 60, releases=2)
    monkeypatch.setattr(fast_pages, "FAST_PAGES_MIN", 10)
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 10)  # the site built in a forked child
    fast = publish(data, tmp_path / "fast")
    monkeypatch.setattr(fast_pages, "FAST_PAGES_MIN", 10**9)
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 10**9)
    slow = publish(data, tmp_path / "slow")
    assert fast["counts"] == slow["counts"]
    made, built = _files(tmp_path / "fast"), _files(tmp_path / "slow")
    assert made.keys() == built.keys()
    differing = sorted(name for name in built if made[name] != built[name])
    # The search index keeps one entry (title, summary) per made page instead of its sections.
    assert differing == ["search/search_index.json"]
    assert len([n for n in built if n.startswith("measures/")]) == 60
