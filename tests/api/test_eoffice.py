"""The e-office push: an agency's document-management system sends a document with its token; it
becomes a draft in the owner's workflow with its real issue date and files, once however often it is
sent; bad tokens and bad input are JSON 4xx and create nothing; tokens are made and revoked in the
admin by province administrators, the key shown once and kept only as a hash."""

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.models import WorkflowState

from cms.api.models import EOfficeToken
from cms.core.models import AgencyLogEntry
from cms.documents.models import LegalDocument
from tests.factories import make_user

pytestmark = pytest.mark.django_db
URL = "/api/v1/eoffice/documents/"
DOCUMENT = {
    "number": "12/2026/QĐ-STP", "document_type": "QĐ", "signer": "Phạm Văn D", "issue_date": "2026-11-20",
    "effective_date": "2026-12-01", "abstract": "Quyết định ban hành quy chế phối hợp quản lý hộ tịch",
    "full_text": "Điều 1. Ban hành quy chế.\nĐiều 2. Hiệu lực.", "sectors": ["ho-tich"],
}


@pytest.fixture
def key(province, taxonomy):
    token = EOfficeToken(agency=province["justice"], name="Hệ thống quản lý văn bản")
    secret = token.new_key()
    token.save()
    return secret


def push(key, payload=DOCUMENT, **extra):
    return Client().post(URL, json.dumps(payload), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}", **extra)


def test_a_pushed_document_is_a_draft_in_its_owners_workflow_with_its_issue_date(key, province):
    response = push(key)
    assert response.status_code == 201, response.content
    document = LegalDocument.objects.get(pk=response.json()["id"])
    assert not document.live and document.owner_agency == province["justice"]
    assert str(document.issue_date) == "2026-11-20" and document.signer == "Phạm Văn D"
    assert document.body == "<p>Điều 1. Ban hành quy chế.</p><p>Điều 2. Hiệu lực.</p>"
    assert [sector.code for sector in document.sectors.all()] == ["ho-tich"]
    assert WorkflowState.objects.filter(object_id=str(document.pk), status=WorkflowState.STATUS_IN_PROGRESS).exists()
    assert AgencyLogEntry.objects.filter(action="cong.eoffice.push", object_id=str(document.pk)).exists()


def test_the_same_document_pushed_again_creates_nothing(key):
    first, second = push(key), push(key)
    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json() == {"id": first.json()["id"], "created": False}
    assert LegalDocument.objects.count() == 1 and LegalDocument.objects.get().revisions.count() == 1


def test_files_come_as_multipart_into_the_owners_collection(key, province):
    upload = SimpleUploadedFile("12-2026-QD-STP.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    response = Client().post(URL, {"document": json.dumps(DOCUMENT), "files": [upload]}, HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 201, response.content
    attachment = LegalDocument.objects.get().attachments.get()
    assert attachment.file.collection == province["portals"]["justice"].collection


@pytest.mark.parametrize("header", ["", "Bearer sai-khoa", "Token abc", "Bearer "])
def test_a_missing_or_wrong_token_is_refused(key, header):
    response = Client().post(URL, json.dumps(DOCUMENT), content_type="application/json", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Bearer" and response.json()["error"]
    assert not LegalDocument.objects.exists()


def test_a_revoked_token_is_refused(key):
    EOfficeToken.objects.update(active=False)
    assert push(key).status_code == 401 and not LegalDocument.objects.exists()


@pytest.mark.parametrize("change, field", [
    ({"abstract": ""}, "abstract"), ({"issue_date": "40/13/2026"}, "issue_date"), ({"effect_status": "sắp hết"}, "effect_status"), ({"document_type": "Sắc lệnh"}, "document_type"),
    ({"sectors": ["khong-co"]}, "sectors"), ({"number": "không có số"}, "number"),
    ({"effective_date": "2026-01-01"}, "effective_date"),
])
def test_bad_input_is_a_json_400_naming_the_field(key, change, field):
    response = push(key, {**DOCUMENT, **change})
    assert response.status_code == 400 and field in response.json()["fields"]
    assert not LegalDocument.objects.exists()


def test_a_file_that_is_not_what_it_claims_is_refused(key):
    fake = SimpleUploadedFile("gia.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = Client().post(URL, {"document": json.dumps(DOCUMENT), "files": [fake]}, HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 400 and "files" in response.json()["fields"]
    assert not LegalDocument.objects.exists()


def test_province_administrators_make_a_token_shown_once_and_editors_cannot(province, taxonomy, settings):
    settings.ADMIN_TWO_FACTOR = False
    admin, editor = Client(), Client()
    admin.force_login(make_user("quantri.eo", is_superuser=True, is_staff=True))
    editor.force_login(make_user("bientap.eo", province["portals"]["justice"].editors_group))
    response = admin.post("/admin/eoffice_tokens/new/", {"agency": province["justice"].pk, "name": "QLVB", "active": "on"},
                          follow=True)
    shown = re.search(r"Khóa kết nối của QLVB: (\S+) — chỉ hiện một lần", response.content.decode())
    assert shown, response.content.decode()[:3000]
    token = EOfficeToken.objects.get()
    assert token.digest != shown.group(1) and shown.group(1) not in admin.get("/admin/eoffice_tokens/").content.decode()
    assert push(shown.group(1)).status_code == 201
    second = admin.post("/admin/eoffice_tokens/new/", {"agency": province["justice"].pk, "name": "Khác", "active": "on"})
    assert second.status_code == 200 and EOfficeToken.objects.count() == 1  # one active token per agency
    assert editor.get("/admin/eoffice_tokens/").status_code in (302, 403)
