"""crawlers/settings.py as a Scrapy project settings module, for `scrapy` and Scrapyd.

regwatch's own runner (crawlers/runner.py) passes SETTINGS to Scrapy directly; the `scrapy`
command and Scrapyd instead read a settings module named in scrapy.cfg, with each setting at
module level. This is that module: the same settings, plus where the spiders are. See
docs/scale.md for running the crawls on Scrapyd.
"""

from __future__ import annotations

from crawlers.settings import SETTINGS

globals().update(SETTINGS)

SPIDER_MODULES = ["crawlers.spiders"]
NEWSPIDER_MODULE = "crawlers.spiders"
