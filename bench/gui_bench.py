#!/usr/bin/python3
"""Whole-process GUI benchmark: time from exec to the first visible window (and, for telpanel,
to its tray item registered at a StatusNotifierWatcher) and resident memory once idle, for
telpanel and the Linux softphones Debian ships (twinkle, linphone-desktop, gnome-calls), each
run in a fresh Xvfb with a private D-Bus session bus and a throw-away HOME/XDG dirs.

Usage: /usr/bin/python3 bench/gui_bench.py [--runs 5] [--idle 3] [--apps telpanel,twinkle,...]
Prints one line per run and a table of medians; the first run of each app is a cold start and
is not counted (the page cache then holds the libraries, as on a desktop after login)."""
import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
SUPPORT = os.path.join(TOP, "tests", "e2e", "support")
sys.path.insert(0, os.path.dirname(SUPPORT))
from support.gui import Xvfb  # noqa: E402  (the e2e tests' Xvfb: -displayfd, then xdpyinfo)
TELPANEL = os.environ.get("TELPANEL_BIN") or os.path.join(TOP, "build", "app", "telpanel")

APPS = {
    "telpanel": [TELPANEL],
    "telpanel-minimized": [TELPANEL],  # [general] start_minimized=true: tray only, no window
    "twinkle": ["twinkle"],
    "linphone": ["linphone"],
    "gnome-calls": ["gnome-calls"],
}


def stop_procs(procs):
    """Terminates what a run started, newest first; kills what does not end within 5 s. A
    number is the pid of a daemon that forked (the bus): it is sent SIGTERM."""
    for p in reversed(procs):
        if isinstance(p, int):
            try:
                os.kill(p, signal.SIGTERM)
            except ProcessLookupError:
                pass
            continue
        p.terminate()
        try:
            p.wait(5)
        except subprocess.TimeoutExpired:
            p.kill()


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def name_owned(env, name):
    r = subprocess.run(["gdbus", "call", "--session", "-d", "org.freedesktop.DBus", "-o",
                        "/org/freedesktop/DBus", "-m", "org.freedesktop.DBus.NameHasOwner", name],
                       env=env, capture_output=True, text=True, timeout=5)
    return "true" in r.stdout


def tray_items(env):
    r = subprocess.run(["gdbus", "call", "--session", "-d", "org.kde.StatusNotifierWatcher",
                        "-o", "/StatusNotifierWatcher", "-m", "org.freedesktop.DBus.Properties.Get",
                        "org.kde.StatusNotifierWatcher", "RegisteredStatusNotifierItems"],
                       env=env, capture_output=True, text=True, timeout=5)
    return "NotificationItem" in r.stdout


def visible_window(env, pid):
    r = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(pid)], env=env,
                       capture_output=True, text=True, timeout=5)
    return bool(r.stdout.split())


def start_desktop(home, log_dir, procs):
    """A fresh Xvfb and private D-Bus session bus for one run, and the environment that points a
    program at them, with HOME and the XDG dirs under `home`. The bus daemon's pid is appended
    to `procs` (as a number: it forked), the Xvfb is returned to be stopped."""
    xvfb = Xvfb(log_dir)
    bus = subprocess.run(["dbus-daemon", "--session", "--fork", "--print-address=1",
                          "--print-pid=1"], capture_output=True, text=True, timeout=10)
    address, bus_pid = bus.stdout.split()[:2]
    procs.append(int(bus_pid))
    env = dict(os.environ)
    for k in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "HOME"):
        env[k] = os.path.join(home, k.lower())
        os.makedirs(env[k], exist_ok=True)
    env.update(DISPLAY=xvfb.display, DBUS_SESSION_BUS_ADDRESS=address, GDK_BACKEND="x11",
               NO_AT_BRIDGE="1", QT_QPA_PLATFORM="xcb")
    env.pop("WAYLAND_DISPLAY", None)
    return xvfb, env


def run_once(app, idle, home):
    """`home` holds HOME and the XDG dirs and is kept between runs of one app: after the first
    (cold) run, caches such as GStreamer's plugin registry are warm, as on a used desktop."""
    tmp = tempfile.mkdtemp(prefix="telpanel-guibench-")
    procs = []
    xvfb = None
    try:
        xvfb, env = start_desktop(home, tmp, procs)
        if app.startswith("telpanel"):
            watcher = subprocess.Popen(["/usr/bin/python3", os.path.join(SUPPORT,
                                                                         "sni_watcher.py")],
                                       env=env, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
            procs.append(watcher)
            while not name_owned(env, "org.kde.StatusNotifierWatcher"):
                time.sleep(0.02)
            conf = os.path.join(env["XDG_CONFIG_HOME"], "telpanel", "telpanel.conf")
            os.makedirs(os.path.dirname(conf), exist_ok=True)
            with open(conf, "w") as f:
                f.write("[general]\nstart_minimized=%s\n[audio]\ninput=null\noutput=null\n"
                        "ringer=null\n" % ("true" if app == "telpanel-minimized" else "false"))
        t0 = time.monotonic()
        log = open(os.path.join(tmp, "app.log"), "wb")
        proc = subprocess.Popen(APPS[app], env=env, stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL)
        procs.append(proc)
        want_window = app != "telpanel-minimized"
        want_tray = app.startswith("telpanel")
        t_window = t_tray = None
        deadline = t0 + 60
        while (want_window and t_window is None) or (want_tray and t_tray is None):
            if proc.poll() is not None:
                with open(os.path.join(tmp, "app.log"), errors="replace") as f:
                    raise RuntimeError(f"{app} exited with {proc.returncode}: {f.read()[-2000:]}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"{app}: no window within 60 s")
            now = time.monotonic() - t0
            if want_window and t_window is None and visible_window(env, proc.pid):
                t_window = now
            if want_tray and t_tray is None and tray_items(env):
                t_tray = now
            time.sleep(0.005)
        time.sleep(idle)
        return t_window, t_tray, rss_kb(proc.pid)
    finally:
        stop_procs(procs)
        if xvfb:
            xvfb.stop()
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--idle", type=float, default=3)
    ap.add_argument("--apps", default=",".join(APPS))
    args = ap.parse_args()
    rows = []
    for app in args.apps.split(","):
        if not shutil.which(APPS[app][0]):
            print(f"{app}: not installed, skipped")
            continue
        results = []
        home = tempfile.mkdtemp(prefix=f"telpanel-guibench-{app}-")
        for i in range(args.runs + 1):
            w, t, rss = run_once(app, args.idle, home)
            print(f"{app} run {i}{' (cold, not counted)' if i == 0 else ''}: window "
                  f"{'-' if w is None else f'{w * 1000:.0f} ms'}, tray "
                  f"{'-' if t is None else f'{t * 1000:.0f} ms'}, RSS {rss / 1024:.1f} MiB",
                  flush=True)
            if i:
                results.append((w, t, rss))

        shutil.rmtree(home, ignore_errors=True)

        def med(k):
            vals = [r[k] for r in results if r[k] is not None]
            return statistics.median(vals) if vals else None
        rows.append((app, med(0), med(1), med(2)))
    print("\n| app | window shown (median) | tray item (median) | RSS idle (median) |")
    print("|---|---|---|---|")
    for app, w, t, rss in rows:
        print(f"| {app} | {'-' if w is None else f'{w * 1000:.0f} ms'} | "
              f"{'-' if t is None else f'{t * 1000:.0f} ms'} | {rss / 1024:.1f} MiB |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
