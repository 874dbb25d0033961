"""Legal documents from the files of an older system or of the national legal-document database:
CSV, XLSX, or JSON (a list of objects). Columns are named in English (the API's field names) or as
the national database and most spreadsheets name them in Vietnamese ("Số ký hiệu", "Trích yếu",
"Ngày ban hành" …), with or without diacritics.

Each row is validated like a pushed document (cms.imports.incoming) and goes in on its own: a bad
row is reported and the others go on. A document already there (same owner, number and year) is
left alone when nothing changed, else gets a new draft revision with the changes for its approvers
to review. A new document is published when the publishing rules let it, else kept as a draft with
what the rules still need. Relations ("sửa đổi 61/2018/NĐ-CP; thay thế …") are resolved by number
once every row is in. Every document written has an audit-log entry; a dry run writes nothing."""

import csv
import json
from pathlib import Path

from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from rest_framework.exceptions import ValidationError
from wagtail.log_actions import log

from cms.core.models import Agency
from cms.core.text import fold, normalise_document_number
from cms.documents.models import DocumentRelation, LegalDocument, RelationKind
from cms.imports.downloads import DownloadRefused, downloaded, is_url
from cms.imports.incoming import IncomingDocument, checked_files, existing, new_document
from cms.imports.report import Outcome, Report, errors_text, run_scope
from cms.publishing.guard import violations_for

COLUMNS = {
    "number": "number", "so ky hieu": "number", "so, ky hieu": "number", "so hieu": "number",
    "document_type": "document_type", "loai van ban": "document_type", "loai": "document_type",
    "issuing_body": "issuing_body", "co quan ban hanh": "issuing_body", "noi ban hanh": "issuing_body",
    "signer": "signer", "nguoi ky": "signer",
    "issue_date": "issue_date", "ngay ban hanh": "issue_date",
    "effective_date": "effective_date", "ngay hieu luc": "effective_date", "ngay co hieu luc": "effective_date",
    "expiry_date": "expiry_date", "ngay het hieu luc": "expiry_date",
    "effect_status": "effect_status", "tinh trang hieu luc": "effect_status", "tinh trang": "effect_status",
    "abstract": "abstract", "trich yeu": "abstract",
    "full_text": "full_text", "toan van": "full_text", "noi dung": "full_text",
    "sectors": "sectors", "linh vuc": "sectors",
    "relations": "relations", "van ban lien quan": "relations",
    "files": "files", "tep": "files", "tep dinh kem": "files",
    "owner": "owner", "co quan quan ly": "owner", "ma co quan": "owner",
}
LIST_SEPARATOR = ";"
RELATION_WORDS = {fold(str(label)): kind for kind, label in RelationKind.choices} | {
    "sua doi": RelationKind.AMENDS, "bo sung": RelationKind.AMENDS, "thay the": RelationKind.REPLACES,
    "bai bo": RelationKind.REPEALS, "huong dan": RelationKind.GUIDES,
    **{kind.value: kind for kind in RelationKind},
}
COMPARED = ["document_type", "issuing_body", "signer", "issue_date", "effective_date", "expiry_date", "effect_status",
            "abstract"]


def read_rows(path):
    """The file's rows as {field: text}, its columns mapped through COLUMNS (unknown ones dropped)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".json":
        records = json.loads(path.read_text(encoding="utf-8"))
    elif suffix == ".xlsx":
        sheet = load_workbook(path, read_only=True, data_only=True).active
        values = list(sheet.iter_rows(values_only=True))
        records = [dict(zip(values[0], row)) for row in values[1:] if any(cell is not None for cell in row)]
    else:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            records = list(csv.DictReader(handle))
    return [_mapped(record) for record in records]


def _mapped(record):
    row = {}
    for name, value in record.items():
        key = COLUMNS.get(fold(str(name or "")).strip(" :"))
        if key and value not in (None, ""):
            row[key] = value.isoformat() if hasattr(value, "isoformat") else value
    return row


def _listed(value):
    return value if isinstance(value, list) else [part.strip() for part in str(value).split(LIST_SEPARATOR) if part.strip()]


def import_documents(rows, *, agency=None, files_dir=None, publish=True, dry_run=False, source="", user=None,
                     progress=None):
    """Import rows (read_rows); a Report. `agency` owns rows without an owner column."""
    report, relations = Report(), []
    with run_scope(dry_run):
        for number, row in enumerate(rows, start=1):
            outcome = Outcome(row=number, key=str(row.get("number", "")))
            try:
                with transaction.atomic():
                    document = _import_row(row, outcome, agency, files_dir, publish, dry_run, source, user)
                if document is not None and row.get("relations"):
                    relations.append((document, row["relations"]))
            except ValidationError as error:
                outcome.action, outcome.detail = "error", errors_text(error.detail)
            report.outcomes.append(outcome)
            if progress:
                progress(number, len(rows), outcome)
        report.notes = _relate(relations)
    return report


def _import_row(row, outcome, agency, files_dir, publish, dry_run, source, user):
    owner = _owner(row, agency)
    incoming = IncomingDocument(data={**row, "sectors": _listed(row.get("sectors", []))})
    incoming.is_valid(raise_exception=True)
    data = incoming.validated_data
    found = existing(owner, data)
    if found is not None:
        return _update(found, data, outcome, source, user)
    files = [] if dry_run else checked_files(_files(row, files_dir))
    document, revision = new_document(owner, data, files)
    outcome.action = "new"
    missing = violations_for(document)
    if publish and not missing:
        revision.publish(user=user)
        outcome.action = "published"
    elif missing:
        outcome.detail = " ".join(map(str, missing))
    log(instance=document, action="cong.import.document", revision=revision, user=user,
        data={"source": source, "row": outcome.row, "result": outcome.action})
    return document


def _update(document, data, outcome, source, user):
    draft = document.get_latest_revision_as_object()
    changed = [name for name in COMPARED if getattr(draft, name) != data.get(name, getattr(draft, name))]
    if {sector.pk for sector in data["sectors"]} != {sector.pk for sector in draft.sectors.all()}:
        changed.append("sectors")
    if not changed:
        outcome.action = "unchanged"
        return document
    for name in COMPARED:
        setattr(draft, name, data.get(name, getattr(draft, name)))
    draft.sectors = data["sectors"]
    revision = draft.save_revision(user=user)
    outcome.action, outcome.detail = "changed", ", ".join(changed)
    log(instance=document, action="cong.import.document", revision=revision, user=user,
        data={"source": source, "row": outcome.row, "result": "changed", "fields": changed})
    return document


def _owner(row, agency):
    if row.get("owner"):
        owner = Agency.objects.filter(code__iexact=str(row["owner"]).strip()).first()
        if owner is None:
            raise ValidationError({"owner": [_("Không có cơ quan mã %(code)s.") % {"code": row["owner"]}]})
        return owner
    if agency is None:
        raise ValidationError({"owner": [_("Thiếu cơ quan quản lý (cột “Cơ quan quản lý” hoặc --agency).")]})
    return agency


def _files(row, files_dir):
    """The row's files: names in the files folder, or URLs (cms.imports.downloads)."""
    names = _listed(row.get("files", []))
    try:
        fetched = [downloaded(name) for name in names if is_url(name)]
    except DownloadRefused as error:
        raise ValidationError({"files": [str(error)]}) from None
    return fetched + _local_files([name for name in names if not is_url(name)], files_dir)


def _local_files(names, files_dir):
    if not names:
        return []
    if files_dir is None:
        raise ValidationError({"files": [_("Có tên tệp nhưng không có thư mục tệp (--files).")]})
    folder = Path(files_dir).resolve()
    paths = [(folder / name).resolve() for name in names]
    missing = [path.name for path in paths if not path.is_relative_to(folder) or not path.is_file()]
    if missing:
        raise ValidationError({"files": [_("Không thấy tệp: %(names)s.") % {"names": ", ".join(missing)}]})
    return [File(path.open("rb"), name=path.name) for path in paths]


def _relate(relations):
    """Create the relations whose target is found by number; [(number, note)] of those not found."""
    unresolved, related = [], set()
    for document, text in relations:
        for part in _listed(text):
            kind, target = _relation(part)
            if target is None:
                unresolved.append((document.number, _("không tìm thấy văn bản liên quan “%(text)s”") % {"text": part}))
            elif not DocumentRelation.objects.filter(source=document, kind=kind, target=target).exists():
                DocumentRelation.objects.create(source=document, kind=kind, target=target)
                related.add(document.pk)
    for document in LegalDocument.objects.filter(pk__in=related):
        _keep_in_revision(document)
    return unresolved


def _keep_in_revision(document):
    """Relations added to the row go into a revision too: publishing a revision sets its relations."""
    was_current = document.live and not document.has_unpublished_changes
    revision = document.save_revision()
    if was_current:
        revision.publish()


def _relation(text):
    """(kind, target document or None) of "sửa đổi 61/2018/NĐ-CP"."""
    folded = fold(text)
    words = next((words for words in sorted(RELATION_WORDS, key=len, reverse=True) if folded.startswith(words)), None)
    if words is None:
        return None, None
    key = normalise_document_number(text[len(words):].strip(" :"))
    target = LegalDocument.objects.filter(number_key=key).order_by("-issue_date").first() if key else None
    return RELATION_WORDS[words], target
