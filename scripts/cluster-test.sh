#!/usr/bin/env bash
# The deployment topology, tested: Debian's nginx with deploy/nginx's locations in front of TWO API processes that form
# one Orleans cluster (Redis clustering, distinct silo/gateway ports) on one Postgres, serving the built web app; then
# the browser suite of AgentLocator.Web/e2e-cluster (Playwright, Debian's Chromium) runs through it.
#
# nginx listens on four ports: the public HTTPS address (TLS ends in nginx, with a self-signed certificate for
# localhost, exactly as deploy/nginx/agentlocator.conf's 443 server: X-Forwarded-Proto is its $scheme), which is
# PUBLIC_HOST; the app over plain http (both instances, round robin); and one per instance (same locations, one upstream
# each), so a tab can be held on a known instance. The plain listeners play the TLS terminator: they send
# X-Forwarded-Proto: https.
#
# The settings shared by every instance are an env file in the runbook's format (deploy/systemd/agentlocator.env.example),
# and the operator's command (RUNBOOK.md step 7: `AgentLocator.Api admin …` in Production with that file) is a script
# the browser suite runs, so e2e-cluster/operator-walk.spec.ts follows the runbook from a new business on.
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
# The public address is nginx's TLS listener, as in production: Twilio (and the admin's "test" button) sign and call it.
port_tls=$(_free_port)
public_host="https://localhost:$port_tls"

# A certificate for localhost, standing in for the real one at deploy/nginx/agentlocator.conf's placeholder paths. The
# instances trust it (SSL_CERT_FILE: the system's roots plus it) so the "test" button's request through PUBLIC_HOST
# verifies TLS as it would against a real certificate.
tls="$work/tls"
mkdir -p "$tls"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=localhost" -addext "subjectAltName=DNS:localhost" \
  -keyout "$tls/agentlocator.key" -out "$tls/agentlocator.crt" 2>/dev/null
cat /etc/ssl/certs/ca-certificates.crt "$tls/agentlocator.crt" >"$tls/trusted.pem" 2>/dev/null || cp "$tls/agentlocator.crt" "$tls/trusted.pem"

# /etc/agentlocator/agentlocator.env of the runbook: the settings every instance and the operator's command share.
env_file="$work/agentlocator.env"
cat >"$env_file" <<ENV
DATABASE_URL=postgres://postgres:unused@127.0.0.1:$PG_PORT/$database
REDIS_URL=redis://127.0.0.1:$REDIS_PORT
PUBLIC_HOST=$public_host
TWILIO_TOKEN=$twilio_token
TRUSTED_PROXIES="127.0.0.1, ::1"
Media__Path=$work/media
Orleans__ClusterId=$cluster_id
ENV

# One API process: Development (migrates and seeds the demo users; both instances do it under one advisory lock),
# the env file's settings as agentlocator@.service reads them, with Production's security headers on and a quick sweep.
start_instance() {
  local name="$1" port="$2"
  (
    # services.sh's connection strings (./test.sh exports them) would win over the env file's URLs: a server has none.
    unset ConnectionStrings__agentlocator ConnectionStrings__redis
    set -a; . "$env_file"; set +a
    export ASPNETCORE_ENVIRONMENT=Development \
      ASPNETCORE_URLS="http://127.0.0.1:$port" \
      Orleans__SiloPort="$(_free_port)" \
      Orleans__GatewayPort="$(_free_port)" \
      SSL_CERT_FILE="$tls/trusted.pem" \
      Security__Headers=true \
      Alerts__SweepInterval=2s \
      Auth__SignInAttemptsPerMinutePerAddress=1000 \
      Whisper__ModelPath= OPENAI_API_KEY= \
      Logging__LogLevel__Default=Warning
    exec dotnet "$api_dll"
  ) >"$work/api-$name.log" 2>&1 &
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
    # The public address: deploy/nginx/agentlocator.conf's 443 server, on a free port with the certificate above.
    server {
        listen 127.0.0.1:$port_tls ssl;
        server_name localhost;
        ssl_certificate     $tls/agentlocator.crt;
        ssl_certificate_key $tls/agentlocator.key;
        ssl_protocols TLSv1.2 TLSv1.3;
        root $dist;
        set \$agentlocator_proto \$scheme;
        set \$agentlocator_upstream agentlocator_api;
        include snippets/agentlocator-app.conf;
    }
}
CONF
# The worker (not root when run as root) reads the built app.
chmod -R a+rX "$dist"
"$nginx" -e "$nginx_dir/error.log" -p "$nginx_dir" -c "$nginx_dir/conf/nginx.conf" -t -q
"$nginx" -e "$nginx_dir/error.log" -p "$nginx_dir" -c "$nginx_dir/conf/nginx.conf"
for _ in $(seq 1 50); do curl -fsS -o /dev/null "http://127.0.0.1:$port_app/" 2>/dev/null && break; sleep 0.1; done
echo "==> nginx on $public_host (TLS, both instances), :$port_app (both instances), :$port_only_a (a only), :$port_only_b (b only)"

# RUNBOOK.md step 7's command, as written there: the API's own executable in Production with the env file's settings.
operator_command="$work/agentlocator-admin"
cat >"$operator_command" <<SCRIPT
#!/usr/bin/env bash
set -euo pipefail
cd "$(dirname "$api_dll")"
unset ConnectionStrings__agentlocator ConnectionStrings__redis
set -a; . "$env_file"; set +a
ASPNETCORE_ENVIRONMENT=Production exec ./AgentLocator.Api "\$@"
SCRIPT
chmod +x "$operator_command"

# localhost, not 127.0.0.1: Chromium keeps a Secure cookie received over plain http only on localhost.
export CLUSTER_URL="http://localhost:$port_app"
export CLUSTER_URL_A="http://localhost:$port_only_a"
export CLUSTER_URL_B="http://localhost:$port_only_b"
export CLUSTER_API_A="http://127.0.0.1:$port_a" CLUSTER_API_B="http://127.0.0.1:$port_b"
export CLUSTER_PID_A="$(cat "$work/api-a.pid")"
export CLUSTER_PUBLIC_HOST="$public_host" CLUSTER_TWILIO_TOKEN="$twilio_token"
export CLUSTER_OPERATOR_COMMAND="$operator_command"
cd AgentLocator.Web
npx playwright test -c playwright.cluster.config.ts
