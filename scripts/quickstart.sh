#!/usr/bin/env bash
# Installs NetRaven and starts it on embedded defaults (embedded PostgreSQL, data in ./.netraven)
# with a built-in lab of simulated devices (several vendors), so a first backup runs at once.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec node services/netraven/bin/netraven.mjs start --lab "${NETRAVEN_LAB_DEVICES:-5}" "$@"
