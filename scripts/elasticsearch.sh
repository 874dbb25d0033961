#!/usr/bin/env bash
# Local throw-away Elasticsearch for development and tests.
#
# Usage: scripts/elasticsearch.sh {install|start|stop|status}
#
# Environment:
#   ES_VERSION            Elasticsearch version (default 8.19.3)
#   ES_PORT               HTTP port (default 9201)
#   ES_TRANSPORT_PORT     transport port (default ES_PORT + 100, i.e. 9301)
#   ES_BASE_DIR           install/run root (default /var/tmp/cong-search)
#   ES_USER               user to run as when invoked as root (default cong-search)
#   ES_HEAP               JVM heap size (default 512m)
#   ES_START_TIMEOUT      seconds to wait for the cluster to turn yellow (default 90)
#   ES_JAVA_HOME          JDK to use (default: derived from `java` on PATH)
#
# Uses the integ-test-zip distribution from Maven Central. It contains only the
# modules apm, transport-netty4, x-pack-core and x-pack-security. Consequences:
#   - no analysis-common: only core analysis components exist (analyzers
#     standard/simple/whitespace/stop/keyword, tokenizer standard, filters
#     lowercase/shingle/stop, normalizer lowercase). asciifolding, ngram,
#     edge_ngram, synonym, word_delimiter, ... are missing, so fold Vietnamese
#     text in Python before indexing.
#   - no mapper-extras: no search_as_you_type (completion works).
#   - no rest-root: `GET /` answers 405, so the Python client's ping()/info()
#     fail; use cluster.health() as the liveness check instead.
#
# Each `start` uses a fresh data directory ($ES_BASE_DIR/run-$ES_PORT) which
# `stop` deletes again.
set -euo pipefail

ES_VERSION="${ES_VERSION:-8.19.3}"
ES_PORT="${ES_PORT:-9201}"
ES_TRANSPORT_PORT="${ES_TRANSPORT_PORT:-$((ES_PORT + 100))}"
ES_BASE_DIR="${ES_BASE_DIR:-/var/tmp/cong-search}"
ES_USER="${ES_USER:-cong-search}"
ES_HEAP="${ES_HEAP:-512m}"
ES_START_TIMEOUT="${ES_START_TIMEOUT:-90}"

ES_HOME="$ES_BASE_DIR/elasticsearch-$ES_VERSION"
RUN_DIR="$ES_BASE_DIR/run-$ES_PORT"
PID_FILE="$RUN_DIR/elasticsearch.pid"
URL="http://127.0.0.1:$ES_PORT"
ARTIFACT="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip"

log() { echo "elasticsearch.sh: $*" >&2; }
die() { log "$*"; exit 1; }

usage() {
    cat >&2 <<EOF
Usage: $0 {install|start|stop|status}
  install  download (via mvn) and unpack Elasticsearch $ES_VERSION into $ES_HOME
  start    install, then start a single node on $URL (prints SEARCH_URL=...)
  stop     stop the node on port $ES_PORT and delete its data directory
  status   report whether the node on port $ES_PORT is running (exit 0 if so, 3 if not)
EOF
}

# --- install ---------------------------------------------------------------

maven_zip() {
    local repo="${MAVEN_REPO:-$HOME/.m2/repository}"
    echo "$repo/org/elasticsearch/distribution/integ-test-zip/elasticsearch/$ES_VERSION/elasticsearch-$ES_VERSION.zip"
}

cmd_install() {
    if [[ -f "$ES_HOME/.installed" ]]; then
        return 0
    fi
    local zip
    zip="$(maven_zip)"
    if [[ ! -f "$zip" ]]; then
        command -v mvn >/dev/null || die "mvn not found and $zip missing"
        log "downloading $ARTIFACT"
        mvn -q dependency:get -Dartifact="$ARTIFACT" >&2
        [[ -f "$zip" ]] || die "mvn did not produce $zip"
    fi
    mkdir -p "$ES_BASE_DIR"
    # Sticky and world-writable like /tmp, so other users can create their own
    # run-$PORT directories next to the shared install.
    if [[ -O "$ES_BASE_DIR" ]]; then
        chmod 1777 "$ES_BASE_DIR"
    fi
    local tmp
    tmp="$(mktemp -d "$ES_BASE_DIR/.unpack.XXXXXX")"
    log "unpacking $zip"
    unzip -q "$zip" -d "$tmp"
    [[ -x "$tmp/elasticsearch-$ES_VERSION/bin/elasticsearch" ]] || die "unexpected zip layout in $zip"
    # The zip ships config files as 0660; make everything world-readable.
    chmod -R a+rX "$tmp/elasticsearch-$ES_VERSION"
    touch "$tmp/elasticsearch-$ES_VERSION/.installed"
    rm -rf "$ES_HOME"
    mv "$tmp/elasticsearch-$ES_VERSION" "$ES_HOME"
    rmdir "$tmp"
    log "installed $ES_HOME"
}

# --- helpers -----------------------------------------------------------------

java_home() {
    if [[ -n "${ES_JAVA_HOME:-}" ]]; then
        echo "$ES_JAVA_HOME"
        return
    fi
    local java
    java="$(command -v java)" || die "java not found on PATH (set ES_JAVA_HOME)"
    java="$(readlink -f "$java")"
    dirname "$(dirname "$java")"
}

pid_alive() {
    local pid
    [[ -f "$PID_FILE" ]] || return 1
    pid="$(cat "$PID_FILE" 2>/dev/null)" || return 1
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null
}

healthy() {
    curl -sf --max-time 5 "$URL/_cluster/health?wait_for_status=yellow&timeout=3s" 2>/dev/null |
        grep -q '"status":"\(yellow\|green\)"'
}

# Run a command as the ES user (when root) or as ourselves.
as_es_user() {
    if [[ "$(id -u)" -eq 0 ]]; then
        runuser -u "$ES_USER" -- "$@"
    else
        "$@"
    fi
}

ensure_user() {
    [[ "$(id -u)" -eq 0 ]] || return 0
    if ! id -u "$ES_USER" >/dev/null 2>&1; then
        useradd --system --user-group --no-create-home --home-dir /nonexistent \
            --shell /usr/sbin/nologin "$ES_USER"
    fi
}

show_log_tail() {
    local f
    for f in "$RUN_DIR/logs/startup.out" "$RUN_DIR/logs/cong-search.log"; do
        if [[ -s "$f" ]]; then
            echo "----- tail of $f -----" >&2
            tail -n 40 "$f" >&2
        fi
    done
}

# --- start / stop / status ---------------------------------------------------

cmd_start() {
    if pid_alive && healthy; then
        echo "SEARCH_URL=$URL"
        return 0
    fi
    if ! pid_alive && healthy; then
        log "something not started by this script already answers on $URL; using it"
        echo "SEARCH_URL=$URL"
        return 0
    fi
    if pid_alive; then
        die "node on port $ES_PORT is running (pid $(cat "$PID_FILE")) but not healthy; run '$0 stop' first"
    fi

    cmd_install
    ensure_user
    local jhome
    jhome="$(java_home)"
    [[ -x "$jhome/bin/java" ]] || die "no java at $jhome/bin/java"

    # Fresh run directory: config copy, data, logs, tmp.
    rm -rf "$RUN_DIR"
    mkdir -p "$RUN_DIR/data" "$RUN_DIR/logs" "$RUN_DIR/tmp"
    cp -r "$ES_HOME/config" "$RUN_DIR/config"
    cat >"$RUN_DIR/config/elasticsearch.yml" <<EOF
cluster.name: cong-search-$ES_PORT
node.name: cong-search-$ES_PORT
path.data: $RUN_DIR/data
path.logs: $RUN_DIR/logs
discovery.type: single-node
network.host: 127.0.0.1
http.port: $ES_PORT
transport.port: $ES_TRANSPORT_PORT
xpack.security.enabled: false
xpack.ml.enabled: false
cluster.routing.allocation.disk.threshold_enabled: false
action.destructive_requires_name: false
EOF
    if [[ "$(id -u)" -eq 0 ]]; then
        chown -R "$ES_USER:" "$RUN_DIR"
    fi

    # -d: daemonise; the launcher exits once the node has started (or failed).
    as_es_user env \
        ES_JAVA_HOME="$jhome" \
        ES_PATH_CONF="$RUN_DIR/config" \
        ES_TMPDIR="$RUN_DIR/tmp" \
        ES_JAVA_OPTS="-Xms$ES_HEAP -Xmx$ES_HEAP" \
        "$ES_HOME/bin/elasticsearch" -d -p "$PID_FILE" \
        >"$RUN_DIR/logs/startup.out" 2>&1 </dev/null &
    local launcher=$!

    local deadline=$((SECONDS + ES_START_TIMEOUT)) launcher_rc=
    while ((SECONDS < deadline)); do
        if healthy; then
            wait "$launcher" 2>/dev/null || true
            echo "SEARCH_URL=$URL"
            return 0
        fi
        if [[ -z "$launcher_rc" ]] && ! kill -0 "$launcher" 2>/dev/null; then
            launcher_rc=0
            wait "$launcher" || launcher_rc=$?
            if [[ "$launcher_rc" -ne 0 ]]; then
                break
            fi
        fi
        sleep 1
    done

    log "Elasticsearch did not become healthy on $URL (launcher exit: ${launcher_rc:-still running})"
    show_log_tail
    kill "$launcher" 2>/dev/null || true
    if pid_alive; then
        kill "$(cat "$PID_FILE")" 2>/dev/null || true
    fi
    exit 1
}

cmd_stop() {
    if pid_alive; then
        local pid i
        pid="$(cat "$PID_FILE")"
        kill -TERM "$pid"
        for ((i = 0; i < 60; i++)); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.5
        done
        if kill -0 "$pid" 2>/dev/null; then
            log "pid $pid did not exit after SIGTERM; sending SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
            sleep 1
        fi
        log "stopped Elasticsearch on port $ES_PORT (pid $pid)"
    else
        log "no Elasticsearch started by this script is running on port $ES_PORT"
    fi
    rm -rf "$RUN_DIR"
}

cmd_status() {
    if pid_alive; then
        if healthy; then
            echo "running: pid $(cat "$PID_FILE"), SEARCH_URL=$URL"
        else
            echo "running but not healthy: pid $(cat "$PID_FILE"), $URL"
        fi
        return 0
    fi
    echo "not running (port $ES_PORT)"
    return 3
}

case "${1:-}" in
    install) cmd_install ;;
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    -h | --help | help) usage ;;
    *) usage; exit 2 ;;
esac
