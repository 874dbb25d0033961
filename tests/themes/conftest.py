"""Theme tests start from an empty page cache."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_page_cache(settings, tmp_path):
    settings.PAGE_CACHE_GENERATION_FILE = tmp_path / "page-cache-generation"
    cache.clear()
    yield
    cache.clear()
