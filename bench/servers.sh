# Sourced by bench/run.sh and bench/group-commit.sh (REPO set, `set -euo pipefail` on): starts
# PostgreSQL and RabbitMQ with deploy/services.sh (ports as there: PG_PORT, RABBITMQ_PORT) and
# exports where they are: COORDINATION_TEST_POSTGRES and COORDINATION_TEST_RABBITMQ as the tests
# read them, and PGHOST, PGPORT, PGUSER and PGPASSWORD for psql and pgbench.
"$REPO/deploy/services.sh" start >/dev/null
eval "$("$REPO/deploy/postgres.sh" env)"
eval "$("$REPO/deploy/rabbitmq.sh" env)"
pg_field() { tr ';' '\n' <<<"$COORDINATION_TEST_POSTGRES" | sed -n "s/^$1=//p"; }
export PGHOST="$(pg_field Host)" PGPORT="$(pg_field Port)" PGUSER="$(pg_field Username)" PGPASSWORD="$(pg_field Password)"
