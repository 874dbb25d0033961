"""Legal documents from an older system's files (tests/data/imports: real national decrees in a CSV
with Vietnamese columns, the same as XLSX, and a JSON in the national database's shape): each row
on its own, bad rows reported, relations resolved by number, published when the rules allow and a
draft with what they still need otherwise, a re-run writes nothing, a changed row becomes a draft
revision, a dry run writes nothing, every document written is in the audit log."""

import csv
import functools
import io
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from cms.core.models import AgencyLogEntry
from cms.documents.models import LegalDocument
from cms.imports.documents import import_documents, read_rows
from cms.publishing.guard import violations_for
from wagtail.models import Revision

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent.parent / "data" / "imports"
CSV = DATA / "van-ban.csv"


def run(rows, province, **options):
    return import_documents(rows, agency=province["root"], files_dir=DATA / "files", source="van-ban.csv", **options)


def test_each_row_goes_in_on_its_own_with_relations_and_files(province, taxonomy):
    report = run(read_rows(CSV), province)
    assert [outcome.action for outcome in report.outcomes][-1] == "error"
    assert "document_type" in report.outcomes[-1].detail and report.count("error") == 1
    assert LegalDocument.objects.count() == 5 and report.notes == []
    decree = LegalDocument.objects.get(number="42/2022/NĐ-CP")
    assert decree.signer == "Vũ Đức Đam" and str(decree.issue_date) == "2022-06-24" and decree.owner_agency == province["root"]
    assert [(r.kind, r.target.number) for r in decree.relations.all()] == [("replaces", "43/2011/NĐ-CP")]
    latest = decree.get_latest_revision_as_object()  # what an approver will publish keeps the relation
    assert [(r.kind, r.target.number) for r in latest.relations.all()] == [("replaces", "43/2011/NĐ-CP")]
    amending = LegalDocument.objects.get(number="107/2021/NĐ-CP")
    assert [(r.kind, r.target.number) for r in amending.relations.all()] == [("amends", "61/2018/NĐ-CP")]
    assert LegalDocument.objects.get(number="43/2011/NĐ-CP").effect_status == "het-hieu-luc"
    with_file = LegalDocument.objects.get(number="30/2020/NĐ-CP")
    assert with_file.attachments.get().file.file.read().startswith(b"%PDF")
    for outcome, document in zip(report.outcomes, LegalDocument.objects.order_by("pk")):
        assert document.live == (outcome.action == "published") == (violations_for(document) == [])
        assert (outcome.detail != "") == (outcome.action == "new")  # a draft says what the rules still need
    assert AgencyLogEntry.objects.filter(action="cong.import.document").count() == 5


def test_a_second_run_writes_nothing_and_a_changed_row_is_a_draft_revision(province, taxonomy):
    run(read_rows(CSV), province)
    revisions, logs = Revision.objects.count(), AgencyLogEntry.objects.count()
    again = run(read_rows(CSV), province)
    assert again.count("unchanged") == 5 and Revision.objects.count() == revisions
    assert AgencyLogEntry.objects.count() == logs and LegalDocument.objects.count() == 5
    rows = read_rows(CSV)
    rows[4]["signer"] = "Trương Hòa Bình"
    changed = run(rows, province)
    assert [(o.key, o.action, o.detail) for o in changed.outcomes if o.action == "changed"] == [
        ("30/2020/NĐ-CP", "changed", "signer")]
    document = LegalDocument.objects.get(number="30/2020/NĐ-CP")
    assert document.signer == "Nguyễn Xuân Phúc"  # what is published stays until an approver publishes
    assert document.get_latest_revision_as_object().signer == "Trương Hòa Bình"


def test_rows_without_files_need_no_files_folder(province, taxonomy):
    report = import_documents(read_rows(CSV)[:4], agency=province["root"])
    assert report.count("error") == 0 and LegalDocument.objects.count() == 4


def test_a_dry_run_reports_and_writes_nothing(province, taxonomy):
    report = run(read_rows(CSV), province, dry_run=True)
    assert report.count("error") == 1 and report.count("new") + report.count("published") == 5
    assert not LegalDocument.objects.exists() and not AgencyLogEntry.objects.filter(action="cong.import.document").exists()


def test_xlsx_and_the_national_json_shape(province, taxonomy, tmp_path):
    workbook = Workbook()
    for row in csv.reader(io.StringIO(CSV.read_text(encoding="utf-8"))):
        workbook.active.append(row)
    workbook.save(tmp_path / "van-ban.xlsx")
    assert run(read_rows(tmp_path / "van-ban.xlsx"), province).count("error") == 1
    report = run(read_rows(DATA / "van-ban-quoc-gia.json"), province)
    assert report.count("error") == 0 and LegalDocument.objects.filter(number="13/2023/NĐ-CP").exists()
    assert report.notes == [("45/2020/NĐ-CP", "không tìm thấy văn bản liên quan “hướng dẫn 99/2099/NĐ-CP”")]


def test_the_command_shows_progress_and_a_summary(province, taxonomy):
    out = io.StringIO()
    call_command("import_documents", str(CSV), agency="TN", files=str(DATA / "files"), dry_run=True, stdout=out)
    text = out.getvalue()
    assert "[1/6] + 43/2011/NĐ-CP" in text and "[6/6] ! 01/SL error" in text
    assert text.strip().splitlines()[-1].startswith("(chạy thử, không ghi gì)") and "1 lỗi" in text


def test_a_file_name_cannot_reach_outside_the_files_folder(province, taxonomy, tmp_path):
    (tmp_path / "ngoai.pdf").write_bytes((DATA / "files" / "30-2020-ND-CP.pdf").read_bytes())
    (tmp_path / "tep").mkdir()
    row = {**read_rows(CSV)[4], "files": "../ngoai.pdf"}
    report = import_documents([row], agency=province["root"], files_dir=tmp_path / "tep")
    assert report.outcomes[0].action == "error" and "ngoai.pdf" in report.outcomes[0].detail
    assert not LegalDocument.objects.exists()


@pytest.fixture
def file_server():
    """A real HTTP server on 127.0.0.1 serving the files folder, as an e-office file server would."""
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(DATA / "files"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_files_named_by_url_are_fetched_from_trusted_hosts_only(province, taxonomy, file_server, settings):
    row = {**read_rows(CSV)[4], "files": f"{file_server}/30-2020-ND-CP.pdf"}
    refused = import_documents([row], agency=province["root"])
    assert refused.outcomes[0].action == "error" and "địa chỉ nội bộ" in refused.outcomes[0].detail
    settings.IMPORT_TRUSTED_HOSTS = ["127.0.0.1"]
    missing = import_documents([{**row, "files": f"{file_server}/khong-co.pdf"}], agency=province["root"])
    assert missing.outcomes[0].action == "error" and "404" in missing.outcomes[0].detail
    report = import_documents([row], agency=province["root"])
    assert report.outcomes[0].action == "published"
    attachment = LegalDocument.objects.get(number="30/2020/NĐ-CP").attachments.get()
    assert attachment.title == "30-2020-ND-CP.pdf" and attachment.file.file.read().startswith(b"%PDF")
