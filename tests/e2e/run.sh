#!/usr/bin/env bash
# End-to-end tests: real telpanel binaries against real Kamailio and baresip on 127.0.0.1.
# Usage: tests/e2e/run.sh [pytest args...]     e.g. tests/e2e/run.sh -k hold -x
# Env: TELPANEL_BIN, TELPANELCTL_BIN (default build/app/telpanel, build/app/telpanelctl),
#      E2E_TIMEOUT_SCALE (multiply every deadline, e.g. 3 under sanitizers), E2E_KEEP=1 (keep
#      run dirs of passing tests; failing tests always keep theirs and name it in the report).
# Uses Debian's /usr/bin/python3 (python3-pytest, python3-numpy): a pyenv python3 on PATH lacks them.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
export TELPANEL_BIN="${TELPANEL_BIN:-$ROOT/build/app/telpanel}"
export TELPANELCTL_BIN="${TELPANELCTL_BIN:-$ROOT/build/app/telpanelctl}"
cd "$HERE"
[ $# -gt 0 ] || set -- .
exec /usr/bin/python3 -m pytest -q -p no:cacheprovider "$@"
