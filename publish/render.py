"""Scraped text made safe for HTML, and the small HTML pieces built from it.

Every title, summary, description, source title, error message and diff fragment is scraped
and so hostile. Nothing here lets one through unescaped: text goes through `esc` (html.escape
after dropping control characters), URLs through `safe_url` (http and https only), and the
result never holds a blank line, so Markdown keeps a raw HTML block whole and never reads the
text inside it as Markdown.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from typing import Any
from urllib.parse import urlsplit

_NEWLINES = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_BLANK_LINES = re.compile(r"\n[ \t]*\n")


def clean_text(text: str) -> str:
    """Unix newlines; no control characters but newline and tab (XML 1.0 forbids them)."""
    text = _NEWLINES.sub("\n", text)
    if text.replace("\n", " ").replace("\t", " ").isprintable():
        return text  # no control, format, surrogate, private-use or unassigned character
    return "".join(
        ch
        for ch in text
        if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs", "Co", "Cn")
    )


def one_line(text: str) -> str:
    return " ".join(clean_text(text).split())


def esc(text: str | None) -> str:
    """Escaped text on one line; "—" for a missing value."""
    return "—" if text is None else html.escape(one_line(str(text)))


def esc_breaks(text: str) -> str:
    """Escaped text keeping its line breaks as <br>, never leaving a blank line."""
    return "<br>\n".join(html.escape(clean_text(text)).split("\n"))


def paragraphs(text: str | None) -> str:
    if not text:
        return ""
    parts = [p for p in _BLANK_LINES.split(clean_text(text).strip()) if p.strip()]
    return "\n".join(f"<p>{esc_breaks(p.strip())}</p>" for p in parts)


def safe_url(url: str | None) -> str | None:
    """The URL if it is a plain http(s) URL a reader may follow, else None."""
    if not url or url != one_line(url) or " " in url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme in ("http", "https") and parts.netloc else None


def link(url: str | None, text: str, *, external: bool = True) -> str:
    """A link to a scraped URL, or the escaped text alone when the URL is not http(s)."""
    target = safe_url(url)
    if target is None:
        return f'{esc(text)} <span class="rw-muted">(unsafe link removed)</span>'
    rel = ' rel="nofollow noopener noreferrer"' if external else ""
    return f'<a href="{html.escape(target)}"{rel}>{esc(text)}</a>'


def internal_link(href: str, text: str) -> str:
    """A link to one of our own pages or files (href computed by publish.urls)."""
    return f'<a href="{html.escape(href)}">{esc(text)}</a>'


def diff_html(ops: list[list[Any]]) -> str:
    """diff-match-patch tuples as text with <del> and <ins>, escaped."""
    out = []
    for op, text in ops:
        piece = esc_breaks(text)
        if op == 0:
            out.append(piece)
        elif op == -1:
            out.append(f"<del>{piece}</del>")
        elif op == 1:
            out.append(f"<ins>{piece}</ins>")
        else:
            raise ValueError(f"not a diff-match-patch operation: {op!r}")
    return f'<div class="rw-diff">{"".join(out)}</div>'


def value_html(value: Any) -> str:
    """A field's value before or after a change, readable and escaped."""
    if value is None or value == [] or value == {}:
        return "—"
    if isinstance(value, list) and all(isinstance(v, dict) for v in value):
        return "<ul>" + "".join(f"<li>{entry_html(v)}</li>" for v in value) + "</ul>"
    if isinstance(value, list):
        return esc(", ".join(str(v) for v in value))
    if isinstance(value, dict):
        return esc(", ".join(f"{k}: {v}" for k, v in sorted(value.items())))
    if isinstance(value, str):
        return esc(value)
    return f"<code>{esc(json.dumps(value, ensure_ascii=False))}</code>"


def entry_html(entry: dict[str, Any]) -> str:
    """One entry of a list field: a dated entry, a source, or any other object."""
    if "date" in entry:
        return dated_html(entry)
    if "url" in entry and "title" in entry:
        return source_html(entry)
    return esc("; ".join(f"{k}: {v}" for k, v in sorted(entry.items())))


def source_html(source: dict[str, Any]) -> str:
    """An announcement: its title linking to it, then its date and language."""
    title = link(source["url"], source["title"] or source["url"])
    return (
        f'{title} <span class="rw-muted">{esc(source["published"])}, {esc(source["lang"])}</span>'
    )


def dated_html(entry: dict[str, Any]) -> str:
    """An effective date or milestone: date, what happens, link to its source."""
    what = entry["description"] if "description" in entry else entry["event"]
    cite = ""
    if safe_url(entry["source"]):
        cite = f' <span class="rw-muted">({link(entry["source"], "source")})</span>'
    elif entry["source"] is not None:
        cite = ' <span class="rw-muted">(source: unsafe link removed)</span>'
    return f"<time>{esc(entry['date'])}</time> {esc(what)}{cite}"


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A table of already-escaped cells (no class: mkdocs-material styles `table:not([class])`)."""
    head = "".join(f"<th>{h}</th>" for h in headers)
    body = "\n".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def block(*parts: str) -> str:
    """Raw HTML for a Markdown page: one <div>, no blank line inside, a blank line after."""
    inner = "\n".join(line for part in parts for line in part.split("\n") if line.strip())
    return f'<div class="rw-block">\n{inner}\n</div>\n\n'
