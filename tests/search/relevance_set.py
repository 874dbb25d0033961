"""The independent relevance set (tests/data/search/relevance, README there): its real documents and
procedures loaded through the project's imports, and nDCG@10 of the query service over its graded
queries, per half (tuning, test)."""

import json
import math
import re
import tempfile
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parents[1] / "data" / "search" / "relevance"
HALVES = ("tuning", "test")
# The document types of the set, with the abbreviation their numbers carry.
DOCUMENT_TYPES = {
    "Luật": "QH", "Bộ luật": "BL", "Pháp lệnh": "PL", "Nghị quyết": "NQ", "Nghị định": "NĐ", "Quyết định": "QĐ",
    "Thông tư": "TT", "Thông tư liên tịch": "TTLT", "Văn bản hợp nhất": "VBHN", "Công văn": "CV",
}
PROVINCE_LEVELS = {"Cấp Tỉnh", "Cấp Huyện", "Cấp Xã"}
UNKNOWN_DATE = "2000-01-01"
LEGAL_NORMATIVE = {"Luật", "Bộ luật", "Pháp lệnh", "Nghị quyết", "Nghị định", "Thông tư", "Thông tư liên tịch"}


def queries():
    return yaml.safe_load((DATA / "queries.yaml").read_text(encoding="utf-8"))["queries"]


def load(owner_code="TINH"):
    """The set's documents and procedures, published by one province agency with a portal; the import
    reports of both ({"documents": Report, "procedures": Report}).

    The records are real and some lack what this project requires, because their sources do not
    give it: the loader fills in only what a record cannot be stored without, and publishes them all.
    - A document without an issue date takes its effective date, else 1 January of the year in its
      number, else UNKNOWN_DATE (dates only break ties between equally relevant documents).
    - A procedure the catalogue lists at ministry level only is carried out in the province by the
      ministry's provincial offices (police, transport): it is loaded at the province's level.
    - A record the publication gate holds back (no attached file, no processing time: required of
      a portal's own records, not of a relevance set) is published through the logged override."""
    from cms.core.models import Agency, AgencyKind
    from cms.documents.models import DocumentType, Sector
    from cms.imports.documents import import_documents
    from cms.imports.procedures import import_procedures, read_records
    from sites.provisioning import create_portal

    owner = Agency.objects.create(name="Ủy ban nhân dân tỉnh Kiểm Thử", short_name="UBND tỉnh", code=owner_code,
                                  kind=AgencyKind.PROVINCE)
    create_portal(owner, "relevance.localhost")
    for name, abbreviation in DOCUMENT_TYPES.items():
        DocumentType.objects.get_or_create(name=name, defaults={"abbreviation": abbreviation,
                                                                "is_legal_normative": name in LEGAL_NORMATIVE})
    documents = json.loads((DATA / "documents.json").read_text(encoding="utf-8"))
    for number, name in enumerate(sorted({sector for row in documents for sector in row["sectors"]}), start=1):
        Sector.objects.get_or_create(name=name, defaults={"code": f"lv-{number}"})
    with tempfile.TemporaryDirectory() as folder:
        procedures = Path(folder) / "thu-tuc.json"
        procedures.write_text(json.dumps(_at_province_level(DATA / "procedures.json"), ensure_ascii=False), encoding="utf-8")
        reports = {
            "documents": import_documents([_document_row(row) for row in documents], agency=owner),
            "procedures": import_procedures(read_records(procedures), agency=owner),
        }
    _publish_held_back(reports)
    return reports


def _document_row(row):
    year = re.search(r"/((?:19|20)[0-9]{2})/", row["number"])
    issued = row["issue_date"] or row["effective_date"] or (f"{year[1]}-01-01" if year else UNKNOWN_DATE)
    return {
        "number": row["number"], "document_type": row["type"], "issuing_body": row["issuer"], "signer": row["signer"],
        "issue_date": issued, "effective_date": row["effective_date"], "effect_status": row["status"],
        "abstract": row["abstract"], "full_text": row["body"], "sectors": row["sectors"],
    }


def _at_province_level(path):
    records = json.loads(path.read_text(encoding="utf-8"))
    for record in records:
        if not any(level.get("TENCAP") in PROVINCE_LEVELS for level in record.get("CAPTHUCHIEN") or []):
            record["CAPTHUCHIEN"] = [{"CAPTHUCHIEN": "1", "TENCAP": "Cấp Tỉnh"}]
    return records


def _publish_held_back(reports):
    from cms.documents.models import LegalDocument
    from cms.procedures.models import Procedure
    from cms.publishing.guard import force_publication

    drafts = [*LegalDocument.objects.filter(live=False), *Procedure.objects.filter(live=False)]
    for record in drafts:
        with force_publication(record, None, "Bộ dữ liệu đánh giá tìm kiếm: bản ghi thật thiếu thông tin ở nguồn"):
            record.get_latest_revision().publish()


def ranked_keys(hits):
    """The set's keys of these hits ("doc:<number>", "proc:<code>"; other hits keep their place)."""
    from cms.documents.models import LegalDocument
    from cms.procedures.models import Procedure

    numbers = dict(LegalDocument.objects.filter(pk__in=[hit.object_id for hit in hits if hit.kind == "document"])
                   .values_list("pk", "number"))
    codes = dict(Procedure.objects.filter(pk__in=[hit.object_id for hit in hits if hit.kind == "procedure"])
                 .values_list("pk", "code"))
    keys = {"document": lambda pk: f"doc:{numbers[pk]}", "procedure": lambda pk: f"proc:{codes[pk]}"}
    return [keys[hit.kind](hit.object_id) if hit.kind in keys else f"{hit.kind}:{hit.object_id}" for hit in hits]


def ndcg_at_10(ranked, relevant):
    """Graded nDCG@10 (gain 2^grade - 1) of the ranked keys against {key: grade}."""
    dcg = sum((2 ** relevant.get(key, 0) - 1) / math.log2(position + 2) for position, key in enumerate(ranked[:10]))
    ideal = sum((2 ** grade - 1) / math.log2(position + 2)
                for position, grade in enumerate(sorted(relevant.values(), reverse=True)[:10]))
    return dcg / ideal


def evaluate(search):
    """{half: {"ndcg": mean nDCG@10, "empty": queries without results, "rows": [(q, nDCG, top keys)]}},
    searching all portals with `search(params)`."""
    from search.forms import SearchForm

    halves = {half: {"rows": []} for half in HALVES}
    for entry in queries():
        form = SearchForm({"q": entry["q"], "scope": "all", "per_page": "10"})
        if not form.is_valid():
            raise AssertionError(f"{entry['q']!r}: {form.errors}")
        ranked = ranked_keys(search(form.params()).hits)
        relevant = {item["key"]: item["grade"] for item in entry["relevant"]}
        halves[entry["half"]]["rows"].append((entry["q"], ndcg_at_10(ranked, relevant), ranked))
    for half in halves.values():
        half["ndcg"] = sum(score for _q, score, _ranked in half["rows"]) / len(half["rows"])
        half["empty"] = [q for q, _score, ranked in half["rows"] if not ranked]
    return halves
