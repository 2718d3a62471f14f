"""Escaping, links and diffs (publish.render, publish.urls), including against whatever
text a source may contain."""

from __future__ import annotations

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from publish import render, urls
from publish.jsonout import dumps


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "data:text/html,x",
        "vbscript:x",
        "//evil.example/x",
        "http:///x",
        "https://a.example/\nx",
        "",
        None,
    ],
)
def test_unsafe_urls_are_not_links(url):
    assert render.safe_url(url) is None
    assert "<a " not in render.link(url, "text")


def test_http_urls_are_links_with_escaped_text():
    html = render.link('https://www.meti.go.jp/a?b=1&c="2"', "<b>t</b>")
    assert html == (
        '<a href="https://www.meti.go.jp/a?b=1&amp;c=&quot;2&quot;" '
        'rel="nofollow noopener noreferrer">&lt;b&gt;t&lt;/b&gt;</a>'
    )


def test_diff_marks_insertions_and_deletions_escaped():
    html = render.diff_html([[0, "Ban "], [-1, "<b>old</b>"], [1, "<script>x</script>"]])
    assert html == (
        '<div class="rw-diff">Ban <del>&lt;b&gt;old&lt;/b&gt;</del>'
        "<ins>&lt;script&gt;x&lt;/script&gt;</ins></div>"
    )
    with pytest.raises(ValueError):
        render.diff_html([[2, "x"]])


def test_paragraphs_split_on_blank_lines():
    assert render.paragraphs("a\r\nb\n\n\n c \x00") == "<p>a<br>\nb</p>\n<p>c</p>"


def test_json_is_html_safe_and_unchanged_in_value():
    raw = dumps({"t": "<script>&</script>"})
    assert b"<" not in raw and b"&" not in raw
    import json

    assert json.loads(raw) == {"t": "<script>&</script>"}


@pytest.mark.parametrize(
    ("src", "target", "expected"),
    [
        ("measures/a.md", "measures/b.md", "../b/"),
        ("index.md", "measures/b.md", "measures/b/"),
        ("measures/a.md", "index.md", "../../"),
        ("releases/index.md", "releases/x.md", "x/"),
        ("topics/russia.md", "feeds/russia.xml", "../../feeds/russia.xml"),
        ("index.md", "index.md", "./"),
    ],
)
def test_relative_hrefs_follow_directory_urls(src, target, expected):
    assert urls.href(src, target) == expected


hostile_text = st.text(
    alphabet=st.sampled_from(list("<>&\"'`*_[]()!#{}%\\\n\r\t :/=-") + ["\x02", "\x03", "a", "日"]),
    max_size=80,
)


@settings(max_examples=150, deadline=None)
@given(
    hostile_text,
    hostile_text,
    st.lists(st.tuples(st.sampled_from([-1, 0, 1]), hostile_text), max_size=4),
)
def test_markdown_never_sees_scraped_text(title, summary, ops):
    body = render.block(
        f"<h1>{render.esc(title)}</h1>",
        render.paragraphs(summary),
        render.link("javascript:x", title),
        render.diff_html([list(op) for op in ops]),
    )
    assert "\n\n" not in body.strip()
    html = markdown.markdown("## Fixed heading\n\n" + body + "## After\n", extensions=["tables"])
    assert html.endswith("<h2>After</h2>")  # the block closed where it should
    for tag in ("<script", "<img", "<em>", "<strong>", '<a href="javascript', "<code>"):
        assert tag not in html
