"""Background jobs through django-tasks' database backend and its real worker (db_worker)."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.documents import get_document_model

from cms.core.models import FileText
from cms.documents.models import DocumentAttachment, LegalDocument
from cms.operations.jobs import SKIPPED, enqueue_due, publish_scheduled, read_attachment_texts, reindex_search, runs_of
from tests.worker import run_worker
from tests.factories import child, make_document, news_article, portal_home
from tests.search.test_attachment_text import REAL_DECREE
from cms.core.local_servers import free_port

# The worker takes jobs in transactions of its own; the migrations' rows are put back after each test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)



@pytest.fixture
def scheduled_article(province):
    news = child(portal_home(province["portals"]["justice"]), "tin-tuc")
    article = news_article(news, slug="hen-gio", live=False)
    article.save_revision(approved_go_live_at=timezone.now() - datetime.timedelta(minutes=1))
    return article


def test_the_scheduler_enqueues_each_due_job_once_and_the_worker_publishes_what_is_scheduled(scheduled_article):
    due = enqueue_due()
    assert {"publish_scheduled", "drain_search_outbox", "read_attachment_texts", "snapshot_compliance", "send_subscriptions",
            "prune_job_results"} == set(due)
    assert enqueue_due() == []  # waiting already
    run_worker()
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {TaskResultStatus.SUCCESSFUL}
    scheduled_article.refresh_from_db()
    assert scheduled_article.live
    assert enqueue_due() == []  # ran less than a minute ago
    in_two_minutes = enqueue_due(now=timezone.now() + datetime.timedelta(minutes=2))
    assert set(in_two_minutes) == {"publish_scheduled", "drain_search_outbox", "read_attachment_texts"}


def test_the_worker_reads_the_text_of_a_newly_attached_file(province, taxonomy):
    decree = get_document_model()(title="Nghị định 30/2020/NĐ-CP")
    decree.file.save("30-2020-ND-CP.pdf", ContentFile(REAL_DECREE.read_bytes()), save=False)
    decree.save()
    document = make_document(province["justice"], taxonomy["decree"], "30/2020/NĐ-CP", with_file=False,
                             attachments=[DocumentAttachment(file=decree)], abstract="Về công tác văn thư")
    assert "can cu luat to chuc chinh phu" not in LegalDocument.objects.get(pk=document.pk).folded_text
    read_attachment_texts.enqueue()
    run_worker()
    assert FileText.objects.get(document=decree).state == FileText.State.TEXT
    assert "can cu luat to chuc chinh phu" in LegalDocument.objects.get(pk=document.pk).folded_text


def test_a_failing_job_is_logged_and_enqueued_again_later(settings, caplog):
    settings.SEARCH_URL = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    call_command("jobs", "enqueue", "reindex_search")
    run_worker()
    failed, retry = runs_of(reindex_search).order_by("enqueued_at")
    assert failed.status == TaskResultStatus.FAILED and "ConnectionError" in failed.exception_class_path
    assert retry.status == TaskResultStatus.READY and retry.args_kwargs["kwargs"] == {"attempt": 2}
    assert retry.run_after > timezone.now()
    assert "reindex_search failed (attempt 1 of 3)" in caplog.text


def test_a_job_never_runs_twice_at_once(scheduled_article):
    under_way = publish_scheduled.enqueue()
    DBTaskResult.objects.filter(id=under_way.id).update(status=TaskResultStatus.RUNNING)  # another worker has it
    assert "publish_scheduled" not in enqueue_due()
    second = publish_scheduled.enqueue()
    run_worker()
    assert DBTaskResult.objects.get(id=second.id).return_value == SKIPPED
    scheduled_article.refresh_from_db()
    assert not scheduled_article.live
