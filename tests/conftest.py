"""Shared fixtures: a small province built with the real provisioning code."""

import datetime

import pytest
from django.contrib.auth import get_user_model

from cms.documents.models import DocumentType, EffectStatus, LegalDocument, Sector
from cms.procedures.models import AdministrativeLevel, Procedure, ServiceLevel
from cms.core.models import Agency, AgencyKind
from sites.provisioning import create_portal


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}


@pytest.fixture
def province(db):
    """A province with two departments (one with a sub-unit) and one commune, each with a portal."""
    root = Agency.objects.create(name="Ủy ban nhân dân tỉnh Thử Nghiệm", short_name="UBND tỉnh", kind=AgencyKind.PROVINCE, code="TN",
                                 address="Số 1 Lê Lợi", phone="0201 111 222", email="ubnd@thunghiem.gov.vn")
    justice = Agency.objects.create(name="Sở Tư pháp tỉnh Thử Nghiệm", short_name="Sở Tư pháp", kind=AgencyKind.DEPARTMENT, code="STP", parent=root)
    health = Agency.objects.create(name="Sở Y tế tỉnh Thử Nghiệm", short_name="Sở Y tế", kind=AgencyKind.DEPARTMENT, code="SYT", parent=root)
    hospital = Agency.objects.create(name="Bệnh viện Đa khoa tỉnh", kind=AgencyKind.UNIT, code="BVDK", parent=health)
    commune = Agency.objects.create(name="Ủy ban nhân dân xã Tân Lập", kind=AgencyKind.COMMUNE, code="XTL", parent=root)
    portals = {
        "province": create_portal(root, "thunghiem.localhost", person_responsible="Nguyễn Văn A, Chánh Văn phòng"),
        "justice": create_portal(justice, "stp.thunghiem.localhost"),
        "health": create_portal(health, "syt.thunghiem.localhost"),
        "commune": create_portal(commune, "tanlap.thunghiem.localhost"),
    }
    return {"root": root, "justice": justice, "health": health, "hospital": hospital, "commune": commune, "portals": portals}


@pytest.fixture
def taxonomy(db):
    return {
        "decision": DocumentType.objects.create(name="Quyết định", abbreviation="QĐ", is_legal_normative=True),
        "decree": DocumentType.objects.create(name="Nghị định", abbreviation="NĐ", is_legal_normative=True),
        "civil_status": Sector.objects.create(code="ho-tich", name="Hộ tịch"),
        "health": Sector.objects.create(code="y-te", name="Y tế"),
    }


def make_document(owner, document_type, number, *, live=True, issue_date=datetime.date(2025, 3, 1), **fields):
    fields.setdefault("issuing_body", owner.name)
    fields.setdefault("abstract", f"Quyết định {number} về việc quản lý hộ tịch")
    fields.setdefault("effective_date", issue_date)
    fields.setdefault("effect_status", EffectStatus.IN_FORCE)
    document = LegalDocument(owner_agency=owner, document_type=document_type, number=number, issue_date=issue_date,
                             live=live, **fields)
    document.full_clean()
    document.save()
    return document


def make_procedure(owner, sector, code, *, live=True, **fields):
    fields.setdefault("name", "Đăng ký khai sinh")
    fields.setdefault("level", AdministrativeLevel.COMMUNE)
    fields.setdefault("service_level", ServiceLevel.FULL)
    procedure = Procedure(owner_agency=owner, sector=sector, code=code, live=live, **fields)
    procedure.full_clean()
    procedure.save()
    return procedure


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("quantri", "quantri@example.com", "mat-khau-manh-123")


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client
