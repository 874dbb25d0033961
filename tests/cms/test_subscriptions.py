"""E-mail subscriptions without an account, through a real SMTP server (aiosmtpd): double opt-in,
messages sent by the background worker with a one-click unsubscribe, per-sector and per-type
queries, daily digests, per-recipient limits, and the same query as an Atom feed."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from cms.engagement import subscriptions
from cms.engagement.models import Delivery, Subscription
from cms.operations.jobs import send_subscriptions
from tests.worker import run_worker
from tests.factories import JUSTICE, make_document, make_procedure

EMAIL = "cong.dan@example.vn"
LINK = re.compile(r"http://\S+/nhan-tin/(?:xac-nhan|huy)/\S+/")


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Each test starts with no recent form submission from the test client's address."""
    cache.clear()


def subscribe(client, **fields):
    data = {"email": EMAIL, "topic": "van-ban", "sector": "", "document_type": "", "frequency": "ngay", **fields}
    return client.post("/nhan-tin/", data, HTTP_HOST=JUSTICE)


def links(mailbox, index=-1):
    return LINK.findall(mailbox.text(mailbox.messages[index]))


def path_of(link):
    return "/" + link.split("/", 3)[3]



@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_subscribe_confirm_receive_and_unsubscribe_in_one_click(province, taxonomy, smtp_server):
    client = Client()
    response = subscribe(client)
    assert response.status_code == 200 and EMAIL in response.content.decode()
    run_worker()
    assert len(smtp_server.messages) == 1 and smtp_server.messages[0]["To"] == EMAIL
    confirm_link = links(smtp_server)[0]
    make_document(province["justice"], taxonomy["decision"], "20/2026/QĐ-STP", abstract="Trước khi xác nhận")
    send_subscriptions.enqueue()
    run_worker()
    assert len(smtp_server.messages) == 1  # nothing before the address is confirmed
    assert "Xác nhận" in client.get(path_of(confirm_link), HTTP_HOST=JUSTICE).content.decode()
    client.post(path_of(confirm_link), HTTP_HOST=JUSTICE)
    document = make_document(province["justice"], taxonomy["decision"], "21/2026/QĐ-STP",
                             abstract="Quy định về lệ phí hộ tịch")
    send_subscriptions.enqueue()
    run_worker()
    assert len(smtp_server.messages) == 2
    message = smtp_server.messages[1]
    text = smtp_server.text(message)
    assert "Quy định về lệ phí hộ tịch" in text and f"http://{JUSTICE}/van-ban/{document.pk}/" in text
    assert "Trước khi xác nhận" not in text
    unsubscribe = links(smtp_server)[0]
    assert re.sub(r"\s+", "", message["List-Unsubscribe"]) == f"<{unsubscribe}>"  # unfolded
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # A mail program's one-click POST (RFC 8058): no cookie, no CSRF token.
    Client(enforce_csrf_checks=True).post(path_of(unsubscribe), {"List-Unsubscribe": "One-Click"}, HTTP_HOST=JUSTICE)
    assert not Subscription.objects.exists() and not Delivery.objects.exists()


@pytest.fixture
def confirmed(province, taxonomy):
    def make(**fields):
        subscription = Subscription.objects.create(portal=province["portals"]["justice"], email=EMAIL, **fields)
        subscriptions.confirm(subscription)
        Subscription.objects.filter(pk=subscription.pk).update(sent_until=timezone.now() - datetime.timedelta(minutes=1))
        return subscription
    return make


@pytest.mark.django_db
def test_a_query_by_sector_and_type_sends_only_what_matches(province, taxonomy, confirmed, smtp_server):
    confirmed(topic="van-ban", document_type=taxonomy["decree"])
    confirmed(topic="thu-tuc", sector=taxonomy["health"])
    make_document(province["justice"], taxonomy["decision"], "22/2026/QĐ-STP", abstract="Một quyết định")
    make_document(province["justice"], taxonomy["decree"], "30/2026/NĐ-CP", abstract="Một nghị định")
    make_procedure(province["justice"], taxonomy["civil_status"], "1.000100", name="Thủ tục hộ tịch")
    make_procedure(province["health"], taxonomy["health"], "1.000200", name="Cấp chứng chỉ hành nghề")
    make_procedure(province["justice"], taxonomy["health"], "1.000300", name="Thủ tục y tế của Sở Tư pháp")
    assert subscriptions.send_due() == 2
    texts = [smtp_server.text(message) for message in smtp_server.messages]
    documents, procedures = sorted(texts, key=lambda text: "Thủ tục" in text.split("\n")[0])
    assert "Một nghị định" in documents and "Một quyết định" not in documents
    assert "Thủ tục y tế của Sở Tư pháp" in procedures and "hộ tịch" not in procedures
    assert "Cấp chứng chỉ hành nghề" not in procedures  # Sở Y tế's: not shown on Sở Tư pháp's portal
    assert subscriptions.send_due() == 0  # sent once


@pytest.mark.django_db
def test_a_daily_digest_waits_a_day_then_sends_everything_at_once(province, taxonomy, confirmed, smtp_server):
    subscription = confirmed(topic="van-ban", frequency="hang-ngay")
    for number in range(3):
        make_document(province["justice"], taxonomy["decision"], f"{40 + number}/2026/QĐ-STP", abstract=f"Văn bản {number}")
    assert subscriptions.send_due() == 0
    assert subscriptions.send_due(timezone.now() + datetime.timedelta(days=1)) == 1
    text = smtp_server.text(smtp_server.messages[0])
    assert all(f"Văn bản {number}" in text for number in range(3))
    assert Delivery.objects.get(subscription=subscription).items == 3


@pytest.mark.django_db
def test_a_recipient_gets_a_bounded_number_of_messages_and_nothing_is_lost(province, taxonomy, confirmed, smtp_server):
    confirmed(topic="van-ban")
    for number in range(subscriptions.MESSAGES_PER_DAY + 2):
        make_document(province["justice"], taxonomy["decision"], f"{60 + number}/2026/QĐ-STP", abstract=f"Đợt {number}")
        subscriptions.send_due()
    assert len(smtp_server.messages) == subscriptions.MESSAGES_PER_DAY
    assert subscriptions.send_due(timezone.now() + datetime.timedelta(days=1, minutes=1)) == 1
    held_back = smtp_server.text(smtp_server.messages[-1])
    assert f"Đợt {subscriptions.MESSAGES_PER_DAY}" in held_back and f"Đợt {subscriptions.MESSAGES_PER_DAY + 1}" in held_back


@pytest.mark.django_db
def test_confirmation_messages_to_one_address_are_bounded(province, django_capture_on_commit_callbacks):
    client = Client()
    for _attempt in range(subscriptions.CONFIRMATIONS_PER_DAY):
        assert subscribe(client, email="nan.nhan@example.vn").status_code == 200
    refused = subscribe(client, email="nan.nhan@example.vn")
    assert refused.status_code == 200 and "đã được gửi đủ thư xác nhận hôm nay" in refused.content.decode()
    assert Subscription.objects.filter(email="nan.nhan@example.vn").count() == subscriptions.CONFIRMATIONS_PER_DAY


@pytest.mark.django_db
def test_bad_input_gets_a_form_error_and_a_forged_link_a_clear_page(province, taxonomy):
    client = Client()
    response = subscribe(client, email="khong-phai-thu", topic="tin-tuc", document_type=taxonomy["decree"].pk)
    page = response.content.decode()
    assert response.status_code == 200 and "Loại văn bản chỉ dùng khi nhận tin về văn bản" in page
    assert not Subscription.objects.exists()
    forged = client.get("/nhan-tin/xac-nhan/1:abc:def/", HTTP_HOST=JUSTICE)
    assert forged.status_code == 404 and "Liên kết không hợp lệ" in forged.content.decode()
    assert client.get("/nhan-tin/huy/1:forged/", HTTP_HOST=JUSTICE).status_code == 200


@pytest.mark.django_db
def test_the_same_query_as_an_atom_feed(province, taxonomy):
    make_document(province["justice"], taxonomy["decision"], "80/2026/QĐ-STP", abstract="Văn bản trong nguồn tin")
    feed = Client().get(f"/nhan-tin/atom/?topic=van-ban&document_type={taxonomy['decision'].pk}", HTTP_HOST=JUSTICE)
    assert feed.status_code == 200 and feed["Content-Type"].startswith("application/atom+xml")
    assert "Văn bản trong nguồn tin" in feed.content.decode()
    assert Client().get("/nhan-tin/atom/?topic=khong-co", HTTP_HOST=JUSTICE).status_code == 404
