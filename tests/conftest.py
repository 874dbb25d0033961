"""Shared fixtures: a small province built with the real provisioning code."""

import contextlib
import datetime
import email
from email.header import decode_header, make_header

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.test import override_settings
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from cms.documents.models import DocumentRelation, DocumentType, Sector
from cms.pages.models import LeaderPage, NewsArticlePage, NewsIndexPage, OrganisationPage, SectionPage, StandardPage
from tests.factories import child, make_document, make_procedure, portal_home, publish_child
from cms.core.generation import ROUTING
from cms.core.models import Agency, AgencyKind
from sites.provisioning import create_portal
from cms.core.local_servers import free_port


@pytest.fixture(autouse=True)
def _second_factor_only_where_tested(settings):
    """Admin tests sign users in with force_login; the two-factor rules have their own tests
    (tests/accounts), which turn them back on."""
    settings.ADMIN_TWO_FACTOR = False


FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing():
    """Django's advice for test suites: a cheap hasher (the production one spends half a second a
    password by design). Signing in with a password still goes through Django's own checks."""
    with override_settings(PASSWORD_HASHERS=FAST_PASSWORD_HASHERS):
        yield


@pytest.fixture(scope="module", autouse=True)
def _media_root(tmp_path_factory):
    """One media directory per module: files written with rows shared by the module stay readable."""
    static_files = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"),
                           STORAGES={**django_settings.STORAGES, "staticfiles": static_files}):
        yield


# -- rows built once per module ------------------------------------------------------------------
# Building the province (four portals from the blueprint) is most of the time of most tests. Where
# every database test of a module asks for the same rows and none is transactional, the rows are
# built once, inside a transaction that stays open while the module runs: each test runs in a
# savepoint inside it (the `db` fixture's own transaction), so whatever a test changes is undone
# after it as usual, and the rows themselves are rolled back after the module. Anywhere else the
# rows are built for each test, as before.

def _uses_database(item):
    return item.get_closest_marker("django_db") is not None or bool({"db", "transactional_db"} & set(item.fixturenames))


def _is_transactional(item):
    marker = item.get_closest_marker("django_db")
    return (bool({"transactional_db", "live_server"} & set(item.fixturenames))
            or bool(marker and marker.kwargs.get("transaction")))


def module_can_share(request, fixture_name):
    """Whether every database test of the requesting module asks for `fixture_name`, none transactional."""
    tests = [item for item in request.session.items
             if getattr(item, "module", None) is request.module and _uses_database(item)]
    return all(fixture_name in item.fixturenames and not _is_transactional(item) for item in tests)


def rows_for_the_module(request, fixture_name, django_db_blocker, build, *args):
    """A module fixture's body: `build(*args)` once for the module when it can share, else None."""
    if not module_can_share(request, fixture_name):
        yield None
        return
    with django_db_blocker.unblock():
        module_transaction = transaction.atomic()
        module_transaction.__enter__()
        rows = build(*args)
    try:
        yield rows
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            module_transaction.__exit__(None, None, None)


def rows_for_the_test(shared_rows, build, *args):
    """The module's rows read afresh (a test may change the objects it is given), or new rows."""
    if shared_rows is None:
        return build(*args)
    # What the last test cached (pages, and this process's routing tables) may describe rows it
    # changed, and its changes were rolled back.
    cache.clear()
    ROUTING.bump()
    return reloaded(shared_rows)


def reloaded(rows):
    if isinstance(rows, dict):
        return {key: reloaded(value) for key, value in rows.items()}
    if isinstance(rows, list):
        return [reloaded(value) for value in rows]
    return type(rows).objects.get(pk=rows.pk)


def build_province():
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


def build_taxonomy():
    return {
        "decision": DocumentType.objects.create(name="Quyết định", abbreviation="QĐ", is_legal_normative=True),
        "decree": DocumentType.objects.create(name="Nghị định", abbreviation="NĐ", is_legal_normative=True),
        "civil_status": Sector.objects.create(code="ho-tich", name="Hộ tịch"),
        "health": Sector.objects.create(code="y-te", name="Y tế"),
    }


@pytest.fixture(scope="module")
def _province_rows(request, django_db_setup, django_db_blocker):
    yield from rows_for_the_module(request, "province", django_db_blocker, build_province)


@pytest.fixture
def province(_province_rows, db):
    return rows_for_the_test(_province_rows, build_province)


@pytest.fixture(scope="module")
def _taxonomy_rows(request, django_db_setup, django_db_blocker):
    yield from rows_for_the_module(request, "taxonomy", django_db_blocker, build_taxonomy)


@pytest.fixture
def taxonomy(_taxonomy_rows, db):
    return rows_for_the_test(_taxonomy_rows, build_taxonomy)


class Mailbox:
    """What a real SMTP server on 127.0.0.1 received, as email.message.Message objects."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's handler API
        self.messages.append(email.message_from_bytes(envelope.original_content or envelope.content))
        return "250 Message accepted for delivery"

    @staticmethod
    def subject(message):
        return str(make_header(decode_header(message["Subject"])))

    @staticmethod
    def text(message):
        """The decoded text of every text part."""
        return "\n".join(part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
                         for part in message.walk() if part.get_content_maintype() == "text")


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server (aiosmtpd) that Django's SMTP backend sends to; stopped after the test."""
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    yield mailbox
    controller.stop()


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("quantri", "quantri@example.com", "mat-khau-manh-123")


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def content(province, taxonomy):
    """Content on the justice portal: news, a standard page, a leader, documents and a procedure."""
    portals = province["portals"]
    justice_home = portal_home(portals["justice"])
    news = child(justice_home, "tin-tuc")
    assert isinstance(news, NewsIndexPage)
    image = get_image_model().objects.create(title="Hội nghị tại hội trường Sở", description="Đại biểu dự hội nghị",
                                             file=get_test_image_file(size=(1600, 900)))
    articles = [
        publish_child(news, NewsArticlePage(
            title=f"Tin hoạt động số {number}", slug=f"tin-{number}", date=datetime.date(2026, 1, number),
            intro=f"Sapo của tin số {number}.", body="<p>Nội dung tin.</p>", author="Lê Thị C",
            source="Báo Thử Nghiệm", origin="dang-lai", image=image if number == 3 else None))
        for number in (1, 2, 3)
    ]
    about = child(justice_home, "gioi-thieu")
    standard = publish_child(about, StandardPage(title="Quy chế hoạt động", slug="quy-che", intro="Tóm tắt quy chế",
                                                body="<p>Điều 1.</p>"))
    organisation = child(about, "co-cau-to-chuc")
    assert isinstance(organisation, OrganisationPage)
    leader = publish_child(organisation, LeaderPage(title="Phạm Văn D", slug="pham-van-d", position="Giám đốc Sở",
                                                    biography="<p>Tiểu sử</p>", photo=image))
    decree = make_document(province["root"], taxonomy["decree"], "123/2015/NĐ-CP", issuing_body="Chính phủ",
                           abstract="Quy định chi tiết Luật Hộ tịch", issue_date=datetime.date(2015, 11, 15))
    decision = make_document(province["justice"], taxonomy["decision"], "15/2025/QĐ-UBND",
                             abstract="Ban hành quy định quản lý hộ tịch trên địa bàn tỉnh")
    DocumentRelation.objects.create(source=decision, target=decree, kind="guides")
    procedure = make_procedure(province["justice"], taxonomy["civil_status"], "1.001193", name="Đăng ký khai sinh",
                               result="Giấy khai sinh", legal_basis=[decree])
    procedure.implementing_agencies.add(province["commune"])
    procedure.save()
    assert isinstance(child(justice_home, "gioi-thieu"), SectionPage)
    return {"articles": articles, "standard": standard, "leader": leader, "decree": decree, "decision": decision,
            "procedure": procedure, "image": image, "news": news}
