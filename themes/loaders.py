"""Theme-aware template loading.

A template name is looked up as ``themes/<theme>/<name>`` first and then as ``<name>``, so a theme
folder holds only the templates it changes. The active theme is set per request by
``themes.middleware.ThemeMiddleware`` and resolved lazily: a request that renders no template
(a cache hit, a static file) never looks the theme up.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.template import Origin
from django.template.loaders import cached

_theme_resolver = ContextVar("theme_resolver", default=None)


@contextmanager
def theme_resolved_by(resolver):
    """Run a block with ``resolver()`` (called at most once) giving the active theme key."""
    token = _theme_resolver.set(_once(resolver))
    try:
        yield
    finally:
        _theme_resolver.reset(token)


def _once(resolver):
    result = []

    def resolve():
        if not result:
            result.append(resolver())
        return result[0]

    return resolve


def active_theme():
    resolver = _theme_resolver.get()
    return resolver() if resolver else None


class Loader(cached.Loader):
    """The cached loader, with the active theme's folder tried first and the theme in the cache key."""

    def get_template_sources(self, template_name):
        theme = active_theme()
        if theme:
            for origin in super().get_template_sources(f"themes/{theme}/{template_name}"):
                yield Origin(name=origin.name, template_name=template_name, loader=origin.loader)
        yield from super().get_template_sources(template_name)

    def cache_key(self, template_name, skip=None):
        return f"{active_theme() or ''}:{super().cache_key(template_name, skip)}"
