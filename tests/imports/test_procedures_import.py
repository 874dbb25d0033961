"""Procedures from the national catalogue (tests/data/imports: 30 real procedures in the JSON shape
of its integration API, and its spreadsheet export): complete records published, thin ones kept as
drafts with what the rules still need, agencies and sectors mapped through a table editors correct,
a re-run writes nothing, a new national version is a revision sent to the owning portal's approvers
with a per-field diff, local edits kept where the catalogue did not change, each field's origin
known; bad rows reported while the others go on; a dry run writes nothing."""

import copy
import io
import json

import pytest
from django.core.management import call_command
from django.test import Client
from wagtail.models import Revision, WorkflowState

from cms.core.models import AgencyLogEntry
from cms.imports.models import CodeMapping, MappingKind
from cms.imports.procedures import import_procedures, read_records
from cms.procedures.models import NationalSource, Procedure
from cms.publishing.guard import violations_for
from tests.factories import make_user
from tests.imports.catalogue import CATALOGUE, EXPORT, RECORDS

pytestmark = pytest.mark.django_db
THIN = {record["MATTHC"] for record in RECORDS if not record.get("THANHPHANHOSO") or not record.get("TRINHTUTHUCHIEN")}


def write(records, tmp_path, name="thu-tuc.json"):
    path = tmp_path / name
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return path


def run(path, province, **options):
    return import_procedures(read_records(path), agency=options.pop("agency", province["justice"]), **options)


def test_complete_records_are_published_and_thin_ones_kept_as_drafts_with_what_they_lack(province, legal_bases):
    report = run(CATALOGUE, province)
    assert report.count("error") == 0 and Procedure.objects.count() == len(RECORDS) and report.notes == []
    for outcome in report.outcomes:
        procedure = Procedure.objects.get(code=outcome.key)
        assert procedure.live == (outcome.action == "published") == (violations_for(procedure) == [])
        assert (outcome.detail != "") == (not procedure.live)  # a draft says what the rules still need
    drafts = {outcome.key for outcome in report.outcomes if outcome.action == "new"}
    assert THIN <= drafts and len(THIN) == 3 and report.count("published") >= 24
    no_time = next(o for o in report.outcomes if o.key == "2.001019")  # the catalogue gives no processing time
    assert no_time.action == "new" and "thời hạn giải quyết" in no_time.detail
    assert AgencyLogEntry.objects.filter(action="cong.import.procedure").count() == len(RECORDS)


def test_the_fields_a_citizen_reads_come_from_the_catalogue(province, legal_bases):
    run(CATALOGUE, province)
    birth = Procedure.objects.get(code="1.001193")
    source = next(record for record in RECORDS if record["MATTHC"] == "1.001193")
    assert birth.name == source["TENTTHC"] and birth.level == "xa" and birth.sector.name == "Hộ tịch"
    assert birth.processing_days == 1 and birth.processing_time.startswith("1 Ngày làm việc (Ngay trong ngày")
    assert "Miễn phí" in birth.fees and birth.requirements == "Không"
    assert birth.method == birth.submission_and_return and set(birth.method.split("; ")) == {
        "Trực tiếp", "Trực tuyến", "Dịch vụ bưu chính"}
    papers = [" ".join(paper["TENGIAYTO"].split()) for group in source["THANHPHANHOSO"] for paper in group["GIAYTO"]]
    assert [name.split(": ", 1)[-1] for name in birth.required_files.values_list("name", flat=True)] == papers
    assert birth.steps.startswith("<ol><li>") and birth.steps.count("<li>") == len(source["TRINHTUTHUCHIEN"][0]["TRINHTU"])
    assert {document.number for document in birth.legal_basis.all()} == {b["SOVANBAN"] for b in source["CANCUPHAPLY"]}
    assert birth.applicants == "; ".join(entry["TENDOITUONG"] for entry in source["DOITUONGTHUCHIEN"])
    assert birth.national_source.version == source["IDQUYETDINHCONGBO"]
    assert birth.national_source.agency_names == [entry["TENDONVI"] for entry in source["COQUANTHUCHIEN"]]
    ministry_and_commune = next(r for r in RECORDS if [c["TENCAP"] for c in r["CAPTHUCHIEN"]] == ["Cấp Bộ", "Cấp Xã"])
    assert Procedure.objects.get(code=ministry_and_commune["MATTHC"]).level == "xa"  # the province's own level


def test_a_second_run_writes_nothing(province, legal_bases):
    run(CATALOGUE, province)
    revisions, logs, mappings = Revision.objects.count(), AgencyLogEntry.objects.count(), CodeMapping.objects.count()
    again = run(CATALOGUE, province)
    assert again.count("unchanged") == len(RECORDS)
    assert (Revision.objects.count(), AgencyLogEntry.objects.count(), CodeMapping.objects.count()) == (revisions, logs, mappings)


def test_a_new_national_version_is_a_revision_for_the_owners_approvers_and_keeps_local_edits(province, legal_bases, tmp_path):
    run(CATALOGUE, province)
    birth = Procedure.objects.get(code="1.001193")
    local = birth.get_latest_revision_as_object()
    local.requirements = "Xuất trình giấy tờ tùy thân bản chính khi nộp trực tiếp."  # an edit made here
    local.save_revision().publish()
    records = copy.deepcopy(RECORDS)
    birth_record = next(record for record in records if record["MATTHC"] == "1.001193")
    birth_record["IDQUYETDINHCONGBO"] = "999001"
    for channel in birth_record["CACHTHUCTHUCHIEN"]:
        for time in channel["THOIGIAN"]:
            time["PHILEPHI"] = [{"MAPHILEPHI": "1", "SOTIEN": "8000", "DONVI": "Đồng", "MOTA": "Lệ phí đăng ký"}]
    revisions = Revision.objects.count()

    report = run(write(records, tmp_path), province)

    assert [(o.key, o.action) for o in report.outcomes if o.action != "unchanged"] == [("1.001193", "changed")]
    changed = next(o for o in report.outcomes if o.action == "changed")
    assert changed.changes == [["phí, lệ phí", "0 Đồng (Miễn phí)", "8.000 Đồng (Lệ phí đăng ký)"]]
    assert Revision.objects.count() == revisions + 1
    birth.refresh_from_db()
    assert "Miễn phí" in birth.fees  # what citizens read stays until an approver publishes
    draft = birth.get_latest_revision_as_object()
    assert draft.fees == "8.000 Đồng (Lệ phí đăng ký)" and draft.requirements.startswith("Xuất trình")
    origins = birth.national_source.origins(draft)
    assert origins["fees"] is True and origins["requirements"] is False
    state = WorkflowState.objects.get(object_id=str(birth.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    approver = make_user("duyet.stp.tt", province["portals"]["justice"].approvers_group)
    task_state = state.current_task_state
    assert task_state.revision_id == birth.latest_revision_id
    assert task_state.task.specific.user_can_access_editor(birth, approver)
    task_state.task.specific.on_action(task_state, approver, "approve")
    birth.refresh_from_db()
    assert birth.fees == "8.000 Đồng (Lệ phí đăng ký)" and birth.requirements.startswith("Xuất trình") and birth.live
    entry = AgencyLogEntry.objects.filter(action="cong.import.procedure").order_by("-pk").first()
    assert entry.data["changes"] == changed.changes and entry.data["version"] == "999001"


def test_a_field_the_catalogue_changes_replaces_the_local_edit_and_the_diff_shows_it(province, legal_bases, tmp_path):
    run(CATALOGUE, province)
    marriage = Procedure.objects.get(code="1.000894")
    local = marriage.get_latest_revision_as_object()
    local.name = "Đăng ký kết hôn (sửa tại cơ quan)"
    local.save_revision().publish()
    records = copy.deepcopy(RECORDS)
    next(record for record in records if record["MATTHC"] == "1.000894")["TENTTHC"] = "Thủ tục đăng ký kết hôn trong nước"
    report = run(write(records, tmp_path), province)
    changed = next(o for o in report.outcomes if o.action == "changed")
    assert changed.changes == [["tên thủ tục", "Đăng ký kết hôn (sửa tại cơ quan)", "Thủ tục đăng ký kết hôn trong nước"]]


def test_agencies_and_sectors_are_mapped_through_a_table_editors_correct(province, legal_bases, tmp_path):
    records = [record for record in RECORDS if record["MATTHC"] in ("3.000444", "1.001193")]
    first = import_procedures(read_records(write(records, tmp_path)))
    by_code = {o.key: o for o in first.outcomes}
    assert by_code["3.000444"].action == "published"  # "Sở Tư pháp": the province's agency of that name
    assert Procedure.objects.get(code="3.000444").owner_agency == province["justice"]
    assert by_code["1.001193"].action == "error" and "chưa được ánh xạ" in by_code["1.001193"].detail
    unmapped = CodeMapping.objects.get(kind=MappingKind.AGENCY, source_code="UBND-XA")
    assert unmapped.agency is None and unmapped.source_name.startswith("Ủy ban Nhân dân xã")
    assert CodeMapping.objects.get(kind=MappingKind.SECTOR, source_code="G15-TP07").sector.name == "Hộ tịch"

    unmapped.agency = province["commune"]
    unmapped.save()
    second = import_procedures(read_records(write(records, tmp_path)))
    assert {o.key: o.action for o in second.outcomes} == {"3.000444": "unchanged", "1.001193": "published"}
    birth = Procedure.objects.get(code="1.001193")
    assert birth.owner_agency == province["commune"] and list(birth.implementing_agencies.all()) == [province["commune"]]


def test_an_agency_the_catalogue_names_with_a_long_sentence_and_no_code_is_mapped_once(province, legal_bases, tmp_path):
    """Real records put a sentence where the implementing agency's name belongs, without its code."""
    sentence = "Cơ quan có thẩm quyền chứng thực tiến hành chụp từ bản chính giao dịch đang được lưu trữ " * 8
    record = copy.deepcopy(next(record for record in RECORDS if record["MATTHC"] == "3.000444"))
    record["COQUANTHUCHIEN"] = [{"MADONVI": "", "TENDONVI": sentence}]
    for _run in range(2):
        report = run(write([record], tmp_path), province)
        assert report.count("error") == 0, report.outcomes
    mapping = CodeMapping.objects.get(kind=MappingKind.AGENCY)
    assert len(mapping.source_code) <= 100 and len(mapping.source_name) <= 500
    assert mapping.source_name.startswith("Cơ quan có thẩm quyền chứng thực")


def test_a_bad_row_is_reported_and_the_others_go_in(province, legal_bases, tmp_path):
    ministry_only = {**RECORDS[0], "MATTHC": "9.999999", "CAPTHUCHIEN": [{"CAPTHUCHIEN": "1", "TENCAP": "Cấp Bộ"}]}
    records = ["không phải bản ghi", {"TENTTHC": "Thiếu mã"}, ministry_only, {**RECORDS[1], "CACHTHUCTHUCHIEN": "sai"}, RECORDS[2]]
    report = run(write(records, tmp_path), province)
    assert [o.action for o in report.outcomes] == ["error", "error", "error", "error", "published"]
    assert "MATTHC" in report.outcomes[1].detail and "cấp thực hiện" in report.outcomes[2].detail
    assert Procedure.objects.count() == 1


def test_a_dry_run_reports_and_writes_nothing(province, legal_bases):
    report = run(CATALOGUE, province, dry_run=True)
    assert report.count("published") >= 24 and report.count("new") + report.count("published") == len(RECORDS)
    assert not Procedure.objects.exists() and not CodeMapping.objects.exists() and not NationalSource.objects.exists()


def test_the_spreadsheet_export_fills_what_it_carries(province, legal_bases):
    report = run(EXPORT, province)
    assert report.count("error") == 0 and report.count("published") == 0  # no steps, files, fees: drafts
    codes = [outcome.key for outcome in report.outcomes]
    assert set(codes) >= {record["MATTHC"] for record in RECORDS}
    birth = Procedure.objects.get(code="1.001193")
    assert birth.level == "xa" and birth.sector.name == "Hộ tịch" and "Công dân Việt Nam" in birth.applicants
    assert "trình tự thực hiện" in next(o.detail for o in report.outcomes if o.key == "1.001193")


def test_the_spreadsheet_after_the_json_changes_only_what_it_carries(province, legal_bases):
    run(CATALOGUE, province)
    revisions = Revision.objects.count()
    report = run(EXPORT, province)
    for outcome in report.outcomes:
        for label, _before, _after in outcome.changes:
            assert label in ("tên thủ tục", "lĩnh vực", "cấp thực hiện", "cơ quan thực hiện", "đối tượng thực hiện",
                             "quyết định công bố")
    assert Revision.objects.count() - revisions == report.count("changed") + report.count("new") + report.count("published")
    assert Procedure.objects.get(code="1.001193").required_files.exists()  # not in the spreadsheet: kept


def test_the_command_shows_progress_diffs_and_a_summary(province, legal_bases, tmp_path):
    out = io.StringIO()
    call_command("import_procedures", str(CATALOGUE), agency="STP", stdout=out)
    assert f"[1/{len(RECORDS)}] + 1.001193 published" in out.getvalue()
    records = copy.deepcopy(RECORDS)
    records[0]["TENTTHC"] = "Đăng ký khai sinh"
    out = io.StringIO()
    call_command("import_procedures", str(write(records, tmp_path)), agency="STP", dry_run=True, stdout=out)
    text = out.getvalue()
    assert "~ 1.001193 changed" in text and "tên thủ tục: “Thủ tục đăng ký khai sinh” → “Đăng ký khai sinh”" in text
    assert text.strip().splitlines()[-1].startswith("(chạy thử, không ghi gì)")


def test_the_edit_form_tells_which_fields_are_local_edits(province, legal_bases, settings):
    settings.ADMIN_TWO_FACTOR = False
    run(CATALOGUE, province)
    birth = Procedure.objects.get(code="1.001193")
    local = birth.get_latest_revision_as_object()
    local.requirements = "Xuất trình giấy tờ tùy thân."
    local.save_revision()
    client = Client()
    client.force_login(make_user("bientap.stp.tt", province["portals"]["justice"].editors_group))
    html = client.get(f"/admin/snippets/procedures/procedure/edit/{birth.pk}/").content.decode()
    panel = html.split("Nguồn dữ liệu")[1]
    assert "phiên bản 118218" in panel and "Sửa tại cơ quan" in panel and panel.count("CSDL quốc gia") >= 10
