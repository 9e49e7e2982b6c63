# Starts a throwaway Postgres and Redis on free loopback ports for tests and benchmarks.
# Source it, then:  services_start <dir>   (exports the connection strings)   services_stop
# Postgres refuses to run as root, so as root it runs as the `postgres` user.

# Ports handed out but maybe not bound yet (a caller may take several before starting anything), shared with the
# subshells that $(_free_port) runs in, so two callers never get the same one: the cluster test once put nginx's TLS
# listener and a plain one on one port.
: "${AGENTLOCATOR_PORTS_TAKEN:=$(mktemp -t agentlocator-ports.XXXXXX)}"
export AGENTLOCATOR_PORTS_TAKEN

_free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$(( (RANDOM % 20000) + 20000 ))
    grep -qx "$port" "$AGENTLOCATOR_PORTS_TAKEN" 2>/dev/null && continue
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port" >>"$AGENTLOCATOR_PORTS_TAKEN"
      echo "$port"; return 0
    fi
  done
  echo "no free port found" >&2; return 1
}

_pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }; done
  dirname "$(command -v initdb)"
}

_as_pg_owner() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

services_start() {
  local dir="$1"
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  SERVICES_DIR="$dir"
  local pgbin; pgbin=$(_pg_bin)
  local pgdata="$dir/pg" sock="$dir/pgsock"
  mkdir -p "$sock"
  if [ "$(id -u)" = "0" ]; then chown postgres "$dir" "$sock"; chmod 755 "$dir"; fi
  PG_PORT=$(_free_port)
  if [ ! -f "$pgdata/PG_VERSION" ]; then
    _as_pg_owner "$pgbin/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log"; return 1; }
  fi
  # Tests create and drop many databases: fsync off keeps that fast; this data is thrown away.
  # AGENTLOCATOR_PG_OPTIONS adds server settings for an investigation (bench/README.md, "Which statements cost").
  _as_pg_owner "$pgbin/pg_ctl" -D "$pgdata" -l "$dir/postgres.log" -w -t 60 \
    -o "-p $PG_PORT -k $sock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 ${AGENTLOCATOR_PG_OPTIONS:-}" start >/dev/null \
    || { cat "$dir/postgres.log"; return 1; }

  REDIS_PORT=$(_free_port)
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$dir" --save "" --appendonly no \
    --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" || return 1
  for _ in $(seq 1 100); do
    [ "$(redis-cli -p "$REDIS_PORT" ping 2>/dev/null)" = "PONG" ] && break; sleep 0.1
  done

  export ConnectionStrings__agentlocator="Host=127.0.0.1;Port=$PG_PORT;Database=agentlocator;Username=postgres;Password=unused"
  export ConnectionStrings__redis="127.0.0.1:$REDIS_PORT"
  export AGENTLOCATOR_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=unused"
  export AGENTLOCATOR_TEST_REDIS="127.0.0.1:$REDIS_PORT"
  export PG_PORT REDIS_PORT SERVICES_DIR
  echo "postgres on 127.0.0.1:$PG_PORT, redis on 127.0.0.1:$REDIS_PORT (data in $dir)"
}

services_stop() {
  [ -n "${SERVICES_DIR:-}" ] || return 0
  local pgbin; pgbin=$(_pg_bin)
  [ -f "$SERVICES_DIR/pg/postmaster.pid" ] && _as_pg_owner "$pgbin/pg_ctl" -D "$SERVICES_DIR/pg" -m fast -w stop >/dev/null 2>&1
  [ -f "$SERVICES_DIR/redis.pid" ] && kill "$(cat "$SERVICES_DIR/redis.pid")" 2>/dev/null
  return 0
}
