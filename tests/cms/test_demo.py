import pytest
from django.core.management import call_command
from wagtail.models import Page

from cms.documents.models import LegalDocument
from cms.notices.models import Notice
from cms.pages.models import NewsArticlePage
from cms.procedures.models import Procedure
from cms.core.models import Agency, Portal


def counts():
    return {
        "agencies": Agency.objects.count(), "portals": Portal.objects.count(), "documents": LegalDocument.objects.count(),
        "procedures": Procedure.objects.count(), "news": NewsArticlePage.objects.count(),
        "notices": Notice.objects.filter(live=True).count(),
        "english pages": Page.objects.filter(locale__language_code="en", live=True).count(),
    }


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_demo_province_loads_and_reloads_without_duplicates(client):
    call_command("load_demo", portals=6, verbosity=0)
    first = counts()
    assert first["agencies"] == first["portals"] == 6
    assert first["documents"] >= 200 and first["procedures"] >= 150 and first["news"] >= 20 and first["notices"] == 1
    assert first["english pages"] == 2  # the province's English section and its "About us"
    call_command("load_demo", portals=6, verbosity=0)
    assert counts() == first
    assert LegalDocument.objects.filter(number_key="42/2022/ND-CP", live=True).exists()
    response = client.get("/", HTTP_HOST="thanhson.localhost")
    assert response.status_code == 200 and "Ủy ban nhân dân tỉnh Thanh Sơn" in response.content.decode()
    assert "Lịch tiếp công dân định kỳ" in response.content.decode()
    english = client.get("/en/gioi-thieu/", HTTP_HOST="thanhson.localhost")
    assert english.status_code == 200 and "About us" in english.content.decode()
    response = client.get("/", HTTP_HOST="sotuphap.thanhson.localhost")
    assert response.status_code == 200 and "Sở Tư pháp tỉnh Thanh Sơn" in response.content.decode()
