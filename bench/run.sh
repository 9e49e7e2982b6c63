#!/usr/bin/env bash
# The one command: throwaway Postgres + Redis, the API built in Release, the bench against it, everything stopped
# on exit. Arguments go to the bench, e.g.  bench/run.sh --duration 10 --concurrency 32 --scenarios alive,login,me
set -euo pipefail

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
  services_stop
  echo "bench logs: $workdir" >&2
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Only these two projects: a whole-solution build would collide with other builds in this checkout.
dotnet build AgentLocator.Api -c Release -nologo -v q
dotnet build bench/AgentLocator.Bench -c Release -nologo -v q

services_start "$workdir/services"
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -q -c 'create database agentlocator'
api_start "$workdir"

# From the caller's directory, so a relative --out lands where the caller expects.
(cd "$caller" && dotnet "$repo/bench/AgentLocator.Bench/bin/Release/net10.0/AgentLocator.Bench.dll" --api-url "$API_URL" "$@")
