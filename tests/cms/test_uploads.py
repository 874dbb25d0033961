import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.models import Collection

from cms.demo.loader import minimal_pdf

ADD_URL = reverse("wagtaildocs:add")


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


def upload(admin_client, name, content):
    collection = Collection.get_first_root_node().pk
    return admin_client.post(ADD_URL, {"title": name, "file": SimpleUploadedFile(name, content), "collection": collection})


@pytest.mark.django_db
class TestDocumentUploads:
    @pytest.mark.parametrize("name, content", [
        ("van-ban.pdf", minimal_pdf("12/2025/QĐ-UBND")),
        ("mau-don.docx", docx_bytes()),
        ("anh.png", png_bytes()),
    ])
    def test_genuine_files_are_accepted(self, admin_client, name, content):
        response = upload(admin_client, name, content)
        assert response.status_code == 302
        assert get_document_model().objects.filter(title=name).exists()

    @pytest.mark.parametrize("name, content", [
        ("gia-mao.pdf", b"MZ\x90\x00 this is an executable"),
        ("hong.docx", b"PK\x03\x04 broken zip"),
        ("doi-ten.xlsx", docx_bytes()),
        ("anh.jpg", png_bytes()),
        ("cu.doc", b"plain text pretending"),
    ])
    def test_corrupt_or_mislabelled_files_are_refused(self, admin_client, name, content):
        response = upload(admin_client, name, content)
        assert response.status_code == 200
        assert "bị hỏng hoặc nội dung không đúng định dạng" in response.content.decode()
        assert not get_document_model().objects.exists()

    def test_disallowed_type_is_refused(self, admin_client):
        response = upload(admin_client, "virus.exe", b"MZ")
        assert response.status_code == 200
        assert not get_document_model().objects.exists()

    def test_size_limit_is_shown_at_the_field(self, admin_client):
        html = admin_client.get(ADD_URL).content.decode()
        assert "20" in html and ("MB" in html)
