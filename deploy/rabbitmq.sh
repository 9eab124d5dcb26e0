#!/usr/bin/env bash
# Usage: deploy/rabbitmq.sh start|stop|status|env|add-vhost NAME|delete-vhost NAME
#
# Runs a private RabbitMQ 3.10 node for Coordination, as root, bound to loopback only:
#   RABBITMQ_PORT       AMQP port            (default 5673, listener 127.0.0.1 only)
#   RABBITMQ_DIST_PORT  Erlang distribution  (default RABBITMQ_PORT+20000, 127.0.0.1 only)
#   RABBITMQ_NODENAME   node name            (default coordination-${RABBITMQ_PORT}@localhost)
#   state (HOME, cookie, config, mnesia, logs, pid) in
#   ${COORD_SERVICES_DIR:-<repo>/.services}/rabbitmq-${RABBITMQ_PORT}
# start   installs rabbitmq-server with apt if missing, starts the node and waits until it
#         is up and the AMQP port accepts connections (no-op when already running).
# stop    stops this node only (rabbitmqctl stop, kill after 20 s).
# status  exit 0 when this node is running and its AMQP port accepts connections.
# env     prints the export line for COORDINATION_TEST_RABBITMQ (user guest/guest).
# add-vhost NAME / delete-vhost NAME
#         a virtual host of its own for one test, with full rights for guest.
set -euo pipefail

NAME="rabbitmq.sh"
log() { printf '[%s] %s\n' "$NAME" "$*" >&2; }
die() { printf '[%s] ERROR: %s\n' "$NAME" "$*" >&2; exit 1; }

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SERVICES_DIR="${COORD_SERVICES_DIR:-$REPO_ROOT/.services}"
RABBITMQ_PORT="${RABBITMQ_PORT:-5673}"
[[ "$RABBITMQ_PORT" =~ ^[0-9]+$ ]] || die "RABBITMQ_PORT must be a number (got '$RABBITMQ_PORT')"
RABBITMQ_DIST_PORT="${RABBITMQ_DIST_PORT:-$((RABBITMQ_PORT + 20000))}"
[[ "$RABBITMQ_DIST_PORT" =~ ^[0-9]+$ ]] || die "RABBITMQ_DIST_PORT must be a number (got '$RABBITMQ_DIST_PORT')"
NODE="${RABBITMQ_NODENAME:-coordination-${RABBITMQ_PORT}@localhost}"
RMQ_BIN="/usr/lib/rabbitmq/bin"
DIR="$SERVICES_DIR/rabbitmq-$RABBITMQ_PORT"
PID_FILE="$DIR/rabbit.pid"

usage() {
    sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

# Environment for every rabbitmq command (server and CLI). ERL_EPMD_ADDRESS keeps epmd on
# loopback; HOME holds the Erlang cookie, so server and rabbitmqctl share it.
rmq_env() {
    export HOME="$DIR"
    export ERL_EPMD_ADDRESS=127.0.0.1
    export RABBITMQ_NODENAME="$NODE"
    export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
    export RABBITMQ_NODE_PORT="$RABBITMQ_PORT"
    export RABBITMQ_DIST_PORT
    # +sbwt none (and its dirty-scheduler twins): Erlang's schedulers sleep when out of work instead
    # of spinning. The node shares its cores with PostgreSQL and the host; spinning took cores they
    # needed (bench/README.md, "What is left": about +9 % at the median of the bench's peak passes).
    export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1} +sbwt none +sbwtdcpu none +sbwtdio none"
    # rabbitmqctl is itself a distributed Erlang node: keep its listener on loopback too
    export RABBITMQ_CTL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
    export RABBITMQ_CONF_ENV_FILE="$DIR/rabbitmq-env.conf"
    export RABBITMQ_CONFIG_FILE="$DIR/rabbitmq.conf"
    export RABBITMQ_ADVANCED_CONFIG_FILE="$DIR/advanced.config"
    export RABBITMQ_ENABLED_PLUGINS_FILE="$DIR/enabled_plugins"
    export RABBITMQ_MNESIA_BASE="$DIR/mnesia"
    export RABBITMQ_LOG_BASE="$DIR/log"
    export RABBITMQ_PID_FILE="$PID_FILE"
    export ERL_CRASH_DUMP="$DIR/erl_crash.dump"
}

ctl() { "$RMQ_BIN/rabbitmqctl" -n "$NODE" "$@"; }

# ---------------------------------------------------------------------------
# public listeners check (nothing may listen beyond loopback)
# ---------------------------------------------------------------------------
# Prints "pid name address" for beam/epmd sockets listening on a non-loopback address.
public_erlang_listeners() {
    ss -Hltnp 2>/dev/null | awk '
        /beam|epmd/ {
            addr = $4
            if (addr ~ /^127\./ || addr ~ /^\[::1\]/ || addr ~ /^::1:/) next
            if (match($0, /\("[^"]+",pid=[0-9]+/)) {
                s = substr($0, RSTART, RLENGTH)
                split(s, a, /"|pid=/)
                print a[4], a[2], addr
            }
        }' | sort -u
}

kill_public_erlang() {
    local pid pname addr found=0
    # a node started by the package runs as the rabbitmq OS user: stop it first (by pid)
    local pids
    pids="$(pgrep -u rabbitmq 2>/dev/null | tr '\n' ' ' || true)"
    if [[ -n "${pids// /}" ]]; then
        log "stopping processes of the 'rabbitmq' OS user (a node started by the package): $pids"
        # shellcheck disable=SC2086
        kill $pids 2>/dev/null || true
        sleep 3
        # shellcheck disable=SC2086
        kill -9 $pids 2>/dev/null || true
    fi
    while read -r pid pname addr; do
        [[ -n "${pid:-}" ]] || continue
        found=1
        log "killing $pname (pid $pid) listening on $addr: nothing may listen beyond loopback"
        kill "$pid" 2>/dev/null || true
    done < <(public_erlang_listeners)
    if [[ $found -eq 1 ]]; then
        sleep 2
        while read -r pid pname addr; do
            [[ -n "${pid:-}" ]] || continue
            kill -9 "$pid" 2>/dev/null || true
        done < <(public_erlang_listeners)
        if [[ -n "$(public_erlang_listeners)" ]]; then
            ss -ltnp >&2
            die "Erlang processes still listen beyond loopback"
        fi
    fi
}

# ---------------------------------------------------------------------------
# installation
# ---------------------------------------------------------------------------
ensure_installed() {
    if [[ -x "$RMQ_BIN/rabbitmq-server" && -x "$RMQ_BIN/rabbitmqctl" ]]; then
        return 0
    fi
    [[ $EUID -eq 0 ]] || die "installing rabbitmq-server needs root"
    log "$RMQ_BIN/rabbitmq-server not found, installing rabbitmq-server with apt"
    # Keep the package's postinst from starting a service (no systemd here).
    local own_policy=0
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
        printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
        chmod 755 /usr/sbin/policy-rc.d
        own_policy=1
    fi
    local rc=0
    {
        log "apt-get update"
        apt-get -o DPkg::Lock::Timeout=600 update -qq &&
        log "apt-get install -y rabbitmq-server" &&
        DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq rabbitmq-server
    } || rc=$?
    [[ $own_policy -eq 1 ]] && rm -f /usr/sbin/policy-rc.d
    [[ $rc -eq 0 ]] || die "apt-get failed (exit $rc)"
    [[ -x "$RMQ_BIN/rabbitmq-server" ]] || die "$RMQ_BIN/rabbitmq-server still missing after install"
    # Whatever the postinst did: no node or epmd may be left listening on 0.0.0.0.
    kill_public_erlang
    log "installed; listeners now:"
    ss -ltnp >&2 || true
}

# ---------------------------------------------------------------------------
# state
# ---------------------------------------------------------------------------
node_pid() {
    [[ -f "$PID_FILE" ]] || return 1
    local pid
    pid="$(tr -dc '0-9' < "$PID_FILE" 2>/dev/null || true)"
    [[ -n "$pid" ]] || return 1
    printf '%s\n' "$pid"
}

# true when the pid exists and is not a zombie (an exited process not yet reaped by init)
alive() {
    local state
    state="$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null || true)"
    [[ -n "$state" && "$state" != Z && "$state" != X ]]
}

# true when the pid is a live beam process of this node
is_our_node_pid() {
    local pid="$1"
    alive "$pid" || return 1
    [[ "$(cat "/proc/$pid/comm" 2>/dev/null || true)" == beam* ]] || return 1
    # RabbitMQ 3.10 sets the node name at run time, not on the command line: use the environment
    tr '\0' '\n' < "/proc/$pid/environ" 2>/dev/null | grep -qxF -- "RABBITMQ_NODENAME=$NODE"
}

is_running() {
    local pid
    pid="$(node_pid)" || return 1
    is_our_node_pid "$pid"
}

amqp_open() {
    (exec 3<>"/dev/tcp/127.0.0.1/$RABBITMQ_PORT") 2>/dev/null
}

port_in_use() {
    ss -Hltn "sport = :$1" 2>/dev/null | grep -q .
}

write_config() {
    mkdir -p "$DIR" "$DIR/log" "$DIR/mnesia"
    chmod 700 "$DIR"
    cat > "$DIR/rabbitmq.conf" <<EOF
# Written by deploy/rabbitmq.sh on every start; edits are overwritten.
listeners.tcp.1 = 127.0.0.1:$RABBITMQ_PORT
loopback_users.guest = true
EOF
    printf '[].\n' > "$DIR/enabled_plugins"
    : > "$DIR/rabbitmq-env.conf"
    # Erlang cookie, read from $HOME by both the server and rabbitmqctl.
    if [[ ! -s "$DIR/.erlang.cookie" ]]; then
        local cookie
        cookie="$(LC_ALL=C tr -dc 'A-Z' < <(head -c 4096 /dev/urandom))"
        (umask 077; printf '%s' "${cookie:0:20}" > "$DIR/.erlang.cookie")
    fi
    chmod 400 "$DIR/.erlang.cookie"
}

# ---------------------------------------------------------------------------
# commands
# ---------------------------------------------------------------------------
wait_amqp() {
    local i
    for ((i = 0; i < 60; i++)); do
        amqp_open && return 0
        sleep 1
    done
    return 1
}

cmd_start() {
    [[ $EUID -eq 0 ]] || die "must run as root"
    ensure_installed
    rmq_env
    if is_running; then
        if amqp_open; then
            log "already running: $NODE on 127.0.0.1:$RABBITMQ_PORT (pid $(node_pid))"
            return 0
        fi
        log "$NODE is running (pid $(node_pid)) but 127.0.0.1:$RABBITMQ_PORT is not open yet, waiting"
    else
        # refuse to put our node next to an epmd that listens on all interfaces
        kill_public_erlang
        if port_in_use "$RABBITMQ_PORT"; then
            die "port $RABBITMQ_PORT is already in use by another process; set RABBITMQ_PORT"
        fi
        if port_in_use "$RABBITMQ_DIST_PORT"; then
            die "distribution port $RABBITMQ_DIST_PORT is already in use; set RABBITMQ_DIST_PORT"
        fi
        write_config
        rm -f "$PID_FILE"   # stale after an unclean stop; 'rabbitmqctl wait' reads it
        log "starting $NODE on 127.0.0.1:$RABBITMQ_PORT (dist 127.0.0.1:$RABBITMQ_DIST_PORT, state $DIR)"
        (cd "$DIR" && exec setsid nohup "$RMQ_BIN/rabbitmq-server" >>"$DIR/server.out" 2>&1 </dev/null) &
        local launcher=$!
        local i
        for ((i = 0; i < 30; i++)); do
            [[ -s "$PID_FILE" ]] && break
            if ! alive "$launcher" && [[ ! -s "$PID_FILE" ]]; then
                tail -n 30 "$DIR/server.out" >&2 || true
                die "rabbitmq-server exited during start (output: $DIR/server.out, logs: $DIR/log)"
            fi
            sleep 0.5
        done
        if ! ctl wait "$PID_FILE" --timeout 60 >>"$DIR/ctl.out" 2>&1; then
            tail -n 30 "$DIR/server.out" >&2 || true
            tail -n 20 "$DIR/ctl.out" >&2 || true
            die "$NODE did not come up within 60 s (output: $DIR/server.out, logs: $DIR/log)"
        fi
    fi
    if ! wait_amqp; then
        die "$NODE is up but 127.0.0.1:$RABBITMQ_PORT does not accept connections (logs: $DIR/log)"
    fi
    error_queue_policy /
    log "ready: $NODE, amqp://127.0.0.1:$RABBITMQ_PORT/ (pid $(node_pid || echo '?'))"
}

# Messages that failed every retry wait in <queue>_error queues, which nothing else empties; each
# is also an incident in the database, erased with its case (docs/operations.md). They expire
# after 30 days, well within every retention period.
error_queue_policy() {
    ctl -q set_policy -p "$1" --apply-to queues error-queues-expire '_error$' '{"message-ttl":2592000000}' >/dev/null
}

cmd_stop() {
    rmq_env
    if ! is_running; then
        log "not running ($NODE, state $DIR)"
        rm -f "$PID_FILE"
        return 0
    fi
    local pid
    pid="$(node_pid)"
    log "stopping $NODE (pid $pid)"
    timeout 30 "$RMQ_BIN/rabbitmqctl" -n "$NODE" stop >>"$DIR/ctl.out" 2>&1 \
        || log "rabbitmqctl stop failed or timed out (see $DIR/ctl.out)"
    local i
    for ((i = 0; i < 20; i++)); do
        alive "$pid" || break
        sleep 1
    done
    if alive "$pid"; then
        log "$NODE (pid $pid) still alive after 20 s, sending SIGTERM"
        kill "$pid" 2>/dev/null || true
        sleep 5
        if alive "$pid"; then
            log "sending SIGKILL to pid $pid"
            kill -9 "$pid" 2>/dev/null || true
        fi
    fi
    rm -f "$PID_FILE"
    log "stopped $NODE"
    stop_idle_epmd
}

# epmd is shared by all nodes on this machine; stop it when no node is registered any more
# (epmd itself refuses -kill while nodes are registered).
stop_idle_epmd() {
    command -v epmd >/dev/null 2>&1 || return 0
    local names
    names="$(epmd -names 2>/dev/null || true)"
    if [[ "$names" == *"up and running"* && "$names" != *"name "* ]]; then
        if epmd -kill >/dev/null 2>&1; then
            log "no Erlang node left registered: stopped epmd"
        fi
    fi
}

cmd_status() {
    if [[ ! -x "$RMQ_BIN/rabbitmq-server" ]]; then
        log "rabbitmq-server is not installed"
        return 1
    fi
    rmq_env
    if is_running && amqp_open; then
        log "running: $NODE on 127.0.0.1:$RABBITMQ_PORT (pid $(node_pid), state $DIR)"
        return 0
    fi
    if is_running; then
        log "$NODE process is alive (pid $(node_pid)) but 127.0.0.1:$RABBITMQ_PORT is not accepting connections"
        return 1
    fi
    log "not running ($NODE, state $DIR)"
    return 1
}

cmd_env() {
    printf 'export COORDINATION_TEST_RABBITMQ="amqp://guest:guest@127.0.0.1:%s/"\n' "$RABBITMQ_PORT"
}

cmd_vhost() {
    local verb="$1" vhost="${2:-}"
    [[ "$vhost" =~ ^[A-Za-z0-9._-]+$ ]] || die "$verb needs a virtual host name of letters, digits, '.', '_' or '-'"
    rmq_env
    is_running || die "$NODE is not running"
    if [[ "$verb" == add ]]; then
        ctl -q add_vhost "$vhost" >/dev/null
        ctl -q set_permissions -p "$vhost" guest '.*' '.*' '.*' >/dev/null
        error_queue_policy "$vhost"
    else
        ctl -q delete_vhost "$vhost" >/dev/null
    fi
}

case "${1:-}" in
    add-vhost) cmd_vhost add "${2:-}" ;;
    delete-vhost) cmd_vhost delete "${2:-}" ;;
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    env) cmd_env ;;
    *) usage ;;
esac
