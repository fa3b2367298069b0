#!/usr/bin/env bash
# Configures and builds telpanel into build/ (or $TELPANEL_BUILD_DIR). TELPANEL_SANITIZE=1 adds
# AddressSanitizer and UndefinedBehaviorSanitizer (in its own build dir).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
sanitize=${TELPANEL_SANITIZE:-0}
default_dir="$top/build"
[ "$sanitize" = 1 ] && default_dir="$top/build-asan"
build=${TELPANEL_BUILD_DIR:-$default_dir}
cmake -S "$top" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DTELPANEL_SANITIZE=$([ "$sanitize" = 1 ] && echo ON || echo OFF) >/dev/null
cmake --build "$build" -j "$(nproc)"
echo "$build"
