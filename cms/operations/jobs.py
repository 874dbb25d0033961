"""Background jobs: django-tasks on its database backend (django-tasks-db), run by its worker.

`manage.py db_worker --backend jobs` runs them: scripts/run starts one beside gunicorn and deploy/
has its systemd unit. `manage.py jobs schedule --loop` enqueues the periodic ones when they are due
(one scheduler per installation; deploy/ runs it as a service). Every job
- runs once at a time: a run that finds another run of the same job under way returns at once;
- is logged and enqueued again when it fails, after a growing delay, up to RETRIES attempts; the
  failed run stays among the results with its traceback (`manage.py jobs status`).
"""

import datetime
import logging

from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from cms.documents.attachment_text import read_waiting
from cms.engagement.subscriptions import send_due
from cms.publishing.compliance import snapshot_all
from search import indexer
from search.client import enabled as search_enabled

JOBS_BACKEND = settings.JOBS_BACKEND
RETRIES = 3
RETRY_DELAY = datetime.timedelta(minutes=2)
RESULTS_KEPT_DAYS = 14
SKIPPED = "skipped: another run is under way"
ATTACHMENT_READING_SECONDS = 20  # a run reads files for this long (the worker runs one job at a time); the next goes on

logger = logging.getLogger("cong.jobs")


def job(body):
    """A task on the jobs backend that runs `body()` once at a time and is retried when it fails."""

    def run(context, attempt=1):
        if _another_run_under_way(context):
            logger.info("%s: another run is under way, this one does nothing", job_task.name)
            return SKIPPED
        try:
            return body()
        except Exception:
            logger.exception("%s failed (attempt %d of %d)", job_task.name, attempt, RETRIES)
            if attempt < RETRIES:
                job_task.using(run_after=timezone.now() + RETRY_DELAY * attempt).enqueue(attempt=attempt + 1)
            raise

    # The worker finds a job by its module path: the task takes the place of `body` in its module.
    run.__name__ = run.__qualname__ = body.__name__
    run.__module__ = body.__module__
    run.__doc__ = body.__doc__
    job_task = task(backend=JOBS_BACKEND, takes_context=True)(run)
    return job_task


def _another_run_under_way(context):
    return (DBTaskResult.objects.running().filter(task_path=context.task_result.task.module_path)
            .exclude(id=context.task_result.id).exists())


@job
def publish_scheduled():
    """Scheduled publishing and expiry (Wagtail's command; a page that breaks a rule is refused and logged)."""
    call_command("publish_scheduled", verbosity=0)


@job
def drain_search_outbox():
    """Changes waiting in the search outbox, into Elasticsearch (nothing to do without SEARCH_URL)."""
    return indexer.drain() if search_enabled() else 0


@job
def reindex_search():
    """A new search index from the database, then the alias swapped to it."""
    if not search_enabled():
        return 0
    _name, count = indexer.reindex()
    return count


@job
def read_attachment_texts():
    """Text of newly attached files (PDF, DOCX, ODT), for search (cms.documents.attachment_text)."""
    return read_waiting(seconds=ATTACHMENT_READING_SECONDS)


@job
def snapshot_compliance():
    """Today's compliance score of every portal: the trend and the province ranking."""
    return len(snapshot_all())


@job
def send_subscriptions():
    """Subscribers' messages: new items at once, daily digests once a day (cms.engagement.subscriptions)."""
    return send_due()


@job
def prune_job_results():
    """Results of finished jobs older than RESULTS_KEPT_DAYS."""
    call_command("prune_db_task_results", "--backend", JOBS_BACKEND, "--min-age-days", str(RESULTS_KEPT_DAYS),
                 "--failed-min-age-days", str(RESULTS_KEPT_DAYS), verbosity=0)


# Each periodic job and how long after its last enqueue it is due again.
PERIODIC = {
    publish_scheduled: datetime.timedelta(minutes=1),
    drain_search_outbox: datetime.timedelta(seconds=10),
    read_attachment_texts: datetime.timedelta(minutes=1),
    snapshot_compliance: datetime.timedelta(days=1),
    send_subscriptions: datetime.timedelta(minutes=5),
    prune_job_results: datetime.timedelta(days=1),
}
ON_DEMAND = {reindex_search.name: reindex_search}
ALL_JOBS = {**{periodic.name: periodic for periodic in PERIODIC}, **ON_DEMAND}


def runs_of(job_task):
    return DBTaskResult.objects.filter(backend_name=JOBS_BACKEND, task_path=job_task.module_path)


def enqueue_due(now=None):
    """Enqueue every periodic job that is due and not already waiting or running; their names."""
    now = now or timezone.now()
    enqueued = []
    for periodic, interval in PERIODIC.items():
        runs = runs_of(periodic)
        if runs.filter(status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]).exists():
            continue
        last = runs.order_by("-enqueued_at").values_list("enqueued_at", flat=True).first()
        if last is None or now - last >= interval:
            periodic.enqueue()
            enqueued.append(periodic.name)
    return enqueued
