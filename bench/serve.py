"""Serving benchmark: a portal home page uncached, cached, and as a static file. Prints one JSON object.

  .venv/bin/python bench/serve.py [--portals 12] [--duration 10] [--connections 16]

Builds the demo province (load_demo) in a temporary SQLite database, collects static files and
measures with wrk on 127.0.0.1 (requests/s and p95 latency):
- uncached: gunicorn with the page cache off;
- cached_in_app: gunicorn with the page cache on, answered by Django's middleware;
- cached: the production set-up, nginx with themes/nginx/cong.conf in front of that gunicorn,
  answering from the page files the cache writes (PAGE_FILE_CACHE_ROOT);
- static_nginx: nginx serving the same bytes as a plain static file.
Installs wrk and nginx with apt-get when they are missing (needs root). Goal: cached/static >= 0.5.
"""

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from themes.front_server import FrontServer  # noqa: E402
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
HOST = "thanhson.localhost"
WORKERS = 2

WRK_REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRK {"requests": %d, "duration_us": %d, "p95_us": %d, "errors": %d}\\n',
    summary.requests, summary.duration, latency:percentile(95), e.connect + e.read + e.write + e.timeout + e.status))
end
"""
NGINX_CONF = """
user root;
worker_processes {workers};
pid {dir}/nginx.pid;
error_log {dir}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  default_type text/html;
  client_body_temp_path {dir}/client; proxy_temp_path {dir}/proxy; fastcgi_temp_path {dir}/fastcgi;
  uwsgi_temp_path {dir}/uwsgi; scgi_temp_path {dir}/scgi;
  server {{
    listen 127.0.0.1:{port};
    root {dir}/www;
    location / {{ try_files /index.html =404; }}
  }}
}}
"""
BENCH_SETTINGS = """from cms.settings import *  # noqa: F401,F403
PAGE_CACHE_SECONDS = {seconds}
"""


def ensure_tools():
    missing = [package for package, binary in (("wrk", "wrk"), ("nginx", "nginx")) if not shutil.which(binary)
               and not Path(f"/usr/sbin/{binary}").exists()]
    if missing:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-q"], check=True, env=env, stdout=subprocess.DEVNULL)
        subprocess.run(["apt-get", "install", "-y", "-q", "--no-install-recommends", *missing], check=True, env=env,
                       stdout=subprocess.DEVNULL)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def manage(env, *args):
    done = subprocess.run([str(PYTHON), str(ROOT / "manage.py"), *args], env=env, cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stderr}")


def prepare(workdir, portals):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{workdir}/bench.sqlite3", "STATIC_ROOT": str(workdir / "static"),
           "MEDIA_ROOT": str(workdir / "media"), "PAGE_FILE_CACHE_ROOT": str(workdir / "pages"),
           "DJANGO_SETTINGS_MODULE": "cms.settings", "DEBUG": "0"}
    for name in ("SECRET_KEY", "SEARCH_URL", "CACHE_URL"):
        env.pop(name, None)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "load_demo", "--portals", str(portals))
    for seconds in (0, 600):
        (workdir / f"bench_settings_{seconds}.py").write_text(BENCH_SETTINGS.format(seconds=seconds))
    return env


def wait_until_up(port, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port}")


def fetch(port, path="/"):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": HOST})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read(), response.headers


def wrk(port, args, workdir, host=HOST):
    script = workdir / "report.lua"
    script.write_text(WRK_REPORT)
    output = subprocess.run(
        ["wrk", "-t2", f"-c{args.connections}", f"-d{args.duration}s", "-s", str(script), "-H", f"Host: {host}",
         f"http://127.0.0.1:{port}/"], check=True, capture_output=True, text=True,
    ).stdout
    report = json.loads(next(line for line in output.splitlines() if line.startswith("WRK "))[4:])
    return {
        "requests_per_second": round(report["requests"] / (report["duration_us"] / 1e6), 1),
        "p95_ms": round(report["p95_us"] / 1000, 2),
        "requests": report["requests"],
        "errors": report["errors"],
    }


def with_gunicorn(env, workdir, measure, cache_seconds=600):
    port = free_port()
    server = subprocess.Popen(
        [str(GUNICORN), "cms.wsgi:application", "-b", f"127.0.0.1:{port}", "-w", str(WORKERS), "-k", "gthread",
         "--threads", "4", "--pythonpath", f"{ROOT},{workdir}"],
        env={**env, "DJANGO_SETTINGS_MODULE": f"bench_settings_{cache_seconds}"}, cwd=ROOT,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_up(port)
        return measure(port)
    finally:
        server.terminate()
        server.wait(timeout=30)


def write_page(workdir, body):
    (workdir / "www").mkdir(exist_ok=True)
    (workdir / "www" / "index.html").write_bytes(body)


def with_nginx(workdir, measure):
    port = free_port()
    conf = workdir / "nginx.conf"
    conf.write_text(NGINX_CONF.format(workers=WORKERS, dir=workdir, port=port))
    server = subprocess.Popen(["nginx", "-c", str(conf), "-p", str(workdir), "-g", "daemon off;"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(port)
        return measure(port)
    finally:
        server.terminate()
        server.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--portals", type=int, default=12, help="agencies of the demo province to load")
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement")
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    ensure_tools()
    workdir = Path(tempfile.mkdtemp(prefix="cong-serve-"))
    try:
        env = prepare(workdir, args.portals)

        def measure_uncached(port):
            body, headers = fetch(port)
            assert "X-Page-Cache" not in headers, "page cache is on"
            return wrk(port, args, workdir)

        def measure_cached_in_app(port):
            for _ in range(4 * WORKERS):  # every worker fills its own local-memory cache
                fetch(port)
            body, headers = fetch(port)
            assert headers.get("X-Page-Cache") == "hit", "page not served from the cache"
            return wrk(port, args, workdir), body

        def measure_cached_in_front(app_port):
            front = FrontServer(workdir / "front", free_port(), f"127.0.0.1:{app_port}", env["STATIC_ROOT"],
                                env["MEDIA_ROOT"], env["PAGE_FILE_CACHE_ROOT"], workers=WORKERS)
            with front:
                fetch(front.port)
                body, headers = fetch(front.port)
                assert headers.get("X-Page-Cache") == "file", "page not served from the page files"
                return wrk(front.port, args, workdir), body

        uncached = with_gunicorn(env, workdir, measure_uncached, cache_seconds=0)
        cached_in_app, body = with_gunicorn(env, workdir, measure_cached_in_app)
        cached, front_body = with_gunicorn(env, workdir, measure_cached_in_front)
        assert front_body == body, "nginx served other bytes than the page cache"
        write_page(workdir, body)
        static = with_nginx(workdir, lambda port: wrk(port, args, workdir))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(json.dumps({
        "page": f"http://{HOST}/ (demo province, {args.portals} agencies)",
        "page_bytes": len(body),
        "server": f"gunicorn gthread {WORKERS} workers x 4 threads; nginx {WORKERS} workers (themes/nginx/cong.conf)",
        "wrk": f"2 threads, {args.connections} connections, {args.duration} s",
        "uncached": uncached,
        "cached_in_app": cached_in_app,
        "cached": cached,
        "static_nginx": static,
        "cached_over_uncached": round(cached["requests_per_second"] / uncached["requests_per_second"], 2),
        "cached_over_static": round(cached["requests_per_second"] / static["requests_per_second"], 3),
        "goal_cached_over_static": 0.5,
        "cached_in_app_over_static": round(cached_in_app["requests_per_second"] / static["requests_per_second"], 3),
    }, ensure_ascii=False))


if __name__ == "__main__":
    sys.exit(main())
