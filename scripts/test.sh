#!/usr/bin/env bash
# Sets everything up and runs the whole test suite: installs packages, builds, runs ctest
# (unit, integration against real Kamailio and baresip, style and layering checks).
#   TELPANEL_SANITIZE=1 scripts/test.sh    the same under ASan/UBSan
#   scripts/test.sh -L unit                 extra arguments go to ctest
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/setup.sh"
build=$("$top/scripts/build.sh" | tail -n 1)
cd "$build"
exec ctest --output-on-failure --timeout 600 "$@"
