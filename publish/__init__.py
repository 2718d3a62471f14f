"""The publishing stage: release history → the published folder.

`publish(data_dir, out_dir, base_url=..., repo_root=...)` reads `{data}/releases/*/`
(written by normalize/release.py) and publishes, under a symlink switched atomically:

- the site for people, built by mkdocs-material from site/ plus generated pages;
- `api/v1/`: index, versions, measures, one file per measure with its history, topics,
  verbatim copies of every release's measures.json and changes.json, and the JSON Schemas;
- `feeds/{topic}.json|.xml|.atom` and `feeds/jurisdiction/{code}.…`: JSON Feed 1.1, RSS 2.0
  and Atom, one item per change, heads of 25 items and immutable archive pages (RFC 5005).

The contract of that layout is shared/published-layout.md, documented for readers in
site/api-and-feeds.md. Modules, in the order of the data flow: history (read and check
releases, derive change events; history_cache remembers the snapshots read before), render
and change_html (escaped HTML), page_parts, site_pages, topic_pages (with charts: inline
SVG), jurisdiction_pages, measure_pages (with attribution: the sources' licences) and
release_pages (Markdown pages), build (mkdocs), api, channels (which feeds), feed_archive
(paging) and feeds (the documents), switch (atomic symlink; unchanged files keep their inode
and mtime), pipeline (publish itself), serve (a local HTTP server), schemas.
"""

from publish.pipeline import DEFAULT_BASE_URL, publish

__all__ = ["DEFAULT_BASE_URL", "publish"]
