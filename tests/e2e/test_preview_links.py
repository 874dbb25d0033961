"""Shareable previews in Chromium: an editor makes a link to a draft in the admin; a leader without an
account opens it and reads the draft (axe-core finds nothing); once revoked, the link is dead."""

import pytest

from tests.e2e.conftest import PORTALS
from tests.e2e.test_browser import AXE_TAGS
from tests.e2e.test_sign_in import sign_in
from tests.factories import make_user, news_article, publish

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

DRAFT_TITLE = "Dự thảo tin: lịch tiếp công dân tháng mới"


@pytest.fixture
def draft_id(site_content, content, province, settings):
    """Made before the browser starts (Django refuses queries inside Playwright's event loop)."""
    settings.ADMIN_TWO_FACTOR = False
    make_user("bientap", province["portals"]["justice"].editors_group)
    article = publish(news_article(content["news"], slug="lich-tiep-dan", title="Lịch tiếp công dân"))
    article.title = DRAFT_TITLE
    article.save_revision()
    return article.pk


def test_a_leader_without_an_account_reads_the_draft_until_the_link_is_revoked(draft_id, browser, origins, live_server,
                                                                                axe_source):
    editor = browser.new_context(locale="vi-VN")
    admin = editor.new_page()
    sign_in(admin, live_server.url, "bientap")
    admin.goto(f"{live_server.url}/admin/pages/{draft_id}/edit/")
    admin.locator("#w-slim-header-buttons").get_by_role("button", name="Thao tác").click()
    admin.get_by_role("link", name="Liên kết xem trước").click()
    admin.get_by_label("Hiệu lực").select_option("7")
    admin.get_by_role("button", name="Tạo liên kết xem trước").click()
    address = admin.locator("#preview-link-made").input_value()
    path = "/" + address.split("://", 1)[1].split("/", 1)[1]
    assert address.startswith(f"http://{PORTALS['justice'][0]}/xem-truoc/")

    leader = browser.new_context(locale="vi-VN").new_page()
    leader.goto(origins["justice"] + path)
    assert leader.get_by_role("heading", level=1).inner_text() == DRAFT_TITLE
    leader.add_script_tag(path=str(axe_source))
    result = leader.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    assert [violation["id"] for violation in result["violations"]] == []

    admin.get_by_role("button", name="Thu hồi").click()
    assert leader.goto(origins["justice"] + path).status == 404
    editor.close()
