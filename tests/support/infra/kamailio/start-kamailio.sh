#!/bin/bash
# Adapted from shared/docs/reference/infra (tested recipe), used by tests/e2e/support/kamailio.py.
# Start a throw-away Kamailio 5.6 on 127.0.0.1:$SIP_PORT (UDP+TCP) in the
# foreground (as a background job of this script's caller), wait until ready.
# Usage: start-kamailio.sh RUN_DIR [PORT]      -> prints the PID
# Stop:  kill -TERM "$(cat RUN_DIR/kamailio.pid)"   (all processes gone in 1-2 s)
# Restart after a crash (kill -9) with the same arguments: stale pid file and ctl socket are removed.
# Env:   SIP_TEST_PASSWORD (default secret), KAMAILIO_EXTRA_ARGS (e.g. "-A WITH_DEBUG")
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
RUN="${1:?run dir}"
PORT="${2:-15060}"
PASSWORD="${SIP_TEST_PASSWORD:-secret}"
mkdir -p "$RUN/db"
rm -f "$RUN/kamailio.pid" "$RUN/kamailio_ctl"
# db_text tables shipped by the kamailio package (version, subscriber,
# presentity, active_watchers, watchers, xcap, pua, ...)
cp /usr/share/kamailio/dbtext/kamailio/* "$RUN/db/"
for u in 1001 1002 1003 1004 1005; do
  # id:username:domain:password:ha1:ha1b  (db_text rejects empty columns;
  # ha1 is unused with calculate_ha1=yes but we fill the real values anyway)
  ha1=$(printf '%s' "$u:127.0.0.1:$PASSWORD" | md5sum | cut -d' ' -f1)
  ha1b=$(printf '%s' "$u@127.0.0.1:127.0.0.1:$PASSWORD" | md5sum | cut -d' ' -f1)
  echo "$u:$u:127.0.0.1:$PASSWORD:$ha1:$ha1b" >> "$RUN/db/subscriber"
done
kamailio -DD -E -f "$HERE/kamailio.cfg" -Y "$RUN" -P "$RUN/kamailio.pid" \
  --substdef="!RUNDIR!$RUN!g" --substdef="!SIP_PORT!$PORT!g" \
  -m 64 -M 8 ${KAMAILIO_EXTRA_ARGS:-} >> "$RUN/kamailio.log" 2>&1 &
KPID=$!
# Ready = the ctl socket answers (it is bound after all SIP sockets are up).
for i in $(seq 1 100); do
  if kamcmd -s "unix:$RUN/kamailio_ctl" core.uptime >/dev/null 2>&1; then
    echo "$KPID"
    exit 0
  fi
  if ! kill -0 "$KPID" 2>/dev/null; then
    echo "kamailio died, log:" >&2; tail -30 "$RUN/kamailio.log" >&2; exit 1
  fi
  sleep 0.1
done
echo "kamailio not ready after 10s" >&2; tail -30 "$RUN/kamailio.log" >&2; exit 1
