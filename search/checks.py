"""System checks: the search backend internals search.admin_backend replaces are the tested ones."""

from importlib.metadata import version

from django.core.checks import Error, Tags, register
from django.db import connection

# search.admin_backend overrides SQLiteIndex._refresh_title_norms of modelsearch (Wagtail's search
# backends); tests/search/test_admin_backend.py compares it with modelsearch's own.
TESTED_MODELSEARCH = ((1, 3), (1, 4))  # from, up to (not including)


@register(Tags.compatibility)
def admin_backend_matches_the_tested_modelsearch(app_configs=None, **kwargs):
    if connection.vendor != "sqlite":
        return []
    installed = tuple(int(part) for part in version("modelsearch").split(".")[:2])
    low, high = TESTED_MODELSEARCH
    errors = []
    if not low <= installed < high:
        errors.append(Error(
            f"search.admin_backend replaces modelsearch internals tested on {low[0]}.{low[1]} only "
            f"(this is {version('modelsearch')}).",
            hint="Run tests/search/test_admin_backend.py on this version, then widen TESTED_MODELSEARCH.",
            id="cong.E003",
        ))
    from modelsearch.backends.database.sqlite.sqlite import SQLiteIndex  # importable on SQLite only

    if not callable(getattr(SQLiteIndex, "_refresh_title_norms", None)):
        errors.append(Error("modelsearch's SQLiteIndex has no _refresh_title_norms() any more.", id="cong.E004"))
    return errors
