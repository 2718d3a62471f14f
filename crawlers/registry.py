"""Every source regwatch knows: one module and one YAML file per source in crawlers/spiders/."""

from __future__ import annotations

import importlib
import pkgutil

from crawlers import spiders as _spiders_pkg
from crawlers.base import SourceSpider


def all_spiders() -> dict[str, type[SourceSpider]]:
    found: dict[str, type[SourceSpider]] = {}
    for info in pkgutil.iter_modules(_spiders_pkg.__path__):
        module = importlib.import_module(f"{_spiders_pkg.__name__}.{info.name}")
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, SourceSpider)
                and value is not SourceSpider
                and value.__module__ == module.__name__
            ):
                found[value.name] = value
    return dict(sorted(found.items()))


def get_spider(name: str) -> type[SourceSpider]:
    spiders = all_spiders()
    if name not in spiders:
        raise KeyError(f"unknown source {name!r}; known: {', '.join(spiders)}")
    return spiders[name]
