"""Reading attached files in the background (cms.operations.jobs.read_attachment_texts): the files
of documents' attachments never read or changed since they were, then the search text of the
documents attaching them (saving them updates the search index and the page cache as any edit
does). Safe to re-run: a file is read again only when its content changes."""

import time

from django.db.models import F
from wagtail.documents import get_document_model

from cms.core.file_text import read_file_text
from cms.documents.models import DocumentAttachment, LegalDocument

BATCH = 20


def files_to_read():
    attached = get_document_model().objects.filter(pk__in=DocumentAttachment.objects.values("file_id"))
    return attached.exclude(read_text__file_hash=F("file_hash")).order_by("pk")


def read_batch(limit=BATCH):
    """Read up to `limit` waiting files; how many were read."""
    files = list(files_to_read()[:limit])
    for file in files:
        read_file_text(file)
    for document in LegalDocument.objects.filter(attachments__file__in=files).distinct():
        document.save(update_fields=["folded_text", "folded_title"])
    return len(files)


def read_waiting(seconds):
    """Read waiting files, a batch at a time, until none wait or `seconds` have passed; how many."""
    deadline, done = time.monotonic() + seconds, 0
    while time.monotonic() < deadline and (read := read_batch()):
        done += read
    return done
