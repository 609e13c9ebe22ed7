#!/usr/bin/env bash
# The README's second command: builds everything and runs every test (unit, task, CLI and end-to-end tests
# that pack Provenance.Build into a local feed and run real `dotnet build` on projects that consume it).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet test Provenance.sln -c Release "$@"
