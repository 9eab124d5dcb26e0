#!/usr/bin/env bash
# Usage: deploy/test.sh [extra dotnet test arguments...]
#
# THE test command for Coordination (runnable from any directory):
#   1. starts PostgreSQL and RabbitMQ (deploy/postgres.sh, deploy/rabbitmq.sh) if not running,
#   2. exports COORDINATION_TEST_POSTGRES, COORDINATION_TEST_RABBITMQ, COORDINATION_REPO_ROOT,
#   3. recreates the database coordination_test,
#   4. installs Debian's Chromium for the browser tests when missing (apt-get, with sudo if not root),
#   5. runs dotnet test on Coordination.sln (Release, TRX results in <repo>/TestResults,
#      journeys' end-state screenshots in <repo>/TestResults/screenshots),
#   6. stops on exit only the services this script started itself,
#   7. names each failed test with its message and the top of its stack trace, then prints
#      "Tests: N passed, N failed, N skipped" summed over all TRX files (the last lines, which CI keeps).
# Exit code: non-zero when dotnet test fails, any test fails, or no test ran at all.
# A test that makes no progress for 10 minutes is stopped and counted as failed (--blame-hang-timeout).
# Example: deploy/test.sh --filter "FullyQualifiedName~Outbox"
set -euo pipefail

NAME="test.sh"
log() { printf '[%s] %s\n' "$NAME" "$*" >&2; }
die() { printf '[%s] ERROR: %s\n' "$NAME" "$*" >&2; exit 1; }

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$HERE/.." && pwd)"
SOLUTION="$REPO_ROOT/Coordination.sln"
RESULTS_DIR="$REPO_ROOT/TestResults"
TEST_DB="coordination_test"
PG_PORT="${PG_PORT:-5433}"
RABBITMQ_PORT="${RABBITMQ_PORT:-5673}"
export PG_PORT RABBITMQ_PORT

command -v dotnet >/dev/null 2>&1 || die "'dotnet' was not found on PATH; install the .NET 10 SDK first"
[[ -f "$SOLUTION" ]] || die "$SOLUTION not found"
command -v psql >/dev/null 2>&1 || [[ -x /usr/lib/postgresql/15/bin/psql ]] \
    || log "psql not found yet; deploy/postgres.sh will install PostgreSQL 15"

# results of earlier runs must not be counted
rm -rf "$RESULTS_DIR"
mkdir -p "$RESULTS_DIR"

# --- services: remember what was already running, start what is missing ----------------
STARTED=()
stop_started_services() {
    local svc
    for svc in "${STARTED[@]}"; do
        log "stopping $svc (started by this script)"
        "$HERE/$svc.sh" stop || log "could not stop $svc"
    done
    STARTED=()
}
# shellcheck disable=SC2317  # invoked by the EXIT trap
on_exit() {
    local rc=$?
    trap - EXIT INT TERM
    stop_started_services
    exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for svc in postgres rabbitmq; do
    if "$HERE/$svc.sh" status >/dev/null 2>&1; then
        log "$svc already running: leaving it running afterwards"
    else
        log "$svc not running: starting it (will stop it afterwards)"
        STARTED+=("$svc")
        "$HERE/$svc.sh" start
    fi
done

eval "$("$HERE/postgres.sh" env)"
eval "$("$HERE/rabbitmq.sh" env)"
export COORDINATION_REPO_ROOT="$REPO_ROOT"
log "COORDINATION_TEST_POSTGRES=$COORDINATION_TEST_POSTGRES"
log "COORDINATION_TEST_RABBITMQ=$COORDINATION_TEST_RABBITMQ"
log "COORDINATION_REPO_ROOT=$COORDINATION_REPO_ROOT"

# --- fresh test database -------------------------------------------------------------
PSQL="$(command -v psql || echo /usr/lib/postgresql/15/bin/psql)"
log "recreating database $TEST_DB"
PGPASSWORD=postgres PGCONNECT_TIMEOUT=10 "$PSQL" -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres \
    -v ON_ERROR_STOP=1 \
    -c "DROP DATABASE IF EXISTS $TEST_DB WITH (FORCE)" \
    -c "CREATE DATABASE $TEST_DB" \
    || die "could not recreate database $TEST_DB"

# --- Chromium for the browser tests (tests/Coordination.Browser.Tests) ------------------
if [[ ! -x /usr/bin/chromium ]]; then
    SUDO=()
    [[ $(id -u) -eq 0 ]] || SUDO=(sudo)
    log "chromium not found: apt-get install -y chromium"
    "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq
    DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium \
        || die "could not install chromium (needed by the browser tests)"
fi
export COORDINATION_SCREENSHOTS="$RESULTS_DIR/screenshots"
mkdir -p "$COORDINATION_SCREENSHOTS"

# --- dotnet test ---------------------------------------------------------------------
export DOTNET_CLI_TELEMETRY_OPTOUT="${DOTNET_CLI_TELEMETRY_OPTOUT:-1}"
export DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"

log "dotnet test $SOLUTION -c Release $*"
TEST_RC=0
dotnet test "$SOLUTION" -c Release \
    --logger "trx;LogFilePrefix=results" \
    --results-directory "$RESULTS_DIR" \
    --logger "console;verbosity=normal" \
    --blame-hang-timeout 10m \
    "$@" || TEST_RC=$?
log "dotnet test exited with $TEST_RC"

# --- summary from the TRX files ------------------------------------------------------
# <Counters total="4" executed="3" passed="2" failed="1" error="0" timeout="0" aborted="0" .../>
# Skipped tests are not executed: skipped = total - executed.
attr() { # attr NAME "<Counters ...>" -> value or 0
    local v
    v="$(printf '%s' "$2" | grep -o " $1=\"[0-9]*\"" | head -n1 | tr -dc '0-9' || true)"
    printf '%s' "${v:-0}"
}
TRX_FILES=()
mapfile -d '' -t TRX_FILES < <(find "$RESULTS_DIR" -name '*.trx' -type f -print0 2>/dev/null)
TOTAL=0 PASSED=0 FAILED=0 SKIPPED=0 FILES=0
for trx in "${TRX_FILES[@]}"; do
    counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n1 || true)"
    if [[ -z "$counters" ]]; then
        log "no <Counters> in $trx"
        continue
    fi
    FILES=$((FILES + 1))
    t="$(attr total "$counters")"
    e="$(attr executed "$counters")"
    TOTAL=$((TOTAL + t))
    PASSED=$((PASSED + $(attr passed "$counters")))
    FAILED=$((FAILED + $(attr failed "$counters") + $(attr error "$counters") \
        + $(attr timeout "$counters") + $(attr aborted "$counters")))
    SKIPPED=$((SKIPPED + t - e))
done

log "TRX files: $FILES in $RESULTS_DIR"

# CI keeps only the end of the output: name each failed test there, with its message and
# the first lines of its stack trace, read from the TRX files.
failed_tests() { # failed_tests FILE.trx
    awk '
        function decode(s) {
            gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s); gsub(/&quot;/, "\"", s)
            gsub(/&apos;/, "\047", s); gsub(/&#xD;/, "", s); gsub(/&#xA;/, " ", s); gsub(/&amp;/, "\\&", s)
            return s
        }
        /<UnitTestResult / {
            inresult = ($0 ~ /outcome="(Failed|Error|Timeout|Aborted)"/)
            if (inresult && match($0, /testName="[^"]*"/))
                print "[test.sh] FAILED TEST: " decode(substr($0, RSTART + 10, RLENGTH - 11))
            part = ""; lines = 0; last = ""
            next
        }
        /<\/UnitTestResult>/ { inresult = 0; part = ""; next }
        !inresult { next }
        /<Message>/ { part = "message"; lines = 0; sub(/.*<Message>/, "") }
        /<StackTrace>/ { part = "stack"; lines = 0; sub(/.*<StackTrace>/, "") }
        part != "" {
            done = sub(/<\/(Message|StackTrace)>.*/, "")
            limit = (part == "message") ? 15 : 4
            # async stack traces repeat a frame: print each line once
            if (lines < limit && $0 != "" && $0 != last) { print "[test.sh]     " decode($0); lines++; last = $0 }
            if (done) part = ""
        }
    ' "$1"
}
log "screenshots: $(find "$COORDINATION_SCREENSHOTS" -name '*.png' | wc -l) in $COORDINATION_SCREENSHOTS"
# stop our services now, so that the summary below is the last thing printed
stop_started_services
for trx in "${TRX_FILES[@]}"; do
    failed_tests "$trx"
done

if [[ $FILES -eq 0 || $TOTAL -eq 0 ]]; then
    log "no tests ran at all (dotnet test exit code $TEST_RC)"
    echo "Tests: 0 passed, 0 failed, 0 skipped"
    exit 1
fi
RC=0
if [[ $TEST_RC -ne 0 ]]; then
    log "FAILED: dotnet test exited with $TEST_RC"
    RC=$TEST_RC
fi
if [[ $FAILED -ne 0 ]]; then
    log "FAILED: $FAILED test(s) failed"
    [[ $RC -ne 0 ]] || RC=1
fi
[[ $RC -ne 0 ]] || log "OK"
echo "Tests: $PASSED passed, $FAILED failed, $SKIPPED skipped"
exit "$RC"
