"""Shareable previews: an editor makes a link to a draft; anyone holding it reads the draft without an
account until it expires or is revoked; every step is in the page's history."""

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.models import PageLogEntry

from cms.pages.models import PreviewLink
from tests.factories import HEALTH, JUSTICE, make_user, news_article, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(content):
    """A published article with a newer draft."""
    article = publish(news_article(content["news"], slug="du-thao-tin", title="Tin đã đăng"))
    article.title = "Tin đang sửa, chưa duyệt"
    article.save_revision()
    return article


@pytest.fixture
def editor(province, settings):
    settings.ADMIN_TWO_FACTOR = False
    client = Client()
    client.force_login(make_user("bientap-stp", province["portals"]["justice"].editors_group))
    return client


def make_link(client, page, days=3):
    response = client.post(f"/admin/pages/{page.pk}/lien-ket-xem-truoc/", {"days": days}, HTTP_HOST=JUSTICE)
    assert response.status_code == 302
    screen = client.get(response["Location"], HTTP_HOST=JUSTICE).content.decode()
    return re.search(r'value="(http[^"]+/xem-truoc/[^"]+)"', screen).group(1)


def read(address):
    path = address.split("://", 1)[1].split("/", 1)[1]
    return Client().get("/" + path, HTTP_HOST=JUSTICE)


def test_a_reader_without_an_account_reads_the_latest_draft(editor, draft):
    address = make_link(editor, draft)
    assert address.startswith(f"http://{JUSTICE}/xem-truoc/")
    response = read(address)
    assert response.status_code == 200 and "Tin đang sửa, chưa duyệt" in response.content.decode()
    assert response["Cache-Control"] == "private, no-store" and response["X-Robots-Tag"] == "noindex"
    draft.title = "Tin sửa lần hai"
    draft.save_revision()
    assert "Tin sửa lần hai" in read(address).content.decode()  # never from a cache
    link = PreviewLink.objects.get(page=draft)
    assert link.views == 2 and len(link.secret_digest) == 64 and link.secret_digest not in address
    actions = list(PageLogEntry.objects.filter(page=draft, action__startswith="cong.preview_link")
                   .values_list("action", flat=True))
    assert sorted(actions) == ["cong.preview_link.create", "cong.preview_link.view", "cong.preview_link.view"]


def test_the_address_is_shown_once(editor, draft):
    make_link(editor, draft)
    screen = editor.get(f"/admin/pages/{draft.pk}/lien-ket-xem-truoc/", HTTP_HOST=JUSTICE).content.decode()
    assert "/xem-truoc/" not in screen and "Thu hồi" in screen


def test_revoked_expired_and_made_up_links_answer_404(editor, draft):
    address = make_link(editor, draft)
    link = PreviewLink.objects.get(page=draft)
    response = editor.post(f"/admin/pages/{draft.pk}/lien-ket-xem-truoc/{link.pk}/thu-hoi/", HTTP_HOST=JUSTICE)
    assert response.status_code == 302 and read(address).status_code == 404
    assert PageLogEntry.objects.filter(page=draft, action="cong.preview_link.revoke").exists()
    other = make_link(editor, draft, days=1)
    PreviewLink.objects.filter(revoked_at__isnull=True).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    assert read(other).status_code == 404
    assert read(f"http://{JUSTICE}/xem-truoc/khong-co-that/").status_code == 404


def test_bad_input_gets_a_form_error(editor, draft):
    response = editor.post(f"/admin/pages/{draft.pk}/lien-ket-xem-truoc/", {"days": 365}, HTTP_HOST=JUSTICE)
    assert response.status_code == 200 and not PreviewLink.objects.exists()
    assert "error" in response.content.decode()


def test_an_editor_of_another_portal_can_neither_make_nor_revoke_nor_see_links(province, draft, settings):
    settings.ADMIN_TWO_FACTOR = False
    outsider = Client()
    outsider.force_login(make_user("bientap-syt", province["portals"]["health"].editors_group))
    url = f"/admin/pages/{draft.pk}/lien-ket-xem-truoc/"
    assert outsider.get(url, HTTP_HOST=HEALTH).status_code in (302, 403)
    assert outsider.post(url, {"days": 3}, HTTP_HOST=HEALTH).status_code in (302, 403)
    assert not PreviewLink.objects.exists()


def test_the_page_editor_offers_the_links_screen(editor, draft):
    screen = editor.get(f"/admin/pages/{draft.pk}/edit/", HTTP_HOST=JUSTICE).content.decode()
    assert f"/admin/pages/{draft.pk}/lien-ket-xem-truoc/" in screen
