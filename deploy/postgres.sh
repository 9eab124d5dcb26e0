#!/usr/bin/env bash
# Usage: deploy/postgres.sh start|stop|status|env
#
# Runs a private PostgreSQL 15 cluster for Coordination (not the system cluster):
#   data    ${COORD_SERVICES_DIR:-<repo>/.services}/postgres  (falls back to
#           /var/tmp/coordination-services/postgres when the postgres OS user cannot reach it)
#   listens 127.0.0.1:${PG_PORT:-5433} only; unix socket inside the data folder
#   auth    superuser postgres / password postgres (scram-sha-256 over TCP)
# start   installs PostgreSQL 15 with apt if missing, initialises the cluster once,
#         starts it and waits until pg_isready answers (no-op when already running).
# stop    fast shutdown of this cluster only.
# status  exit 0 when this cluster is running and accepting connections.
# env     prints the export line for COORDINATION_TEST_POSTGRES.
set -euo pipefail

NAME="postgres.sh"
log() { printf '[%s] %s\n' "$NAME" "$*" >&2; }
die() { printf '[%s] ERROR: %s\n' "$NAME" "$*" >&2; exit 1; }

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SERVICES_DIR="${COORD_SERVICES_DIR:-$REPO_ROOT/.services}"
FALLBACK_SERVICES_DIR="/var/tmp/coordination-services"
PG_PORT="${PG_PORT:-5433}"
PG_BIN="/usr/lib/postgresql/15/bin"
PG_OS_USER="postgres"
PG_SUPERUSER="postgres"
PG_PASSWORD="postgres"

[[ "$PG_PORT" =~ ^[0-9]+$ ]] || die "PG_PORT must be a number (got '$PG_PORT')"

usage() {
    sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

as_pg() {
    # Run a command as the postgres OS user from a directory it can read.
    (cd / && runuser -u "$PG_OS_USER" -- "$@")
}

# ---------------------------------------------------------------------------
# installation
# ---------------------------------------------------------------------------
APT_UPDATED=0
apt_install() {
    [[ $EUID -eq 0 ]] || die "installing packages needs root"
    if [[ $APT_UPDATED -eq 0 ]]; then
        log "apt-get update"
        apt-get -o DPkg::Lock::Timeout=600 update -qq
        APT_UPDATED=1
    fi
    log "apt-get install -y $*"
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "$@"
}

ensure_installed() {
    if [[ -x "$PG_BIN/initdb" && -x "$PG_BIN/pgbench" && -x "$PG_BIN/psql" ]]; then
        return 0
    fi
    log "PostgreSQL 15 binaries not found in $PG_BIN, installing"
    # postgresql-15 ships initdb, pg_ctl, postgres and pgbench; psql comes with postgresql-client-15.
    apt_install postgresql-15 postgresql-client-15 postgresql-contrib
    [[ -x "$PG_BIN/initdb" ]] || die "$PG_BIN/initdb still missing after install"
    id "$PG_OS_USER" >/dev/null 2>&1 || die "OS user '$PG_OS_USER' missing after install"
}

# ---------------------------------------------------------------------------
# locations
# ---------------------------------------------------------------------------
pg_can_enter() { (cd / && runuser -u "$PG_OS_USER" -- test -x "$1" -a -d "$1") 2>/dev/null; }

resolve_dirs() {
    # $1 = "create" to create the folder (start); otherwise only locate it (stop/status)
    local base="$SERVICES_DIR"
    local marker="$FALLBACK_SERVICES_DIR/postgres/.fallback-for"
    if [[ ! -d "$SERVICES_DIR/postgres/data" && -f "$marker" \
          && "$(cat "$marker" 2>/dev/null)" == "$SERVICES_DIR" ]]; then
        # a fallback chosen earlier for this same services dir: the cluster lives there
        base="$FALLBACK_SERVICES_DIR"
    elif [[ "${1:-}" == create ]]; then
        if [[ ! -d "$SERVICES_DIR" ]]; then
            mkdir -p "$SERVICES_DIR"
            chmod 755 "$SERVICES_DIR"
        fi
        if [[ ! -d "$SERVICES_DIR/postgres" ]]; then
            mkdir -p "$SERVICES_DIR/postgres"
            chmod 755 "$SERVICES_DIR/postgres"
        fi
        if ! pg_can_enter "$SERVICES_DIR/postgres"; then
            log "the '$PG_OS_USER' OS user cannot traverse $SERVICES_DIR/postgres" \
                "(a parent folder lacks o+x); using $FALLBACK_SERVICES_DIR/postgres instead"
            base="$FALLBACK_SERVICES_DIR"
            mkdir -p "$base/postgres"
            chmod 755 "$base" "$base/postgres"
            printf '%s\n' "$SERVICES_DIR" > "$marker"
        fi
    fi
    PG_HOME="$base/postgres"
    PGDATA="$PG_HOME/data"
    PG_LOG="$PG_HOME/log/postgresql.log"
    PG_SOCKET_DIR="$PG_HOME/run"
    # unix socket paths are limited to 107 bytes
    if (( ${#PG_SOCKET_DIR} + 20 > 107 )); then
        PG_SOCKET_DIR="/tmp/coordination-pg-$PG_PORT"
        log "socket path under $PG_HOME would be too long; using $PG_SOCKET_DIR"
    fi
}

# ---------------------------------------------------------------------------
# state
# ---------------------------------------------------------------------------
postmaster_pid() {
    [[ -f "$PGDATA/postmaster.pid" ]] || return 1
    local pid
    pid="$(head -n1 "$PGDATA/postmaster.pid" 2>/dev/null || true)"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    printf '%s\n' "$pid"
}

# true when the pid is a live postgres process whose working directory is our data folder
is_our_postmaster() {
    local pid="$1" cwd comm
    [[ -d "/proc/$pid" ]] || return 1
    comm="$(cat "/proc/$pid/comm" 2>/dev/null || true)"
    [[ "$comm" == postgres* ]] || return 1
    cwd="$(readlink "/proc/$pid/cwd" 2>/dev/null || true)"
    [[ "$cwd" == "$(readlink -f "$PGDATA")" ]]
}

is_running() {
    local pid
    pid="$(postmaster_pid)" || return 1
    is_our_postmaster "$pid"
}

running_port() {
    # line 4 of postmaster.pid is the port
    sed -n '4p' "$PGDATA/postmaster.pid" 2>/dev/null || true
}

is_ready() {
    "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -d postgres -t 2 >/dev/null 2>&1
}

# After an unclean stop: drop a postmaster.pid that does not belong to a live postmaster of
# this cluster (its pid may have been reused by an unrelated process), and kill orphaned
# backends of this cluster that still hold its shared memory.
clean_stale_state() {
    local pid p cwd data
    if pid="$(postmaster_pid)" && ! is_our_postmaster "$pid"; then
        log "removing stale postmaster.pid (pid $pid is not a running postmaster of this cluster)"
        rm -f "$PGDATA/postmaster.pid"
    fi
    data="$(readlink -f "$PGDATA")"
    for p in $(pgrep -u "$PG_OS_USER" -x postgres 2>/dev/null || true); do
        cwd="$(readlink "/proc/$p/cwd" 2>/dev/null || true)"
        if [[ "$cwd" == "$data" ]]; then
            log "killing orphaned postgres process $p of this cluster"
            kill -9 "$p" 2>/dev/null || true
        fi
    done
    if [[ -d "$PG_SOCKET_DIR" ]]; then
        rm -f "$PG_SOCKET_DIR/.s.PGSQL.$PG_PORT" "$PG_SOCKET_DIR/.s.PGSQL.$PG_PORT.lock"
    fi
}

port_in_use() {
    ss -Hltn "sport = :$1" 2>/dev/null | grep -q .
}

# ---------------------------------------------------------------------------
# init / config
# ---------------------------------------------------------------------------
init_cluster() {
    if [[ -f "$PGDATA/PG_VERSION" ]]; then
        return 0
    fi
    if [[ -d "$PGDATA" ]] && [[ -n "$(ls -A "$PGDATA" 2>/dev/null)" ]]; then
        die "$PGDATA exists, is not empty and holds no cluster (no PG_VERSION); remove it by hand"
    fi
    log "initialising a new cluster in $PGDATA"
    mkdir -p "$PG_HOME" "$PGDATA"
    chown "$PG_OS_USER:$PG_OS_USER" "$PG_HOME" "$PGDATA"
    chmod 700 "$PGDATA"
    local pwfile="$PG_HOME/.pwfile"
    (umask 077; printf '%s\n' "$PG_PASSWORD" > "$pwfile")
    chown "$PG_OS_USER:$PG_OS_USER" "$pwfile"
    if ! as_pg "$PG_BIN/initdb" -D "$PGDATA" -U "$PG_SUPERUSER" --pwfile="$pwfile" \
            --auth-local=peer --auth-host=scram-sha-256 \
            --encoding=UTF8 --locale=C.UTF-8 >"$PG_HOME/initdb.log" 2>&1; then
        rm -f "$pwfile"
        cat "$PG_HOME/initdb.log" >&2
        die "initdb failed (log: $PG_HOME/initdb.log)"
    fi
    rm -f "$pwfile"
    # our settings live in coordination.conf, rewritten on every start
    printf "\n# Coordination: settings written by deploy/postgres.sh on every start\ninclude_if_exists = 'coordination.conf'\n" \
        >> "$PGDATA/postgresql.conf"
    cat > "$PGDATA/pg_hba.conf" <<'EOF'
# Written by deploy/postgres.sh
# TYPE  DATABASE  USER  ADDRESS        METHOD
local   all       all                  peer
host    all       all   127.0.0.1/32   scram-sha-256
host    all       all   ::1/128        scram-sha-256
EOF
    chown "$PG_OS_USER:$PG_OS_USER" "$PGDATA/pg_hba.conf"
    chmod 600 "$PGDATA/pg_hba.conf"
    log "cluster initialised (superuser $PG_SUPERUSER, scram-sha-256 over TCP)"
}

write_config() {
    mkdir -p "$PG_SOCKET_DIR" "$(dirname "$PG_LOG")"
    chown "$PG_OS_USER:$PG_OS_USER" "$PG_HOME" "$PG_SOCKET_DIR" "$(dirname "$PG_LOG")"
    chmod 755 "$PG_HOME"
    chmod 775 "$PG_SOCKET_DIR"
    cat > "$PGDATA/coordination.conf" <<EOF
# Written by deploy/postgres.sh on every start; edits are overwritten.
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_SOCKET_DIR'
password_encryption = 'scram-sha-256'
fsync = on
max_connections = 200
EOF
    chown "$PG_OS_USER:$PG_OS_USER" "$PGDATA/coordination.conf"
    chmod 600 "$PGDATA/coordination.conf"
}

# ---------------------------------------------------------------------------
# commands
# ---------------------------------------------------------------------------
cmd_start() {
    [[ $EUID -eq 0 ]] || die "must run as root (initdb/pg_ctl are run as the '$PG_OS_USER' OS user via runuser)"
    ensure_installed
    resolve_dirs create
    if is_running; then
        local rp
        rp="$(running_port)"
        if [[ -n "$rp" && "$rp" != "$PG_PORT" ]]; then
            die "the cluster in $PGDATA is already running on port $rp, not $PG_PORT; stop it first"
        fi
        if is_ready; then
            log "already running on 127.0.0.1:$PG_PORT (data $PGDATA)"
            return 0
        fi
        log "running but not ready yet, waiting"
    else
        clean_stale_state
        init_cluster
        write_config
        if port_in_use "$PG_PORT"; then
            die "port $PG_PORT is already in use by another process (see: ss -ltnp 'sport = :$PG_PORT'); set PG_PORT"
        fi
        log "starting PostgreSQL 15 on 127.0.0.1:$PG_PORT (data $PGDATA, log $PG_LOG)"
        touch "$PG_LOG"
        chown "$PG_OS_USER:$PG_OS_USER" "$PG_LOG"
        if ! as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$PG_LOG" -w -t 60 start >/dev/null; then
            tail -n 30 "$PG_LOG" >&2 || true
            die "pg_ctl start failed (log: $PG_LOG)"
        fi
    fi
    local i
    for ((i = 0; i < 60; i++)); do
        if is_ready; then
            log "ready: 127.0.0.1:$PG_PORT"
            return 0
        fi
        sleep 1
    done
    tail -n 30 "$PG_LOG" >&2 || true
    die "PostgreSQL did not become ready on 127.0.0.1:$PG_PORT within 60 s (log: $PG_LOG)"
}

cmd_stop() {
    if [[ ! -x "$PG_BIN/pg_ctl" ]]; then
        log "PostgreSQL 15 is not installed; nothing to stop"
        return 0
    fi
    resolve_dirs
    if ! is_running; then
        log "not running (data $PGDATA)"
        [[ -d "$PGDATA" ]] && clean_stale_state
        return 0
    fi
    log "stopping (fast) the cluster in $PGDATA"
    if ! as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w -t 60 stop >/dev/null; then
        log "fast stop did not finish within 60 s, trying immediate"
        as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -m immediate -w -t 30 stop >/dev/null \
            || die "could not stop the cluster in $PGDATA"
    fi
    log "stopped"
}

cmd_status() {
    if [[ ! -x "$PG_BIN/pg_ctl" ]]; then
        log "PostgreSQL 15 is not installed"
        return 1
    fi
    resolve_dirs
    if is_running && is_ready; then
        log "running on 127.0.0.1:$PG_PORT (pid $(postmaster_pid), data $PGDATA)"
        return 0
    fi
    if is_running; then
        log "process running (pid $(postmaster_pid)) but not accepting connections on 127.0.0.1:$PG_PORT"
        return 1
    fi
    log "not running (data $PGDATA)"
    return 1
}

cmd_env() {
    printf 'export COORDINATION_TEST_POSTGRES="Host=127.0.0.1;Port=%s;Username=%s;Password=%s"\n' \
        "$PG_PORT" "$PG_SUPERUSER" "$PG_PASSWORD"
}

case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    env) cmd_env ;;
    *) usage ;;
esac
