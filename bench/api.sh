# Starts and stops the AgentLocator API for the bench. Source it after scripts/services.sh (it uses _free_port and
# the connection strings services_start exports).   api_start <log dir>   api_stop
# Exports API_URL and API_PID.
# Also the fake OpenAI, Google and Twilio for the call scenarios, started before the API so it inherits their
# settings:   fakes_start <log dir>   fakes_stop      Exports BENCH_FAKES_URL, FAKES_PID and the fakes' variables.

api_start() {
  local logdir="$1"
  local http_port silo_port gateway_port
  http_port=$(_free_port) && silo_port=$(_free_port) && gateway_port=$(_free_port) || return 1
  API_URL="http://127.0.0.1:$http_port"

  # Bench__Probes: the database trip counters and the search plan the bench reads (Infrastructure/Bench/BenchProbes.cs).
  # Development migrates and seeds the demo users; the sign-in limiter would otherwise throttle the login scenario;
  # request logs at Information would cost more than the requests they describe; recordings and synthesized
  # replies go to the log directory, not the checkout.
  ASPNETCORE_ENVIRONMENT=Development \
  ASPNETCORE_URLS="$API_URL" \
  Orleans__SiloPort="$silo_port" \
  Orleans__GatewayPort="$gateway_port" \
  Orleans__ClusterId="bench-$RANDOM$RANDOM" \
  Auth__SignInAttemptsPerMinutePerAddress=100000 \
  Logging__LogLevel__Default=Warning \
  Media__Path="$logdir/media" \
  Bench__Probes=true \
    dotnet AgentLocator.Api/bin/Release/net10.0/AgentLocator.Api.dll >"$logdir/api.stdout.log" 2>"$logdir/api.stderr.log" &
  API_PID=$!
  export API_URL API_PID

  # Migrations and the silo joining its cluster take a few seconds; 120 s is far beyond a healthy start.
  local status
  for _ in $(seq 1 240); do
    if ! kill -0 "$API_PID" 2>/dev/null; then
      echo "the API exited during startup; its stderr:" >&2; tail -n 40 "$logdir/api.stderr.log" >&2; return 1
    fi
    status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$API_URL/health" || true)
    [ "$status" = "200" ] && { echo "API healthy on $API_URL (pid $API_PID)"; return 0; }
    sleep 0.5
  done
  echo "the API did not report healthy within 120 s (last /health status: $status); its stderr:" >&2
  tail -n 40 "$logdir/api.stderr.log" >&2
  return 1
}

api_stop() {
  [ -n "${API_PID:-}" ] || return 0
  kill -0 "$API_PID" 2>/dev/null || { API_PID=""; return 0; }
  kill -TERM "$API_PID" 2>/dev/null
  # Graceful shutdown lets the silo leave the cluster; after 30 s it is forced.
  for _ in $(seq 1 60); do kill -0 "$API_PID" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$API_PID" 2>/dev/null && { echo "API did not stop on SIGTERM; killing it" >&2; kill -KILL "$API_PID" 2>/dev/null; }
  # A killed process's status would trip run.sh's `set -e` inside its exit trap and skip stopping the services.
  wait "$API_PID" 2>/dev/null || true
  API_PID=""
  return 0
}

fakes_start() {
  local logdir="$1" port
  port=$(_free_port) || return 1
  # The Release build the bench's own build made (it references the fakes). Warnings only: a log line per request
  # would cost more CPU than the fake answer itself, on the cores the API is measured on.
  # They stop on Ctrl+C (SIGINT) only, which a background job inherits ignored: env restores it (coreutils >= 8.31).
  Logging__LogLevel__Default=Warning env --default-signal=INT \
    dotnet tests/AgentLocator.FakeProviders/bin/Release/net10.0/AgentLocator.FakeProviders.dll --port "$port" \
    >"$logdir/fakes.stdout.log" 2>"$logdir/fakes.stderr.log" &
  FAKES_PID=$!
  export FAKES_PID
  for _ in $(seq 1 120); do
    if ! kill -0 "$FAKES_PID" 2>/dev/null; then
      echo "the fake providers exited during startup; their stderr:" >&2; tail -n 40 "$logdir/fakes.stderr.log" >&2; return 1
    fi
    # The fakes print "export NAME='value'" lines for the API, then this line.
    if grep -qs 'Ctrl+C stops' "$logdir/fakes.stdout.log"; then
      eval "$(grep '^export ' "$logdir/fakes.stdout.log")"
      export BENCH_FAKES_URL="http://127.0.0.1:$port/"
      echo "fake providers on $BENCH_FAKES_URL (pid $FAKES_PID)"
      return 0
    fi
    sleep 0.5
  done
  echo "the fake providers did not start within 60 s" >&2
  return 1
}

fakes_stop() {
  [ -n "${FAKES_PID:-}" ] || return 0
  kill -0 "$FAKES_PID" 2>/dev/null || { FAKES_PID=""; return 0; }
  # SIGINT, not SIGTERM: their program waits for Ctrl+C, and stopping that way deletes their temporary
  # service-account key (a SIGKILL leaves it in /tmp).
  kill -INT "$FAKES_PID" 2>/dev/null
  for _ in $(seq 1 20); do kill -0 "$FAKES_PID" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$FAKES_PID" 2>/dev/null && { echo "fakes did not stop on SIGINT; killing them" >&2; kill -KILL "$FAKES_PID" 2>/dev/null; }
  wait "$FAKES_PID" 2>/dev/null || true
  FAKES_PID=""
  return 0
}
