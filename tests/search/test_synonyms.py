"""Other wordings of a query (search.synonyms): the reviewed data, how a query's phrases are found
and replaced, question words, Telex leftovers and i/y spellings; both engines search them and the
search page and the API say so."""

import unicodedata

import pytest
import yaml

from search.synonyms import SYNONYMS_FILE, asked_about, content_words, untelex, wordings, words_of
from tests.factories import make_procedure
from tests.search.conftest import ENGINES
from tests.search.test_fallback import run

DATA = yaml.safe_load(SYNONYMS_FILE.read_text(encoding="utf-8"))


def test_the_data_is_reviewed_entries_with_their_reasons():
    entries = DATA["abbreviations"] + DATA["everyday"]
    assert len(entries) >= 300
    assert all(entry.get("why") and entry.get("sector") for entry in entries)
    shorts = [entry["short"] for entry in DATA["abbreviations"]]
    everyday = [words for entry in DATA["everyday"] for words in entry["words"]]
    assert all(unicodedata.is_normalized("NFC", text) for text in shorts + everyday)
    assert len({text.lower() for text in shorts}) == len(shorts)
    assert len({text.lower() for text in everyday}) == len(everyday) - 1  # one name meant to reach two new ones


def alternatives(query):
    return {expansion.found: expansion.alternatives for expansion in wordings(query).expansions}


def test_abbreviations_work_both_ways_and_everyday_words_one_way():
    assert "bảo hiểm xã hội" in alternatives("bhxh một lần")["bhxh"]
    assert "BHXH" in alternatives("bảo hiểm xã hội tự nguyện")["bảo hiểm xã hội"]
    assert alternatives("sang tên sổ đỏ")
    official = alternatives("sang tên sổ đỏ")["sang tên sổ đỏ"][0]
    assert not alternatives(official)


def test_a_one_word_key_with_a_vowel_matches_only_as_written():
    """TƯ (trung ương) is not "tự" (tự nguyện); consonant-only abbreviations match without diacritics."""
    assert "tự" not in alternatives("bảo hiểm xã hội tự nguyện")
    assert alternatives("cap doi gcn qsdd")


def test_a_document_number_is_never_rewritten():
    assert not wordings("123/2015/nd-cp").expansions
    assert wordings("tt 04/2020/tt-btp").expansions[0].found == "tt"


def test_a_code_without_separators_is_a_word_like_any_other():
    assert alternatives("đăng ký KT3") == {"đăng ký kt3": ("đăng ký tạm trú",)}
    assert alternatives("xin giấy CT07")


def test_question_words_need_not_match_and_are_told_apart_by_their_diacritics():
    assert content_words(words_of("khai sinh cho con nộp ở đâu")) == ["khai", "sinh", "con"]
    assert content_words(words_of("đổi thẻ căn cước cần giấy tờ gì")) == ["doi", "the", "can", "cuoc"]
    assert content_words(words_of("ở đâu")) == ["o", "dau"]  # a query of question words only keeps them


@pytest.mark.parametrize(("typed", "meant"), [("ddawng", "dang"), ("kys", "ky"), ("thuwowngf", "thuong"),
                                              ("thuwcj", "thuc"), ("dkkd", "dkkd"), ("khai", "khai"), ("đăng", "đăng")])
def test_telex_leftovers_are_read_as_the_words_meant(typed, meant):
    assert untelex(typed) == meant


def test_the_retyped_and_respelled_query_is_searched_too():
    assert wordings("ddawng kys thuwowngf trus").variants()[0] == ["dang", "ky", "thuong", "tru"]
    assert wordings("đăng kí kết hôn").variants()[0] == ["đăng", "ky", "kết", "hôn"]
    assert wordings("bhxh").variants() == [["bảo", "hiểm", "xã", "hội"]]  # nothing to retype or respell


@pytest.fixture
def land_procedure(province, taxonomy):
    return make_procedure(province["justice"], taxonomy["civil_status"], "1.0002",
                          name="Đăng ký biến động quyền sử dụng đất do chuyển nhượng")


@pytest.mark.parametrize("engine", ENGINES, indirect=True)
def test_both_engines_find_the_official_wording_and_say_so(engine, land_procedure):
    engine.ready()
    results = run(q="sang tên sổ đỏ", scope="all")
    assert [hit.object_id for hit in results.hits] == [land_procedure.pk]
    assert results.expansions[0].found == "sang tên sổ đỏ"


def test_the_page_and_the_api_show_what_was_searched_too(client, land_procedure, settings):
    settings.SEARCH_URL = ""
    client.defaults["HTTP_HOST"] = "stp.thunghiem.localhost"
    html = client.get("/tim-kiem/", {"q": "sang tên sổ đỏ"}).content.decode()
    assert "Đã tìm cả" in html and "cho “sang tên sổ đỏ”" in html
    body = client.get("/api/v1/search/", {"q": "sang tên sổ đỏ"}).json()
    assert body["expansions"][0]["found"] == "sang tên sổ đỏ" and body["expansions"][0]["alternatives"]


@pytest.mark.parametrize("engine", ENGINES, indirect=True)
def test_what_an_abbreviation_stands_for_must_be_found(engine, province, taxonomy):
    """"cấp lại GPLX bị mất": most of the words ("cấp lại ... bị mất") match another procedure, which
    is no answer without the licence the abbreviation names (in any of its wordings)."""
    licence = make_procedure(province["justice"], taxonomy["civil_status"], "1.0003", name="Cấp lại giấy phép lái xe")
    make_procedure(province["justice"], taxonomy["civil_status"], "1.0004", name="Cấp lại Giấy chứng nhận do bị mất")
    engine.ready()
    assert wordings("cấp lại GPLX bị mất").concepts == [(["gplx"], [["giấy", "phép", "lái", "xe"]])]
    assert not wordings("cấp lại giấy phép lái xe").concepts  # the full wording, typed, is ordinary words
    assert [hit.object_id for hit in run(q="cấp lại GPLX bị mất", scope="all").hits] == [licence.pk]


@pytest.mark.parametrize("engine", ENGINES, indirect=True)
def test_the_base_procedure_comes_before_variants_not_asked_for(engine, province, taxonomy):
    """The catalogue names a procedure's variants by adding "Cấp lại", "Đăng ký thay đổi nội dung" to
    the base procedure's name (search.ranking.PROCEDURE_VARIANTS): who asks for none of them wants the
    base procedure, who asks for one gets it."""
    reissue = make_procedure(province["justice"], taxonomy["civil_status"], "1.0005",
                             name="Cấp lại Giấy chứng nhận đăng ký hộ kinh doanh, cấp đổi sang Giấy chứng nhận đăng ký hộ kinh doanh")
    base = make_procedure(province["justice"], taxonomy["civil_status"], "1.0006", name="Đăng ký thành lập hộ kinh doanh")
    engine.ready()
    assert [hit.object_id for hit in run(q="đăng ký hộ kinh doanh", scope="all").hits] == [base.pk, reissue.pk]
    assert [hit.object_id for hit in run(q="làm lại giấy đăng ký hộ kinh doanh", scope="all").hits][0] == reissue.pk


def test_a_question_word_that_begins_a_common_compound_asks_only_in_its_phrase():
    """"bao" asks in "bao nhiêu" but names in "bao hiem" (bảo hiểm typed without marks); "sao" asks in
    "làm sao" but names in "bản sao"."""
    assert asked_about(["bao", "hiem", "xa", "hoi", "mot", "lan"]) == ["bao", "hiem", "xa", "hoi", "mot", "lan"]
    assert asked_about(["chứng", "thực", "bản", "sao"]) == ["chứng", "thực", "bản", "sao"]
    assert asked_about(["lệ", "phí", "bao", "nhiêu"]) == ["lệ", "phí"]
    assert asked_about(["mất", "giấy", "phải", "làm", "sao"]) == ["mất", "giấy"]


@pytest.mark.parametrize("engine", ENGINES, indirect=True)
def test_the_citizens_variant_comes_before_the_one_for_organisations(engine, province, taxonomy):
    name = "Đăng ký đất đai, cấp Giấy chứng nhận quyền sử dụng đất lần đầu đối với {}"
    organisations = make_procedure(province["justice"], taxonomy["civil_status"], "1.0007",
                                   name=name.format("tổ chức"))
    citizens = make_procedure(province["justice"], taxonomy["civil_status"], "1.0008",
                              name=name.format("hộ gia đình, cá nhân, cộng đồng dân cư"))
    engine.ready()
    assert [hit.object_id for hit in run(q="đăng ký đất đai lần đầu", scope="all").hits] == [citizens.pk, organisations.pk]
    assert [hit.object_id for hit in run(q="đăng ký đất đai lần đầu cho tổ chức", scope="all").hits][0] == organisations.pk


def test_what_a_phrase_stands_for_leaves_out_the_words_it_shares_at_either_end():
    assert wordings("làm sổ đỏ lần đầu").concepts == [
        (["làm", "sổ", "đỏ", "lần", "đầu"], [["đăng", "ký", "đất", "đai"]])]
    assert wordings("làm hộ chiếu").concepts == [(["làm", "hộ", "chiếu"], [["cấp", "hộ", "chiếu", "phổ", "thông"]])]


@pytest.mark.parametrize("engine", ENGINES, indirect=True)
def test_a_short_wording_stands_for_a_phrase_in_the_title_or_whole_not_scattered_in_the_text(
        engine, province, taxonomy):
    """"làm sổ đỏ lần đầu" stands for "đăng ký đất đai (lần đầu)": a tax registration whose text
    speaks of land elsewhere is no answer."""
    land = make_procedure(province["justice"], taxonomy["civil_status"], "1.0009",
                          name="Đăng ký đất đai, cấp Giấy chứng nhận quyền sử dụng đất lần đầu")
    make_procedure(province["justice"], taxonomy["civil_status"], "1.0010", name="Đăng ký thuế lần đầu",
                   requirements="Người nộp thuế có đất đai, nhà ở kê khai kèm theo.")
    engine.ready()
    assert [hit.object_id for hit in run(q="làm sổ đỏ lần đầu", scope="all").hits] == [land.pk]
