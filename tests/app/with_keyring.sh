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
# --unlock returns before the daemon it forked owns org.freedesktop.secrets. A call to that
# name before then makes the bus start a second daemon (D-Bus activation) that never got the
# password, and no login collection appears. So: wait for the name without calling it
# (NameHasOwner activates nothing), then for the collection; 10 s each at most.
wait_until() {
  tries=0
  until "$@" >/dev/null 2>&1; do
    tries=$((tries + 1))
    if [ "$tries" -gt 200 ]; then
      echo "with_keyring.sh: the keyring did not come up: $*" >&2
      exit 1
    fi
    sleep 0.05
  done
}
secrets_owned() {
  gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.NameHasOwner org.freedesktop.secrets | grep -q true
}
wait_until secrets_owned
wait_until gdbus call --session --dest org.freedesktop.secrets \
  --object-path /org/freedesktop/secrets/collection/login \
  --method org.freedesktop.DBus.Properties.Get org.freedesktop.Secret.Collection Label
"$@"
