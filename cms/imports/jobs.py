"""Import runs started from the admin, run by the background worker (manage.py db_worker --backend
jobs): the file is read, each row imported, the progress written as it goes, the report kept."""

import logging

from django.conf import settings
from django_tasks import task

from cms.imports.documents import import_documents, read_rows
from cms.imports.models import ImportKind, ImportRun, RunStatus
from cms.imports.procedures import import_procedures, read_records

logger = logging.getLogger("cong.imports")
PROGRESS_EVERY = 10  # rows between two progress writes
IMPORTERS = {
    ImportKind.PROCEDURES: (read_records, import_procedures),
    ImportKind.DOCUMENTS: (read_rows, import_documents),
}


@task(backend=settings.JOBS_BACKEND)
def run_import(run_id):
    run = ImportRun.objects.select_related("agency", "started_by").get(pk=run_id)
    read, import_rows = IMPORTERS[run.kind]
    _set(run, status=RunStatus.RUNNING, done=0, total=0)
    try:
        rows = read(run.file.path)
        _set(run, total=len(rows))
        report = import_rows(rows, agency=run.agency, publish=run.publish, dry_run=run.dry_run, user=run.started_by,
                             source=str(run), progress=lambda number, total, outcome: _progress(run, number, total))
    except Exception as error:
        logger.exception("import run %s failed", run.pk)
        _set(run, status=RunStatus.FAILED, report={"error": f"{type(error).__name__}: {error}"})
        raise
    _set(run, status=RunStatus.DONE, done=len(rows), report=report.as_data())
    return run.report.get("outcomes") and len(run.report["outcomes"])


def _progress(run, number, total):
    if number % PROGRESS_EVERY == 0 or number == total:
        _set(run, done=number)


def _set(run, **fields):
    for name, value in fields.items():
        setattr(run, name, value)
    ImportRun.objects.filter(pk=run.pk).update(**fields)
