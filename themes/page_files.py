"""Cached public pages as files, for the front web server (themes/nginx/cong.conf).

With PAGE_FILE_CACHE_ROOT set, a page the page cache stores or serves is also written to
<root>/<generation>/<scheme>/<host><path>index.html when it is an HTML page for an anonymous GET
without a query string, in the default language. <root>/current links to the directory of the
live content generation: nginx answers from it without reaching Django, at static-file speed.

A new content generation points `current` at a new, empty directory and deletes the others, so
nginx never serves a page rendered before the change. The generation is bumped after the commit
(themes.cache), and a page is written under the generation read when its request began, so a page
rendered from the old content can only land in a directory that is no longer served.
"""

import os
import re
import shutil
import threading
from pathlib import Path

from django.conf import settings
from django.http.request import split_domain_port

from cms.locale import language_for

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


def write(request, response, generation):
    """Write the page for nginx if it qualifies and its generation is still the live one."""
    root = cache_root()
    if root is None or response.get("Content-Type", "").split(";")[0] != "text/html":
        return
    target = page_file(root, generation, request)
    if target is None or target.exists():  # same generation, same page
        return
    live = live_directory(root)
    if live is None:
        switch_generation(generation)
    elif live != directory_name(generation):
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = _unique_sibling(target)
    temporary.write_bytes(response.content)
    os.replace(temporary, target)  # nginx reads the old file or the new one, never half of one


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
