#!/usr/bin/env bash
# Local throw-away Elasticsearch for development and tests.
#
# Usage: scripts/elasticsearch.sh {install|start|stop|status}
#
# Environment:
#   ES_VERSION            Elasticsearch version (default 8.19.3)
#   ES_PORT               HTTP port of the first node (default 9201)
#   ES_TRANSPORT_PORT     transport port of the first node (default ES_PORT + 100, i.e. 9301)
#   ES_NODES              nodes to start (default 1, a single node); with 3, a cluster on loopback:
#                         node I listens on ES_PORT + I and ES_TRANSPORT_PORT + I, the three
#                         discover one another and SEARCH_URL names all three
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
# Each `start` uses fresh data directories ($ES_BASE_DIR/run-$PORT, one per
# node) which `stop` deletes again.
set -euo pipefail

ES_VERSION="${ES_VERSION:-8.19.3}"
ES_PORT="${ES_PORT:-9201}"
ES_TRANSPORT_PORT="${ES_TRANSPORT_PORT:-$((ES_PORT + 100))}"
ES_BASE_DIR="${ES_BASE_DIR:-/var/tmp/cong-search}"
ES_USER="${ES_USER:-cong-search}"
ES_HEAP="${ES_HEAP:-512m}"
ES_START_TIMEOUT="${ES_START_TIMEOUT:-90}"
ES_NODES="${ES_NODES:-1}"

ES_HOME="$ES_BASE_DIR/elasticsearch-$ES_VERSION"
URL="http://127.0.0.1:$ES_PORT"
ARTIFACT="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip"

log() { echo "elasticsearch.sh: $*" >&2; }
die() { log "$*"; exit 1; }

usage() {
    cat >&2 <<EOF
Usage: $0 {install|start|stop|status|stop-node I|start-node I}
  install       download (via mvn) and unpack Elasticsearch $ES_VERSION into $ES_HOME
  start         install, then start $ES_NODES node(s) from port $ES_PORT (prints SEARCH_URL=...)
  stop          stop the node(s) and delete their data directories
  status        report whether the node(s) run (exit 0 if all do, 3 if not)
  stop-node I   stop node I (0-based) of a cluster, keeping its data (a node lost)
  start-node I  start node I again on its data; it rejoins the cluster
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

# Node I: its ports, its directory, its pid file.
http_port() { echo $((ES_PORT + $1)); }
transport_port() { echo $((ES_TRANSPORT_PORT + $1)); }
run_dir() { echo "$ES_BASE_DIR/run-$(http_port "$1")"; }
pid_file() { echo "$(run_dir "$1")/elasticsearch.pid"; }
nodes() { seq 0 $((ES_NODES - 1)); }

pid_alive() {
    local pid
    [[ -f "$(pid_file "$1")" ]] || return 1
    pid="$(cat "$(pid_file "$1")" 2>/dev/null)" || return 1
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null
}

# The cluster is yellow or green with all its nodes in (asked of node $1, default the first).
healthy() {
    local health
    health="$(curl -sf --max-time 5 "http://127.0.0.1:$(http_port "${1:-0}")/_cluster/health?wait_for_status=yellow&wait_for_nodes=$ES_NODES&timeout=3s" 2>/dev/null)" || return 1
    grep -q '"timed_out":false' <<<"$health" && grep -q '"status":"\(yellow\|green\)"' <<<"$health"
}

search_url() {
    local i urls=()
    for i in $(nodes); do urls+=("http://127.0.0.1:$(http_port "$i")"); done
    (IFS=,; echo "SEARCH_URL=${urls[*]}")
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
    local f dir
    dir="$(run_dir "$1")"
    for f in "$dir/logs/startup.out" "$dir/logs/cong-search-$ES_PORT.log"; do
        if [[ -s "$f" ]]; then
            echo "----- tail of $f -----" >&2
            tail -n 40 "$f" >&2
        fi
    done
}

# --- start / stop / status ---------------------------------------------------

write_config() {  # write_config I: node I's configuration in its fresh run directory
    local i=$1 dir seeds="" masters="" j
    dir="$(run_dir "$i")"
    rm -rf "$dir"
    mkdir -p "$dir/data" "$dir/logs" "$dir/tmp"
    cp -r "$ES_HOME/config" "$dir/config"
    for j in $(nodes); do
        seeds+="${seeds:+, }\"127.0.0.1:$(transport_port "$j")\""
        masters+="${masters:+, }\"cong-search-$(http_port "$j")\""
    done
    {
        echo "cluster.name: cong-search-$ES_PORT"
        echo "node.name: cong-search-$(http_port "$i")"
        echo "path.data: $dir/data"
        echo "path.logs: $dir/logs"
        if ((ES_NODES == 1)); then
            echo "discovery.type: single-node"
        else
            echo "discovery.seed_hosts: [$seeds]"
            echo "cluster.initial_master_nodes: [$masters]"
        fi
        echo "network.host: 127.0.0.1"
        echo "http.port: $(http_port "$i")"
        echo "transport.port: $(transport_port "$i")"
        echo "xpack.security.enabled: false"
        echo "xpack.ml.enabled: false"
        echo "cluster.routing.allocation.disk.threshold_enabled: false"
        echo "action.destructive_requires_name: false"
    } >"$dir/config/elasticsearch.yml"
    if [[ "$(id -u)" -eq 0 ]]; then
        chown -R "$ES_USER:" "$dir"
    fi
}

launch() {  # launch I: start node I on its run directory, in the background (-d daemonises)
    local dir jhome
    dir="$(run_dir "$1")"
    jhome="$(java_home)"
    [[ -x "$jhome/bin/java" ]] || die "no java at $jhome/bin/java"
    as_es_user env \
        ES_JAVA_HOME="$jhome" \
        ES_PATH_CONF="$dir/config" \
        ES_TMPDIR="$dir/tmp" \
        ES_JAVA_OPTS="-Xms$ES_HEAP -Xmx$ES_HEAP" \
        "$ES_HOME/bin/elasticsearch" -d -p "$(pid_file "$1")" \
        >"$dir/logs/startup.out" 2>&1 </dev/null &
}

wait_healthy() {  # wait_healthy I: until the cluster, asked of node I, has all its nodes
    local deadline=$((SECONDS + ES_START_TIMEOUT)) i
    while ((SECONDS < deadline)); do
        if healthy "$1"; then
            wait 2>/dev/null || true  # the launchers
            return 0
        fi
        for i in $(nodes); do
            if [[ -f "$(pid_file "$i")" ]] && ! pid_alive "$i"; then
                log "node $i (port $(http_port "$i")) exited"
                show_log_tail "$i"
                return 1
            fi
        done
        sleep 1
    done
    log "Elasticsearch did not become healthy on port $(http_port "$1") with $ES_NODES node(s)"
    show_log_tail "$1"
    return 1
}

cmd_start() {
    local i alive=0
    for i in $(nodes); do pid_alive "$i" && alive=$((alive + 1)); done
    if healthy; then
        ((alive == ES_NODES)) || log "something not started by this script already answers on $URL; using it"
        search_url
        return 0
    fi
    ((alive == 0)) || die "node(s) from port $ES_PORT run but the cluster is not healthy; run '$0 stop' first"

    cmd_install
    ensure_user
    for i in $(nodes); do
        write_config "$i"
        launch "$i"
    done
    if ! wait_healthy 0; then
        cmd_stop
        exit 1
    fi
    search_url
}

stop_node() {  # stop_node I: SIGTERM, then SIGKILL after 30 s
    local pid n
    if ! pid_alive "$1"; then
        log "no Elasticsearch started by this script is running on port $(http_port "$1")"
        return 0
    fi
    pid="$(cat "$(pid_file "$1")")"
    kill -TERM "$pid"
    for ((n = 0; n < 60; n++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
        log "pid $pid did not exit after SIGTERM; sending SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
        sleep 1
    fi
    log "stopped Elasticsearch on port $(http_port "$1") (pid $pid)"
}

cmd_stop() {
    local i
    for i in $(nodes); do
        stop_node "$i"
        rm -rf "$(run_dir "$i")"
    done
}

node_index() {
    [[ "${1:-}" =~ ^[0-9]+$ ]] && (($1 < ES_NODES)) || die "node index must be 0..$((ES_NODES - 1))"
    echo "$1"
}

cmd_stop_node() {
    stop_node "$(node_index "${1:-}")"
}

cmd_start_node() {
    local i
    i="$(node_index "${1:-}")"
    pid_alive "$i" && return 0
    [[ -f "$(run_dir "$i")/config/elasticsearch.yml" ]] || die "node $i has no directory; use '$0 start'"
    launch "$i"
    wait_healthy "$i" || exit 1
}

cmd_status() {
    local i down=0
    for i in $(nodes); do
        if pid_alive "$i"; then
            echo "node $i running: pid $(cat "$(pid_file "$i")"), port $(http_port "$i")"
        else
            echo "node $i not running (port $(http_port "$i"))"
            down=1
        fi
    done
    if ((down == 0)) && healthy; then search_url; return 0; fi
    return 3
}

case "${1:-}" in
    install) cmd_install ;;
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    stop-node) cmd_stop_node "${2:-}" ;;
    start-node) cmd_start_node "${2:-}" ;;
    -h | --help | help) usage ;;
    *) usage; exit 2 ;;
esac
