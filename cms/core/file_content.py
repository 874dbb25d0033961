"""Files are what their name says they are: the content is checked, not only the name. Used by the
admin's upload forms (cms.uploads) and by everything that takes files in (cms.imports)."""

import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OPEN_DOCUMENT_TYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}
OFFICE_OPEN_XML_FOLDERS = {"docx": "word/", "xlsx": "xl/"}
IMAGE_FORMATS = {"png": "PNG", "jpg": "JPEG", "jpeg": "JPEG"}


def _is_office_open_xml(upload, extension):
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
    except zipfile.BadZipFile:
        return False
    folder = OFFICE_OPEN_XML_FOLDERS[extension]
    return "[Content_Types].xml" in names and any(name.startswith(folder) for name in names)


def _is_open_document(upload, extension):
    try:
        with zipfile.ZipFile(upload) as archive:
            return archive.read("mimetype").strip() == OPEN_DOCUMENT_TYPES[extension]
    except (zipfile.BadZipFile, KeyError):
        return False


def _is_image(upload, extension):
    try:
        with Image.open(upload) as image:
            image.verify()
            return image.format == IMAGE_FORMATS[extension]
    except Exception:  # Pillow raises many types for broken files; any of them means "not an image"
        return False


def _head(upload, size=8):
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def content_matches_extension(upload, extension):
    extension = extension.lower()
    if extension == "pdf":
        return _head(upload, 5) == b"%PDF-"
    if extension in ("doc", "xls"):
        return _head(upload) == OLE_SIGNATURE
    if extension in OFFICE_OPEN_XML_FOLDERS:
        return _is_office_open_xml(upload, extension)
    if extension in OPEN_DOCUMENT_TYPES:
        return _is_open_document(upload, extension)
    if extension in IMAGE_FORMATS:
        return _is_image(upload, extension)
    return False


def validate_upload_content(upload):
    extension = upload.name.rsplit(".", 1)[-1] if "." in upload.name else ""
    try:
        valid = content_matches_extension(upload, extension)
    finally:
        upload.seek(0)
    if not valid:
        raise ValidationError(
            _("Tệp “%(name)s” bị hỏng hoặc nội dung không đúng định dạng .%(extension)s. Hãy tải lên tệp gốc.")
            % {"name": upload.name, "extension": extension}
        )
