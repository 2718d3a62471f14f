"""Generated pages at scale: most are made from a page mkdocs built, not by mkdocs one by one.

mkdocs spends about 10 ms on a page (Markdown's raw-HTML parsing, the theme's templates, the
search plugin's HTML parsing): 20,000 measures, or ten years of weekly releases, would take
minutes on every publish (docs/scale.md). The generated pages outside the nav (measures/,
releases/, topics/, ...: FOLDERS) are headings of our own words and raw HTML blocks
(publish/measure_pages.py), one folder deep, so beyond FAST_PAGES_MIN of them mkdocs builds a
measure page (the shell) and one page of each folder, and the rest are made from the shell's
HTML: title, feed links, canonical URL, table of contents (the theme's own partial) and
content replaced.

Before any page of a folder is made so, that folder's page mkdocs built is made the same way
and must come out byte for byte as mkdocs made it; if not (the theme or the page layout
changed), the folder's pages go through mkdocs as before, and a warning says why. The search
index gets one entry per made page (its title and first paragraph, not every section: at
this size the index would otherwise be hundreds of megabytes), and the sitemap lists them.
"""

from __future__ import annotations

import gzip
import html
import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml
from markdown.extensions.toc import slugify, unique
from markupsafe import escape  # what the theme's `| e` does
from mkdocs.config import load_config
from mkdocs.structure.toc import get_toc

FAST_PAGES_MIN = 300  # generated pages in FOLDERS
FOLDER = "measures"
# Generated pages outside the nav, one folder deep like measures/ (so one shell fits all).
FOLDERS = (FOLDER, "releases", "topics", "jurisdictions", "families", "lists")
HEADING = re.compile(r"#{1,6} [^\n]+")
PLAIN_HEADING = re.compile(r"[\w\s:,.()'/-]+")  # text Markdown renders as itself
FRONT = re.compile(r"^---\n(.*?\n)---\n\n", re.S)
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">')
TOC_TEMPLATE = (
    '{% import "partials/language.html" as lang with context %}{% include "partials/toc.html" %}'
)

log = logging.getLogger(__name__)


class ShellMismatch(RuntimeError):
    """A page made from the shell differs from the page mkdocs built."""


@dataclass(frozen=True)
class Source:
    folder: str
    stem: str
    title: str  # as in the front matter: already HTML-escaped
    feeds: list[dict[str, str]]
    body: str
    summary: str

    @property
    def location(self) -> str:
        return f"{self.folder}/{self.stem}/"

    @classmethod
    def read(cls, path: Path) -> Source:
        text = path.read_text(encoding="utf-8")
        match = FRONT.match(text)
        if match is None:
            raise ShellMismatch(f"{path.name}: no front matter")
        front = match.group(1)
        meta = json.loads(front) if front.startswith("{") else yaml.safe_load(front)
        body = text[match.end() :]
        lead = re.search(r"<p>(.*?)</p>", body)
        summary = html.unescape(re.sub(r"<[^>]+>", "", lead.group(1))) if lead else ""
        return cls(path.parent.name, path.stem, meta["title"], meta.get("feeds", []), body, summary)


def convert(body: str) -> tuple[str, list[dict]]:
    """The body as Python-Markdown renders it (toc permalinks on): headings become anchored
    hN elements, raw HTML blocks stay as they are. Raises ShellMismatch on anything else."""
    parts: list[str] = []
    ids: set[str] = set()
    tokens: list[dict] = []
    stack: list[dict] = []
    for chunk in re.split(r"\n{2,}", body.strip("\n")):
        if not HEADING.fullmatch(chunk):
            if not chunk.startswith("<"):
                raise ShellMismatch(f"not a raw HTML block: {chunk[:60]!r}")
            parts.append(chunk + "\n")
            continue
        hashes, text = chunk.split(" ", 1)
        if not PLAIN_HEADING.fullmatch(text):
            raise ShellMismatch(f"heading Markdown would rewrite: {text!r}")
        level, anchor = len(hashes), unique(slugify(text, "-"), ids)
        parts.append(
            f'<h{level} id="{anchor}">{text}<a class="headerlink" href="#{anchor}" '
            f'title="Permanent link">&para;</a></h{level}>'
        )
        token = {"level": level, "id": anchor, "name": text, "children": []}
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else tokens).append(token)
        stack.append(token)
    return "\n".join(parts).rstrip("\n"), tokens


def feed_links(feeds: list[dict[str, str]], base: str) -> str:
    """site/overrides/main.html's extrahead, for these feeds."""
    kinds = (("application/feed+json", "JSON Feed", "json"), ("application/rss+xml", "RSS", "xml"),
             ("application/atom+xml", "Atom", "atom"))  # fmt: skip
    return "".join(
        f'\n  <link rel="alternate" type="{kind}" title="regwatch: {escape(feed["title"])} '
        f'({label})" href="{base}/{escape(feed["path"])}.{ext}">'
        for feed in feeds
        for kind, label, ext in kinds
    )


class Shell:
    """A measure page mkdocs built, with the places where pages differ found in it."""

    def __init__(self, built: str, source: Source, toc: Callable[[list[dict]], str]):
        self.toc = toc
        content, tokens = convert(source.body)
        pieces = {
            "content": content,
            "toc": toc(tokens),
            "feeds": feed_links(source.feeds, "../.."),
        }
        self.parts: list[str | tuple[str, str]] = [built]
        self._by_folder: dict[str, list[str | tuple[str, str]]] = {}
        for name, text in pieces.items():
            self._cut(name, text)
        self._cut("title", source.title, every=True)
        self._cut("location", f"/{source.location}", every=True)
        first = tokens[0]["id"] if tokens else None
        if first:
            self._cut("skip", f'href="#{first}" class="md-skip"')

    def _cut(self, name: str, text: str, every: bool = False) -> None:
        out: list[str | tuple[str, str]] = []
        found = 0
        for part in self.parts:
            if isinstance(part, tuple):
                out.append(part)
                continue
            pieces = part.split(text)
            found += len(pieces) - 1
            for i, piece in enumerate(pieces):
                if i:
                    out.append((name, text))
                out.append(piece)
        if found == 0 or (found > 1 and not every):
            raise ShellMismatch(f"{name} found {found} times in the shell page")
        self.parts = out

    def render(self, source: Source) -> str:
        content, tokens = convert(source.body)
        values = {
            "content": content,
            "toc": self.toc(tokens),
            "feeds": feed_links(source.feeds, "../.."),
            "title": source.title,
            "location": f"/{source.location}",
            "skip": f'href="#{tokens[0]["id"]}" class="md-skip"' if tokens else "",
        }
        return "".join(
            p if isinstance(p, str) else values[p[0]] for p in self._parts(source.folder)
        )

    def _parts(self, folder: str) -> list[str | tuple[str, str]]:
        """The shell as seen from another folder: mkdocs links the nav entry of a page's own
        folder index as "../", not "../../{folder}/"."""
        if folder not in self._by_folder:
            own = f'href="../../{folder}/"'
            self._by_folder[folder] = [
                p.replace(own, 'href="../"') if isinstance(p, str) else p for p in self.parts
            ]
        return self._by_folder[folder]


def toc_renderer(config_file: Path, docs: Path, site_dir: Path, base_url: str):
    config = load_config(
        config_file=str(config_file), docs_dir=str(docs), site_dir=str(site_dir), site_url=base_url
    )
    template = config.theme.get_env().from_string(TOC_TEMPLATE)

    class Page:
        def __init__(self, toc):
            self.toc = toc
            self.meta: dict = {}

    def render(tokens: list[dict]) -> str:
        return template.render(config=config, page=Page(get_toc(tokens)))

    return render


def _deferrable(path: Path) -> Source | None:
    """The page's source if a shell can make it: headings and raw HTML blocks only, and at
    least one heading (a page without one has no table of contents nor skip link)."""
    try:
        source = Source.read(path)
        return source if convert(source.body)[1] else None
    except ShellMismatch:
        return None


def build(run_mkdocs, config_file: Path, docs: Path, site_dir: Path, base_url: str) -> int:
    """publish/build.py's mkdocs run; returns how many pages were made here."""
    folders = {
        f: sorted(p for p in (docs / f).glob("*.md") if p.name != "index.md") for f in FOLDERS
    }
    if sum(map(len, folders.values())) < FAST_PAGES_MIN or len(folders[FOLDER]) < 2:
        run_mkdocs(config_file, docs, site_dir, base_url)
        return 0
    sources = {p: s for ps in folders.values() for p in ps if (s := _deferrable(p)) is not None}
    measures = [p for p in folders[FOLDER] if p in sources]
    if len(measures) < 2:
        run_mkdocs(config_file, docs, site_dir, base_url)
        return 0
    shell_page = measures[0]
    checks: dict[str, Path] = {FOLDER: measures[-1]}  # each folder: a page mkdocs builds too
    deferred: dict[str, list[Path]] = {}
    for folder, paths in folders.items():
        mine = [p for p in paths if p in sources and p != shell_page]
        if len(mine) < 2:
            continue
        checks.setdefault(folder, min(mine, key=lambda p: p.stat().st_size))  # cheapest to build
        deferred[folder] = [p for p in mine if p != checks[folder]]
    texts = {p: p.read_bytes() for ps in deferred.values() for p in ps}
    for path in texts:
        path.unlink()
    run_mkdocs(config_file, docs, site_dir, base_url)
    try:
        shell = Shell(
            _built(site_dir, shell_page),
            sources[shell_page],
            toc_renderer(config_file, docs, site_dir, base_url),
        )
    except ShellMismatch as error:
        shell, failed = None, {folder: str(error) for folder in deferred}
    else:
        failed = {
            folder: f"{checks[folder].name} made from {shell_page.name} differs from mkdocs' page"
            for folder in deferred
            if shell.render(sources[checks[folder]]) != _built(site_dir, checks[folder])
        }
    if failed:
        for folder, why in failed.items():
            log.warning("%s pages go through mkdocs one by one (slow): %s", folder, why)
            for path in deferred.pop(folder):
                path.write_bytes(texts[path])
        run_mkdocs(config_file, docs, site_dir, base_url)
    made = 0
    for folder, paths in deferred.items():
        assert shell is not None
        for path in paths:
            target = site_dir / folder / path.stem / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(shell.render(sources[path]), encoding="utf-8")
        after = shell_page if folder == FOLDER else checks[folder]
        _index([sources[p] for p in paths], site_dir, sources[after])
        made += len(paths)
    return made


def _built(site_dir: Path, page: Path) -> str:
    return (site_dir / page.parent.name / page.stem / "index.html").read_text(encoding="utf-8")


def _index(sources: list[Source], site_dir: Path, beside: Source) -> None:
    """The made pages in the search index (title and summary) and in the sitemap, after
    `beside`'s entry (mkdocs lists pages in path order)."""
    index_path = site_dir / "search" / "search_index.json"
    if index_path.exists():
        index = json.loads(index_path.read_text(encoding="utf-8"))
        index["docs"] += [
            {"location": s.location, "title": html.unescape(s.title), "text": s.summary}
            for s in sources
        ]
        index_path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.exists():
        return
    text = sitemap.read_text(encoding="utf-8")
    loc = f"/{beside.location}"
    entry = re.search(rf"\n\s*<url>\s*<loc>[^<]*{re.escape(loc)}</loc>.*?</url>", text, re.S)
    if entry is None:
        return
    # mkdocs lists a folder's pages in file-name order: the folder's entries, old and new,
    # replace the span its old ones took, sorted.
    folder = re.compile(
        rf"\n\s*<url>\s*<loc>[^<]*/{re.escape(beside.folder)}/([^/<]+)/</loc>.*?</url>", re.S
    )
    old = list(folder.finditer(text))
    blocks = {m.group(1): m.group(0) for m in old}
    for s in sources:
        blocks[s.stem] = entry.group(0).replace(loc, f"/{s.location}")
    start, end = old[0].start(), old[-1].end()
    if any(text[m.end() : n.start()].strip() for m, n in zip(old, old[1:], strict=False)):
        log.warning("sitemap: %s entries are not together; made pages left out", beside.folder)
        return
    order = sorted(blocks, key=lambda stem: f"{stem}.md")  # mkdocs sorts file names
    text = text[:start] + "".join(blocks[k] for k in order) + text[end:]
    sitemap.write_text(text, encoding="utf-8")
    gz = site_dir / "sitemap.xml.gz"
    mtime = int.from_bytes(gz.read_bytes()[4:8], "little") if gz.exists() else 0
    with (
        open(gz, "wb") as fh,
        gzip.GzipFile(fileobj=fh, filename=str(gz), mode="wb", mtime=mtime) as out,
    ):
        out.write(text.encode("utf-8"))
