"""Conditional GET on every run: Scrapy's HTTP cache, used as a validator store, not as a
substitute for the site.

A listing's request carries `Cache-Control: max-age=0` (settings.py), so RFC 2616 freshness
never serves a stored listing without asking: each run sends `If-None-Match` /
`If-Modified-Since`, an unchanged page costs a 304 and the stored copy is parsed. A release
page's request carries `max-age=REGWATCH_RECHECK_AFTER` (SourceSpider.follow): while the site
declares the stored copy fresh, and it was confirmed (a 304 freshens it) within that time, it
is used without a request. Two defaults of Scrapy's RFC 2616 support would hide a failing
site behind stale copies, and are turned off here:

- a 5xx answer to a revalidation counts as "still valid" (RFC 2616 §13.8 lets a cache do so);
- a network error is answered from the cache ("httpcache/errorrecovery").

regwatch must report such a source as failing, so only a 304 confirms a stored copy.
"""

from __future__ import annotations

from scrapy.downloadermiddlewares.httpcache import HttpCacheMiddleware
from scrapy.extensions.httpcache import RFC2616Policy
from scrapy.http import Request, Response


class RevalidatePolicy(RFC2616Policy):
    def is_cached_response_valid(
        self, cachedresponse: Response, response: Response, request: Request
    ) -> bool:
        return response.status == 304


class RevalidatingCacheMiddleware(HttpCacheMiddleware):
    def process_exception(self, request: Request, exception: Exception, spider=None):
        request.meta.pop("cached_response", None)
        return None  # the retry middleware and the spider's errback see the error
