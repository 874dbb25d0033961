"""search.admin_backend replaces modelsearch's SQLiteIndex title norms: the average title length is
cached for a while instead of recomputed on every save. With a fresh average, the norms it gives
new entries are exactly those modelsearch's own refresh gives them."""

import pytest
from django.core.cache import cache
from django.db import connection
from wagtail.search.backends import get_search_backend

from cms.pages.models import StandardPage

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="the replaced index is SQLite's")


def titled_norms(index):
    return dict(index.entries.exclude(title="").values_list("pk", "title_norm"))


@pytest.mark.django_db
def test_new_entries_get_modelsearchs_own_title_norms(province):
    from modelsearch.backends.database.sqlite.sqlite import SQLiteIndex  # importable on SQLite only

    section = province["portals"]["justice"].site.root_page.get_children().first()
    index = get_search_backend().get_index_for_model(StandardPage)
    assert isinstance(index, SQLiteIndex) and type(index) is not SQLiteIndex  # the replacement is in use
    for number, title in enumerate(["Quy chế", "Quy chế làm việc của Sở Tư pháp tỉnh Thử Nghiệm"]):
        cache.clear()  # the cached average has expired (AVERAGE_TITLE_LENGTH_SECONDS)
        page = StandardPage(title=title, slug=f"quy-che-{number}", body="<p>x</p>")
        section.add_child(instance=page)
        ours = titled_norms(index)
        index.entries.filter(object_id=str(page.pk)).update(title_norm=1.0)  # new again
        SQLiteIndex._refresh_title_norms(index)
        theirs = titled_norms(index)
        assert ours.keys() == theirs.keys() and all(abs(ours[pk] - theirs[pk]) < 1e-9 for pk in ours), title
