"""The API's data: published and draft documents, procedures on two portals."""

import datetime

import pytest
from django.core.cache import cache

from cms.documents.models import DocumentRelation
from tests.factories import make_document, make_procedure


@pytest.fixture
def api(client, province, taxonomy, settings):
    settings.API_THROTTLE_RATE = "10000/min"
    cache.clear()
    root, justice, health = province["root"], province["justice"], province["health"]
    decree = make_document(root, taxonomy["decree"], "123/2015/NĐ-CP", issuing_body="Chính phủ",
                           abstract="Quy định chi tiết Luật Hộ tịch", issue_date=datetime.date(2015, 11, 15))
    decree.sectors.add(taxonomy["civil_status"])
    decree.save()
    decision = make_document(justice, taxonomy["decision"], "15/2025/QĐ-UBND", abstract="Quy định quản lý hộ tịch")
    DocumentRelation.objects.create(source=decision, target=decree, kind="guides")
    draft = make_document(justice, taxonomy["decision"], "16/2025/QĐ-UBND", live=False, abstract="Bản nháp bí mật")
    procedure = make_procedure(justice, taxonomy["civil_status"], "1.001193", name="Đăng ký khai sinh",
                               legal_basis=[decree])
    procedure.implementing_agencies.add(province["commune"])
    procedure.save()
    make_procedure(health, taxonomy["health"], "2.000001", name="Cấp giấy phép hoạt động khám bệnh", level="tinh",
                   service_level="mot-phan", legal_basis=[decree])
    return {"client": client, "decree": decree, "decision": decision, "draft": draft, "procedure": procedure,
            "province": province, "taxonomy": taxonomy}
