#!/usr/bin/python3
"""Whole-process benchmark of the settings dialog (UI-6): time from activating app.settings
(what the menu item and Ctrl+, do, here through org.gtk.Actions on the session bus) to the
"Settings" window mapped on the X server, and the resident memory it adds. Each run: a fresh
Xvfb, a private D-Bus session bus, telpanel with no account and null audio (see gui_bench.py,
whose helpers it reuses); the dialog is opened once per run, the first run is cold and not
counted.

Usage: /usr/bin/python3 bench/settings_bench.py [--runs 5]"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from gui_bench import TELPANEL, rss_kb, start_desktop, stop_procs, visible_window  # noqa: E402


def settings_shown(env):
    r = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^Settings$"], env=env,
                       capture_output=True, text=True, timeout=5)
    return bool(r.stdout.split())


def wait(predicate, what, timeout=60):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise RuntimeError(f"no {what} within {timeout} s")
        time.sleep(0.005)


def run_once(home, idle):
    procs = []
    xvfb, env = start_desktop(home, home, procs)
    try:
        conf = os.path.join(env["XDG_CONFIG_HOME"], "telpanel", "telpanel.conf")
        os.makedirs(os.path.dirname(conf), exist_ok=True)
        with open(conf, "w") as f:
            f.write("[audio]\ninput=null\noutput=null\nringer=null\n")
        proc = subprocess.Popen([TELPANEL], env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        procs.append(proc)
        wait(lambda: visible_window(env, proc.pid), "main window")
        time.sleep(idle)
        rss_before = rss_kb(proc.pid)
        t0 = time.monotonic()
        subprocess.run(["gdbus", "call", "--session", "-d", "org.telpanel.Telpanel", "-o",
                        "/org/telpanel/Telpanel", "-m", "org.gtk.Actions.Activate", "settings",
                        "[]", "{}"], env=env, capture_output=True, timeout=10, check=True)
        wait(lambda: settings_shown(env), "Settings window")
        shown = time.monotonic() - t0
        time.sleep(idle)
        return shown, rss_before, rss_kb(proc.pid)
    finally:
        stop_procs(procs)
        xvfb.stop()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--idle", type=float, default=2)
    args = ap.parse_args()
    home = tempfile.mkdtemp(prefix="telpanel-settingsbench-")
    results = []
    try:
        for i in range(args.runs + 1):
            shown, before, after = run_once(home, args.idle)
            print(f"run {i}{' (cold, not counted)' if i == 0 else ''}: Settings shown in "
                  f"{shown * 1000:.0f} ms, RSS {before / 1024:.1f} → {after / 1024:.1f} MiB",
                  flush=True)
            if i:
                results.append((shown, after - before))
    finally:
        shutil.rmtree(home, ignore_errors=True)
    print(f"\nmedian: Settings shown in {statistics.median(r[0] for r in results) * 1000:.0f} ms,"
          f" RSS +{statistics.median(r[1] for r in results) / 1024:.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
