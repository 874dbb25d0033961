"""The manuals' screenshots are taken here, in Chromium, as each role works in the admin; then both
manuals are built into PDF from the Markdown with these screenshots (the test command builds them).

The screenshots go to a temporary folder, or to MANUAL_SCREENSHOTS_DIR when set:
`scripts/manual-screenshots` sets it to cms/help/static/help/screenshots to refresh the images the
admin's help pages show, so that no screenshot in the repository is pasted by hand."""

import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from cms.engagement.models import ConsultationIndexPage
from cms.help.manuals import MANUALS, SCREENSHOTS_DIR
from cms.notices.models import Notice
from cms.publishing.compliance import snapshot_all
from cms.visits.models import record_visit
from tests.e2e.test_sign_in import sign_in
from tests.factories import consultation_draft, make_user, news_article, portal_home, received_question

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def shots_dir(tmp_path):
    return Path(os.environ.get("MANUAL_SCREENSHOTS_DIR") or tmp_path / "screenshots")


@pytest.fixture
def scene(province, content, settings):
    """The justice portal on an ordinary working day: a draft waiting for its approver, a draft the
    rules will refuse (a reposted article without its source), a consultation draft, citizens' questions, visits, a notice, a compliance score."""
    settings.ADMIN_TWO_FACTOR = False
    justice, root = province["portals"]["justice"], province["root"]
    editor = make_user("bientap.stp", justice.editors_group, first_name="Lan", last_name="Trần")
    approver = make_user("duyet.stp", justice.approvers_group, first_name="Minh", last_name="Lê")
    make_user("quantri.tinh", is_superuser=True, is_staff=True, first_name="Hùng", last_name="Nguyễn")
    waiting = news_article(content["news"], slug="tap-huan-ho-tich", title="Tập huấn nghiệp vụ hộ tịch năm 2026", live=False)
    waiting.save_revision(user=editor)
    waiting.get_workflow().start(waiting, editor)
    unsigned = news_article(content["news"], slug="dang-lai-thieu-nguon", title="Kết quả trợ giúp pháp lý quý IV",
                            origin="dang-lai", source="", live=False)
    unsigned.save_revision(user=editor)
    consultation = consultation_draft(ConsultationIndexPage.objects.descendant_of(portal_home(justice)).get(), live=False)
    consultation.save_revision(user=editor)
    for days_ago, subject in ((1, "Thủ tục đăng ký kết hôn với người nước ngoài"), (3, "Cấp bản sao trích lục khai sinh"),
                              (6, "Chứng thực chữ ký trên giấy ủy quyền")):
        received_question(justice, days_ago, subject=subject, name="Công dân")
    for path, views in (("/", 40), ("/tin-tuc/tin-1/", 12), (f"/van-ban/{content['decision'].pk}/", 9)):
        for _ in range(views):
            record_visit(justice.pk, path)
    notice = Notice.objects.create(owner=root, title="Cảnh báo bão số 9", emergency=True, live=False,
                                   body="<p>Các cơ quan, đơn vị chủ động phòng, chống bão.</p>")
    notice.save_revision().publish()
    snapshot_all()
    return {"editor": editor.username, "approver": approver.username, "province": "quantri.tinh",
            "article": content["articles"][0].pk, "news": content["news"].pk, "home": portal_home(justice).pk,
            "unsigned": unsigned.pk, "consultation": consultation.pk, "decision": content["decision"].pk,
            "procedure": content["procedure"].pk, "notice": notice.pk, "justice": justice.pk}


def shots(scene):
    """Screenshot name -> (role, admin path, action before the shot), in the order the manuals show them."""
    return {
        "dang-nhap.png": (None, "/admin/login/", None),
        "bang-dieu-khien.png": ("editor", "/admin/", None),
        "cay-trang.png": ("editor", f"/admin/pages/{scene['home']}/", None),
        "soan-tin-tuc.png": ("editor", f"/admin/pages/{scene['article']}/edit/", None),
        "van-ban-danh-sach.png": ("editor", reverse("wagtailsnippets_legal_documents_legaldocument:list"), None),
        "van-ban-soan.png": ("editor", reverse("wagtailsnippets_legal_documents_legaldocument:edit",
                                               args=[scene["decision"]]), None),
        "thu-tuc-soan.png": ("editor", reverse("wagtailsnippets_procedures_procedure:edit", args=[scene["procedure"]]), None),
        "tu-choi-dang.png": ("approver", f"/admin/pages/{scene['unsigned']}/edit/", publish_and_be_refused),
        "cho-duyet.png": ("approver", "/admin/", scroll_to_review),
        "hoi-dap.png": ("editor", reverse("engagement_questions:index"), None),
        "du-thao-lay-y-kien.png": ("editor", f"/admin/pages/{scene['consultation']}/edit/", None),
        "tuan-thu.png": ("editor", reverse("publishing_ranking"), None),
        "lich-su.png": ("editor", f"/admin/pages/{scene['article']}/history/", None),
        "quan-ly-cong.png": ("province", reverse("cong-thong-tin:index"), None),
        "luot-truy-cap.png": ("province", reverse("visits_portal", args=[scene["justice"]]), None),
        "thong-bao-toan-tinh.png": ("province", reverse("wagtailsnippets_notices_notice:edit", args=[scene["notice"]]), None),
    }


def publish_and_be_refused(page):
    """Presses "Xuất bản" (in the editor's action menu): the rules refuse a reposted article without its source."""
    with page.expect_navigation():
        page.evaluate("document.querySelector('button[name=action-publish]').click()")
    assert "nguồn tin của tin đăng lại" in page.locator(".messages").inner_text()


def scroll_to_review(page):
    page.locator("text=Tập huấn nghiệp vụ hộ tịch năm 2026").first.scroll_into_view_if_needed()


def take(browser, origin, usernames, shots_to_take, folder):
    """Signs in once per role and takes each role's screenshots; returns the names taken."""
    folder.mkdir(parents=True, exist_ok=True)
    pages = {}
    for name, (role, path, action) in shots_to_take.items():
        if role not in pages:
            pages[role] = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 800}).new_page()
            if role:
                sign_in(pages[role], origin, usernames[role])
        page = pages[role]
        response = page.goto(origin + path)
        assert response.status == 200, (name, path, response.status)
        page.wait_for_load_state("networkidle")
        if action:
            action(page)
        page.screenshot(path=folder / name)
    for page in pages.values():
        page.context.close()
    return sorted(path.name for path in folder.glob("*.png"))


def images_in(path):
    """The PDF's distinct image objects (WeasyPrint lists them all in resources every page shares)."""
    return {reference.idnum for page in PdfReader(path).pages
            for reference in page["/Resources"].get_object().get("/XObject", {}).get_object().values()}


def pdf_text(path):
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_the_manuals_are_built_with_screenshots_taken_here(scene, browser, live_server, shots_dir, tmp_path):
    wanted = shots(scene)
    assert take(browser, live_server.url, scene, wanted, shots_dir) == sorted(wanted)
    shown = [name for manual in MANUALS.values() for name in manual.screenshots()]
    assert sorted(shown) == sorted(wanted), "every screenshot a manual shows is taken here, and only those"
    assert sorted(path.name for path in SCREENSHOTS_DIR.glob("*.png")) == sorted(wanted), \
        "the help pages' screenshots are the ones taken here (scripts/manual-screenshots refreshes them)"

    call_command("build_manuals", tmp_path / "pdf", screenshots=shots_dir)
    for manual in MANUALS.values():
        pdf = tmp_path / "pdf" / f"{manual.slug}.pdf"
        text = " ".join(pdf_text(pdf).split())
        for heading in manual.chapters():
            assert " ".join(heading.split()) in text, (manual.slug, heading)
        assert len(images_in(pdf)) == len(manual.screenshots())

