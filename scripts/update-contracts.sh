#!/usr/bin/env bash
# Refreshes the web app's API contracts after an API change: writes the API's OpenAPI document to
# AgentLocator.Web/src/api/openapi.json (through the contract test, against a throwaway Postgres and Redis),
# then regenerates src/api/schema.d.ts from it. Commit both files.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prerequisites.sh
source scripts/services.sh

ensure_prerequisites
work=$(mktemp -d /tmp/agentlocator-contracts.XXXXXX)
chmod 755 "$work"
cleanup() { services_stop; rm -rf "$work"; }
trap cleanup EXIT
services_start "$work/services"

dotnet build tests/AgentLocator.Api.Tests -nologo -v q -clp:ErrorsOnly
UPDATE_CONTRACTS=1 dotnet test tests/AgentLocator.Api.Tests --no-build -nologo -v q \
  --filter "FullyQualifiedName~OpenApiContractTests"

ensure_web_modules AgentLocator.Web
(cd AgentLocator.Web && npm run --silent contracts)
git status --short AgentLocator.Web/src/api/openapi.json AgentLocator.Web/src/api/schema.d.ts
