#!/usr/bin/python3
"""Incoming-call banner latency (UI-3: on screen within ~50 ms of the INVITE): a baresip calls
the windowed telpanel through Kamailio on 127.0.0.1, N times. Two figures per call:
  in-process   the panel's log line "banner for call X shown N ms after the INVITE" (from the
               controller getting the INVITE to the banner's show(), i.e. our own code path);
  end-to-end   from baresip's dial command to the banner window mapped on the X server (polled
               with xdotool every ~5 ms; includes baresip, Kamailio and the polling itself).
Usage: /usr/bin/python3 bench/banner_bench.py [--calls 10]"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "e2e"))

from support.baresip import Baresip  # noqa: E402
from support.gui import GuiPanel, Xvfb  # noqa: E402
from support.kamailio import Kamailio  # noqa: E402
from support.panel import Panel  # noqa: E402
from support.poll import wait_for  # noqa: E402
from support.ports import PortBlock  # noqa: E402


def banner_mapped(env):
    r = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^Incoming call$"],
                       env=env, capture_output=True, text=True, timeout=5)
    return bool(r.stdout.split())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--calls", type=int, default=10)
    args = ap.parse_args()
    d = tempfile.mkdtemp(prefix="telpanel-bench-banner-")
    ports = PortBlock()
    stops = []
    try:
        k = Kamailio(os.path.join(d, "kamailio"), ports.take(1)).start()
        stops.append(k.kill)
        panel = Panel(d, k, ports)
        stops.append(panel.shutdown)
        panel.write_config()
        x = Xvfb(d)
        stops.append(x.stop)
        gui = GuiPanel(panel, x, {"NO_AT_BRIDGE": "1"})
        stops.append(gui.stop)
        peer = Baresip("1002", d, k, ports, "1002", answermode="manual").start()
        stops.append(peer.stop)
        wait_for(lambda: panel.registration()["state"] == "registered", 10, "registered")
        in_process, end_to_end = [], []
        for i in range(args.calls):
            t0 = time.monotonic()
            peer.dial("1001")
            wait_for(lambda: banner_mapped(gui.env), 10, "the banner is mapped", interval=0.005)
            end_to_end.append((time.monotonic() - t0) * 1000)
            call = wait_for(lambda: next(iter(panel.calls()), None), 10, "the call")
            panel.ctl("reject", call["id"], as_json=False)
            wait_for(lambda: not panel.calls() and not banner_mapped(gui.env), 10, "rejected")
            time.sleep(0.3)  # let baresip settle before the next dial (not part of a figure)
        in_process = [float(m) for m in re.findall(r"shown ([\d.]+) ms after the INVITE",
                                                   panel.log())]
        for name, vals in (("in-process (INVITE at controller -> banner shown)", in_process),
                           ("end-to-end (baresip dial -> banner mapped on X)", end_to_end)):
            print(f"{name}: median {statistics.median(vals):.1f} ms, "
                  f"min {min(vals):.1f}, max {max(vals):.1f} ({len(vals)} calls)")
        return 0
    finally:
        for stop in reversed(stops):
            try:
                stop()
            except Exception as e:  # noqa: BLE001
                print(f"stop: {e}", file=sys.stderr)
        ports.release()
        shutil.rmtree(d, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
