"""Text read from attached files (cms.core.file_text, cms.documents.attachment_text): PDF, DOCX
and ODT read in the background, found by both engines below the record's own fields, quoted in the
snippet; scans marked as such; files restricted to signed-in users kept out of search."""

import io
import zipfile
from pathlib import Path

import docx
import odfdo
import pytest
from django.core.files.base import ContentFile
from PIL import Image, ImageDraw
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction
from weasyprint import HTML

from cms.core.file_text import MAX_CHARACTERS, MAX_UNPACKED_BYTES, read_text
from cms.core.models import FileText
from cms.core.text import fold
from cms.documents.attachment_text import files_to_read, read_waiting
from cms.documents.models import DocumentAttachment
from search.forms import SearchForm
from search.query import search
from tests.factories import get, make_document

REAL_DECREE = Path(__file__).resolve().parents[1] / "data" / "imports" / "files" / "30-2020-ND-CP.pdf"
ANNEX = ("Phụ lục: danh mục công trình kè chống sạt lở bờ sông Lam đoạn qua xã Tân Lập, "
         "tổng mức đầu tư 45 tỷ đồng, thời gian thực hiện 2026-2028.")
QUERY = "kè chống sạt lở bờ sông Lam"
JUSTICE = "stp.thunghiem.localhost"


def text_pdf(text):
    return HTML(string=f"<html lang='vi'><body><p>{text}</p></body></html>").write_pdf()


def scanned_pdf():
    """A page as a scanner makes it: an image of text, no text layer."""
    page = Image.new("RGB", (1240, 1754), "white")
    ImageDraw.Draw(page).text((100, 100), "QUYET DINH SO 15/2026/QD-UBND", fill="black")
    data = io.BytesIO()
    page.save(data, "PDF", resolution=150)
    return data.getvalue()


def docx_file(paragraph, cell):
    document = docx.Document()
    document.add_paragraph(paragraph)
    document.add_table(rows=1, cols=1).cell(0, 0).text = cell
    data = io.BytesIO()
    document.save(data)
    return data.getvalue()


def odt_file(text):
    document = odfdo.Document("text")
    document.body.append(odfdo.Paragraph(text))
    data = io.BytesIO()
    document.save(data)
    return data.getvalue()


@pytest.mark.parametrize("data, extension, expected", [
    (REAL_DECREE.read_bytes(), "pdf", "nghi dinh 30/2020/nd-cp ve cong tac van thu"),
    (text_pdf(ANNEX), "pdf", "ke chong sat lo bo song lam"),
    (docx_file("Thủ tục cấp giấy phép xây dựng", "Lệ phí: 100.000 đồng"), "DOCX", "le phi: 100.000 dong"),
    (odt_file("Quy chế phối hợp quản lý cụm công nghiệp"), "odt", "quy che phoi hop quan ly cum cong nghiep"),
], ids=["real-decree-pdf", "pdf", "docx-with-table", "odt"])
def test_each_format_gives_its_text(data, extension, expected):
    state, text = read_text(data, extension)
    assert state == FileText.State.TEXT
    assert expected in fold(text)


@pytest.mark.parametrize("data, extension, state", [
    (scanned_pdf(), "pdf", FileText.State.SCANNED),
    (b"%PDF-1.4\n%%EOF\n", "pdf", FileText.State.UNREADABLE),
    (b"PK\x03\x04 not a zip", "docx", FileText.State.UNREADABLE),
    (b"<html>not an odt</html>", "odt", FileText.State.UNREADABLE),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 word 97", "doc", FileText.State.UNSUPPORTED),
], ids=["scan", "broken-pdf", "broken-docx", "broken-odt", "doc"])
def test_a_file_without_readable_text_says_why(data, extension, state):
    assert read_text(data, extension) == (state, "")


def test_what_is_kept_of_a_huge_file_is_bounded():
    state, text = read_text(odt_file(" ".join(f"điều {number}" for number in range(MAX_CHARACTERS // 5))), "odt")
    assert state == FileText.State.TEXT and len(text) == MAX_CHARACTERS


def zip_bomb(inner_name):
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(inner_name, b"<a>" + b" " * (MAX_UNPACKED_BYTES + 1) + b"</a>")
    return data.getvalue()


@pytest.mark.parametrize("extension, inner_name", [("docx", "word/document.xml"), ("odt", "content.xml")])
def test_a_zip_bomb_is_refused_unread(extension, inner_name):
    assert read_text(zip_bomb(inner_name), extension) == (FileText.State.UNREADABLE, "")


def uploaded(data, name, collection=None):
    file = get_document_model()(title=name, **({"collection": collection} if collection else {}))
    file.file.save(name, ContentFile(data), save=False)
    file.save()
    return file


def document_with(owner, decision_type, number, *files, **fields):
    """A published decision with these files attached (the publication gate asks for one)."""
    return make_document(owner, decision_type, number, with_file=False,
                         attachments=[DocumentAttachment(file=file, title=file.title) for file in files], **fields)


@pytest.fixture
def annexed(province, taxonomy):
    """A decision saying nothing of the embankment but in its annex, and one naming it in its abstract."""
    annex = uploaded(text_pdf(ANNEX), "phu-luc.pdf")
    annexed = document_with(province["justice"], taxonomy["decision"], "21/2026/QĐ-UBND", annex,
                            abstract="Phê duyệt kế hoạch đầu tư công trung hạn của tỉnh")
    named = document_with(province["justice"], taxonomy["decision"], "22/2026/QĐ-UBND",
                          uploaded(text_pdf("Quyết định phê duyệt dự án."), "quyet-dinh.pdf"),
                          abstract="Phê duyệt dự án kè chống sạt lở bờ sông Lam")
    return {"annexed": annexed, "annex": annex, "named": named}


def found(q):
    form = SearchForm({"q": q, "scope": "all"})
    assert form.is_valid(), form.errors
    return search(form.params())


def numbers(results):
    return [hit.number for hit in results.hits if hit.kind == "document"]


def test_the_fallback_finds_a_document_by_its_attachment_once_read_below_one_naming_it(annexed, settings):
    settings.SEARCH_URL = ""
    assert numbers(found(QUERY)) == ["22/2026/QĐ-UBND"]
    assert read_waiting(seconds=60) == 2
    assert read_waiting(seconds=60) == 0, "a file already read is not read again"

    results = found(QUERY)
    assert numbers(results) == ["22/2026/QĐ-UBND", "21/2026/QĐ-UBND"]
    hit = results.hits[numbers(results).index("21/2026/QĐ-UBND")]
    assert hit.snippet_from_attachment and "<mark>sông</mark> <mark>Lam</mark>" in hit.snippet
    assert not results.hits[0].snippet_from_attachment


def test_a_replaced_file_is_read_again(annexed, settings):
    settings.SEARCH_URL = ""
    read_waiting(seconds=60)
    annex = annexed["annex"]
    annex.file.save("phu-luc-2.pdf", ContentFile(text_pdf("Danh mục trường học được sửa chữa năm 2026")), save=False)
    annex._set_document_file_metadata()
    annex.save()
    assert list(files_to_read()) == [annex]
    assert read_waiting(seconds=60) == 1
    assert numbers(found("trường học được sửa chữa")) == ["21/2026/QĐ-UBND"]
    assert "21/2026/QĐ-UBND" not in numbers(found(QUERY))


def test_a_file_for_signed_in_users_only_stays_out_of_search(province, taxonomy, settings):
    settings.SEARCH_URL = ""
    internal = Collection.get_first_root_node().add_child(instance=Collection(name="Nội bộ"))
    CollectionViewRestriction.objects.create(collection=internal, restriction_type=CollectionViewRestriction.LOGIN)
    document_with(province["justice"], taxonomy["decision"], "23/2026/QĐ-UBND",
                  uploaded(text_pdf(ANNEX), "bien-ban-noi-bo.pdf", collection=internal))
    assert read_waiting(seconds=60) == 1
    assert "23/2026/QĐ-UBND" not in numbers(found(QUERY))


def test_a_scan_is_marked_on_the_document_page(province, taxonomy, client):
    document = document_with(province["justice"], taxonomy["decision"], "24/2026/QĐ-UBND",
                             uploaded(scanned_pdf(), "ban-quet.pdf"), uploaded(text_pdf(ANNEX), "phu-luc.pdf"))
    assert read_waiting(seconds=60) == 2
    page = get(client, JUSTICE, f"/van-ban/{document.pk}/").content.decode()
    assert page.count("bản quét: nội dung không tìm kiếm được") == 1
    assert "ban-quet.pdf</a> (PDF, bản quét" in page


@pytest.mark.search_server
def test_elasticsearch_finds_a_document_by_its_attachment_below_one_naming_it(annexed, search_index, client):
    search_index.drain()
    assert numbers(found(QUERY)) == ["22/2026/QĐ-UBND"]
    read_waiting(seconds=60)
    search_index.drain()
    results = found(QUERY)
    assert numbers(results) == ["22/2026/QĐ-UBND", "21/2026/QĐ-UBND"]
    hit = results.hits[1]
    assert hit.snippet_from_attachment and "<mark>sông</mark> <mark>Lam</mark>" in hit.snippet
    page = get(client, "thunghiem.localhost", "/tim-kiem/", data={"q": QUERY}).content.decode()
    assert "Trong tệp đính kèm:" in page
