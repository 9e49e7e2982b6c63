#!/usr/bin/env bash
# Starts AgentLocator for development: installs what is missing, then runs the AppHost, which starts
# Postgres, Redis, the API and the web dev server and serves its dashboard at http://localhost:18888.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/prerequisites.sh
ensure_prerequisites
ensure_web_modules AgentLocator.Web
exec dotnet run --project AgentLocator.AppHost -- "$@"
