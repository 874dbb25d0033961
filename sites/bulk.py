"""Bulk creation of agencies and their portals from a CSV or YAML file, row by row.

Every row is validated on its own and reported as created, skipped (already there: re-running
the same file is safe) or refused with a row-numbered reason; one bad row never stops the others.
"""

import csv
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sites.hostnames import validate_hostname
from cms.core.models import Agency, AgencyKind, Portal
from sites.provisioning import create_portal

FIELDS = ["name", "short_name", "kind", "parent", "code", "hostname", "address", "phone", "fax", "email",
          "person_responsible"]


@dataclass
class RowResult:
    row: int
    code: str
    status: str  # created | skipped | refused
    message: str = ""

    def __str__(self):
        return f"{_('Dòng')} {self.row} [{self.code or '-'}]: {self.status}{': ' + self.message if self.message else ''}"


def read_rows(path):
    path = Path(path)
    if path.suffix.lower() in (".yaml", ".yml"):
        with open(path, encoding="utf-8") as handle:
            data = yaml.safe_load(handle) or []
        rows = data.get("agencies", []) if isinstance(data, dict) else data
    else:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    return [{key: str(row.get(key) or "").strip() for key in FIELDS} for row in rows]


def bulk_create(rows, *, progress=None, user=None):
    """Create every valid row; return one RowResult per row (numbered from 1 as in the file)."""
    codes_in_file = {row["code"]: row for row in rows if row["code"]}
    results = []
    for number, row in enumerate(rows, start=1):
        try:
            result = _create_row(number, row, codes_in_file, user)
        except ValidationError as error:
            result = RowResult(number, row["code"], "refused", "; ".join(error.messages))
        results.append(result)
        if progress:
            progress(number, len(rows), result)
    return results


def _create_row(number, row, codes_in_file, user):
    _validate_row(row, codes_in_file)
    existing = Agency.objects.filter(code=row["code"]).first()
    if existing and Portal.objects.filter(agency=existing).exists():
        return RowResult(number, row["code"], "skipped", _("đã có cơ quan và cổng"))
    parent = Agency.objects.filter(code=row["parent"]).first() if row["parent"] else None
    if row["parent"] and parent is None:
        raise ValidationError(_("cơ quan cấp trên “%(code)s” chưa được tạo (dòng của nó bị từ chối hoặc nằm phía sau)")
                              % {"code": row["parent"]})
    with transaction.atomic():
        agency = existing or Agency.objects.create(
            name=row["name"], short_name=row["short_name"], kind=row["kind"], parent=parent, code=row["code"],
            address=row["address"], phone=row["phone"], fax=row["fax"], email=row["email"],
        )
        create_portal(agency, row["hostname"], person_responsible=row["person_responsible"], user=user)
    return RowResult(number, row["code"], "created")


def _validate_row(row, codes_in_file):
    errors = []
    if not row["name"]:
        errors.append(_("thiếu tên cơ quan"))
    if not row["code"]:
        errors.append(_("thiếu mã cơ quan"))
    if row["kind"] not in AgencyKind.values:
        errors.append(_("loại “%(kind)s” không hợp lệ (chọn: %(kinds)s)") % {"kind": row["kind"], "kinds": ", ".join(AgencyKind.values)})
    try:
        validate_hostname(row["hostname"])
    except ValidationError as error:
        errors.extend(error.messages)
    if row["parent"] and row["parent"] not in codes_in_file and not Agency.objects.filter(code=row["parent"]).exists():
        errors.append(_("không có cơ quan cấp trên mã “%(code)s”") % {"code": row["parent"]})
    if _has_cycle(row, codes_in_file):
        errors.append(_("quan hệ cấp trên tạo thành vòng lặp"))
    if errors:
        raise ValidationError(errors)
    duplicate = Portal.objects.filter(site__hostname=row["hostname"]).exclude(agency__code=row["code"]).exists()
    if duplicate:
        raise ValidationError(_("tên miền “%(hostname)s” đã được dùng") % {"hostname": row["hostname"]})


def _has_cycle(row, codes_in_file):
    seen, code = set(), row["code"]
    while code:
        if code in seen:
            return True
        seen.add(code)
        code = codes_in_file.get(code, {}).get("parent", "")
    return False
