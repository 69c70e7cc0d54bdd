#!/usr/bin/env bash
# The whole test suite: installs what is missing (Debian packages, npm workspaces), type-checks,
# runs every package's tests against the machine's PostgreSQL, and ends with `N passed, N failed`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export TURBO_TELEMETRY_DISABLED=1 NODE_DISABLE_COLORS=1
exec node scripts/run-tests.mjs
