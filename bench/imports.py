"""Import benchmark (legal documents and administrative procedures). Prints one JSON object.

  .venv/bin/python bench/imports.py [--portals 600] [--documents 10000] [--procedures 2500]

On a fresh temporary SQLite database (or DATABASE_URL), builds a province of --portals portals,
writes a CSV of --documents legal documents owned by its agencies (Vietnamese columns, as an older
system exports them), imports it with `import_documents` and reports documents per second and the
process's peak memory; then imports the same file again and reports how many
revisions the second run wrote (the goal: none). Memory is the process's peak resident size before
and after the import.

Procedures: --procedures records in the national catalogue's JSON shape, made from the real ones of
tests/data/imports/thu-tuc-quoc-gia.json (each copied under new codes, its implementing agency one
of the province's), imported with `import_procedures`; then the same file again (the goal: no new
revision), then a new national version of one record in ten (new fees), which must write exactly
that many revisions. The goal: 2,500 procedures in under two minutes on SQLite.
"""

import argparse
import csv
import datetime
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.portals import create_portals, setup_django  # noqa: E402

CATALOGUE = Path(__file__).resolve().parents[1] / "tests" / "data" / "imports" / "thu-tuc-quoc-gia.json"
HEADER = ["Số ký hiệu", "Loại văn bản", "Cơ quan ban hành", "Người ký", "Ngày ban hành", "Ngày hiệu lực", "Trích yếu",
          "Cơ quan quản lý"]


def write_csv(path, agencies, count):
    first_day = datetime.date(2024, 1, 2)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for number in range(1, count + 1):
            agency = agencies[number % len(agencies)]
            issued = first_day + datetime.timedelta(days=number % 700)
            writer.writerow([f"{number}/{issued.year}/QĐ-{agency.code}", "Quyết định", agency.name, "Nguyễn Văn A",
                             issued.strftime("%d/%m/%Y"), issued.isoformat(),
                             f"Quyết định về việc ban hành quy chế phối hợp số {number}", agency.code])


def timed_import(path):
    from cms.imports.documents import import_documents, read_rows

    began = time.perf_counter()
    report = import_documents(read_rows(path))
    return report, time.perf_counter() - began


def write_procedures(path, agencies, count, new_fees_every=0):
    """`count` catalogue records from the real ones, each under a new code and one of `agencies`;
    with new_fees_every=n, every n-th record carries a new national version with new fees."""
    real = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    records = []
    for number in range(count):
        record = json.loads(json.dumps(real[number % len(real)]))
        agency = agencies[number % len(agencies)]
        record["MATTHC"] = f"9.{number:06d}"
        record["COQUANTHUCHIEN"] = [{"MADONVI": agency.code, "TENDONVI": agency.name}]
        if new_fees_every and number % new_fees_every == 0:
            record["IDQUYETDINHCONGBO"] = f"{record.get('IDQUYETDINHCONGBO', '')}-moi"
            record["CACHTHUCTHUCHIEN"] = [{"KENH": 1, "THOIGIAN": [{"THOIGIANGIAIQUYET": "5", "DONVITINH": "Ngày làm việc",
                                                                   "PHILEPHI": [{"SOTIEN": "25000", "DONVI": "Đồng"}]}]}]
        records.append(record)
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")


def legal_bases(owner):
    """The laws, decrees and circulars the catalogue cites, imported as documents of the province."""
    from cms.documents.models import DocumentType
    from cms.imports.documents import import_documents

    types = {"QH": "Luật", "NĐ": "Nghị định", "NQ": "Nghị quyết", "TT": "Thông tư", "QĐ": "Quyết định"}
    for abbreviation, name in types.items():
        DocumentType.objects.get_or_create(name=name, defaults={"abbreviation": abbreviation, "is_legal_normative": True})
    numbers = {basis["SOVANBAN"] for record in json.loads(CATALOGUE.read_text(encoding="utf-8"))
               for basis in record.get("CANCUPHAPLY") or []}
    rows = [{"number": number, "document_type": next((name for key, name in types.items() if key in number), "Quyết định"),
             "issue_date": f"{number.split('/')[1]}-01-01", "abstract": f"Văn bản {number}", "issuing_body": "Chính phủ"}
            for number in sorted(numbers)]
    return import_documents(rows, agency=owner).count("error")


def timed_procedures(path):
    from cms.imports.procedures import import_procedures, read_records

    began = time.perf_counter()
    report = import_procedures(read_records(path))
    return report, time.perf_counter() - began


def peak_rss_mb():
    """The process's peak resident memory so far (tracemalloc would slow the import several times)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--portals", type=int, default=600)
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--procedures", type=int, default=2_500)
    args = parser.parse_args()
    setup_django()
    from django.db import connection
    from wagtail.models import Revision

    from cms.core.models import Agency, AgencyKind
    from cms.documents.models import DocumentType
    from sites.provisioning import create_portal

    province = Agency.objects.create(name="UBND tỉnh Đo Kiểm", kind=AgencyKind.PROVINCE, code="BENCH")
    create_portal(province, "bench.localhost")
    portals_seconds = create_portals(1, args.portals - 1, province)
    DocumentType.objects.get_or_create(name="Quyết định", defaults={"abbreviation": "QĐ", "is_legal_normative": True})
    path = Path(tempfile.mkdtemp(prefix="cong-bench-import-")) / "van-ban.csv"
    write_csv(path, list(Agency.objects.exclude(portal=None).order_by("pk")), args.documents)

    before_import = peak_rss_mb()
    first, first_seconds = timed_import(path)
    after_import = peak_rss_mb()
    revisions = Revision.objects.count()
    second, second_seconds = timed_import(path)
    rerun_revisions = Revision.objects.count() - revisions
    basis_errors = legal_bases(province)
    procedures = measure_procedures(path.parent, list(Agency.objects.exclude(portal=None).order_by("pk")), args.procedures)
    procedures["legal_basis_errors"] = basis_errors
    print(json.dumps({
        "database": connection.vendor, "portals": args.portals, "portals_build_s": round(portals_seconds, 1),
        "documents": args.documents, "errors": first.count("error"),
        "published": first.count("published"), "drafts": first.count("new"),
        "import_s": round(first_seconds, 1), "documents_per_s": round(args.documents / first_seconds, 1),
        "peak_rss_mb_before_import": round(before_import, 1), "peak_rss_mb_after_import": round(after_import, 1),
        "rerun_s": round(second_seconds, 1), "rerun_unchanged": second.count("unchanged"),
        "rerun_new_revisions": rerun_revisions, "procedures": procedures,
    }))


def measure_procedures(folder, agencies, count):
    from wagtail.models import Revision

    path, changed_path = folder / "thu-tuc.json", folder / "thu-tuc-moi.json"
    write_procedures(path, agencies, count)
    write_procedures(changed_path, agencies, count, new_fees_every=10)
    before = peak_rss_mb()
    first, first_seconds = timed_procedures(path)
    after = peak_rss_mb()
    revisions = Revision.objects.count()
    second, second_seconds = timed_procedures(path)
    rerun_revisions = Revision.objects.count() - revisions
    third, third_seconds = timed_procedures(changed_path)
    return {
        "records": count, "errors": first.count("error"), "published": first.count("published"),
        "drafts": first.count("new"), "import_s": round(first_seconds, 1), "per_s": round(count / first_seconds, 1),
        "under_2_minutes": first_seconds < 120,
        "peak_rss_mb_before_import": round(before, 1), "peak_rss_mb_after_import": round(after, 1),
        "rerun_s": round(second_seconds, 1), "rerun_unchanged": second.count("unchanged"), "rerun_new_revisions": rerun_revisions,
        "new_version_s": round(third_seconds, 1), "new_version_changed": third.count("changed"),
        "new_version_revisions": Revision.objects.count() - revisions - rerun_revisions,
    }


if __name__ == "__main__":
    main()
