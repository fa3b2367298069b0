#!/usr/bin/env bash
# Sets everything up and starts the panel: installs packages, builds, runs telpanel.
#   scripts/run.sh              the panel window (needs a display); with no account configured,
#                               a demo: a local test exchange with colleagues and a customer
#   scripts/run.sh --headless   the core with no window; control it with telpanelctl
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/setup.sh"
build=$("$top/scripts/build.sh" | tail -n 1)
conf="${XDG_CONFIG_HOME:-$HOME/.config}/telpanel/telpanel.conf"
echo "telpanel: config file is $conf"
echo "telpanel: telpanelctl is $build/app/telpanelctl"
if [ "${1:-}" != "--headless" ] && ! grep -qs '^\[account' "$conf"; then
  exec /usr/bin/python3 "$top/scripts/demo.py" --telpanel "$build/app/telpanel" -- "$@"
fi
exec "$build/app/telpanel" "$@"
