"""Import runs started from the admin, run by the background worker (manage.py db_worker --backend
jobs): the file is read, each row imported, the progress written as it goes, the report kept."""

import logging

from django.conf import settings
from django_tasks import task

from cms.core.models import Portal
from cms.imports.documents import import_documents, read_rows
from cms.imports.models import ImportKind, ImportRun, RunStatus
from cms.imports.news import import_news, read_posts
from cms.imports.procedures import import_procedures, read_records

logger = logging.getLogger("cong.imports")
PROGRESS_EVERY = 10  # rows between two progress writes


@task(backend=settings.JOBS_BACKEND)
def run_import(run_id):
    run = ImportRun.objects.select_related("agency", "started_by").get(pk=run_id)
    _set(run, status=RunStatus.RUNNING, done=0, total=0)
    options = {"dry_run": run.dry_run, "user": run.started_by, "source": str(run),
               "progress": lambda number, total, outcome: _progress(run, number, total)}
    try:
        report = IMPORTERS[run.kind](run, options)
    except Exception as error:
        logger.exception("import run %s failed", run.pk)
        _set(run, status=RunStatus.FAILED, report={"error": f"{type(error).__name__}: {error}"})
        raise
    _set(run, status=RunStatus.DONE, done=len(report.outcomes), total=len(report.outcomes), report=report.as_data())
    return len(report.outcomes)


def _procedures(run, options):
    return import_procedures(read_records(run.file.path), agency=run.agency, publish=run.publish, **options)


def _documents(run, options):
    return import_documents(read_rows(run.file.path), agency=run.agency, publish=run.publish, **options)


def _news(run, options):
    """Into the portal of the run's agency; images stay behind (the command takes them from a folder)."""
    posts, not_mapped = read_posts(run.file.path)
    report = import_news(Portal.objects.select_related("site", "collection").get(agency=run.agency), posts,
                         author=run.author, **options)
    report.notes[:0] = not_mapped
    return report


IMPORTERS = {ImportKind.PROCEDURES: _procedures, ImportKind.DOCUMENTS: _documents, ImportKind.NEWS: _news}


def _progress(run, number, total):
    if number == 1:
        _set(run, total=total)
    if number % PROGRESS_EVERY == 0 or number == total:
        _set(run, done=number)


def _set(run, **fields):
    for name, value in fields.items():
        setattr(run, name, value)
    ImportRun.objects.filter(pk=run.pk).update(**fields)
