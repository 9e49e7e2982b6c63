#!/usr/bin/env bash
# The deployment topology, tested: Debian's nginx with deploy/nginx's locations in front of TWO API processes that form
# one Orleans cluster (Redis clustering, distinct silo/gateway ports) on one Postgres, serving the built web app; then
# the browser suite of AgentLocator.Web/e2e-cluster (Playwright, Debian's Chromium) runs through it.
#
# nginx listens on three ports: the app (both instances, round robin), and one per instance (same locations, one
# upstream each), so a tab can be held on a known instance. nginx plays the TLS terminator: it sends
# X-Forwarded-Proto: https, as deploy/nginx/agentlocator.conf does on its 443 listener.
#
# Needs: the solution built (Debug), AgentLocator.Web/dist built, nginx and chromium (scripts/prerequisites.sh).
# Uses the Postgres/Redis of scripts/services.sh when PG_PORT is set (as in ./test.sh), else starts its own.
# Prints Playwright's "N passed" line; exit code 0 only if every test passed.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
source scripts/services.sh

work=$(mktemp -d /tmp/agentlocator-cluster.XXXXXX)
chmod 755 "$work"
own_services=false
database=""
pids=()
cleanup() {
  local status=$?
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$work/nginx/nginx.pid" ] && kill "$(cat "$work/nginx/nginx.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
  [ -n "${database:-}" ] && psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1 || true
  if $own_services; then services_stop; fi
  if [ "$status" -ne 0 ]; then
    echo "==> cluster test failed; the API and nginx logs:"
    for log in "$work"/api-*.log "$work"/nginx/*.log; do [ -f "$log" ] && { echo "--- $log"; tail -n 40 "$log"; }; done
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT

if [ -z "${PG_PORT:-}" ]; then
  services_start "$work/services"
  own_services=true
fi

api_dll="$root/AgentLocator.Api/bin/Debug/net10.0/AgentLocator.Api.dll"
dist="$root/AgentLocator.Web/dist"
[ -f "$api_dll" ] || { echo "Build the solution first (dotnet build AgentLocator.sln)." >&2; exit 1; }
[ -f "$dist/index.html" ] || { echo "Build the web app first (cd AgentLocator.Web && npm run build)." >&2; exit 1; }
nginx=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$nginx" ] || { echo "nginx is missing (scripts/prerequisites.sh installs it)." >&2; exit 1; }

database="cluster_$(date +%s)_$RANDOM"
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE $database" >/dev/null

cluster_id="cluster-$RANDOM$RANDOM"
twilio_token="cluster-twilio-token"
# Deliberately not nginx's address: Twilio signs the public URL, whatever host the request reaches us on.
public_host="https://crm.agentlocator.test"

# One API process: Development (migrates and seeds the demo users; both instances do it under one advisory lock),
# trusting loopback's forwarded headers, with Production's security headers on and a quick alert sweep.
start_instance() {
  local name="$1" port="$2"
  ASPNETCORE_ENVIRONMENT=Development \
  ASPNETCORE_URLS="http://127.0.0.1:$port" \
  ConnectionStrings__agentlocator="Host=127.0.0.1;Port=$PG_PORT;Database=$database;Username=postgres;Password=unused" \
  ConnectionStrings__redis="127.0.0.1:$REDIS_PORT" \
  Orleans__ClusterId="$cluster_id" \
  Orleans__SiloPort="$(_free_port)" \
  Orleans__GatewayPort="$(_free_port)" \
  TRUSTED_PROXIES="127.0.0.1, ::1" \
  Security__Headers=true \
  PUBLIC_HOST="$public_host" \
  TWILIO_TOKEN="$twilio_token" \
  Alerts__SweepInterval=2s \
  Auth__SignInAttemptsPerMinutePerAddress=1000 \
  Media__Path="$work/media" \
  Whisper__ModelPath= OPENAI_API_KEY= \
  Logging__LogLevel__Default=Warning \
    dotnet "$api_dll" >"$work/api-$name.log" 2>&1 &
  pids+=($!)
  # The suite kills one instance on purpose; that is no news for this shell to report.
  disown $!
  echo $! >"$work/api-$name.pid"
}

# Waits until the instance reports "<n> active silo(s)" in its /health (the silo is in the cluster with the others).
wait_for_cluster() {
  local port="$1" silos="$2"
  for _ in $(seq 1 240); do
    if curl -fsS "http://127.0.0.1:$port/health" 2>/dev/null | grep -q "$silos active silo(s)"; then return 0; fi
    sleep 0.5
  done
  echo "The instance on port $port never saw $silos active silos:" >&2
  curl -sS "http://127.0.0.1:$port/health" >&2 || true
  return 1
}

port_a=$(_free_port); port_b=$(_free_port)
echo "==> Starting two API instances (one Orleans cluster '$cluster_id') on :$port_a and :$port_b"
start_instance a "$port_a"
# The first migrates and seeds; the second then starts on a ready schema (each would wait on the lock anyway).
wait_for_cluster "$port_a" 1
start_instance b "$port_b"
wait_for_cluster "$port_b" 2
wait_for_cluster "$port_a" 2

nginx_dir="$work/nginx"
mkdir -p "$nginx_dir/conf/snippets"
cp deploy/nginx/agentlocator-app.conf deploy/nginx/agentlocator-security-headers.conf "$nginx_dir/conf/snippets/"
port_app=$(_free_port); port_only_a=$(_free_port); port_only_b=$(_free_port)
# One server block per listener; the locations are the deployed ones.
server_block() {
  cat <<CONF
    server {
        listen 127.0.0.1:$1;
        server_name localhost;
        root $dist;
        set \$agentlocator_proto https;
        set \$agentlocator_upstream $2;
        include snippets/agentlocator-app.conf;
    }
CONF
}
cat >"$nginx_dir/conf/nginx.conf" <<CONF
user $(id -un);
worker_processes 1;
pid $nginx_dir/nginx.pid;
error_log $nginx_dir/error.log warn;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    log_format upstream '\$remote_addr "\$request" \$status upstream=\$upstream_addr';
    access_log $nginx_dir/access.log upstream;
    map \$http_upgrade \$connection_upgrade { default upgrade; '' close; }
    upstream agentlocator_api {
        server 127.0.0.1:$port_a max_fails=1 fail_timeout=5s;
        server 127.0.0.1:$port_b max_fails=1 fail_timeout=5s;
        keepalive 16;
    }
    upstream agentlocator_only_a { server 127.0.0.1:$port_a; }
    upstream agentlocator_only_b { server 127.0.0.1:$port_b; }
$(server_block "$port_app" agentlocator_api)
$(server_block "$port_only_a" agentlocator_only_a)
$(server_block "$port_only_b" agentlocator_only_b)
}
CONF
# The worker (not root when run as root) reads the built app.
chmod -R a+rX "$dist"
"$nginx" -e "$nginx_dir/error.log" -p "$nginx_dir" -c "$nginx_dir/conf/nginx.conf" -t -q
"$nginx" -e "$nginx_dir/error.log" -p "$nginx_dir" -c "$nginx_dir/conf/nginx.conf"
for _ in $(seq 1 50); do curl -fsS -o /dev/null "http://127.0.0.1:$port_app/" 2>/dev/null && break; sleep 0.1; done
echo "==> nginx on :$port_app (both instances), :$port_only_a (a only), :$port_only_b (b only)"

# localhost, not 127.0.0.1: Chromium keeps a Secure cookie received over plain http only on localhost.
export CLUSTER_URL="http://localhost:$port_app"
export CLUSTER_URL_A="http://localhost:$port_only_a"
export CLUSTER_URL_B="http://localhost:$port_only_b"
export CLUSTER_API_A="http://127.0.0.1:$port_a" CLUSTER_API_B="http://127.0.0.1:$port_b"
export CLUSTER_PID_A="$(cat "$work/api-a.pid")"
export CLUSTER_PUBLIC_HOST="$public_host" CLUSTER_TWILIO_TOKEN="$twilio_token"
cd AgentLocator.Web
npx playwright test -c playwright.cluster.config.ts
