#!/usr/bin/env bash
# The added cost of writing a call's timeline event on the call path (bench/run.sh --timeline runs it after the HTTP
# scenarios). The call grain saves the new call row and its event in one SaveChanges: one round trip, one transaction.
# pgbench plays both shapes as single statements, one client, against the loaded database: the call row alone, and
# the call row with its event (a CTE, so still one round trip). The difference of their latency percentiles is what
# the event adds. Needs PG_PORT (scripts/services.sh) and the demo business.
set -euo pipefail
: "${PG_PORT:?run from bench/run.sh or after services_start}"
transactions="${TIMELINE_WRITE_TRANSACTIONS:-2000}"
work=$(mktemp -d /tmp/agentlocator-timeline-write.XXXXXX)
chmod 777 "$work"
pgbench_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | tail -1)/pgbench"
[ -x "$pgbench_bin" ] || pgbench_bin=pgbench
business=$(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d agentlocator -Atq -c "SELECT id FROM businesses WHERE twilio_number = '+97235550100'")

call_values="gen_random_uuid(), '$business', 'CA' || md5(random()::text), '+972520000000', '+97235550100', NULL, 'in-progress', 'inbound', now(), 'in-progress', 0, false, now(), now()"
call_columns='id, business_id, call_sid, "from", "to", customer_id, status, direction, started_at, disposition, turn_count, reprompted, created_at, updated_at'

cat > "$work/call.sql" <<SQL
INSERT INTO calls ($call_columns) VALUES ($call_values);
SQL
cat > "$work/call-and-event.sql" <<SQL
WITH call AS (INSERT INTO calls ($call_columns) VALUES ($call_values) RETURNING id, business_id, started_at)
INSERT INTO timeline_events (id, business_id, customer_id, kind, occurred_at, updated_at, actor_type, actor_id, actor_name, title, summary, link, pinned, source_id, source_key, payload, search_text)
SELECT timeline_event_id(started_at), business_id, NULL, 'call', started_at, started_at, 'caller', NULL, '+972520000000', 'שיחה נכנסת — בשיחה', NULL, '/calls/' || id, false, id, id::text,
       jsonb_build_object('callId', id, 'disposition', 'in-progress', 'durationSeconds', NULL, 'recordingUrl', NULL, 'transcriptFirstLine', NULL, 'summary', NULL),
       'שיחה נכנסת — בשיחה' FROM call;
SQL

percentiles() { # per-transaction log lines: client txno latency_us ...
  awk '{print $3}' "$@" | sort -n | awk '{a[NR]=$1} END {printf "p50 %.3f ms, p95 %.3f ms, p99 %.3f ms (n=%d)\n", a[int(NR*0.50)]/1000, a[int(NR*0.95)]/1000, a[int(NR*0.99)]/1000, NR}'
}

run() { # name script round
  (cd "$work" && "$pgbench_bin" -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -c 1 -t "$transactions" -f "$2" -l --log-prefix="$1-$3" agentlocator >/dev/null)
}

# Warm-up, then the two shapes alternately, three rounds each, so drift in the machine's load hits both alike.
(cd "$work" && "$pgbench_bin" -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -c 1 -t 500 -f "$work/call-and-event.sql" agentlocator >/dev/null)
for round in 1 2 3; do
  run call-only "$work/call.sql" "$round"
  run call-and-event "$work/call-and-event.sql" "$round"
  echo "round $round: call only: $(percentiles "$work"/call-only-"$round".*); call + event: $(percentiles "$work"/call-and-event-"$round".*)"
done
echo "all rounds: call only: $(percentiles "$work"/call-only-*); call + event: $(percentiles "$work"/call-and-event-*)"
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d agentlocator -q -c "DELETE FROM timeline_events WHERE kind = 'call' AND customer_id IS NULL AND actor_name = '+972520000000'; DELETE FROM calls WHERE \"from\" = '+972520000000'"
rm -rf "$work"
