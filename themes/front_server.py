"""nginx in front of Cổng: its configuration (themes/nginx/cong.conf) filled in, and a runner.

`manage.py nginx_conf` prints the configuration for a deployment; FrontServer runs nginx with it
on 127.0.0.1 for the tests and the serving benchmark.
"""

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

from django.conf import settings

TEMPLATE = Path(__file__).with_name("nginx") / "cong.conf"
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


def render(listen, upstream, static_root, media_root, page_file_cache_root):
    values = {"LISTEN": listen, "UPSTREAM": upstream, "STATIC_ROOT": static_root, "MEDIA_ROOT": media_root,
              "PAGE_FILE_CACHE_ROOT": page_file_cache_root, "SENDFILE_URL": settings.SENDFILE_URL}
    text = TEMPLATE.read_text()
    for name, value in values.items():
        text = text.replace(f"@{name}@", str(value).rstrip("/"))
    return text


def nginx_binary():
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if not found:
        raise RuntimeError("nginx is missing: install Debian's nginx (scripts/system-packages.sh)")
    return found


class FrontServer:
    """nginx on 127.0.0.1:port with the project's configuration, in a scratch directory."""

    def __init__(self, workdir, port, upstream, static_root, media_root, page_file_cache_root, workers=1):
        self.dir, self.port, self.workers = Path(workdir), port, workers
        self.config = render(f"127.0.0.1:{port}", upstream, static_root, media_root, page_file_cache_root)
        self.process = None

    def __enter__(self):
        self.dir.mkdir(parents=True, exist_ok=True)
        (self.dir / "cong.conf").write_text(self.config)
        user = "user root;\n" if os.geteuid() == 0 else ""  # workers must read the scratch files
        (self.dir / "nginx.conf").write_text(MAIN.format(
            user=user, workers=self.workers, dir=self.dir, mime_types="/etc/nginx/mime.types"))
        self.process = subprocess.Popen(
            [nginx_binary(), "-c", str(self.dir / "nginx.conf"), "-p", str(self.dir), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        self._wait_until_up()
        return self

    def _wait_until_up(self, timeout=20):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx did not start: {self.process.stderr.read().decode()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"nginx is not listening on 127.0.0.1:{self.port}")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=20)

