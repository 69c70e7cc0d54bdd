#!/usr/bin/env bash
# Installs everything NetRaven needs on a fresh Debian machine with Node 20:
# the system libraries nodegit builds against, then the npm workspaces.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
# chromium: the web console's end-to-end tests drive it (playwright-core, /usr/bin/chromium).
for pkg in libkrb5-dev libssl-dev chromium; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${need_apt[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need_apt[@]}"
fi

export TURBO_TELEMETRY_DISABLED=1
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages (nodegit builds libgit2 from source: about 5 minutes the first time)"
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
fi
echo "setup: type-checking and building (the web console too)"
npx tsc -b
npm run build -w web
