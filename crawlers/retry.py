"""Retries with back-off. Scrapy's RetryMiddleware re-queues a failed request at once; a
server that is overloaded, or a bot filter that has just refused us, deserves a pause. The
n-th retry of a request waits RETRY_BACKOFF_BASE · 2^(n-1) seconds, at most RETRY_BACKOFF_MAX
(defaults 10 s and 120 s: with RETRY_TIMES = 2, a request is tried at 0, ~10 and ~30 s).

Bot-filter answers (METI's 403 and empty 202, a "Just a moment" page) are retried too, since
such filters often let a client through later; when the retries run out,
BotBlockMiddleware turns the last answer into a failure, never into content.
"""

from __future__ import annotations

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Request, Response
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.response import response_status_message
from twisted.internet import task

from crawlers.middlewares import block_reason


class BackoffRetryMiddleware(RetryMiddleware):
    def __init__(self, settings):
        super().__init__(settings)
        self.base = settings.getfloat("RETRY_BACKOFF_BASE", 10.0)
        self.cap = settings.getfloat("RETRY_BACKOFF_MAX", 120.0)

    def delay(self, request: Request) -> float:
        attempt = request.meta.get("retry_times", 0) + 1
        return min(self.cap, self.base * 2 ** (attempt - 1))

    async def _pause(self, request: Request) -> None:
        seconds = self.delay(request)
        if seconds > 0:
            from twisted.internet import reactor

            await maybe_deferred_to_future(task.deferLater(reactor, seconds, lambda: None))

    def _reason(self, response: Response) -> str | None:
        if response.status in self.retry_http_codes:
            return response_status_message(response.status)
        return block_reason(response)

    async def process_response(self, request: Request, response: Response, spider=None):
        reason = None if request.meta.get("dont_retry") else self._reason(response)
        if reason is None:
            return response
        retry = self._retry(request, reason)
        if retry is None:
            return response  # given up: the bot-block middleware or the errback reports it
        await self._pause(request)
        return retry

    async def process_exception(self, request: Request, exception: Exception, spider=None):
        if request.meta.get("dont_retry") or not isinstance(exception, self.exceptions_to_retry):
            return None
        retry = self._retry(request, exception)
        if retry is not None:
            await self._pause(request)
        return retry
