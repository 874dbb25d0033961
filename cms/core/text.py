"""Vietnamese text helpers (pure Python, no Django imports): folding, document numbers, the plain
text of rich text.

Folding
    ``fold`` removes diacritics and case so that "Đường", "đường", "duong" and
    also "dương" compare equal. The Elasticsearch distribution used for tests
    has no ``asciifolding`` filter, so text is folded here before indexing.

Document numbers
    Vietnamese legal documents are identified as ``NUMBER/YEAR/SYMBOL`` (for
    example "43/2011/NĐ-CP": decree 43 of 2011 by the government) or
    ``NUMBER/SYMBOL`` when the document has no year ("15/CT-UBND"). The symbol
    is a document-type abbreviation and/or issuer joined by hyphens ("NĐ-CP",
    "TT-BTTTT", "QH13", "UBND-KT").

    ``normalise_document_number`` maps every spelling of a *complete* number to
    one canonical keyword: folded, uppercase, leading zeros of the number
    dropped, e.g. "Nghị định số 43/2011/nđ-cp" and "NĐ-CP 43/2011" both become
    "43/2011/ND-CP", and "01/2024/TT-BTTTT" becomes "1/2024/TT-BTTTT".

    Loose spellings name only the document type ("nd 43/2011", "nd 43 2011",
    "Nghị định 43/2011") or nothing at all ("43/2011"); they cannot know the
    issuer, so they have no canonical keyword (``normalise_document_number``
    returns None). ``document_number_prefix`` instead returns the leading part
    of the canonical keyword they are sure of ("43/2011/ND", "43/2011/"), which
    every matching canonical keyword starts with. For complete numbers it
    returns the canonical keyword itself, so callers can always use it for a
    prefix query; ``matches_document_prefix`` does the same check in Python
    but also respects symbol-part boundaries ("43/2011/ND" matches
    "43/2011/ND-CP" but not "43/2011/NDX-CP").
"""

from __future__ import annotations

import html
import re
import unicodedata

__all__ = [
    "fold",
    "plain_text",
    "tokens",
    "normalise_document_number",
    "document_number_prefix",
    "number_in_any_year",
    "numbers_named_in",
    "looks_like_document_number",
    "matches_document_prefix",
]


def fold(text: str) -> str:
    """Lowercase, strip diacritics (đ -> d) and collapse whitespace.

    fold("Thủ tục  Cấp phép") == "thu tuc cap phep"; fold is idempotent.
    """
    # Lowercase first: lower() can itself produce combining marks ("İ" -> "i̇").
    decomposed = unicodedata.normalize("NFD", text.lower())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.replace("đ", "d").split())


def tokens(text: str) -> list[str]:
    """Folded alphanumeric word tokens: tokens("Số 43/2011/NĐ-CP") == ["so", "43", "2011", "nd", "cp"]."""
    return re.findall(r"[^\W_]+", fold(text))


# --- document numbers ------------------------------------------------------

# Document types, spelled out (folded, upper) -> abbreviation used in symbols.
# None: the type has no abbreviation of its own (a law is "80/2015/QH13").
_TYPE_NAMES: dict[str, str | None] = {
    "NGHI DINH": "ND",
    "NGHI QUYET LIEN TICH": "NQLT",
    "NGHI QUYET": "NQ",
    "QUYET DINH": "QD",
    "THONG TU LIEN TICH": "TTLT",
    "THONG TU": "TT",
    "CHI THI": "CT",
    "CONG DIEN": "CD",
    "KE HOACH": "KH",
    "THONG BAO": "TB",
    "HUONG DAN": "HD",
    "BAO CAO": "BC",
    "TO TRINH": "TTR",
    "BO LUAT": None,
    "LUAT": None,
    "PHAP LENH": None,
    "CONG VAN": None,
    "VAN BAN": None,
}
# Abbreviations that name only the document type, never the issuer: a symbol
# consisting of just one of these ("43/2011/ND") is incomplete.
_TYPE_ABBREVIATIONS = frozenset(a for a in _TYPE_NAMES.values() if a)
# Types without an abbreviation whose symbol is the issuer's: laws and codes of the National Assembly
# of one term ("31/2024/QH15"), ordinances of its Standing Committee ("02/2020/UBTVQH14").
_ISSUER_SYMBOLS = {"BO LUAT": "QH[0-9]*", "LUAT": "QH[0-9]*", "PHAP LENH": "UBTVQH[0-9]*"}


def _alternation(words):
    """A regular expression matching any of the words, the longest first."""
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


_TYPE_NAME = _alternation(_TYPE_NAMES)
# Inside a longer query, only the abbreviations that mean nothing else to citizens ("hđ" is also a
# contract, "kh" a customer, "ct" a company) name a document type.
_TYPE_WORD = _alternation([*_TYPE_NAMES, "ND", "NQ", "QD", "TT", "TTLT", "NQLT"])

_DASHES = re.compile(r"[\u2010-\u2015\u2212]")  # hyphen, en/em dash, minus ...
_SEPARATOR_SPACES = re.compile(r"\s*([/-])\s*")
_LEADING_NAME = re.compile(rf"^(?:(?P<name>{_TYPE_NAME})(?=[\s:]|$)\s*)?(?:SO(?=[\s:]|$)\s*)?:?\s*")

# "15a/2019/QĐ-UBND", "36b/NQ-CP" and "66.7/2025/NQ-CP" are real numbers
_NUM = r"(?P<num>[0-9]{1,6}(?:\.[0-9]{1,3})?)(?P<letter>[A-Z]?)"
_YEAR = r"(?P<year>(?:19|20)[0-9]{2})"
_SYMBOL = r"(?P<symbol>[A-Z][A-Z0-9]*(?:-[A-Z][A-Z0-9]*)*)"
# Inside a longer query: a type word right before a number ("nghị định 100 về xử phạt", "nd số 01
# 2021 đăng ký doanh nghiệp"), or opening the official citation "<type> <name> số <number>" ("luật
# đất đai số 31"). A number that could be a year is read as one ("kế hoạch 2026 của xã").
_NAMED_NUMBER = r"(?P<number>(?!(?:19|20)[0-9]{2}(?!\S))[0-9.]*[0-9][A-Z]?)"
_TYPE_THEN_NUMBER = re.compile(
    rf"(?<!\S)(?P<name>{_TYPE_WORD}) (?:SO )?{_NAMED_NUMBER}(?: (?P<year>(?:19|20)[0-9]{{2}}))?(?!\S)"
)
_CITATION = re.compile(rf"(?P<name>{_TYPE_WORD}) .* SO {_NAMED_NUMBER}(?!\S).*")
_PATTERNS = {
    "number_first": re.compile(rf"{_NUM}/(?:{_YEAR}/)?{_SYMBOL}"),  # 43/2011/ND-CP, 15/CT-UBND
    "no_symbol": re.compile(rf"{_NUM}/{_YEAR}"),  # 43/2011
    "symbol_first": re.compile(rf"{_SYMBOL} {_NUM}(?:[/ ]{_YEAR})?"),  # ND-CP 43/2011, nd 43 2011
    "bare_number": re.compile(_NUM),  # 15 (only after a type name: "Chỉ thị 15")
}


def _parse(text: str) -> tuple[str, str | None, str | None, bool] | None:
    """Return (number, year, symbol, complete) or None if not a document number."""
    s = _DASHES.sub("-", fold(text)).upper()
    s = _SEPARATOR_SPACES.sub(r"\1", s)
    lead = _LEADING_NAME.match(s)
    type_abbr = _TYPE_NAMES.get(lead["name"]) if lead["name"] else None
    s = s[lead.end():]
    for kind, pattern in _PATTERNS.items():
        m = pattern.fullmatch(s)
        if m:
            break
    else:
        return None
    number = _number(m)
    year = m.groupdict().get("year")
    symbol = m.groupdict().get("symbol")
    type_only = symbol in _TYPE_ABBREVIATIONS
    if kind == "symbol_first" and "-" not in symbol and not type_only:
        return None  # "phong 12/2020": some word followed by a number
    if kind == "bare_number" and type_abbr is None:
        return None  # "43", "Luật 80"
    if symbol is None:
        return number, year, type_abbr, False
    return number, year, symbol, not type_only


def _number(match: re.Match) -> str:
    """The number of a _NUM match without leading zeros: "01" -> "1", "66.07" -> "66.7", "015A" -> "15A"."""
    return ".".join(str(int(part)) for part in match["num"].split(".")) + match["letter"]


def _join(number: str, year: str | None, symbol: str | None) -> str:
    return "/".join(p for p in (number, year) if p) + "/" + (symbol or "")


def normalise_document_number(text: str) -> str | None:
    """Canonical keyword for a complete document number, e.g. "43/2011/ND-CP".

    None for loose forms without issuer ("nd 43/2011"; see
    document_number_prefix) and for text that is not a document number.
    """
    parsed = _parse(text)
    if parsed is None or not parsed[3]:
        return None
    return _join(*parsed[:3])


def document_number_prefix(text: str) -> str | None:
    """Prefix of the canonical keyword(s) the text can refer to.

    "nd 43/2011" -> "43/2011/ND", "43/2011" -> "43/2011/",
    "43/2011/NĐ-CP" -> "43/2011/ND-CP" (complete: the keyword itself).
    None when the text is not a document number.
    """
    parsed = _parse(text)
    return None if parsed is None else _join(*parsed[:3])


def number_in_any_year(text: str) -> str | None:
    """For a type word or abbreviation with a number and no year ("nghị định 15", "qđ 2438", "luật
    31"): a regular expression matching, whole, the canonical keywords of that number in any year or
    none ("15/ND-CP", "15/2023/ND-CP", "31/2024/QH15"), in the syntax Python and Elasticsearch share.
    None otherwise."""
    law = re.fullmatch(rf"(?P<name>{_alternation(_ISSUER_SYMBOLS)}) (?:SO )?{_NUM}", fold(text).upper())
    if law:
        return rf"{re.escape(_number(law))}/((19|20)[0-9]{{2}}/)?{_ISSUER_SYMBOLS[law['name']]}"
    parsed = _parse(text)
    if parsed is None or parsed[1] or not parsed[2] or parsed[3]:
        return None
    number, _year, abbreviation, _complete = parsed
    return rf"{re.escape(number)}/((19|20)[0-9]{{2}}/)?{abbreviation}(-.*)?"


def numbers_named_in(text: str) -> list[str]:
    """The document numbers a longer query names with a type word, each as a query of its own:
    "nghị định 100 về xử phạt" -> ["NGHI DINH 100"], "nd 01 2021 đăng ký doanh nghiệp" ->
    ["ND 01/2021"], "luật đất đai số 31" -> ["LUAT 31"]."""
    folded = _DASHES.sub("-", fold(text)).upper()
    found = [*_TYPE_THEN_NUMBER.finditer(folded), *filter(None, [_CITATION.fullmatch(folded)])]
    return list(dict.fromkeys(
        f"{m['name']} {m['number']}" + (f"/{m['year']}" if m.groupdict().get("year") else "") for m in found
    ))


def looks_like_document_number(text: str) -> bool:
    """True for complete and loose document numbers."""
    return _parse(text) is not None


def matches_document_prefix(canonical: str, prefix: str) -> bool:
    """Whether a canonical keyword matches a document_number_prefix result.

    Unlike a plain startswith, the prefix must end at a symbol-part boundary.
    """
    if not canonical.startswith(prefix):
        return False
    rest = canonical[len(prefix):]
    return prefix.endswith("/") or rest == "" or rest[0] == "-"


_TAG = re.compile(r"<[^>]*>")


def plain_text(rich_text: str | None) -> str:
    """Visible text of rich text HTML, whitespace collapsed; tags separate words."""
    return " ".join(html.unescape(_TAG.sub(" ", rich_text or "")).split())
