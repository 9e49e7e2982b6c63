#!/usr/bin/env bash
# Runs every test: .NET (API against a real Postgres and Redis, AppHost), the web unit tests, the browser tests in
# headless Chromium, and the cluster test (nginx in front of two API instances, scripts/cluster-test.sh). Installs what
# is missing first. Exit code 0 only if all passed.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
source scripts/prerequisites.sh
source scripts/services.sh

ensure_prerequisites --browser

work=$(mktemp -d /tmp/agentlocator-test.XXXXXX)
chmod 755 "$work"
cleanup() { services_stop; rm -rf "$work"; }
trap cleanup EXIT

echo "==> Starting Postgres and Redis for the tests"
services_start "$work/services"
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE agentlocator" >/dev/null

declare -A passed failed
# Sums the counts a runner printed ("29 passed") on the lines matching $2; 0 when it printed none.
count() {
  sed 's/\x1b\[[0-9;]*m//g' "$1" | { grep -E "$2" || true; } | { grep -oE "$3" || true; } \
    | awk 'match($0, /[0-9]+/) { s += substr($0, RSTART, RLENGTH) } END { print s + 0 }'
}
status=0
log="$work/logs"; mkdir -p "$log"

# The AppHost's end-to-end test starts the Vite dev server, so the web modules come before the .NET tests.
ensure_web_modules AgentLocator.Web

echo "==> Building the solution"
dotnet build AgentLocator.sln -nologo -v q -clp:ErrorsOnly

echo "==> .NET tests"
# One test project at a time (-m:1): the AppHost's end-to-end run and the API's silo-kill tests each need the
# machine's two cores to themselves to keep their timing honest.
if ! dotnet test AgentLocator.sln --no-build -nologo -v q -m:1 2>&1 | tee "$log/dotnet.txt"; then status=1; fi
passed[dotnet]=$(count "$log/dotnet.txt" '^(Passed|Failed)!' 'Passed: +[0-9]+')
failed[dotnet]=$(count "$log/dotnet.txt" '^(Passed|Failed)!' 'Failed: +[0-9]+')
# The PDF renderer's headless Chromium must end with the process that started it. A browser left behind is reparented
# to PID 1 and spins; one whose working directory is in this checkout was started by these tests: print it, end it, fail.
# (Others belong to someone else on the machine and are only reported.)
for pid in $(ps -eo pid=,ppid=,args= | awk '$2 == 1 && $3 ~ /\/chromium$/ && !/--type=/ { print $1 }'); do
  cwd=$(readlink "/proc/$pid/cwd" 2>/dev/null || true)
  if [[ "$cwd/" == "$root/"* ]]; then
    echo "A Chromium started by the .NET tests outlived them (pid $pid, in $cwd); ending it:" >&2
    ps -o pid=,etime=,args= -p "$pid" | cut -c1-200 >&2
    kill "$pid" 2>/dev/null || true
    status=1; failed[dotnet]=$(( ${failed[dotnet]} + 1 ))
  else
    echo "Note: an orphaned Chromium not started from this checkout (pid $pid, in ${cwd:-?}) is left alone." >&2
  fi
done

echo "==> Web unit tests"
ensure_web_modules AgentLocator.Web
if ! (cd AgentLocator.Web && npm test --silent 2>&1) | tee "$log/vitest.txt"; then status=1; fi
passed[web]=$(count "$log/vitest.txt" '^ +Tests ' '[0-9]+ passed')
failed[web]=$(count "$log/vitest.txt" '^ +Tests ' '[0-9]+ failed')

echo "==> Browser tests (headless Chromium against the API serving the built web app)"
(cd AgentLocator.Web && npm run build --silent)
export E2E_PORT=$(_free_port) E2E_SILO_PORT=$(_free_port) E2E_GATEWAY_PORT=$(_free_port) E2E_FAKES_PORT=$(_free_port)
if ! (cd AgentLocator.Web && npx playwright test 2>&1) | tee "$log/e2e.txt"; then status=1; fi
passed[browser]=$(count "$log/e2e.txt" '^ +[0-9]+ passed' '[0-9]+ passed')
failed[browser]=$(count "$log/e2e.txt" '^ +[0-9]+ (failed|flaky)' '[0-9]+ (failed|flaky)')

echo "==> Cluster test (Debian's nginx in front of two API instances forming one Orleans cluster)"
if ! bash scripts/cluster-test.sh 2>&1 | tee "$log/cluster.txt"; then status=1; fi
passed[cluster]=$(count "$log/cluster.txt" '^ +[0-9]+ passed' '[0-9]+ passed')
failed[cluster]=$(count "$log/cluster.txt" '^ +[0-9]+ (failed|flaky)' '[0-9]+ (failed|flaky)')

total_passed=0; total_failed=0
echo
echo "==> Summary"
for suite in dotnet web browser cluster; do
  printf '  %-8s %4s passed, %s failed\n' "$suite" "${passed[$suite]:-0}" "${failed[$suite]:-0}"
  total_passed=$((total_passed + ${passed[$suite]:-0})); total_failed=$((total_failed + ${failed[$suite]:-0}))
done
# The names of what failed, last, so a CI log's tail says which tests to look at.
failed_names() {
  local plain='s/\x1b\[[0-9;]*m//g'
  sed "$plain" "$log/dotnet.txt" | grep -E '\[FAIL\]$' | sed -E 's/^\[xUnit[^]]*\] +//; s/ \[FAIL\]$//; s/^/  dotnet   /'
  sed "$plain" "$log/vitest.txt" | grep -E '^ *(FAIL|×) ' | sort -u | sed 's/^ */  web      /'
  local suite
  for suite in e2e cluster; do
    sed "$plain" "$log/$suite.txt" \
      | awk '/^ +[0-9]+ (failed|flaky)$/ { on = 1; next } /^ +[0-9]+ (passed|skipped|did not run)/ { on = 0 } on && /›/' \
      | sed "s/^ */  $suite  /"
  done
}
if [ "$total_failed" -gt 0 ] || [ "$status" -ne 0 ]; then
  echo "==> Failed tests"
  failed_names 2>/dev/null || true
fi
# A suite that crashed before reporting counts is still a failure.
[ "$status" -ne 0 ] && [ "$total_failed" -eq 0 ] && total_failed=1
echo "Total: $total_passed passed, $total_failed failed"
exit "$status"
