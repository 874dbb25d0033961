"""The text of uploaded files (PDF, DOCX, ODT), so that search finds what only an attachment says.

Files are read in a background job (cms.operations.jobs.read_attachment_texts), never in a
request: a long PDF takes seconds. A PDF whose pages carry almost no text is a scan without a
text layer: it is marked as such, so that editors and citizens know search cannot see into it.
What is read is bounded (pages, characters), so that one huge file cannot stall the job.
"""

import io
import logging
import zipfile

import docx
import odfdo
from odfdo.security import SecurityError
from lxml.etree import LxmlError
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from cms.core.models import FileText

MAX_PAGES = 300
MAX_CHARACTERS = 500_000
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # a DOCX unpacking to more is refused (odfdo has its own limits)
SCANNED_BELOW = 20  # characters per page on average: fewer, and the PDF is a scan without a text layer

logger = logging.getLogger("cong.file_text")


def _pdf_text(data):
    reader = PdfReader(io.BytesIO(data))
    pages = reader.pages[:MAX_PAGES]
    text = "\n".join(page.extract_text() or "" for page in pages)
    scanned = len("".join(text.split())) < SCANNED_BELOW * max(len(pages), 1)
    return (FileText.State.SCANNED, "") if scanned else (FileText.State.TEXT, text)


def _docx_text(data):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if sum(member.file_size for member in archive.infolist()) > MAX_UNPACKED_BYTES:
            raise ValueError("the archive unpacks to more than %d bytes" % MAX_UNPACKED_BYTES)
    document = docx.Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return FileText.State.TEXT, "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)


def _odt_text(data):
    return FileText.State.TEXT, odfdo.Document(io.BytesIO(data)).get_formatted_text()


READERS = {"pdf": _pdf_text, "docx": _docx_text, "odt": _odt_text}
# What a broken or hostile file (a zip bomb among them) makes the readers raise.
READ_ERRORS = (PdfReadError, zipfile.BadZipFile, SecurityError, KeyError, TypeError, ValueError, LxmlError, OSError,
               RecursionError)


def read_text(data, extension):
    """(state, text) of a file's bytes: its text, or why there is none."""
    reader = READERS.get(extension.lower())
    if reader is None:
        return FileText.State.UNSUPPORTED, ""
    try:
        state, text = reader(data)
    except READ_ERRORS as error:
        logger.warning("unreadable .%s file: %s", extension, error)
        return FileText.State.UNREADABLE, ""
    return state, " ".join(text.split())[:MAX_CHARACTERS]


def read_file_text(document):
    """Read a Wagtail document's file and store its text (FileText), replacing what was read before."""
    with document.open_file() as handle:
        state, text = read_text(handle.read(), document.file_extension)
    FileText.objects.update_or_create(document=document, defaults={
        "state": state, "text": text, "file_hash": document.get_file_hash(),
    })
    return state
