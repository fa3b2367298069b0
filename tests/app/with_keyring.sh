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
"$@"
