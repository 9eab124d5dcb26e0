#!/usr/bin/env bash
# Usage: bench/run.sh [N]
#
# Drives N synthetic concern-shaped workflows (default 200) through the real runtime on
# SQLite + in-memory and on PostgreSQL + RabbitMQ, measures pgbench TPS and the raw RabbitMQ
# publish→consume rate on the same servers, writes bench/results/YYYY-MM-DD-HHMM.md and
# prints the ratios. Servers: deploy/services.sh (PG_PORT, RABBITMQ_PORT as there).
set -euo pipefail

NAME="bench/run.sh"
log() { printf '[%s] %s\n' "$NAME" "$*" >&2; }
die() { printf '[%s] ERROR: %s\n' "$NAME" "$*" >&2; exit 1; }

N="${1:-200}"
[[ "$N" =~ ^[1-9][0-9]*$ ]] || die "N must be a positive whole number (got '$N')"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
RAW_MESSAGES="${RAW_MESSAGES:-10000}"
CEILING_WORKFLOWS="${CEILING_WORKFLOWS:-2000}"
STAMP="$(date -u +%Y-%m-%d-%H%M)"
WORK="$(mktemp -d)"
VHOST="bench-${STAMP}-$$"
PGBENCH_DB="bench_pgbench_$$"

# 1. The servers, and where they are.
. "$HERE/servers.sh"

cleanup() {
    "$PG_BIN/psql" -q -d postgres -c "DROP DATABASE IF EXISTS $PGBENCH_DB WITH (FORCE)" >/dev/null 2>&1 || true
    "$REPO/deploy/rabbitmq.sh" delete-vhost "$VHOST" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

log "building the harness (Release)"
dotnet build "$HERE/Coordination.Bench/Coordination.Bench.csproj" -c Release -v quiet -nologo >"$WORK/build.log" 2>&1 \
    || { cat "$WORK/build.log" >&2; die "build failed"; }
BENCH=(dotnet "$HERE/Coordination.Bench/bin/Release/net10.0/Coordination.Bench.dll")

# 2. References: pgbench (TPC-B-like) on a scratch database of the same PostgreSQL.
log "pgbench: -i -s 10, then -c 4 -j 2 -T 20 on $PGHOST:$PGPORT"
"$PG_BIN/psql" -q -d postgres -c "CREATE DATABASE $PGBENCH_DB" >/dev/null
"$PG_BIN/pgbench" -i -s 10 -q "$PGBENCH_DB" >"$WORK/pgbench-init.log" 2>&1 || { cat "$WORK/pgbench-init.log" >&2; die "pgbench -i failed"; }
"$PG_BIN/pgbench" -c 4 -j 2 -T 20 "$PGBENCH_DB" >"$WORK/pgbench.log" 2>&1 || { cat "$WORK/pgbench.log" >&2; die "pgbench failed"; }
TPS="$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$WORK/pgbench.log" | head -n 1)"
[[ -n "$TPS" ]] || { cat "$WORK/pgbench.log" >&2; die "no tps in pgbench's output"; }
log "pgbench: $TPS TPS"
"$PG_BIN/psql" -q -d postgres -c "DROP DATABASE $PGBENCH_DB WITH (FORCE)" >/dev/null

# 3. A virtual host of our own for the raw broker rate and the PostgreSQL + RabbitMQ stack.
"$REPO/deploy/rabbitmq.sh" add-vhost "$VHOST"
RABBITMQ_URI="${COORDINATION_TEST_RABBITMQ%/}/$VHOST"
"${BENCH[@]}" rabbitmq --rabbitmq "$RABBITMQ_URI" --messages "$RAW_MESSAGES" --out "$WORK/rabbitmq.json"

# 4. The runtime, each stack in a process of its own (its peak memory is its own), fresh database each.
"${BENCH[@]}" stack --stack sqlite --workflows "$N" --out "$WORK/sqlite.json"
"${BENCH[@]}" stack --stack postgres --workflows "$N" --postgres "$COORDINATION_TEST_POSTGRES" \
    --rabbitmq "$RABBITMQ_URI" --out "$WORK/postgres.json"

# 5. The bus-only ceiling: the same workload on the same RabbitMQ with nothing stored.
"${BENCH[@]}" ceiling --workflows "$CEILING_WORKFLOWS" --postgres "$COORDINATION_TEST_POSTGRES" \
    --rabbitmq "$RABBITMQ_URI" --out "$WORK/ceiling.json"

# 6. The table and the ratios.
mkdir -p "$HERE/results"
OUT="$HERE/results/$STAMP.md"
"${BENCH[@]}" report --sqlite "$WORK/sqlite.json" --postgres "$WORK/postgres.json" --rabbitmq "$WORK/rabbitmq.json" \
    --ceiling "$WORK/ceiling.json" --pgbench-tps "$TPS" --command "bench/run.sh $N" --out "$OUT"
log "results: ${OUT#"$REPO/"}"
