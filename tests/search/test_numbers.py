"""A document named by number, in a query of its own or inside a longer one, comes first with both
engines, and right after it its consolidated texts (search.numbers)."""

import datetime

import pytest

from cms.documents.models import DocumentType
from search.forms import SearchForm
from search.numbers import number_lookups
from search.query import search
from tests.factories import make_document
from tests.search.conftest import ENGINES

LAND_LAW = "Luật Đất đai"


def numbers(q, engine):
    engine.ready()
    form = SearchForm({"q": q, "scope": "all"})
    assert form.is_valid(), form.errors
    return [hit.number for hit in search(form.params()).hits]


@pytest.fixture
def laws(province):
    law = DocumentType.objects.create(name="Luật", abbreviation="", is_legal_normative=True)
    consolidated = DocumentType.objects.create(name="Văn bản hợp nhất", abbreviation="VBHN")
    made = {}
    for number, kind, abstract, year in [
        ("45/2013/QH13", law, LAND_LAW, 2013),
        ("31/2024/QH15", law, LAND_LAW, 2024),
        ("43/2024/QH15", law, "Luật sửa đổi, bổ sung một số điều của Luật Đất đai số 31/2024/QH15", 2024),
        ("133/VBHN-VPQH", consolidated, LAND_LAW, 2025),
        ("79/VBHN-VPQH", consolidated, "Luật Nhà ở", 2025),
        ("80/VBHN-VPQH", consolidated, "Luật sửa đổi Luật Đất đai", 2025),
    ]:
        made[number] = make_document(province["root"], kind, number, abstract=abstract, issuing_body="Quốc hội",
                                     issue_date=datetime.date(year, 1, 18))
    return made


@pytest.mark.parametrize("engine", ENGINES, indirect=True)
@pytest.mark.parametrize("query", ["31/2024/QH15", "luật số 31/2024/qh15", "luật đất đai số 31", "luat dat dai so 31"])
def test_a_law_named_by_number_comes_first_then_its_consolidated_text(engine, laws, query):
    found = numbers(query, engine)
    assert found[:2] == ["31/2024/QH15", "133/VBHN-VPQH"], found


@pytest.mark.parametrize("engine", ENGINES, indirect=True)
def test_a_type_word_with_a_number_inside_a_longer_query_names_that_document(engine, province, taxonomy):
    for number, abstract in [("100/2019/NĐ-CP", "Quy định xử phạt vi phạm hành chính trong lĩnh vực giao thông"),
                             ("168/2024/NĐ-CP", "Quy định xử phạt vi phạm hành chính về trật tự, an toàn giao thông "
                                                "đường bộ, xử phạt vi phạm hành chính giao thông")]:
        make_document(province["root"], taxonomy["decree"], number, abstract=abstract, issuing_body="Chính phủ")
    assert numbers("nghị định 100 về xử phạt giao thông", engine)[0] == "100/2019/NĐ-CP"
    assert numbers("nđ 168 xử phạt giao thông", engine)[0] == "168/2024/NĐ-CP"


def test_a_consolidated_text_is_a_companion_of_the_document_of_its_title_only(laws):
    from cms.documents.models import consolidated_texts
    from cms.documents.models import LegalDocument

    def companions(number):
        ids = consolidated_texts(LegalDocument.objects.filter(number=number))
        return set(LegalDocument.objects.filter(pk__in=ids).values_list("number", flat=True))

    assert companions("45/2013/QH13") == companions("31/2024/QH15") == {"133/VBHN-VPQH"}
    assert companions("43/2024/QH15") == set() and companions("133/VBHN-VPQH") == set()
    laws["133/VBHN-VPQH"].unpublish()
    assert companions("31/2024/QH15") == set()


def test_each_number_a_query_names_is_looked_up_once():
    assert [(lookup.how, lookup.value) for lookup in number_lookups("nghị định 15 và nghị định 15")] == [
        ("pattern", "15/((19|20)[0-9]{2}/)?ND(-.*)?")]
    assert [lookup.how for lookup in number_lookups("quyết định 06/QĐ-TTg đề án 06")] == ["exact"]
    assert number_lookups("thủ tục cấp số nhà") == ()
