#!/bin/sh
# Runs a command against a real Secret Service: a private D-Bus session with GNOME Keyring
# started and unlocked on it, keeping its keyrings in a throw-away data dir. The daemon goes
# with the session when the command ends. Usage: with_keyring.sh COMMAND [ARGS...]
set -eu
if [ -z "${TELPANEL_KEYRING_SESSION:-}" ]; then
  export TELPANEL_KEYRING_SESSION=1
  exec dbus-run-session -- "$0" "$@"
fi
dir=$(mktemp -d "${TMPDIR:-/tmp}/telpanel-keyring-XXXXXX")
trap 'rm -rf "$dir"' EXIT
export XDG_DATA_HOME="$dir/data" XDG_RUNTIME_DIR="$dir/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
# --unlock creates the "login" keyring with this password on first use and unlocks it.
printf 'telpanel-test' | gnome-keyring-daemon --unlock --components=secrets >/dev/null
# The daemon may answer before its "login" collection is on the bus: wait for it (10 s).
tries=0
until gdbus call --session --dest org.freedesktop.secrets \
    --object-path /org/freedesktop/secrets/collection/login \
    --method org.freedesktop.DBus.Properties.Get org.freedesktop.Secret.Collection Label \
    >/dev/null 2>&1; do
  tries=$((tries + 1))
  if [ "$tries" -gt 200 ]; then
    echo "with_keyring.sh: the keyring's login collection did not appear" >&2
    exit 1
  fi
  sleep 0.05
done
"$@"
