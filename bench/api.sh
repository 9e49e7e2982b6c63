# Starts and stops the AgentLocator API for the bench. Source it after scripts/services.sh (it uses _free_port and
# the connection strings services_start exports).   api_start <log dir>   api_stop
# Exports API_URL and API_PID.

api_start() {
  local logdir="$1"
  local http_port silo_port gateway_port
  http_port=$(_free_port) && silo_port=$(_free_port) && gateway_port=$(_free_port) || return 1
  API_URL="http://127.0.0.1:$http_port"

  # Development migrates and seeds the demo users; the sign-in limiter would otherwise throttle the login scenario;
  # request logs at Information would cost more than the requests they describe.
  ASPNETCORE_ENVIRONMENT=Development \
  ASPNETCORE_URLS="$API_URL" \
  Orleans__SiloPort="$silo_port" \
  Orleans__GatewayPort="$gateway_port" \
  Orleans__ClusterId="bench-$RANDOM$RANDOM" \
  Auth__SignInAttemptsPerMinutePerAddress=1000000 \
  Logging__LogLevel__Default=Warning \
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
  wait "$API_PID" 2>/dev/null
  API_PID=""
  return 0
}
