"""Servers that the tests, the benchmarks and the scripts start on 127.0.0.1 and stop again: the
app (gunicorn) and Redis here, nginx in themes/front_server.py.

Each is a context manager: entering starts the process and returns once its port answers; leaving
stops it. Their output goes to a log file in their scratch directory, read back when one fails to
start.
"""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LocalServer:
    """A process listening on 127.0.0.1:port, with its scratch directory `workdir`."""

    name = "server"
    start_timeout = 30

    def __init__(self, workdir, port=None):
        self.dir, self.port = Path(workdir), port or free_port()
        self.process = None

    def command(self):
        raise NotImplementedError

    def environment(self):
        return None

    @property
    def log(self):
        return self.dir / f"{self.name}.log"

    def __enter__(self):
        self.dir.mkdir(parents=True, exist_ok=True)
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(self.command(), stdout=log, stderr=subprocess.STDOUT,
                                            env=self.environment(), cwd=settings.BASE_DIR)
        try:
            self._wait_until_listening()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc):
        self.stop()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def _wait_until_listening(self):
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} did not start:\n{self.log.read_text(errors='replace')[-4000:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"{self.name} is not listening on 127.0.0.1:{self.port}")


class RedisServer(LocalServer):
    """Debian's redis-server, in memory only (nothing saved to disk)."""

    name = "redis"

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def command(self):
        return ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port), "--save", "",
                "--appendonly", "no", "--dir", str(self.dir)]


class AppServer(LocalServer):
    """The project under gunicorn (gthread workers), with `env` over this process's environment."""

    name = "gunicorn"

    def __init__(self, workdir, env, port=None, workers=2, threads=4, timeout=30):
        super().__init__(workdir, port)
        self.env, self.workers, self.threads, self.timeout = env, workers, threads, timeout

    @property
    def address(self):
        return f"127.0.0.1:{self.port}"

    def command(self):
        gunicorn = Path(sys.executable).with_name("gunicorn")
        return [str(gunicorn), "cms.wsgi:application", "--bind", self.address, "--workers", str(self.workers),
                "--worker-class", "gthread", "--threads", str(self.threads), "--timeout", str(self.timeout)]

    def environment(self):
        return {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings", **self.env}
