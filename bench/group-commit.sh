#!/usr/bin/env bash
# Usage: bench/group-commit.sh [ROUNDS]
#
# What several messages per database transaction (group commit, ADR 0014 option 2) would save
# PostgreSQL, measured with pgbench on the runtime's own tables: the statements of a transition
# as the runtime executes them today (one transaction per consumed message), the same statements
# for ten messages in one transaction, and ten messages written as one multi-row statement of
# each kind. Each variant runs ROUNDS times (default 2), alternating, on a scratch database of
# the PostgreSQL of deploy/services.sh; PostgreSQL's CPU (the postmaster and its children, from
# /proc) is read over 10 s in the middle of each run. Writes bench/results/YYYY-MM-DD-HHMM-group-commit.md.
set -euo pipefail

NAME="bench/group-commit.sh"
log() { printf '[%s] %s\n' "$NAME" "$*" >&2; }
die() { printf '[%s] ERROR: %s\n' "$NAME" "$*" >&2; exit 1; }

ROUNDS="${1:-2}"
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive whole number (got '$ROUNDS')"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
SCRIPTS="$HERE/group-commit"
STAMP="$(date -u +%Y-%m-%d-%H%M)"
WORK="$(mktemp -d)"
DB="bench_groupcommit_$$"
CLIENTS=16
SECONDS_PER_RUN=16

. "$HERE/servers.sh"
psql_db() { "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -d "$1" "${@:2}"; }

cleanup() {
    psql_db postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

# 1. The runtime's tables, as the service creates them, and rows to read, lock and delete.
log "scratch database $DB: migrations (Coordination.Host migrate), then seed rows"
psql_db postgres -c "CREATE DATABASE $DB" >/dev/null
Database__Provider=Postgres Database__ConnectionString="$COORDINATION_TEST_POSTGRES;Database=$DB" \
    dotnet run --project "$REPO/Coordination.Host" -c Release -- migrate >"$WORK/migrate.log" 2>&1 \
    || { cat "$WORK/migrate.log" >&2; die "migrate failed"; }
psql_db "$DB" >/dev/null <<'SQL'
CREATE TABLE "GroupCommitSagas" ("CorrelationId" uuid PRIMARY KEY, "CaseId" uuid NOT NULL,
    "CurrentState" varchar(64) NOT NULL, "ReminderTokenId" uuid, "Version" int NOT NULL);
INSERT INTO "GroupCommitSagas" SELECT md5(i::text)::uuid, gen_random_uuid(), 'Assigned', null, 1 FROM generate_series(1, 100000) i;
INSERT INTO qrtz_job_details SELECT 'S', 'j' || i, 'g', null, 'X', true, false, false, false, null FROM generate_series(1, 600000) i;
INSERT INTO qrtz_triggers (sched_name, trigger_name, trigger_group, job_name, job_group, next_fire_time, trigger_state,
    trigger_type, start_time, priority, preferred_node_auto)
    SELECT 'S', 't' || i, 'g', 'j' || i, 'g', 1, 'WAITING', 'SIMPLE', 1, 5, false FROM generate_series(1, 600000) i;
INSERT INTO qrtz_simple_triggers SELECT 'S', 't' || i, 'g', 0, 0, 0 FROM generate_series(1, 600000) i;
VACUUM ANALYZE;
SQL

# 2. The shared-transaction variant: one-per-message.sql's body ten times between one BEGIN and
#    COMMIT, each copy on its own saga, message and timer (so the statements are those of ten messages).
{
    sed -n '/^\\set/p' "$SCRIPTS/one-per-message.sql" | sed 's/random(1, 100000)/random(1, 99990)/; s/random(1, 600000)/random(1, 599990)/'
    echo 'BEGIN;'
    for i in 0 1 2 3 4 5 6 7 8 9; do
        sed -n '/^BEGIN;$/,/^COMMIT;$/p' "$SCRIPTS/one-per-message.sql" | sed '1d;$d' | sed -E \
            -e "s/md5\(:s::text\)/md5((:s::int + $i)::text)/g" \
            -e "s/md5\(:m::text\)/md5((:m::bigint * 10 + $i)::text)/g" \
            -e "s/'n' \|\| :m::text/'n' || (:m::bigint * 10 + $i)::text/g" \
            -e "s/'j' \|\| :t::text/'j' || (:t::int + $i)::text/g" \
            -e "s/:k <= 3/$i <= 2/; s/:k <= 6/$i <= 5/"
    done
    echo 'COMMIT;'
} >"$WORK/shared-transaction.sql"

# 3. PostgreSQL's CPU: the postmaster and its children (backends come and go with each run).
DATA_DIR="$(psql_db postgres -At -c 'SHOW data_directory')"
POSTMASTER="$(head -n 1 "$DATA_DIR/postmaster.pid")"
TICKS="$(getconf CLK_TCK)"
pg_ticks() {
    local total=0 pid fields
    for pid in "$POSTMASTER" $(pgrep -P "$POSTMASTER"); do
        fields="$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null)" || continue
        total=$((total + ${fields:-0}))
    done
    echo "$total"
}

# run NAME TRANSITIONS_PER_TRANSACTION PGBENCH_ARGS...: prints "tps transitions/s pg_cores pg_us_per_transition"
run() {
    local name="$1" per="$2"; shift 2
    "$PG_BIN/pgbench" -n "$@" -T "$SECONDS_PER_RUN" "$DB" >"$WORK/$name.log" 2>&1 &
    local bench=$!
    sleep 3; local t0 c0; t0="$(date +%s.%N)"; c0="$(pg_ticks)"
    sleep 10; local t1 c1; t1="$(date +%s.%N)"; c1="$(pg_ticks)"
    wait "$bench" || { cat "$WORK/$name.log" >&2; die "pgbench failed ($name)"; }
    grep -q '^number of failed transactions: 0 ' "$WORK/$name.log" \
        || { cat "$WORK/$name.log" >&2; die "pgbench reported failed transactions ($name)"; }
    local tps; tps="$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$WORK/$name.log" | head -n 1)"
    [[ -n "$tps" ]] || { cat "$WORK/$name.log" >&2; die "no tps in pgbench's output ($name)"; }
    awk -v tps="$tps" -v per="$per" -v c0="$c0" -v c1="$c1" -v t0="$t0" -v t1="$t1" -v hz="$TICKS" 'BEGIN {
        cores = (c1 - c0) / hz / (t1 - t0); rate = tps * per;
        printf "%.0f %.0f %.2f %.0f\n", tps, rate, cores, cores * 1e6 / rate }'
}

VARIANTS=(
    "one-per-message|$SCRIPTS/one-per-message.sql|1|one transaction per message (today)"
    "shared-transaction|$WORK/shared-transaction.sql|10|10 messages per transaction, the same statements"
    "multi-row|$SCRIPTS/multi-row.sql|10|10 messages per transaction, one multi-row statement of each kind"
)
OPTS=(-M prepared -c "$CLIENTS" -j 2 --max-tries=10)

log "warm-up: 5 s of each variant"
for v in "${VARIANTS[@]}"; do
    IFS='|' read -r name script per _ <<<"$v"
    "$PG_BIN/pgbench" -n "${OPTS[@]}" -T 5 -f "$script" "$DB" >"$WORK/warm-up.log" 2>&1 \
        || { cat "$WORK/warm-up.log" >&2; die "pgbench failed in the warm-up ($name)"; }
done

ROWS=()
for ((round = 1; round <= ROUNDS; round++)); do
    for v in "${VARIANTS[@]}"; do
        IFS='|' read -r name script per what <<<"$v"
        read -r tps rate cores us <<<"$(run "$name-$round" "$per" "${OPTS[@]}" -f "$script")"
        log "round $round, $name: $rate transitions/s, PostgreSQL $cores cores, $us µs of its CPU per transition"
        ROWS+=("| $round | $what | $tps | $rate | $cores | $us |")
    done
done

log "reference: pgbench's TPC-B-like transaction (-i -s 10, then -c 4 -j 2 as bench/run.sh)"
"$PG_BIN/pgbench" -i -s 10 -q "$DB" >"$WORK/pgbench-init.log" 2>&1 || { cat "$WORK/pgbench-init.log" >&2; die "pgbench -i failed"; }
read -r tps _ cores us <<<"$(run tpcb 1 -c 4 -j 2 -b tpcb-like)"
log "TPC-B-like: $tps TPS, PostgreSQL $cores cores, $us µs of its CPU per transaction"

mkdir -p "$HERE/results"
OUT="$HERE/results/$STAMP-group-commit.md"
{
    echo "# What several messages per transaction would save PostgreSQL, $(date -u '+%Y-%m-%d %H:%M') UTC"
    echo
    echo "Command: \`bench/group-commit.sh $ROUNDS\` on this machine ($(nproc) cores, $("$PG_BIN/postgres" --version))."
    echo "pgbench \`-M prepared -c $CLIENTS -j 2 -T $SECONDS_PER_RUN\` per run on the runtime's tables (\`Coordination.Host migrate\`);"
    echo "PostgreSQL's CPU (postmaster and children, /proc) over 10 s in the middle of each run. The scripts are in"
    echo "\`bench/group-commit/\`; bench/README.md says what they model and what they leave out."
    echo
    echo "| Round | Variant | Transactions/s | Transitions/s | PostgreSQL (cores) | PostgreSQL CPU per transition (µs) |"
    echo "|---:|---|---:|---:|---:|---:|"
    printf '%s\n' "${ROWS[@]}"
    echo
    echo "Reference, the same run: pgbench's TPC-B-like transaction (\`-c 4 -j 2\`, simple protocol): $tps TPS, PostgreSQL $cores cores, **$us µs** of its CPU per transaction."
} >"$OUT"
cat "$OUT"
log "results: ${OUT#"$REPO/"}"
