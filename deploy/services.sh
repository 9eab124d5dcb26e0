#!/usr/bin/env bash
# Usage: deploy/services.sh start|stop|status
#
# Starts, stops or checks both local services used by Coordination and its tests:
# PostgreSQL (deploy/postgres.sh, 127.0.0.1:${PG_PORT:-5433}) and
# RabbitMQ (deploy/rabbitmq.sh, 127.0.0.1:${RABBITMQ_PORT:-5673}).
# status exits 0 only when both are running.
set -euo pipefail

NAME="services.sh"
log() { printf '[%s] %s\n' "$NAME" "$*" >&2; }
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

case "${1:-}" in
    start)
        "$HERE/postgres.sh" start
        "$HERE/rabbitmq.sh" start
        log "both services running"
        "$HERE/postgres.sh" env
        "$HERE/rabbitmq.sh" env
        ;;
    stop)
        rc=0
        "$HERE/rabbitmq.sh" stop || rc=$?
        "$HERE/postgres.sh" stop || rc=$?
        if [[ $rc -eq 0 ]]; then log "both services stopped"; else log "stop finished with errors"; fi
        exit "$rc"
        ;;
    status)
        rc=0
        "$HERE/postgres.sh" status || rc=1
        "$HERE/rabbitmq.sh" status || rc=1
        exit "$rc"
        ;;
    *)
        sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
        exit 2
        ;;
esac
