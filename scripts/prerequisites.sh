# Installs what this Debian machine lacks for running or testing AgentLocator. Source it, then call
# ensure_prerequisites [--browser]. Runs apt-get only when something is missing, so a second run is quick.

_missing_packages() {
  local missing=()
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  command -v redis-cli >/dev/null 2>&1 || missing+=(redis-tools)
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || ! id postgres >/dev/null 2>&1; then
    missing+=(postgresql)
  fi
  command -v psql >/dev/null 2>&1 || missing+=(postgresql-client)
  if [ "${1:-}" = "--browser" ]; then
    [ -x /usr/bin/chromium ] || missing+=(chromium)
    # Hebrew glyphs in screenshots and a real font for layout checks.
    fc-list 2>/dev/null | grep -qi "dejavu" || missing+=(fonts-dejavu-core)
    # The cluster test: Debian's nginx in front of two API instances (scripts/cluster-test.sh).
    command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
    command -v curl >/dev/null 2>&1 || missing+=(curl)
  fi
  echo "${missing[@]:-}"
}

ensure_prerequisites() {
  local missing
  missing=$(_missing_packages "$@")
  if [ -n "$missing" ]; then
    echo "==> Installing missing Debian packages: $missing"
    if [ "$(id -u)" != "0" ]; then
      echo "Not root: run 'sudo apt-get update && sudo apt-get install -y $missing' and try again." >&2
      return 1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
  fi
  command -v dotnet >/dev/null 2>&1 || { echo "The .NET 10 SDK is required (dotnet not found)." >&2; return 1; }
  command -v npm >/dev/null 2>&1 || { echo "Node.js 20+ with npm is required (npm not found)." >&2; return 1; }
}

# npm ci only when node_modules is missing or older than the lock file.
ensure_web_modules() {
  local web="$1"
  if [ ! -d "$web/node_modules" ] || [ "$web/package-lock.json" -nt "$web/node_modules/.package-lock.json" ]; then
    echo "==> npm ci in $web"
    (cd "$web" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
