#!/usr/bin/env bash
# Sets everything up and starts the panel: installs packages, builds, runs telpanel.
#   scripts/run.sh              the panel window (needs a display)
#   scripts/run.sh --headless   the core with no window; control it with telpanelctl
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/setup.sh"
build=$("$top/scripts/build.sh" | tail -n 1)
echo "telpanel: config file is ${XDG_CONFIG_HOME:-$HOME/.config}/telpanel/telpanel.conf"
echo "telpanel: telpanelctl is $build/app/telpanelctl"
exec "$build/app/telpanel" "$@"
