#!/usr/bin/env bash
# Starts AgentLocator for development: installs what is missing, then runs the .NET Aspire AppHost, which starts
# Postgres, Redis, two API replicas (one Orleans cluster) and the Vite dev server, with Aspire's dashboard at
# http://localhost:18888. Options: --fake-ai (also run the local fake OpenAI/Google TTS); anything else is passed to
# the AppHost as configuration (e.g. --AgentLocator:DataDirectory=/tmp/data). Ctrl+C stops everything.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/prerequisites.sh
ensure_prerequisites
ensure_web_modules AgentLocator.Web

args=()
for arg in "$@"; do
  case "$arg" in
    --fake-ai) args+=(--UseFakes=true) ;;
    *) args+=("$arg") ;;
  esac
done

echo "==> Starting the AppHost. Dashboard: http://localhost:18888 (no login); the app: http://localhost:5173 once the"
echo "    dashboard shows web as healthy (the console says 'AgentLocator is ready at …'). Sign in as admin@demo.local / Passw0rd!"
# exec: Ctrl+C and SIGTERM reach the AppHost (through dotnet run), which stops every resource it started.
exec dotnet run --project AgentLocator.AppHost -- "${args[@]}"
