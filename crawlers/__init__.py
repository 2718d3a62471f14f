"""Fetching and archiving: Scrapy spiders, one per source, and the middlewares they share."""
