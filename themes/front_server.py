"""nginx in front of Cổng: its configuration (themes/nginx/cong.conf) filled in, and a runner.

`manage.py nginx_conf` prints the configuration for a deployment; FrontServer runs nginx with it
on 127.0.0.1 for the tests and the serving benchmark. CacheServer runs Varnish with the shipped
configuration (themes/varnish/cong.vcl) in front of it, as a cache or CDN would be.
"""

import os
import shutil
from pathlib import Path

from django.conf import settings

from cms.core.local_servers import LocalServer
from themes.frontend_cache import page_cache_control

TEMPLATE = Path(__file__).with_name("nginx") / "cong.conf"
VARNISH_TEMPLATE = Path(__file__).with_name("varnish") / "cong.vcl"
MAIN = """
{user}worker_processes {workers};
pid {dir}/nginx.pid;
error_log {dir}/error.log;
events {{ worker_connections 1024; }}
http {{
  include {mime_types};
  access_log off;
  client_body_temp_path {dir}/client; proxy_temp_path {dir}/proxy; fastcgi_temp_path {dir}/fastcgi;
  uwsgi_temp_path {dir}/uwsgi; scgi_temp_path {dir}/scgi;
  include {dir}/cong.conf;
}}
"""


# Requests one app server takes at once: gunicorn's default shape (deploy/, bench/) is 2 workers x
# 4 threads; nginx lets twice that in, so each thread has the next request waiting.
APP_SERVER_CONCURRENCY = 16


def render(listen, upstreams, static_root, media_root, page_file_cache_root, api_cache_root,
           concurrency=APP_SERVER_CONCURRENCY, offline_mirror_root=None):
    """The configuration; `upstreams`: the address of each app server (one string for one);
    `api_cache_root`: a folder nginx writes; `concurrency`: the requests each server takes at once;
    `offline_mirror_root`: the portals' offline mirrors (OFFLINE_MIRROR_ROOT by default)."""
    upstreams = [upstreams] if isinstance(upstreams, str) else upstreams
    servers = "\n    ".join(f"server {address} max_fails=1 fail_timeout=5s;" for address in upstreams)
    values = {"LISTEN": listen, "UPSTREAM_SERVERS": servers, "APP_CONCURRENCY": concurrency * len(upstreams),
              "API_CACHE_ROOT": api_cache_root, "STATIC_ROOT": static_root, "MEDIA_ROOT": media_root,
              "PAGE_FILE_CACHE_ROOT": page_file_cache_root, "SENDFILE_URL": settings.SENDFILE_URL,
              "PAGE_CACHE_CONTROL": page_cache_control(),
              "OFFLINE_MIRROR_ROOT": offline_mirror_root or settings.OFFLINE_MIRROR_ROOT}
    return fill(TEMPLATE, values)


def fill(template, values):
    """A shipped configuration file with its @NAME@ placeholders replaced (paths without a trailing /)."""
    text = template.read_text()
    for name, value in values.items():
        text = text.replace(f"@{name}@", str(value).rstrip("/"))
    return text


def system_binary(name, package):
    """The path of a program from a Debian package (in /usr/sbin, often not on a user's PATH)."""
    found = shutil.which(name) or (f"/usr/sbin/{name}" if Path(f"/usr/sbin/{name}").exists() else None)
    if not found:
        raise RuntimeError(f"{name} is missing: install Debian's {package} (scripts/system-packages.sh)")
    return found


class FrontServer(LocalServer):
    """nginx on 127.0.0.1:port with the project's configuration, in a scratch directory; `upstream`
    is one app server's address or a list of them."""

    name = "nginx"
    start_timeout = 20

    def __init__(self, workdir, port, upstream, static_root, media_root, page_file_cache_root, workers=1,
                 concurrency=APP_SERVER_CONCURRENCY, offline_mirror_root=None):
        super().__init__(workdir, port)
        self.workers = workers
        self.config = render(f"127.0.0.1:{self.port}", upstream, static_root, media_root, page_file_cache_root,
                             self.dir / "api-cache", concurrency, offline_mirror_root)

    def __enter__(self):
        self.dir.mkdir(parents=True, exist_ok=True)
        (self.dir / "cong.conf").write_text(self.config)
        user = "user root;\n" if os.geteuid() == 0 else ""  # workers must read the scratch files
        (self.dir / "nginx.conf").write_text(MAIN.format(
            user=user, workers=self.workers, dir=self.dir, mime_types="/etc/nginx/mime.types"))
        return super().__enter__()

    def command(self):
        return [system_binary("nginx", "nginx"), "-c", str(self.dir / "nginx.conf"), "-p", str(self.dir), "-g", "daemon off;"]


class CacheServer(LocalServer):
    """Debian's Varnish on 127.0.0.1:port with the shipped configuration, in front of `backend`
    (host:port); it accepts PURGE from this machine."""

    name = "varnish"

    def __init__(self, workdir, backend, port=None):
        super().__init__(workdir, port)
        host, _colon, backend_port = backend.rpartition(":")
        self.config = fill(VARNISH_TEMPLATE, {"BACKEND_HOST": host, "BACKEND_PORT": backend_port})

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        self.dir.mkdir(parents=True, exist_ok=True)
        (self.dir / "cong.vcl").write_text(self.config)
        return super().__enter__()

    def command(self):
        # -j none: no separate user for the worker (it reads this scratch directory); -T none: no
        # management port.
        return [system_binary("varnishd", "varnish"), "-F", "-j", "none", "-T", "none", "-a", f"127.0.0.1:{self.port}",
                "-f", str(self.dir / "cong.vcl"), "-n", str(self.dir / "state"), "-s", "malloc,64m"]
