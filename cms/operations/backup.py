"""Back up and restore a whole installation: its database, its media and a manifest to check both.

A backup is a folder:
- database.sqlite3 (SQLite's online backup API: a consistent copy taken while the site runs) or
  database.dump (pg_dump's custom format for PostgreSQL);
- media/: every file of the default storage, read through Django's storage API (a local folder, a
  shared mount or an S3-compatible bucket alike);
- manifest.json, written last: when, the database engine, Django's and Wagtail's versions, the row
  count of every model and the SHA-256 of every file above.

A restore first checks every file against the manifest and touches nothing if one differs. It then
replaces the database and the media, compares the row counts with the manifest, moves the cache
generations on (every cached page was rendered from the old content) and rebuilds the search index.
Both are safe to re-run: a backup is written to a temporary folder renamed when complete, and a
restore always ends in the same state.
"""

import datetime
import hashlib
import json
import os
import posixpath
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path

import django
import wagtail
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection
from django.utils.translation import gettext as _
from wagtail.models import Site

from cms.core.generation import PAGES, ROUTING
from search import indexer
from search.client import enabled as search_enabled

MANIFEST = "manifest.json"
MEDIA = "media"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or a restore that cannot go on; the message says why, in the user's language."""


def back_up(folder, progress=print):
    """Write a complete backup into `folder`, which must not exist or be empty. Returns the manifest."""
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise BackupError(_("Thư mục %(folder)s đã có dữ liệu; hãy chọn một thư mục trống.") % {"folder": folder})
    folder.parent.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    try:
        manifest = _write_backup(partial, progress)
        if folder.exists():
            folder.rmdir()
        partial.rename(folder)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return manifest


def _write_backup(folder, progress):
    counts = row_counts()  # before the copy: a change made during it shows as a count difference on restore
    database_file = DATABASE_FILES[_engine()]
    progress(_("Sao lưu cơ sở dữ liệu…"))
    _dump_database(folder / database_file)
    media = _copy_media_out(folder / MEDIA, progress)
    manifest = {
        "created": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "engine": _engine(),
        "versions": {"django": django.__version__, "wagtail": wagtail.__version__},
        "counts": counts,
        "files": {database_file: _sha256(folder / database_file),
                  **{f"{MEDIA}/{name}": checksum for name, checksum in media.items()}},
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True))
    progress(_("Đã sao lưu %(rows)d bản ghi và %(files)d tệp.") % {"rows": sum(counts.values()), "files": len(media)})
    return manifest


def restore(folder, progress=print):
    """Replace the database and the media with the backup in `folder`. Returns the manifest."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    if manifest["engine"] != _engine():
        raise BackupError(_("Bản sao lưu của cơ sở dữ liệu %(backup)s không khôi phục được vào %(current)s.")
                          % {"backup": manifest["engine"], "current": _engine()})
    progress(_("Kiểm tra %(count)d tệp của bản sao lưu…") % {"count": len(manifest["files"])})
    verify(folder, manifest)
    progress(_("Khôi phục cơ sở dữ liệu…"))
    _load_database(folder / DATABASE_FILES[manifest["engine"]])
    _forget_cached_content()
    _copy_media_in(folder / MEDIA, manifest, progress)
    differences = count_differences(manifest["counts"], row_counts())
    if differences:
        raise BackupError(_("Số bản ghi sau khi khôi phục khác bản sao lưu: %(list)s") % {"list": ", ".join(differences)})
    if search_enabled():
        progress(_("Lập lại chỉ mục tìm kiếm…"))
        indexer.reindex()
    progress(_("Đã khôi phục bản sao lưu ngày %(created)s.") % {"created": manifest["created"]})
    return manifest


def read_manifest(folder):
    try:
        return json.loads((Path(folder) / MANIFEST).read_text())
    except FileNotFoundError:
        raise BackupError(_("Không có %(file)s trong %(folder)s: đây không phải một bản sao lưu hoàn chỉnh.")
                          % {"file": MANIFEST, "folder": folder})
    except ValueError:
        raise BackupError(_("Tệp %(file)s bị hỏng.") % {"file": MANIFEST})


def verify(folder, manifest):
    """Every file the manifest lists is there, with its checksum."""
    for name, checksum in manifest["files"].items():
        path = Path(folder) / name
        if not path.is_file() or _sha256(path) != checksum:
            raise BackupError(_("Tệp %(name)s của bản sao lưu bị thiếu hoặc đã thay đổi.") % {"name": name})


def row_counts():
    """{"app_label.Model": rows} for every table the project's models own."""
    return {model._meta.label: model._base_manager.count() for model in apps.get_models()
            if model._meta.managed and not model._meta.proxy}


def count_differences(expected, actual):
    return [f"{label} {expected.get(label, 0)} → {actual.get(label, 0)}"
            for label in sorted(set(expected) | set(actual)) if expected.get(label, 0) != actual.get(label, 0)]


# -- database ------------------------------------------------------------------------------------

def _engine():
    vendor = connection.vendor
    if vendor not in DATABASE_FILES:
        raise BackupError(_("Chưa hỗ trợ sao lưu cơ sở dữ liệu %(vendor)s.") % {"vendor": vendor})
    return vendor


def _dump_database(path):
    if _engine() == "sqlite":
        _sqlite_copy(_raw_connection(), sqlite3.connect(path))
    else:
        _run_postgresql_tool("pg_dump", "--format=custom", "--no-owner", f"--file={path}")


def _load_database(path):
    if _engine() == "sqlite":
        _sqlite_copy(sqlite3.connect(path), _raw_connection())
    else:
        connection.close()  # the restore drops and recreates every table
        _run_postgresql_tool("pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", str(path))


def _raw_connection():
    connection.ensure_connection()
    return connection.connection


def _sqlite_copy(source, destination):
    """SQLite's online backup: a consistent copy, page by page, while other connections keep working."""
    try:
        source.backup(destination)
    finally:
        for database in (source, destination):
            if database is not connection.connection:
                database.close()


def _run_postgresql_tool(tool, *arguments):
    database = connection.settings_dict
    environment = {**os.environ, "PGPASSWORD": str(database.get("PASSWORD") or "")}
    target = [f"--host={database.get('HOST') or 'localhost'}", f"--port={database.get('PORT') or 5432}",
              f"--username={database.get('USER') or 'postgres'}", f"--dbname={database['NAME']}"]
    try:
        subprocess.run([tool, *target, *arguments], env=environment, check=True, capture_output=True, text=True)
    except FileNotFoundError:
        raise BackupError(_("Không tìm thấy %(tool)s: hãy cài gói postgresql-client.") % {"tool": tool})
    except subprocess.CalledProcessError as error:
        raise BackupError(f"{tool}: {error.stderr.strip()}")


def _forget_cached_content():
    """Every cache kept from the content before the restore is out of date."""
    ContentType.objects.clear_cache()
    Site.clear_site_root_paths_cache()
    PAGES.bump()
    ROUTING.bump()


# -- media ---------------------------------------------------------------------------------------

def stored_files(storage=default_storage, folder=""):
    """Names of every file in the storage, folders first walked in name order."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # a local media folder nothing was ever uploaded to
        return
    for name in sorted(files):
        yield posixpath.join(folder, name)
    for name in sorted(folders):
        yield from stored_files(storage, posixpath.join(folder, name))


def _copy_media_out(destination, progress):
    checksums = {}
    for number, name in enumerate(stored_files(), start=1):
        path = destination / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(name, "rb") as source, path.open("wb") as target:
            shutil.copyfileobj(source, target, CHUNK)
        checksums[name] = _sha256(path)
        _report_every_hundred(progress, number)
    return checksums


def _copy_media_in(source, manifest, progress):
    wanted = {name.removeprefix(f"{MEDIA}/") for name in manifest["files"] if name.startswith(f"{MEDIA}/")}
    for name in set(stored_files()) - wanted:
        default_storage.delete(name)
    for number, name in enumerate(sorted(wanted), start=1):
        default_storage.delete(name)  # saved again under the same name, not beside it
        with (source / name).open("rb") as content:
            saved = default_storage.save(name, File(content))
        if saved != name:
            raise BackupError(_("Không ghi được tệp %(name)s vào kho tệp.") % {"name": name})
        _report_every_hundred(progress, number)


def _report_every_hundred(progress, number):
    if number % 100 == 0:
        progress(_("  %(count)d tệp…") % {"count": number})


def _sha256(path):
    digest = hashlib.sha256()
    with Path(path).open("rb") as file:
        for chunk in iter(lambda: file.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()
