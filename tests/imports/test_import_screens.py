"""The admin's import screens: a province administrator uploads the catalogue's file, the worker
runs a dry run whose report shows what would change, then the real run of the same file; a bad file
is a form error or a failed run with its reason, never a 500; no one else reaches these screens or
the mapping table."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from cms.imports.models import CodeMapping, ImportRun, MappingKind, RunStatus
from cms.procedures.models import Procedure
from tests.factories import make_user
from cms.pages.models import NewsArticlePage
from tests.imports.catalogue import CATALOGUE, DATA, RECORDS
from tests.worker import run_worker

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
INDEX = "/admin/nhap-du-lieu/"


@pytest.fixture
def admin(superuser, settings):
    settings.ADMIN_TWO_FACTOR = False
    client = Client()
    client.force_login(superuser)
    return client


def upload(client, name, content, **fields):
    return client.post(INDEX, {"kind": "thu-tuc", "file": SimpleUploadedFile(name, content), "publish": "on", **fields})


def test_a_dry_run_then_the_real_run_of_the_same_file(admin, province, taxonomy):
    response = upload(admin, "thu-tuc.json", CATALOGUE.read_bytes(), agency=province["justice"].pk)
    preview = ImportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{INDEX}{preview.pk}/"
    waiting = admin.get(response["Location"]).content.decode()
    assert 'http-equiv="refresh"' in waiting and "Đang chờ" in waiting

    run_worker()

    preview.refresh_from_db()
    assert preview.status == RunStatus.DONE and preview.done == preview.total == len(RECORDS)
    assert not Procedure.objects.exists()  # a dry run writes nothing
    page = admin.get(f"{INDEX}{preview.pk}/").content.decode()
    assert "Chạy thử: chưa ghi gì." in page and 'http-equiv="refresh"' not in page
    assert f"Mới (nháp): {len(RECORDS)}" in page and "căn cứ pháp lý" in page  # drafts: no legal basis in this database
    real = admin.post(f"{INDEX}{preview.pk}/nhap/")
    assert admin.post(f"{INDEX}{preview.pk}/nhap/")["Location"] == real["Location"]  # one real run per preview
    run_worker()
    assert Procedure.objects.filter(owner_agency=province["justice"]).count() == len(RECORDS)
    done = admin.get(real["Location"]).content.decode()
    assert "Nhập thật." in done and "Nhập thật</button>" not in done
    assert ImportRun.objects.get(pk=int(re.findall(r"\d+", real["Location"])[0])).started_by.username == "quantri"


def test_bad_files_are_a_form_error_or_a_failed_run_with_its_reason(admin, province, taxonomy):
    form = upload(admin, "thu-tuc.exe", b"MZ")
    assert form.status_code == 200 and "Loại dữ liệu này nhận tệp: .json, .xlsx, .csv." in form.content.decode()
    assert upload(admin, "hong.json", b'{"MATTHC": [').status_code == 302
    run_worker()
    failed = ImportRun.objects.get()
    assert failed.status == RunStatus.FAILED and "JSONDecodeError" in failed.report["error"]
    page = admin.get(f"{INDEX}{failed.pk}/")
    assert page.status_code == 200 and "JSONDecodeError" in page.content.decode()


def test_only_province_administrators_reach_the_imports_and_the_mapping_table(admin, province, taxonomy):
    upload(admin, "thu-tuc.json", CATALOGUE.read_bytes(), agency=province["justice"].pk)
    run = ImportRun.objects.get()
    mapping = CodeMapping.objects.create(kind=MappingKind.AGENCY, source_code="UBND-XA", source_name="UBND cấp xã")
    for group in (province["portals"]["justice"].editors_group, province["portals"]["justice"].approvers_group):
        client = Client()
        client.force_login(make_user(f"nguoi.{group.pk}", group))
        for url in (INDEX, f"{INDEX}{run.pk}/"):
            assert client.get(url).status_code in (302, 403)  # the admin turns a refusal into a redirect with a message
        assert client.post(f"{INDEX}{run.pk}/nhap/").status_code in (302, 403)
        assert ImportRun.objects.count() == 1
        assert client.get(f"/admin/anh-xa-ma/edit/{mapping.pk}/").status_code in (302, 403)
        assert "nhap-du-lieu" not in client.get("/admin/").content.decode()
    edit = admin.post(f"/admin/anh-xa-ma/edit/{mapping.pk}/", {"kind": "co-quan", "source_code": "UBND-XA", "source_name": "UBND cấp xã",
                                                          "agency": province["commune"].pk, "sector": ""})
    assert edit.status_code == 302
    mapping.refresh_from_db()
    assert mapping.agency == province["commune"]
    wrong = admin.post(f"/admin/anh-xa-ma/edit/{mapping.pk}/", {"kind": "co-quan", "source_code": "UBND-XA", "source_name": "x",
                                                           "agency": "", "sector": taxonomy["civil_status"].pk})
    assert wrong.status_code == 200 and "Mã cơ quan chỉ ánh xạ tới một cơ quan." in wrong.content.decode()


def test_news_of_the_old_portal_go_into_the_agencys_portal(admin, province):
    no_portal = upload(admin, "wordpress.xml", (DATA / "wordpress.xml").read_bytes(), kind="tin-bai",
                       agency=province["hospital"].pk)
    assert no_portal.status_code == 200 and "Chọn cơ quan có cổng nhận tin bài." in no_portal.content.decode()
    upload(admin, "wordpress.xml", (DATA / "wordpress.xml").read_bytes(), kind="tin-bai", agency=province["justice"].pk,
           author="Ban biên tập")
    run_worker()
    preview = ImportRun.objects.get()
    assert preview.status == RunStatus.DONE and not NewsArticlePage.objects.filter(slug="tuyen-truyen-luat-ho-tich").exists()
    assert "không phải tin bài" in admin.get(f"{INDEX}{preview.pk}/").content.decode()  # what was left out is listed
    admin.post(f"{INDEX}{preview.pk}/nhap/")
    run_worker()
    article = NewsArticlePage.objects.get(slug="tuyen-truyen-luat-ho-tich")
    assert article.live and article.author == "Ban biên tập"
    assert article.is_descendant_of(province["portals"]["justice"].site.root_page)
