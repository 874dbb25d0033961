"""Administrative procedures from the national procedure catalogue (Cơ sở dữ liệu quốc gia về thủ
tục hành chính), in its two shapes: the JSON of its integration API (a list of records with the
upper-case fields MATTHC, TENTTHC, CAPTHUCHIEN … named in the README) and its spreadsheet export
(STT, Mã TTHC, Tên TTHC, QĐ Công bố, Đối tượng, Lĩnh vực, Cơ quan công khai, Cấp thực hiện,
Tình trạng), as XLSX or CSV. The spreadsheet carries fewer fields: only those are compared.

A procedure is keyed by its national code. What the catalogue said last is kept beside the record
(cms.procedures.models.NationalSource), so that
- a re-run with the same data writes nothing;
- a new national version becomes a new revision with only the fields the catalogue changed, sent
  to the owning portal's approvers (its workflow) with a per-field diff in the report and the
  audit log; fields the catalogue did not change keep their local edits;
- the edit form tells, field by field, whether a value is the catalogue's or a local edit.

Implementing agencies and sectors are looked up by code in the mapping table (CodeMapping): a code
met for the first time is matched by code or name, recorded, and can be corrected in the admin; the
next run applies the correction. A new record is published when the publishing rules let it (and
the run publishes), else kept as a draft with what the rules still need. A bad row is reported and
the others go on; a dry run writes nothing.
"""

import csv
import hashlib
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.html import escape
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from wagtail.log_actions import log
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from cms.core.models import Agency
from cms.core.text import fold, normalise_document_number, plain_text
from cms.documents.models import LegalDocument, Sector
from cms.imports.models import CodeMapping, MappingKind
from cms.imports.report import Outcome, Report, run_scope
from cms.procedures.models import (
    CATALOGUE_FIELDS, AdministrativeLevel, NationalSource, Procedure, ProcedureFile, catalogue_field_label, field_values,
)
from cms.publishing.guard import violations_for

LOG_ACTION = "cong.import.procedure"
# Words written into the records: content in the catalogue's language, not the admin's.
CHANNELS = {1: "Trực tiếp", 2: "Trực tuyến", 3: "Dịch vụ bưu chính"}  # KENH
COPIES = ("bản chính", "bản sao")
NONE = "Không"  # what the catalogue shows for no fee and no requirement
SOURCE_CODE_LENGTH = CodeMapping._meta.get_field("source_code").max_length
SOURCE_NAME_LENGTH = CodeMapping._meta.get_field("source_name").max_length
LEVEL_WORDS = {"tinh": AdministrativeLevel.PROVINCE, "huyen": AdministrativeLevel.DISTRICT,
               "xa": AdministrativeLevel.COMMUNE}
WORKING_DAYS = "ngay lam viec"
SPREADSHEET_COLUMNS = {
    "ma tthc": "code", "ma thu tuc": "code", "ten tthc": "name", "ten thu tuc": "name",
    "qd cong bo": "decision", "quyet dinh cong bo": "decision", "doi tuong": "applicants",
    "doi tuong thuc hien": "applicants", "linh vuc": "sector", "cap thuc hien": "levels",
}  # "Cơ quan công khai" is the ministry or province that publishes, not who carries it out
LEVELS_SEPARATOR = re.compile(r"[;,]")
SECTOR_OWNER = re.compile(r"\s*\([^)]*\)$")  # "Hộ tịch (Bộ Tư pháp)"
THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")  # "150.000"


class RowError(ValueError):
    """A row that cannot be imported; its message says why."""


@dataclass
class CatalogueRecord:
    """One procedure as the catalogue gives it, in either shape."""

    code: str
    values: dict  # catalogue field -> value in the record's own terms (names, numbers)
    version: str = ""
    sector: tuple = None  # (code, name)
    agencies: list = None  # [(code, name)]; None when the shape does not carry them
    legal_basis: list = None  # document numbers; None when the shape does not carry them
    decision: str = ""  # number of the announcing decision


# -- reading ---------------------------------------------------------------------------------

def read_records(path):
    """[CatalogueRecord or RowError] of a JSON (API shape) or XLSX/CSV (spreadsheet export) file."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        data = json.loads(path.read_text(encoding="utf-8"))
        items = data if isinstance(data, list) else data.get("data") or data.get("result") or []
        return [_guarded(from_api, item) for item in items]
    return [_guarded(from_spreadsheet, row) for row in _spreadsheet_rows(path)]


def _guarded(read, item):
    try:
        return read(item)
    except (RowError, AttributeError, TypeError, ValueError) as error:
        return error if isinstance(error, RowError) else RowError(_("Bản ghi không đúng cấu trúc: %(error)s") % {"error": error})


def from_api(item):
    code = _text(item.get("MATTHC"))
    if not code:
        raise RowError(_("Thiếu mã thủ tục (MATTHC)."))
    channels = item.get("CACHTHUCTHUCHIEN") or []
    values = {
        "name": _text(item.get("TENTTHC")),
        "level": _level([entry.get("TENCAP") for entry in item.get("CAPTHUCHIEN") or []]),
        "steps": _steps(item.get("TRINHTUTHUCHIEN") or []),
        "method": "; ".join(_channel_names(channels)),
        "submission_and_return": "; ".join(_channel_names(channels)),
        "processing_time": _processing_time(channels),
        "processing_days": _processing_days(channels),
        "applicants": "; ".join(_text(entry.get("TENDOITUONG")) for entry in item.get("DOITUONGTHUCHIEN") or []),
        "result": "; ".join(_text(entry.get("TENKETQUA")) for entry in item.get("KETQUATHUCHIEN") or []),
        "fees": _fees(channels),
        "requirements": _text(item.get("YEUCAU")) or NONE,
        "required_files": _files(item.get("THANHPHANHOSO") or []),
    }
    sectors = item.get("LINHVUCTHUCHIEN") or []
    return CatalogueRecord(
        code=code, values=values, version=_text(item.get("IDQUYETDINHCONGBO")),
        sector=(_text(sectors[0].get("MALINHVUC")), _text(sectors[0].get("TENLINHVUC"))) if sectors else None,
        agencies=[(_text(entry.get("MADONVI")), _text(entry.get("TENDONVI"))) for entry in item.get("COQUANTHUCHIEN") or []],
        legal_basis=[_text(entry.get("SOVANBAN")) for entry in item.get("CANCUPHAPLY") or [] if _text(entry.get("SOVANBAN"))],
    )


def from_spreadsheet(row):
    code = _text(row.get("code"))
    if not code:
        raise RowError(_("Thiếu mã thủ tục (cột “Mã TTHC”)."))
    sector = SECTOR_OWNER.sub("", _text(row.get("sector")))
    decision = _text(row.get("decision"))
    return CatalogueRecord(
        code=code, version=decision, decision=decision,
        values={"name": _text(row.get("name")), "level": _level(LEVELS_SEPARATOR.split(_text(row.get("levels")))),
                "applicants": _text(row.get("applicants"))},
        sector=(slugify(fold(sector)), sector) if sector else None,
    )


def _spreadsheet_rows(path):
    """Rows as {field: value} below the header row (found by its "Mã TTHC" cell, under any title rows)."""
    if path.suffix.lower() == ".xlsx":
        rows = list(load_workbook(path, read_only=True, data_only=True).active.iter_rows(values_only=True))
    else:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
    names = [[SPREADSHEET_COLUMNS.get(fold(str(cell or "")).strip(" :")) for cell in row] for row in rows]
    header = next((index for index, row in enumerate(names) if "code" in row), None)
    if header is None:
        raise RowError(_("Không thấy dòng tiêu đề có cột “Mã TTHC”."))
    return [{name: cell for name, cell in zip(names[header], row) if name}
            for row in rows[header + 1:] if any(cell not in (None, "") for cell in row)]


def _text(value):
    return " ".join(str(value).split()) if value is not None else ""


def _level(names):
    """The first level of this province's kind among the catalogue's ("Cấp Tỉnh", "Cấp Xã" …)."""
    for name in names:
        words = fold(_text(name)).removeprefix("cap ").strip()
        if words in LEVEL_WORDS:
            return str(LEVEL_WORDS[words])
    return ""


def _channel_names(channels):
    return [str(CHANNELS.get(int(channel.get("KENH") or 0), "")) for channel in channels if int(channel.get("KENH") or 0) in CHANNELS]


def _times(channels):
    return [(channel, time) for channel in channels for time in channel.get("THOIGIAN") or []]


def _processing_time(channels):
    """"15 Ngày làm việc (kể từ ngày nhận đủ hồ sơ)", or one line per channel when they differ."""
    lines = {}
    for channel, time in _times(channels):
        amount = " ".join(filter(None, [_text(time.get("THOIGIANGIAIQUYET")), _text(time.get("DONVITINH"))]))
        described = " ".join(filter(None, [amount, f"({_text(time.get('MOTA'))})" if time.get("MOTA") else ""]))
        if described:
            lines.setdefault(CHANNELS.get(int(channel.get("KENH") or 0), ""), described)
    if len(set(lines.values())) == 1:
        return next(iter(lines.values()))
    return "\n".join(": ".join(filter(None, line)) for line in lines.items())


def _processing_days(channels):
    days = [float(time["THOIGIANGIAIQUYET"]) for _channel, time in _times(channels)
            if fold(_text(time.get("DONVITINH"))) == WORKING_DAYS and _is_number(time.get("THOIGIANGIAIQUYET"))]
    return math.ceil(min(days)) if days else None


def _is_number(value):
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return True


def _fees(channels):
    if not channels:
        return ""
    lines = []
    for _channel, time in _times(channels):
        for fee in time.get("PHILEPHI") or []:
            amount = _money(fee.get("SOTIEN"), _text(fee.get("DONVI")) or "đồng")
            line = " ".join(filter(None, [amount, f"({_text(fee.get('MOTA'))})" if _text(fee.get("MOTA")) else ""]))
            if line and line not in lines:
                lines.append(line)
    return "\n".join(lines) or NONE


def _money(amount, unit):
    """"150.000 Đồng" of 150000, "150000" or "150.000"; other text as it is ("Không")."""
    text = _text(amount)
    if THOUSANDS.match(text):
        text = text.replace(".", "")
    if not _is_number(text):
        return text
    return f"{float(text):,.0f}".replace(",", ".") + f" {unit}"


def _steps(groups):
    html = []
    for group in groups:
        items = [_text(step.get("TENTRINHTU")) for step in group.get("TRINHTU") or [] if _text(step.get("TENTRINHTU"))]
        if len(groups) > 1 and _text(group.get("TRUONGHOP")):
            html.append(f"<p><b>{escape(_text(group['TRUONGHOP']))}</b></p>")
        if items:
            html.append("<ol>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ol>")
    return "".join(html)


def _files(groups):
    files = []
    for group in groups:
        case = _text(group.get("TRUONGHOP")) if len(groups) > 1 else ""
        for paper in group.get("GIAYTO") or []:
            name = _text(paper.get("TENGIAYTO"))
            if name:
                files.append([f"{case}: {name}" if case else name, _copies(paper)])
    return files


def _copies(paper):
    parts = zip((paper.get("SOBANCHINH"), paper.get("SOBANSAO")), COPIES)
    return ", ".join(f"{int(float(count)):02d} {label}" for count, label in parts if _is_number(count) and float(count) > 0)


# -- resolving codes, names and numbers ------------------------------------------------------

class Resolver:
    """Codes and numbers of the catalogue, as records of this province, looked up once per run."""

    def __init__(self):
        self.mappings = {(m.kind, m.source_code): m for m in CodeMapping.objects.select_related("agency", "sector")}
        self.agencies = {}
        for agency in Agency.objects.only("pk", "code", "name", "short_name"):
            for key in filter(None, (agency.code.lower(), fold(agency.name), fold(agency.short_name))):
                self.agencies.setdefault(key, agency)
        self.sectors = {key: sector for sector in Sector.objects.all() for key in (sector.code, fold(sector.name))}
        self.documents = dict(LegalDocument.objects.order_by("issue_date").values_list("number_key", "pk"))
        self.imported = dict(Procedure.objects.filter(national_source__isnull=False).values_list("code", "pk"))
        self.owned = {(code, owner): pk for pk, code, owner in Procedure.objects.values_list("pk", "code", "owner_agency")}
        self._objects = {}

    def objects(self, model, pks):
        """Instances of `model` by pk, each fetched once per run."""
        known = self._objects.setdefault(model, {})
        missing = [pk for pk in pks if pk not in known]
        if missing:
            known.update(model.objects.in_bulk(missing))
        return [known[pk] for pk in pks if pk in known]

    def procedure(self, code, owner=None):
        """The procedure imported under this code, or (with `owner`) the one that agency has under it."""
        pk = self.owned.get((code, owner.pk)) if owner else self.imported.get(code)
        return Procedure.objects.select_related("owner_agency").get(pk=pk) if pk else None

    def created(self, procedure):
        self.imported[procedure.code] = self.owned[(procedure.code, procedure.owner_agency_id)] = procedure.pk

    def agency(self, code, name):
        mapping = self._mapping(MappingKind.AGENCY, code, name, lambda: self.agencies.get(code.lower() or None)
                                or self.agencies.get(fold(name) or None))
        return mapping.agency

    def sector(self, code, name):
        mapping = self._mapping(MappingKind.SECTOR, code, name, lambda: self.sectors.get(slugify(code))
                                or self.sectors.get(fold(name)) or self._new_sector(code, name))
        return mapping.sector

    def document(self, number):
        return self.documents.get(normalise_document_number(number) or "")

    def _mapping(self, kind, code, name, match):
        key = (kind, _source_code(code or slugify(fold(name))))
        if key not in self.mappings:
            target = match()
            self.mappings[key] = CodeMapping.objects.create(
                kind=kind, source_code=key[1], source_name=Truncator(name).chars(SOURCE_NAME_LENGTH),
                **{"agency" if kind == MappingKind.AGENCY else "sector": target},
            )
        return self.mappings[key]

    def _new_sector(self, code, name):
        """The catalogue's sectors are the national list: one not here yet is added."""
        if not name:
            return None
        sector = Sector.objects.create(code=slugify(code or fold(name))[:60] or slugify(fold(name))[:60], name=name[:150])
        self.sectors[sector.code] = self.sectors[fold(name)] = sector
        return sector


def _source_code(text):
    """A code that fits CodeMapping.source_code: the catalogue writes a sentence where a name belongs
    and has no code for it, so the slug of that sentence can be long; it is cut and made unique."""
    if len(text) <= SOURCE_CODE_LENGTH:
        return text
    return f"{text[:SOURCE_CODE_LENGTH - 9]}-{hashlib.sha256(text.encode()).hexdigest()[:8]}"


# -- importing -------------------------------------------------------------------------------

def import_procedures(records, *, agency=None, publish=True, dry_run=False, source="", user=None, progress=None):
    """Import records (read_records); a Report. `agency` owns every record; without it, the first
    mapped implementing agency does."""
    report, resolver = Report(), Resolver()
    with run_scope(dry_run):
        for number, record in enumerate(records, start=1):
            outcome = Outcome(row=number, key=getattr(record, "code", ""))
            try:
                if isinstance(record, RowError):
                    raise record
                values = _resolved(record, resolver, report)  # the codes it meets are kept even if the row fails
                with transaction.atomic(), disable_reference_index_auto_update():
                    procedure = _import(record, values, outcome, resolver, agency, publish, source, user)
                ReferenceIndex.create_or_update_for_object(procedure)  # once, not at each of its rows' saves
            except (RowError, DatabaseError) as error:  # a row the database refuses is reported like any other
                outcome.action, outcome.detail = "error", str(error)
            report.outcomes.append(outcome)
            if progress:
                progress(number, len(records), outcome)
    return report


def _import(record, values, outcome, resolver, agency, publish, source, user):
    found = resolver.procedure(record.code)
    owner = found.owner_agency if found else agency or next(
        (resolver.agency(code, name) for code, name in record.agencies or [] if resolver.agency(code, name)), None)
    if owner is None:
        raise RowError(_("Chưa xác định được cơ quan quản lý: cơ quan thực hiện “%(names)s” chưa được ánh xạ "
                         "(Ánh xạ mã CSDL quốc gia) và không chọn cơ quan quản lý.")
                       % {"names": "; ".join(name for _code, name in record.agencies or []) or "—"})
    found = found or resolver.procedure(record.code, owner)
    if found is None:
        procedure = _create(record, values, owner, resolver, outcome, publish, source, user)
        resolver.created(procedure)
        return procedure
    _update(found, record, values, resolver, outcome, source, user)
    return found


def _resolved(record, resolver, report):
    """The record's values in this province's terms."""
    values = dict(record.values)
    if record.sector:
        sector = resolver.sector(*record.sector)
        values["sector"] = sector.pk if sector else None
    if record.agencies is not None:
        agencies = [resolver.agency(code, name) for code, name in record.agencies]
        values["implementing_agencies"] = sorted({agency.pk for agency in agencies if agency})
    if record.legal_basis is not None:
        found = {number: resolver.document(number) for number in record.legal_basis}
        values["legal_basis"] = sorted({pk for pk in found.values() if pk})
        report.notes += [(record.code, _not_found(number)) for number, pk in found.items() if pk is None]
    if record.decision:
        values["announcing_decision"] = resolver.document(record.decision)
        if values["announcing_decision"] is None:
            report.notes.append((record.code, _not_found(record.decision)))
            del values["announcing_decision"]
    return values


def _not_found(number):
    return _("không tìm thấy văn bản %(number)s") % {"number": number}


def _create(record, values, owner, resolver, outcome, publish, source, user):
    if not values.get("level"):
        raise RowError(_("Không có cấp thực hiện của tỉnh (cấp tỉnh, huyện hoặc xã)."))
    if not values.get("sector"):
        raise RowError(_("Thiếu lĩnh vực."))
    procedure = Procedure(owner_agency=owner, code=record.code, live=False)
    _apply(procedure, values, resolver)
    try:
        procedure.full_clean()
    except ValidationError as error:
        raise RowError(" ".join(error.messages)) from None
    procedure.save()
    revision = procedure.save_revision(user=user)
    NationalSource.objects.create(procedure=procedure, version=record.version, values=values,
                                  agency_names=_agency_names(record, []))
    missing = violations_for(procedure)
    outcome.action = "new"
    if publish and not missing:
        revision.publish(user=user)
        outcome.action = "published"
    elif missing:
        outcome.detail = " ".join(map(str, missing))
    log(instance=procedure, action=LOG_ACTION, revision=revision, user=user,
        data={"source": source, "row": outcome.row, "result": outcome.action, "version": record.version})
    return procedure


def _update(procedure, record, values, resolver, outcome, source, user):
    national, created = NationalSource.objects.get_or_create(procedure=procedure)
    before = national.values if not created else field_values(procedure.get_latest_revision_as_object())
    changed = [name for name in CATALOGUE_FIELDS if name in values and before.get(name) != values[name]]
    names, version = _agency_names(record, national.agency_names), record.version or national.version
    if not changed and (national.version, national.agency_names) == (version, names):
        outcome.action = "unchanged"
        return
    national.values, national.version, national.agency_names = {**national.values, **values}, version, names
    national.save()
    draft = procedure.get_latest_revision_as_object()
    current = field_values(draft)
    changed = [name for name in changed if current[name] != values[name]]
    if not changed:
        outcome.action = "unchanged"
        return
    outcome.changes = [[str(catalogue_field_label(name)), _shown(name, current[name]), _shown(name, values[name])]
                       for name in changed]
    _apply(draft, {name: values[name] for name in changed}, resolver)
    revision = draft.save_revision(user=user)
    outcome.action = "changed"
    missing = violations_for(draft)
    if missing:
        outcome.detail = " ".join(map(str, missing))
    else:
        _submit_for_review(procedure, user)
    log(instance=procedure, action=LOG_ACTION, revision=revision, user=user,
        data={"source": source, "row": outcome.row, "result": "changed", "version": record.version,
              "changes": outcome.changes})


def _agency_names(record, known):
    return known if record.agencies is None else [name for _code, name in record.agencies]


def _submit_for_review(procedure, user):
    """The new revision goes to the owning portal's approvers, replacing any review under way."""
    workflow = procedure.get_workflow()
    if workflow is None:
        return
    state = procedure.current_workflow_state
    if state is not None:
        state.cancel(user=user)
    workflow.start(procedure, user)


def _apply(procedure, values, resolver):
    for name, value in values.items():
        if name == "required_files":
            procedure.required_files = [ProcedureFile(name=file_name, copies=copies, sort_order=order)
                                        for order, (file_name, copies) in enumerate(value)]
        elif name in ("implementing_agencies", "legal_basis"):
            model = Agency if name == "implementing_agencies" else LegalDocument
            setattr(procedure, name, resolver.objects(model, value))
        elif name in ("sector", "announcing_decision"):
            setattr(procedure, f"{name}_id", value)
        else:
            setattr(procedure, name, value if value is not None or name == "processing_days" else "")


def _shown(name, value):
    """A field's value as the report shows it."""
    if name in ("implementing_agencies", "legal_basis"):
        model = Agency if name == "implementing_agencies" else LegalDocument
        return "; ".join(map(str, model.objects.filter(pk__in=value)))
    if name in ("sector", "announcing_decision"):
        model = Sector if name == "sector" else LegalDocument
        return str(model.objects.filter(pk=value).first() or "")
    if name == "required_files":
        return "; ".join(" — ".join(filter(None, item)) for item in value)
    return plain_text(str(value if value is not None else ""))
