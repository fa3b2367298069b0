"""Auto-away (PRES-4): idle past [presence] away_after → "away" with the last-input time
(published, so a colleague sees "was here HH:MM"), back on activity. Once with the test-only
file idle source, once with a real Xvfb's MIT-SCREEN-SAVER counter driven by xdotool."""
import datetime
import os
import subprocess

from support import timeouts
from support.poll import wait_for
from support.presence import colleague_sections, second_panel, wait_colleague

UPDATE = 5 * timeouts._SCALE


def own(panel):
    return panel.ctl("presence", "show")


def test_file_idle_source_away_and_back_seen_by_colleague(run_dir, kamailio, ports, panel):
    idle_file = os.path.join(run_dir, "idle-seconds")
    with open(idle_file, "w") as f:
        f.write("0")
    panel.write_config(more_sections=colleague_sections(
        "1002", away_after=300, idle_source=f"file:{idle_file}"))
    panel.start()
    panel.wait_registration("registered", timeouts.REGISTER)
    watcher = second_panel(run_dir, kamailio, ports, "1002")
    try:
        watcher.write_config(more_sections=colleague_sections("1001"))
        watcher.start()
        assert own(panel)["auto_away"] == {"enabled": True, "source": f"file:{idle_file}",
                                           "reason": None}
        panel.ctl("presence", "set", "busy", "--text", "reports")
        wait_colleague(watcher, "1001", UPDATE, "busy before idling", presence="busy")
        with open(idle_file, "w") as f:
            f.write("420")  # idle for 7 minutes: past away_after
        me = wait_for(lambda: own(panel)["presence"] == "away" and own(panel), UPDATE,
                      "own status away")
        last = datetime.datetime.fromisoformat(me["last_seen"])
        ago = datetime.datetime.now(last.tzinfo) - last
        assert datetime.timedelta(seconds=400) < ago < datetime.timedelta(seconds=480), me
        row = wait_colleague(watcher, "1001", UPDATE, "away with last input", presence="away",
                             text="reports")
        seen = datetime.datetime.fromisoformat(row["last_seen"])
        assert abs((seen - last).total_seconds()) <= 1, (row, me)
        with open(idle_file, "w") as f:
            f.write("1")  # activity
        wait_for(lambda: own(panel)["presence"] == "busy", UPDATE, "back to busy by itself")
        wait_colleague(watcher, "1001", UPDATE, "back to busy", presence="busy")
        # Away is not chosen by hand.
        r = panel.ctl_raw("presence", "set", "away")
        assert r.returncode != 0
    finally:
        watcher.shutdown()


def test_no_idle_source_says_why(panel, kamailio, monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    panel.write_config(more_sections=[("presence", {"idle_source": "auto"})])
    panel.start()
    a = own(panel)["auto_away"]
    assert a["enabled"] is False and "no X display" in a["reason"], a
    assert "Mutter" in a["reason"], a


def test_xvfb_idle_counter_drives_away(run_dir, panel, kamailio, monkeypatch):
    from support.gui import Xvfb
    x = Xvfb(run_dir)
    try:
        env = x.env_for(os.environ)
        monkeypatch.setenv("DISPLAY", env["DISPLAY"])
        panel.write_config(more_sections=[("presence", {"idle_source": "x11",
                                                        "away_after": 3})])
        panel.start()
        panel.wait_registration("registered", timeouts.REGISTER)
        assert own(panel)["auto_away"]["source"] == "x11"
        wait_for(lambda: own(panel)["presence"] == "away", UPDATE + 3,
                 "away after 3 s without input")
        subprocess.run(["xdotool", "mousemove_relative", "5", "5"], env=env, check=True,
                       timeout=10)
        wait_for(lambda: own(panel)["presence"] == "available", UPDATE,
                 "available again after xdotool moved the mouse")
    finally:
        panel.stop()
        x.stop()


def test_mutter_idle_monitor_drives_away_under_wayland(run_dir, panel, kamailio, monkeypatch):
    """A Wayland session: idle_source=auto skips X and asks org.gnome.Mutter.IdleMonitor (a
    stand-in here, on the panel's private session bus)."""
    idle_ms = os.path.join(run_dir, "idle-ms")
    with open(idle_ms, "w") as f:
        f.write("1000")
    monkeypatch.setenv("XDG_SESSION_TYPE", "wayland")
    here = os.path.dirname(os.path.abspath(__file__))
    mutter = subprocess.Popen(["/usr/bin/python3", os.path.join(here, "support",
                                                                "fake_mutter_idle.py"), idle_ms],
                              env=panel.env, stdout=subprocess.PIPE, text=True,
                              stdin=subprocess.DEVNULL)
    try:
        assert mutter.stdout.readline().strip() == "ready"
        panel.write_config(more_sections=[("presence", {"idle_source": "auto",
                                                        "away_after": 60})])
        panel.start()
        panel.wait_registration("registered", timeouts.REGISTER)
        assert own(panel)["auto_away"] == {"enabled": True, "source": "mutter", "reason": None}
        with open(idle_ms, "w") as f:
            f.write("90000")
        me = wait_for(lambda: own(panel)["presence"] == "away" and own(panel), UPDATE + 4,
                      "away from Mutter's idle time")
        last = datetime.datetime.fromisoformat(me["last_seen"])
        ago = (datetime.datetime.now(last.tzinfo) - last).total_seconds()
        assert 85 <= ago <= 100, me
        with open(idle_ms, "w") as f:
            f.write("200")
        wait_for(lambda: own(panel)["presence"] == "available", UPDATE + 4, "back on activity")
    finally:
        mutter.terminate()
        mutter.wait(5)
