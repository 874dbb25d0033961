#!/usr/bin/env bash
# A throw-away PostgreSQL server for the test suite, from Debian's packages, on 127.0.0.1 only.
#   scripts/postgres.sh start   -> installs if needed, starts, prints DATABASE_URL=...
#   scripts/postgres.sh stop    -> stops it and removes its data directory
set -euo pipefail

PORT="${PG_PORT:-54329}"
RUN_DIR="/var/tmp/cong-postgres/run-$PORT"
RUN_USER="postgres"
# Production-like page cache (PostgreSQL's guidance: a quarter of the memory): a table larger than
# a quarter of it is scanned through a small ring of buffers, every page copied from the system's
# cache again (bench/search.py's 100,000 records: a 156 MB table). Taken as used, not at start.
SHARED_BUFFERS="${PG_SHARED_BUFFERS:-1GB}"

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] || return 1
  echo "$dir"
}

as_user() {
  if [ "$(id -u)" = "0" ]; then runuser -u "$RUN_USER" -- "$@"; else "$@"; fi
}

install() {
  if pg_bin >/dev/null; then return 0; fi
  if [ "$(id -u)" != "0" ]; then echo "PostgreSQL is not installed and this user cannot install it" >&2; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends postgresql >/dev/null
}

start() {
  install
  local bin; bin=$(pg_bin)
  if [ -f "$RUN_DIR/data/postmaster.pid" ] && as_user "$bin/pg_ctl" -D "$RUN_DIR/data" status >/dev/null 2>&1; then
    echo "DATABASE_URL=postgres://postgres@127.0.0.1:$PORT/cong"
    return 0
  fi
  rm -rf "$RUN_DIR"
  mkdir -p "$RUN_DIR"
  [ "$(id -u)" = "0" ] && chown "$RUN_USER" "$RUN_DIR"
  as_user "$bin/initdb" -D "$RUN_DIR/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  as_user "$bin/pg_ctl" -D "$RUN_DIR/data" -l "$RUN_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$RUN_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=$SHARED_BUFFERS" \
    start >/dev/null
  as_user "$bin/createdb" -h 127.0.0.1 -p "$PORT" -U postgres cong
  echo "DATABASE_URL=postgres://postgres@127.0.0.1:$PORT/cong"
}

stop() {
  local bin; bin=$(pg_bin) || return 0
  if [ -d "$RUN_DIR/data" ]; then
    as_user "$bin/pg_ctl" -D "$RUN_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$RUN_DIR"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  install) install ;;
  *) echo "usage: $0 start|stop|install" >&2; exit 2 ;;
esac
