"""The backup drill: back up, wipe, restore, and the site is the same, down to a search and a download."""

import json

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from cms.core.models import Agency, AgencyKind
from cms.documents.models import DocumentType
from cms.operations.backup import MANIFEST, row_counts, stored_files
from search.client import client as search_client
from tests.factories import make_document
from tests.search.conftest import search_index, search_server  # noqa: F401 - fixtures the drill needs

JUSTICE = "stp.thunghiem.localhost"

# A backup reads what is committed; the migrations' rows are put back after each test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _content_types_cached_again():
    """A restore empties the content-type cache, as it must. Django puts the migrations' rows back
    for the next test with that cache warm (or it creates content types under new ids first)."""
    yield
    ContentType.objects.get_for_models(*apps.get_models())


def observe(client, content):
    """What people and systems see: rows, pages, a download, a search, the API."""
    decision = content["decision"]
    attachment = decision.attachments.first().file
    download = client.get(attachment.url, HTTP_HOST=JUSTICE)
    search = client.get("/api/v1/search/", {"q": "hộ tịch"}, HTTP_HOST=JUSTICE).json()
    return {
        "rows": row_counts(),
        "home": client.get("/", HTTP_HOST=JUSTICE).content,
        "document page": client.get(f"/van-ban/{decision.pk}/", HTTP_HOST=JUSTICE).content,
        "download": (download.status_code, b"".join(download.streaming_content)),
        "search": (search["backend"], [hit["url"] for hit in search["hits"]]),
        "api": client.get("/api/v1/documents/", HTTP_HOST=JUSTICE).json(),
    }


def wipe(search_index):
    call_command("flush", interactive=False, inhibit_post_migrate=True)
    for name in list(stored_files()):
        default_storage.delete(name)
    search_client().indices.delete(index=f"{search_index.alias}-*")


def test_back_up_wipe_and_restore_gives_back_the_same_site(client, content, search_index, tmp_path, capsys):
    search_index.drain()
    before = observe(client, content)
    assert before["search"][0] == "elasticsearch" and before["search"][1] and before["download"][0] == 200 and before["api"]["results"]
    call_command("backup", str(tmp_path / "sao-luu"))
    manifest = json.loads((tmp_path / "sao-luu" / MANIFEST).read_text())
    assert manifest["counts"]["legal_documents.LegalDocument"] == 2
    assert any(name.startswith("media/documents/") for name in manifest["files"])

    wipe(search_index)
    assert row_counts()["legal_documents.LegalDocument"] == 0
    call_command("restore", str(tmp_path / "sao-luu"), "--yes")

    assert observe(client, content) == before
    output = capsys.readouterr().out
    assert "Đã sao lưu" in output and "Lập lại chỉ mục tìm kiếm" in output and "Đã khôi phục" in output


@pytest.fixture
def one_document(transactional_db):
    owner = Agency.objects.create(name="Sở Tư pháp", kind=AgencyKind.DEPARTMENT, code="STP")
    return make_document(owner, DocumentType.objects.create(name="Quyết định", abbreviation="QĐ"), "1/2026/QĐ-STP")


def test_a_changed_file_in_the_backup_is_refused_before_anything_is_replaced(one_document, tmp_path):
    call_command("backup", str(tmp_path / "sao-luu"))
    manifest = json.loads((tmp_path / "sao-luu" / MANIFEST).read_text())
    damaged = next(name for name in manifest["files"] if name.startswith("media/"))
    (tmp_path / "sao-luu" / damaged).write_bytes(b"not the file that was backed up")
    one_document.abstract = "Sửa sau khi sao lưu"
    one_document.save()
    with pytest.raises(CommandError, match=damaged):
        call_command("restore", str(tmp_path / "sao-luu"), "--yes")
    one_document.refresh_from_db()
    assert one_document.abstract == "Sửa sau khi sao lưu"


def test_a_backup_never_writes_into_a_folder_in_use_and_a_restore_needs_a_manifest(one_document, tmp_path):
    (tmp_path / "cu").mkdir()
    (tmp_path / "cu" / "ghi-chu.txt").write_text("x")
    with pytest.raises(CommandError, match="thư mục trống"):
        call_command("backup", str(tmp_path / "cu"))
    with pytest.raises(CommandError, match=MANIFEST):
        call_command("restore", str(tmp_path / "cu"), "--yes")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["cu"]  # no partial copy left behind
