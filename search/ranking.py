"""Ranking weights both engines share (search.query, search.fallback)."""

# Citizens searching a portal mostly look for a public service: at equal relevance a procedure ranks
# above a document speaking of it. A document number in the query still puts that document first.
KIND_WEIGHTS = {"procedure": 1.25}
# Text read from attached files (cms.core.file_text) counts less than the record's own fields: it
# is long, and a word somewhere in an annex says less than the same word in the abstract.
ATTACHMENT_WEIGHT = 0.3

# The national catalogue names a procedure's variants by adding to the base procedure's name a verb
# or phrase: "Cấp lại ...", "Đăng ký thay đổi nội dung ...", "Trình báo mất ...", "... lưu động",
# "... có yếu tố nước ngoài". A citizen who asks for none of these ("làm hộ chiếu", "lệ phí đăng ký
# hộ kinh doanh") wants the base procedure: a procedure whose name holds such a phrase (folded) ranks
# lower, by VARIANT_WEIGHT, unless a wording of the query holds one of the words that ask for it.
# So does the variant for organisations of a procedure the catalogue lists twice, "... đối với tổ
# chức" and "... đối với hộ gia đình, cá nhân": most who search a portal are citizens.
VARIANT_WEIGHT = 0.8
VARIANT_KIND = "procedure"
PROCEDURE_VARIANTS = {  # folded phrase of a variant's name: folded words of a query that ask for it
    "cap lai": ("cap lai", "lam lai", "mat", "hong", "rach"),
    "cap doi": ("cap doi", "doi"),
    "thay doi": ("thay doi", "doi", "sua", "dieu chinh"),
    "dieu chinh": ("dieu chinh", "sua", "thay doi"),
    "gia han": ("gia han", "het han"),
    "tam ngung": ("tam ngung", "tam dung", "tam nghi", "nghi"),
    "cham dut": ("cham dut", "ngung", "dong cua", "giai the"),
    "giai the": ("giai the", "cham dut", "dong cua"),
    "thu hoi": ("thu hoi",),
    "huy": ("huy",),
    "xoa": ("xoa", "cat"),
    "trinh bao mat": ("mat",),
    "luu dong": ("luu dong",),
    "ket hop": ("ket hop",),
    "co yeu to nuoc ngoai": ("nuoc ngoai",),
    "dang ky lai": ("dang ky lai", "lam lai"),
    "sua chua": ("sua chua", "sua", "cai tao"),
    "doi voi to chuc": ("to chuc", "cong ty", "doanh nghiep", "co quan", "hop tac xa", "don vi"),
}


def unasked_variants(folded_wordings):
    """The phrases of PROCEDURE_VARIANTS that none of the query's wordings (folded words) asks for."""
    padded = [f" {' '.join(words)} " for words in folded_wordings]
    return [phrase for phrase, asking in PROCEDURE_VARIANTS.items()
            if not any(f" {word} " in text for word in asking for text in padded)]


# What a typed abbreviation or everyday phrase stands for must be found (search.synonyms.Wordings.concepts):
# as typed, or another wording of it as a phrase, or most of that wording's words in the title (all of
# a wording of up to CONCEPT_ALL_WORDS words, three in four beyond), or, for a longer wording, most of
# its words anywhere. The few words of a short wording ("đăng ký đất đai") are too often found apart
# in a long text ("đăng ký thuế lần đầu ... đất đai") to stand for it there.
CONCEPT_ALL_WORDS = 4


def concept_needed(count):
    """How many words of another wording must match (as Elasticsearch's "4<75%")."""
    return count if count <= CONCEPT_ALL_WORDS else count * 3 // 4
