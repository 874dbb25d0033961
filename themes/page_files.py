"""Cached public pages as files, for the front web server (themes/nginx/cong.conf).

With PAGE_FILE_CACHE_ROOT set, a page the page cache stores or serves is also written to
<root>/<generation>/<scheme>/<host><path>index.html when it is an HTML page for an anonymous GET
without a query string, in the default language and without reading aids. <root>/current links
to the directory of the live content generation: nginx answers from it without reaching Django,
at static-file speed.

A change every portal may show (a new PAGES generation) points `current` at a new, empty
directory and deletes the others; a change every page of some portals shows deletes those portals'
host directories; a change some paths show deletes the files of those paths. Generations move when the change happens and again after the commit (themes.cache).
A page is written under the generation read when its request began, and only while its portal's
generation has not moved since (checked again once the file is in place, which is removed if it
has), so nginx never serves a page rendered before the change.
"""

import os
import re
import shutil
import threading
from pathlib import Path

from django.conf import settings
from django.http.request import split_domain_port

from cms.locale import language_for
from themes import reading

CURRENT = "current"
# Paths Wagtail serves: ending in "/", no control characters, backslashes or parent segments.
SERVABLE_PATH = re.compile(r"^/(?:[^\x00-\x1f\x7f\\]*/)?$")
MAX_PATH = 512


def cache_root():
    configured = getattr(settings, "PAGE_FILE_CACHE_ROOT", "")
    return Path(configured) if configured else None


def directory_name(generation):
    return re.sub(r"[^\w-]", "_", str(generation))


def _unique_sibling(path):
    return path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")


def page_file(root, generation, request):
    """Where this request's page goes, or None when nginx must ask Django for it."""
    path = request.path
    if (
        request.method != "GET"
        or request.META.get("QUERY_STRING")
        or language_for(request) != settings.LANGUAGE_CODE
        or reading.chosen(request)
        or len(path) > MAX_PATH
        or not SERVABLE_PATH.match(path)
        or ".." in path.split("/")
    ):
        return None
    host, _port = split_domain_port(request.get_host())
    return root / directory_name(generation) / request.scheme / host.lower() / path.lstrip("/") / "index.html"


def live_directory(root):
    try:
        return os.readlink(root / CURRENT)
    except OSError:
        return None


def write(request, response, generation, still_current=lambda: True):
    """Write the page for nginx if it qualifies and the generations it was rendered in are still live."""
    root = cache_root()
    if (root is None or response.get("Content-Type", "").split(";")[0] != "text/html"
            or response.has_header("Content-Disposition")):  # a download: nginx would serve it as a page
        return
    target = page_file(root, generation, request)
    if target is None or target.exists():  # same generation, same page
        return
    if not still_current():
        return
    if live_directory(root) != directory_name(generation):
        # None yet, or left by a generation this one replaced without a bump reaching the files
        # (e.g. a cache backend changed): the page was rendered in the latest generation.
        switch_generation(generation)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = _unique_sibling(target)
    temporary.write_bytes(response.content)
    os.replace(temporary, target)  # nginx reads the old file or the new one, never half of one
    if not still_current():  # purged while it was being written
        target.unlink(missing_ok=True)


def delete_hosts(hostnames):
    """Delete the live pages of these hosts, for every scheme: nginx asks Django for them again."""
    root = cache_root()
    for scheme in (root / CURRENT).glob("*"):
        for hostname in hostnames:
            shutil.rmtree(scheme / hostname.lower(), ignore_errors=True)


def delete_paths(hostnames, paths):
    """Delete the live pages at these paths of these hosts, for every scheme."""
    root = cache_root()
    for scheme in (root / CURRENT).glob("*"):
        for hostname in hostnames:
            for path in paths:
                (scheme / hostname.lower() / path.lstrip("/") / "index.html").unlink(missing_ok=True)


def switch_generation(generation):
    """Serve the (empty) directory of this generation from now on and delete every other one."""
    root = cache_root()
    if root is None:
        return
    name = directory_name(generation)
    (root / name).mkdir(parents=True, exist_ok=True)
    link = _unique_sibling(root / CURRENT)
    link.symlink_to(name)
    os.replace(link, root / CURRENT)
    for entry in root.iterdir():
        if entry.name not in (name, CURRENT) and not entry.name.startswith(".") and entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
