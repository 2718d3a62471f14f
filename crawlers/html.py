"""Reading pages strictly: selectors that must match, and body text that keeps its structure."""

from __future__ import annotations

import re
import unicodedata

from lxml import etree
from parsel import Selector, SelectorList


class LayoutError(ValueError):
    """A page does not have the structure its spider expects (the site's layout changed)."""


def select_one(sel: Selector | SelectorList, css: str, url: str = "") -> Selector:
    """The one element matching `css`; anything else means the layout changed."""
    found = sel.css(css)
    if len(found) != 1:
        raise LayoutError(f"expected exactly one {css!r}, found {len(found)} at {url}")
    return found[0]


def select_first(sel: Selector | SelectorList, css_options: list[str], url: str = "") -> Selector:
    """The first of several known containers (older pages use other ids)."""
    for css in css_options:
        found = sel.css(css)
        if found:
            return found[0]
    raise LayoutError(f"none of {css_options} found at {url}")


_BLOCK = {
    "p", "div", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
    "ul", "ol", "dl", "section", "article", "br", "blockquote", "pre", "header", "footer",
    "main", "nav", "aside", "th", "td", "caption", "figure", "hr",
}  # fmt: skip
_SKIP = {"script", "style", "noscript", "template"}


def clean_line(text: str) -> str:
    # NBSP and ideographic spaces become plain spaces; control characters never reach records.
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch in "\t")
    return re.sub(r"[\s\u3000]+", " ", text).strip()


_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def element_text(sel: Selector, skip: frozenset[str] = frozenset()) -> str:
    """Plain text of an element: one line per block element, inline markup joined. Headings
    keep their role as lines opening with "# ", because what a heading governs (a list of
    materials, a 施行日 section) matters to the extractor. Elements named in `skip` are left
    out: a page whose title `h1` sits inside its body passes {"h1"}, since a title read as
    a heading would govern the whole release."""
    parts: list[str] = []

    def walk(node, is_root: bool = False) -> None:
        tag = node.tag.lower() if isinstance(node.tag, str) else None
        if tag in _SKIP or tag in skip or tag is None:  # comments, processing instructions
            if not is_root and node.tail:
                parts.append(node.tail)
            return
        block = tag in _BLOCK or tag in _HEADINGS
        if block:
            parts.append("\n")
        if tag in _HEADINGS:
            parts.append("# ")
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
        if block:
            parts.append("\n")
        if not is_root and node.tail:
            parts.append(node.tail)

    root = sel.root
    if not isinstance(root, etree._Element):
        return clean_line(str(root))
    walk(root, is_root=True)
    lines = (clean_line(line) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line and line != "#")


def inline_text(sel: Selector) -> str:
    return clean_line(" ".join(sel.css("::text").getall()))
