#!/usr/bin/env bash
# The one command: throwaway Postgres + Redis, the API built in Release, the bench against it, everything stopped
# on exit. Arguments go to the bench, e.g.  bench/run.sh --duration 10 --concurrency 32 --scenarios alive,login,me
# --customers N (taken here, not passed on) first loads N customers into the demo business, and without --scenarios
# runs the CRM scenarios:  bench/run.sh --customers 1000000 --concurrency 16
# --alerts (taken here) runs the task-alert scenarios with real SignalR clients instead of the HTTP ones (about 10 min):
#   bench/run.sh --alerts      (= --scenarios alerts-latency,alerts-10k,alerts-1000-agents; sizes: --alert-* options)
# --calls (taken here) starts the fake OpenAI, Google and Twilio first and points the API at them, then runs the
# AI receptionist's webhooks:
#   bench/run.sh --calls       (= --scenarios call-incoming,call-recording,call-turn; --call-count N, default 1000)
# --timeline (taken here) loads 1 M timeline events over 10 k customers (bench/timeline-load.sql) and runs the timeline reads:
#   bench/run.sh --timeline    (= --scenarios timeline-first-page,timeline-cursor,timeline-kind,timeline-feed)
# --whatsapp (taken here) loads a 10 k-message thread (bench/whatsapp-load.sql) and runs the inbound webhook (closed loop,
# then 100/s open loop) and the thread's first page:  bench/run.sh --whatsapp  (= --scenarios whatsapp-inbound,whatsapp-thread-first-page)
# --growth (taken here) runs the customers and timeline reads at 10 k, 100 k and 1 M rows in one run (customers loaded
# to N, timeline events to N), so a step that is not index-backed shows as growth:  bench/run.sh --growth --concurrency 4
# Every run reports the cost per request (API and Postgres CPU, pool checkouts, round trips; bench/README.md).
# --contracts (taken here) prints a 3-page Hebrew contract through Chromium and completes signatures on it (stamp, certificate
# page, PKCS#7):  bench/run.sh --contracts  (= --scenarios contract-pdf-3-pages,signature-complete)
set -euo pipefail

crm_scenarios=customers-page1,customers-page20000,customers-cursor,customers-search-name,customers-search-phone
alert_scenarios=alerts-latency,alerts-10k,alerts-1000-agents
call_scenarios=call-incoming,call-incoming-known,call-recording,call-turn
timeline_scenarios=timeline-first-page,timeline-cursor,timeline-kind,timeline-feed
whatsapp_scenarios=whatsapp-inbound,whatsapp-thread-first-page
contract_scenarios=contract-pdf-3-pages,signature-complete
contracts=""
whatsapp=""
growth=""
growth_scenarios=customers-page1,customers-cursor,customers-search-name,customers-search-phone,$timeline_scenarios
timeline=""
customers=""
alerts=""
calls=""
bench_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --customers) [ $# -ge 2 ] || { echo "--customers needs a count" >&2; exit 2; }; customers="$2"; shift 2 ;;
    --alerts) alerts=1; shift ;;
    --calls) calls=1; shift ;;
    --timeline) timeline=1; shift ;;
    --whatsapp) whatsapp=1; shift ;;
    --growth) growth=1; shift ;;
    --contracts) contracts=1; shift ;;
    *) bench_args+=("$1"); shift ;;
  esac
done
if [ -n "$customers" ] && [[ " ${bench_args[*]-} " != *" --scenarios "* ]]; then
  bench_args+=(--scenarios "$crm_scenarios")
fi
if [ -n "$alerts" ] && [[ " ${bench_args[*]-} " != *" --scenarios "* ]]; then
  bench_args+=(--scenarios "$alert_scenarios")
fi
if [ -n "$calls" ] && [[ " ${bench_args[*]-} " != *" --scenarios "* ]]; then
  bench_args+=(--scenarios "$call_scenarios")
fi
if [ -n "$timeline" ] && [[ " ${bench_args[*]-} " != *" --scenarios "* ]]; then
  bench_args+=(--scenarios "$timeline_scenarios")
fi
if [ -n "$whatsapp" ] && [[ " ${bench_args[*]-} " != *" --scenarios "* ]]; then
  bench_args+=(--scenarios "$whatsapp_scenarios")
fi
if [ -n "$contracts" ] && [[ " ${bench_args[*]-} " != *" --scenarios "* ]]; then
  bench_args+=(--scenarios "$contract_scenarios")
fi

caller=$(pwd)
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
source scripts/services.sh
source bench/api.sh

workdir=$(mktemp -d /tmp/agentlocator-bench.XXXXXX)
# Postgres runs as its own user when we are root and must reach its data dir below this one.
chmod 755 "$workdir"
cleanup() {
  local status=$?
  api_stop
  fakes_stop
  services_stop
  echo "bench logs: $workdir" >&2
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Only these two projects (and the bench's references: the call simulator, the fake providers): a whole-solution
# build would collide with other builds in this checkout.
# The API's build takes the PDF font from the web app's modules.
[ -d AgentLocator.Web/node_modules/@fontsource ] || (cd AgentLocator.Web && npm ci --no-audit --no-fund --loglevel=error)
dotnet build AgentLocator.Api -c Release -nologo -v q
dotnet build bench/AgentLocator.Bench -c Release -nologo -v q
[ -z "$customers$growth" ] || dotnet build bench/AgentLocator.Bench.CustomerLoader -c Release -nologo -v q

services_start "$workdir/services"
# The bench reads the cluster's CPU time from /proc below its postmaster (CostMeter.cs).
BENCH_PG_PID=$(head -n 1 "$SERVICES_DIR/pg/postmaster.pid")
export BENCH_PG_PID
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -q -c 'create database agentlocator'
# Before the API, which inherits the variables pointing it at the fakes (OPENAI_*, GOOGLE_*, Google__*).
[ -z "$calls" ] || fakes_start "$workdir"
api_start "$workdir"
# After the API's start: its migrations create the tables and its seed the demo business the loader fills.
[ -z "$customers" ] || dotnet bench/AgentLocator.Bench.CustomerLoader/bin/Release/net10.0/AgentLocator.Bench.CustomerLoader.dll --customers "$customers"
[ -z "$timeline" ] || psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d agentlocator -q -f bench/timeline-load.sql
[ -z "$whatsapp" ] || psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d agentlocator -q -f bench/whatsapp-load.sql

bench() {
  # From the caller's directory, so a relative --out lands where the caller expects.
  (cd "$caller" && dotnet "$repo/bench/AgentLocator.Bench/bin/Release/net10.0/AgentLocator.Bench.dll" --api-url "$API_URL" "$@")
}
if [ -n "$growth" ]; then
  # Synthetic customers first (the name search samples their names), then the timeline's 10 k customers and events:
  # the first step has 20 k customers, the later ones N (the loader counts the timeline's towards N).
  for rows in 10000 100000 1000000; do
    dotnet bench/AgentLocator.Bench.CustomerLoader/bin/Release/net10.0/AgentLocator.Bench.CustomerLoader.dll --customers "$rows"
    psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d agentlocator -q -v events="$rows" -f bench/timeline-load.sql
    customers=$(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d agentlocator -tAq -c "SELECT count(*) FROM customers")
    echo
    echo "### Growth: $customers customers, $rows timeline events ($(uptime | sed 's/.*load average/load average/'))"
    echo
    bench --scenarios "$growth_scenarios" ${bench_args[@]+"${bench_args[@]}"}
  done
  exit 0
fi
(cd "$caller" && dotnet "$repo/bench/AgentLocator.Bench/bin/Release/net10.0/AgentLocator.Bench.dll" --api-url "$API_URL" ${bench_args[@]+"${bench_args[@]}"})
[ -z "$timeline" ] || bench/timeline-write-cost.sh
