#!/usr/bin/env bash
# Sets everything up and runs the whole test suite: installs packages, builds, runs ctest
# (unit, integration against real Kamailio and baresip, style and layering checks).
#   TELPANEL_SANITIZE=1 scripts/test.sh    the same under ASan/UBSan
#   scripts/test.sh -L unit                 extra arguments go to ctest
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/setup.sh"
build=$("$top/scripts/build.sh" | tail -n 1)
if [ "${TELPANEL_SANITIZE:-0}" = 1 ]; then
  # GLib and GStreamer keep one-time allocations until exit, which LeakSanitizer reports;
  # errors (overflows, use after free, UB) still abort the test.
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1}
  export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
fi
cd "$build"
# Every test has its own ports, XDG dirs and D-Bus bus, so they run side by side.
exec ctest --output-on-failure --timeout 600 --parallel "$(nproc)" "$@"
