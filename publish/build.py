"""The site: site/ plus the generated pages, built by mkdocs-material in strict mode.

mkdocs runs in-process (mkdocs.commands.build.build on a config from load_config) rather
than as `mkdocs build --strict` in a subprocess: the same build, without a second
interpreter start and its imports, and a failure arrives as an exception carrying mkdocs'
own warnings. Strict mode turns every warning (a broken link between pages, a missing nav
entry) into a failed publish, so a broken site is never switched online.

Two adjustments make the build fit regwatch:

- mkdocs dates its sitemap with the day of the build unless SOURCE_DATE_EPOCH says
  otherwise; it is set to the latest release's time, so the same releases build the same
  bytes on any day and publish.switch keeps every unchanged file (and its mtime) online.
- mkdocs-material fetches `sitemap.xml` next to every `<link rel="alternate">` of a page, to
  map its language versions; regwatch's alternates are its feeds, so every page view asked
  feeds/sitemap.xml (a 404) once per feed announced. The theme's selector is narrowed to
  language alternates, `link[rel=alternate][hreflang]` (the fix proposed upstream); if a
  new version of the theme no longer has that selector, the build says so and goes on.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
import time
from datetime import datetime
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from publish import fast_pages
from publish.history import History
from publish.site_pages import write_pages

RESERVED = ("api", "feeds")


class SiteBuildError(RuntimeError):
    """mkdocs refused the site (strict mode) or wrote where api/ and feeds/ go."""


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_site(history: History, repo_root: Path, site_dir: Path, base_url: str) -> dict:
    """Copy site/, add the generated pages, build into site_dir; returns pages and seconds."""
    with tempfile.TemporaryDirectory(prefix="regwatch-docs-") as tmp:
        docs = Path(tmp) / "docs"
        start = time.monotonic()
        shutil.copytree(repo_root / "site", docs)
        pages = write_pages(history, docs)
        generated = time.monotonic()
        with source_date(history.latest.time):
            # Beyond a few hundred measures, most measure pages are made outside mkdocs.
            fast_pages.build(run_mkdocs, repo_root / "mkdocs.yml", docs, site_dir, base_url)
        narrow_alternates(site_dir)
        built = time.monotonic()
    clash = [name for name in RESERVED if (site_dir / name).exists()]
    if clash:
        raise SiteBuildError(f"the site wrote {clash}, which api/ and feeds/ own")
    return {"pages": pages, "pages_seconds": generated - start, "mkdocs_seconds": built - generated}


@contextlib.contextmanager
def source_date(rfc3339: str):
    """SOURCE_DATE_EPOCH set to this time while mkdocs builds."""
    epoch = datetime.fromisoformat(rfc3339.replace("Z", "+00:00")).timestamp()
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(epoch))
    try:
        yield
    finally:
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


ALTERNATES = b'"link[rel=alternate]"'
LANGUAGE_ALTERNATES = b'"link[rel=alternate][hreflang]"'


def narrow_alternates(site_dir: Path) -> bool:
    """Point mkdocs-material's sitemap lookup at language alternates only; True if done."""
    bundles = sorted((site_dir / "assets" / "javascripts").glob("bundle.*.min.js"))
    patched = False
    for bundle in bundles:
        code = bundle.read_bytes()
        if code.count(ALTERNATES) == 1:
            bundle.write_bytes(code.replace(ALTERNATES, LANGUAGE_ALTERNATES))
            patched = True
    if not patched:
        logging.getLogger(__name__).warning(
            "mkdocs-material's alternate-link selector not found: pages will request "
            "feeds/sitemap.xml once per feed they announce"
        )
    return patched


def run_mkdocs(config_file: Path, docs: Path, site_dir: Path, base_url: str) -> None:
    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    try:
        config = load_config(
            config_file=str(config_file),
            docs_dir=str(docs),
            site_dir=str(site_dir),
            site_url=base_url,
            strict=True,
        )
        build(config)
    except MkDocsException as error:
        detail = "; ".join(collect.messages) or "no warning logged"
        raise SiteBuildError(f"mkdocs: {error} ({detail})") from error
    finally:
        logger.removeHandler(collect)
