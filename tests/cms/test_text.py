"""Tests for cms.core.text (pure Python; runs without Django).

    .venv/bin/python -m pytest tests/search/test_text.py -p no:django -q
"""

import re
import string
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cms.core.text import (
    document_number_prefix,
    fold,
    looks_like_document_number,
    matches_document_prefix,
    normalise_document_number,
    number_in_any_year,
    numbers_named_in,
    tokens,
)

VI_LOWER = (
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmn"
    "oòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
)
VI_LETTERS = VI_LOWER + VI_LOWER.upper()
WHITESPACE = st.text(alphabet=" \t\n\u00a0", min_size=1, max_size=3)

vi_words = st.text(alphabet=VI_LETTERS, min_size=1, max_size=8)


@st.composite
def vi_text(draw):
    """Vietnamese-looking text: words of letters (some NFD-decomposed)."""
    words = draw(st.lists(vi_words, max_size=6))
    words = [
        unicodedata.normalize("NFD", w) if draw(st.booleans()) else w for w in words
    ]
    seps = [draw(WHITESPACE) for _ in words]
    lead, trail = draw(st.sampled_from(["", " ", "\n "])), draw(st.sampled_from(["", "  "]))
    return lead + "".join(w + s for w, s in zip(words, seps)) + trail


any_text = st.one_of(st.text(), vi_text())


# --- fold -------------------------------------------------------------------


@given(any_text)
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


@given(any_text)
def test_fold_output_is_plain_lowercase(text):
    out = fold(text)
    assert not any(unicodedata.combining(ch) for ch in out)
    assert "đ" not in out and "Đ" not in out
    assert out == out.lower()
    assert out == out.strip()
    assert "  " not in out


@given(st.text(alphabet=string.ascii_lowercase + string.digits + string.punctuation + " \t\n"))
def test_fold_of_ascii_lowercase_only_collapses_whitespace(text):
    assert fold(text) == " ".join(text.split())


@given(vi_text())
def test_fold_preserves_word_count(text):
    assert len(fold(text).split()) == len(text.split())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thủ tục", "thu tuc"),
        ("ĐƯỜNG", "duong"),
        ("đường", "duong"),
        ("dương", "duong"),
        ("  Cấp   phép\txây dựng\n", "cap phep xay dung"),
        (unicodedata.normalize("NFD", "Nghị định"), "nghi dinh"),
        ("", ""),
    ],
)
def test_fold_examples(text, expected):
    assert fold(text) == expected


def test_tokens():
    assert tokens("Số 43/2011/NĐ-CP, thủ_tục!") == ["so", "43", "2011", "nd", "cp", "thu", "tuc"]
    assert tokens("  ") == []


# --- document numbers -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("43/2011/NĐ-CP", "43/2011/ND-CP"),
        ("43/2011/ND-CP", "43/2011/ND-CP"),
        ("43/2011/nđ-cp", "43/2011/ND-CP"),
        ("NĐ-CP 43/2011", "43/2011/ND-CP"),
        ("Nghị định 43/2011/NĐ-CP", "43/2011/ND-CP"),
        ("Nghị định số 43/2011/NĐ-CP", "43/2011/ND-CP"),
        ("Số: 43/2011/NĐ–CP", "43/2011/ND-CP"),  # en dash
        (" 43 / 2011 / NĐ - CP ", "43/2011/ND-CP"),
        ("01/2024/TT-BTTTT", "1/2024/TT-BTTTT"),  # leading zeros dropped
        ("1/2024/TT-BTTTT", "1/2024/TT-BTTTT"),
        ("15a/2019/QĐ-UBND", "15A/2019/QD-UBND"),  # numbers with a letter are real
        ("Nghị quyết 36b/NQ-CP", "36B/NQ-CP"),
        ("66.7/2025/NQ-CP", "66.7/2025/NQ-CP"),  # so are numbers with a dot (a resolution of 2025)
        ("15/CT-UBND", "15/CT-UBND"),
        ("123/QĐ-UBND", "123/QD-UBND"),
        ("Quyết định 123/QĐ-TTg", "123/QD-TTG"),
        ("80/2015/QH13", "80/2015/QH13"),
        ("Luật số 80/2015/QH13", "80/2015/QH13"),
        ("1234/UBND-KT", "1234/UBND-KT"),
        ("03/2016/TTLT-BTC-BTP", "3/2016/TTLT-BTC-BTP"),
    ],
)
def test_complete_document_numbers(text, expected):
    assert normalise_document_number(text) == expected
    assert document_number_prefix(text) == expected
    assert looks_like_document_number(text)


@pytest.mark.parametrize(
    ("text", "prefix"),
    [
        ("nd 43/2011", "43/2011/ND"),
        ("nd 43 2011", "43/2011/ND"),
        ("NĐ 43/2011", "43/2011/ND"),
        ("43/2011/nđ", "43/2011/ND"),
        ("Nghị định 43/2011", "43/2011/ND"),
        ("nghi dinh so 43 / 2011", "43/2011/ND"),
        ("43/2011", "43/2011/"),
        ("Luật 80/2015", "80/2015/"),
        ("ct 15", "15/CT"),
        ("Chỉ thị 15", "15/CT"),
    ],
)
def test_loose_document_numbers_give_prefix_only(text, prefix):
    assert normalise_document_number(text) is None
    assert document_number_prefix(text) == prefix
    assert looks_like_document_number(text)


def test_loose_prefixes_match_the_complete_number():
    for canonical, loose in [
        ("43/2011/ND-CP", "nd 43 2011"),
        ("43/2011/ND-CP", "43/2011"),
        ("80/2015/QH13", "Luật 80/2015"),
        ("15/CT-UBND", "chỉ thị 15"),
    ]:
        prefix = document_number_prefix(loose)
        assert canonical.startswith(prefix)
        assert matches_document_prefix(canonical, prefix)
    assert not matches_document_prefix("43/2011/NDX-CP", "43/2011/ND")
    assert not matches_document_prefix("43/2012/ND-CP", "43/2011/ND")


@pytest.mark.parametrize(
    "text",
    [
        "thủ tục cấp phép",
        "Nghị định",
        "số",
        "",
        "43",
        "2011",
        "Luật 80",
        "phòng 12/2020",
        "thủ tục 43/2011/NĐ-CP hướng dẫn",  # a number inside a phrase, not a number
        "24/7",
        "3/4 cốc",
    ],
)
def test_not_document_numbers(text):
    assert normalise_document_number(text) is None
    assert document_number_prefix(text) is None
    assert not looks_like_document_number(text)


DOC_TYPES = ["NĐ", "QĐ", "TT", "CT", "NQ", "TTLT", "KH"]
ISSUERS = ["CP", "TTg", "UBND", "BTTTT", "BTC", "HĐND", "BCA", "BYT", "NHNN", "BTC-BTP"]
TYPE_NAME_PREFIXES = ["", "Nghị định ", "Quyết định ", "nghi dinh so ", "Số: ", "QUYẾT ĐỊNH SỐ "]


@st.composite
def spelling_of(draw, text):
    """Same document number, spelled with other case, Đ/D and spacing."""
    chars = []
    for ch in text:
        if ch in "Đđ" and draw(st.booleans()):
            ch = "D"
        elif ch in "Dd" and draw(st.booleans()):
            ch = "Đ"
        if draw(st.booleans()):
            ch = ch.swapcase()
        if ch in "/-" and draw(st.booleans()):
            ch = f" {ch}  "
        chars.append(ch)
    return draw(st.sampled_from(["", " ", "\t"])) + "".join(chars) + draw(st.sampled_from(["", " "]))


@given(
    number=st.integers(1, 99999),
    pad=st.booleans(),
    year=st.integers(1990, 2035),
    doc_type=st.sampled_from(DOC_TYPES),
    issuer=st.sampled_from(ISSUERS),
    name=st.sampled_from(TYPE_NAME_PREFIXES),
    symbol_first=st.booleans(),
    data=st.data(),
)
def test_canonical_form_is_stable_across_spellings(
    number, pad, year, doc_type, issuer, name, symbol_first, data
):
    symbol = f"{doc_type}-{issuer}"
    num = f"{number:02d}" if pad else str(number)
    expected = f"{number}/{year}/{fold(symbol).upper()}"
    written = f"{symbol} {num}/{year}" if symbol_first else f"{num}/{year}/{symbol}"

    assert normalise_document_number(written) == expected
    variant = name + data.draw(spelling_of(written))
    assert normalise_document_number(variant) == expected
    assert document_number_prefix(variant) == expected

    loose = data.draw(st.sampled_from([f"{doc_type} {num} {year}", f"{doc_type.lower()} {num}/{year}"]))
    assert normalise_document_number(loose) is None
    prefix = document_number_prefix(loose)
    assert prefix == f"{number}/{year}/{fold(doc_type).upper()}"
    assert matches_document_prefix(expected, prefix)


@given(number=st.integers(1, 99999), doc_type=st.sampled_from(DOC_TYPES), issuer=st.sampled_from(ISSUERS))
def test_numbers_without_year(number, doc_type, issuer):
    symbol = f"{doc_type}-{issuer}"
    assert normalise_document_number(f"{number}/{symbol}") == f"{number}/{fold(symbol).upper()}"


VI_PHRASE_WORDS = [
    "thủ", "tục", "cấp", "phép", "xây", "dựng", "đường", "dương", "hướng", "dẫn",
    "nghị", "định", "quyết", "thông", "tư", "luật", "số", "chỉ", "thị", "ủy", "ban",
    "nhân", "dân", "tỉnh", "hồ", "sơ", "đăng", "ký", "kinh", "doanh", "nd", "qd", "tt",
]


@given(st.lists(st.sampled_from(VI_PHRASE_WORDS), min_size=1, max_size=6))
def test_plain_vietnamese_phrases_are_not_document_numbers(words):
    phrase = " ".join(words)
    assert normalise_document_number(phrase) is None
    assert document_number_prefix(phrase) is None
    assert not looks_like_document_number(phrase)


@pytest.mark.parametrize(("text", "found", "not_found"), [
    ("nghị định 43", ["43/2011/ND-CP", "43/ND-CP"], ["143/2011/ND-CP", "43/2011/QD-UBND", "43/2011/NDX"]),
    ("qđ 2438", ["2438/QD-TTG", "2438/2025/QD-UBND"], ["2438/2025/ND-CP"]),
    ("nghị quyết 66.7", ["66.7/2025/NQ-CP"], ["6617/2025/NQ-CP"]),
])
def test_a_type_word_with_a_number_finds_it_in_every_year(text, found, not_found):
    pattern = number_in_any_year(text)
    assert all(re.fullmatch(pattern, key) for key in found)
    assert not any(re.fullmatch(pattern, key) for key in not_found)
    assert number_in_any_year("nđ 123/2015") is None and number_in_any_year("43/2011/NĐ-CP") is None


@pytest.mark.parametrize(("text", "named"), [
    ("nghị định 100 về xử phạt", ["NGHI DINH 100"]),
    ("nđ số 01 2021 đăng ký doanh nghiệp", ["ND 01/2021"]),
    ("luật đất đai số 31", ["LUAT 31"]),
    ("xem quyết định 2438 và thông tư 15", ["QUYET DINH 2438", "THONG TU 15"]),
    ("thủ tục cấp số nhà", []),
    ("luật đất đai 2024", []),
])
def test_numbers_named_inside_a_longer_query(text, named):
    assert numbers_named_in(text) == named


def test_a_law_or_ordinance_number_is_found_in_every_year_under_its_issuer():
    law, ordinance = number_in_any_year("luật số 31"), number_in_any_year("pháp lệnh 2")
    assert re.fullmatch(law, "31/2024/QH15") and re.fullmatch(law, "31/QH13")
    assert not re.fullmatch(law, "31/2024/ND-CP") and not re.fullmatch(law, "131/2024/QH15")
    assert re.fullmatch(ordinance, "2/2020/UBTVQH14") and not re.fullmatch(ordinance, "2/2020/QH14")


@pytest.mark.parametrize("text", ["kế hoạch 2026 của xã", "hđ 2 năm", "ct 5 người", "thông báo 2025 tuyển dụng"])
def test_a_year_or_an_everyday_abbreviation_with_a_number_names_no_document(text):
    assert numbers_named_in(text) == []
