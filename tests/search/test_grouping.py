"""Near-duplicates (one procedure at several levels) are one result, the others one click away,
with both engines, so that they do not crowd out the other results."""

import pytest

from cms.procedures.models import AdministrativeLevel
from search.forms import SearchForm
from search.query import search
from tests.factories import get, make_procedure

PROVINCE_HOST = "thunghiem.localhost"


@pytest.fixture
def permits(province, taxonomy):
    """One permit at three levels, and another procedure matching the query less well."""
    made = {
        level: make_procedure(province["justice"], taxonomy["civil_status"], f"2.00{number}", level=level,
                              name="Cấp giấy phép xây dựng nhà ở riêng lẻ")
        for number, level in enumerate(AdministrativeLevel.values)
    }
    made["other"] = make_procedure(province["justice"], taxonomy["civil_status"], "2.009",
                                   name="Gia hạn giấy phép xây dựng", level=AdministrativeLevel.PROVINCE)
    return made


def found(q, **params):
    form = SearchForm({"q": q, "scope": "all", "kind": "procedure", **params})
    assert form.is_valid(), form.errors
    return search(form.params())


def assert_grouped(results, permits):
    names = [hit.title for hit in results.hits]
    assert len(names) == 2 and "Gia hạn" in names[1], names
    best = results.hits[0]
    assert {variant.label for variant in best.variants} | {best.level} == {"Cấp tỉnh", "Cấp huyện", "Cấp xã"}
    assert len(best.variants) == 2 and all(variant.url for variant in best.variants)
    assert results.total == 2


def test_the_fallback_shows_one_procedure_at_several_levels_as_one_result(permits, settings):
    settings.SEARCH_URL = ""
    assert_grouped(found("cấp giấy phép xây dựng nhà ở"), permits)
    second_page = found("cấp giấy phép xây dựng nhà ở", per_page=1, page=2)
    assert [hit.object_id for hit in second_page.hits] == [permits["other"].pk]


@pytest.mark.search_server
def test_elasticsearch_shows_one_procedure_at_several_levels_as_one_result(permits, search_index, client):
    search_index.drain()
    assert_grouped(found("cấp giấy phép xây dựng nhà ở"), permits)
    page = get(client, PROVINCE_HOST, "/tim-kiem/", data={"q": "cấp giấy phép xây dựng nhà ở"}).content.decode()
    assert "Cùng thủ tục ở" in page and ">Cấp huyện</a>" in page
