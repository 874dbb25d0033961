#!/usr/bin/env bash
# Debian packages the test suite needs: PostgreSQL (database), Chromium and npm (end-to-end tests),
# a JDK and Maven (the Elasticsearch test server), nginx (the front server with the page file cache),
# Redis (the cache shared by several app servers), Varnish (a cache in front, as a CDN would be),
# Pango and DejaVu fonts (WeasyPrint, for the manuals' PDF).
# Installs only what is missing.
set -euo pipefail
missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v java >/dev/null || missing+=(openjdk-17-jre-headless)
command -v mvn >/dev/null || missing+=(maven)
command -v unzip >/dev/null || missing+=(unzip)
command -v curl >/dev/null || missing+=(curl)
command -v npm >/dev/null || missing+=(npm)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
[ -x /usr/bin/redis-server ] || missing+=(redis-server)
[ -x /usr/sbin/varnishd ] || missing+=(varnish)
ls /usr/lib/*/libpangoft2-1.0.so.0 >/dev/null 2>&1 || missing+=(libpangoft2-1.0-0)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != "0" ]; then echo "Missing Debian packages: ${missing[*]} (run as root to install)" >&2; exit 1; fi
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  # The package may start its default site on 0.0.0.0:80; the tests run their own nginx on 127.0.0.1.
  if [[ " ${missing[*]} " == *" nginx "* ]]; then /usr/sbin/nginx -s stop 2>/dev/null || true; fi
  # Likewise the packaged Redis: the tests start their own on a free loopback port.
  if [[ " ${missing[*]} " == *" redis-server "* ]]; then pkill -x redis-server 2>/dev/null || true; fi
  # And the packaged Varnish (0.0.0.0:6081).
  if [[ " ${missing[*]} " == *" varnish "* ]]; then pkill -x varnishd 2>/dev/null || true; fi
fi
