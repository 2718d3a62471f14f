"""The site: site/ plus the generated pages, built by mkdocs-material in strict mode.

mkdocs runs in-process (mkdocs.commands.build.build on a config from load_config) rather
than as `mkdocs build --strict` in a subprocess: the same build, without a second
interpreter start and its imports, and a failure arrives as an exception carrying mkdocs'
own warnings. Strict mode turns every warning (a broken link between pages, a missing nav
entry) into a failed publish, so a broken site is never switched online.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

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
        run_mkdocs(repo_root / "mkdocs.yml", docs, site_dir, base_url)
        built = time.monotonic()
    clash = [name for name in RESERVED if (site_dir / name).exists()]
    if clash:
        raise SiteBuildError(f"the site wrote {clash}, which api/ and feeds/ own")
    return {"pages": pages, "pages_seconds": generated - start, "mkdocs_seconds": built - generated}


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
