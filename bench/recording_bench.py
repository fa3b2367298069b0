#!/usr/bin/python3
"""Whole-process CPU cost of recording a call (REC-1): telpanel's CPU over the same window of an
established PCMU call with `recording=never` and with `recording=always`, alternating, on one
panel and one baresip peer (the set-up of process_bench.py: private Kamailio, baresip with no
audio player, panel input tone:1000, output null).

Usage: /usr/bin/python3 bench/recording_bench.py [--seconds 30] [--runs 3] [--json out.json]
Exits 1 with "FAIL: ..." when a call does not work or a recording is missing or empty."""
import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from process_bench import (CLK_TCK, BenchError, Env, alive, cpu_ticks, end_call,  # noqa: E402
                           establish_call, summary, table)


def one_call(panel, peer, mode, seconds, warmup):
    panel.ctl("settings", "set", "recording", mode, as_json=False)
    mark = panel.watch.mark()
    call_id = establish_call(panel, peer, "PCMU")
    time.sleep(warmup)
    t0, c0 = time.monotonic(), cpu_ticks(panel.proc.pid)
    time.sleep(seconds)  # the measurement window itself
    t1, c1 = time.monotonic(), cpu_ticks(panel.proc.pid)
    alive(panel.proc, "telpanel")
    pct = 100.0 * (c1 - c0) / CLK_TCK / (t1 - t0)
    end_call(panel, peer, call_id)
    size = 0
    if mode == "always":
        done = panel.watch.wait(lambda e: e.get("event") == "recording" and e.get("call") == call_id
                                and e.get("state") in ("finished", "failed"), 10,
                                "the recording finished", since=mark)
        if done["state"] != "finished" or not os.path.exists(done["location"]):
            raise BenchError(f"recording of {call_id} failed: {done}")
        size = os.path.getsize(done["location"])
        if size < 1000:
            raise BenchError(f"recording {done['location']} is only {size} bytes")
    return pct, size, seconds + warmup


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--warmup", type=float, default=2.0)
    ap.add_argument("--runs", type=int, default=3, help="calls per mode (alternating)")
    ap.add_argument("--json")
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    env = Env(args.keep)
    results = {"never": [], "always": [], "bytes_per_s": []}
    try:
        panel = env.panel(codecs="PCMU")
        panel.start_watch()
        peer = env.peer(codecs="pcmu")
        for i in range(args.runs):
            for mode in ("never", "always"):
                pct, size, talk = one_call(panel, peer, mode, args.seconds, args.warmup)
                results[mode].append(pct)
                if size:
                    results["bytes_per_s"].append(size / talk)
                print(f"  run {i + 1} recording={mode}: telpanel {pct:.2f} % of one core"
                      + (f", file {size} bytes" if size else ""), flush=True)
                time.sleep(1.0)
    except (BenchError, AssertionError) as e:
        env.failed = True
        print(f"FAIL: {e}", file=sys.stderr)
        return 1
    finally:
        env.close()
    never, always = summary(results["never"]), summary(results["always"])
    print(f"\nCPU of telpanel during a PCMU call ({args.seconds:g} s window, {args.runs} calls each)")
    table(["recording", "telpanel % of one core (median, min-max)"],
          [[m, f"{s['median']:.2f} ({s['min']:.2f}-{s['max']:.2f})"]
           for m, s in (("never", never), ("always", always))])
    rate = summary(results["bytes_per_s"])["median"] * 8 / 1000
    print(f"recording cost: {always['median'] - never['median']:+.2f} points of one core; "
          f"file size {rate:.1f} kbit/s")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"never": never, "always": always, "kbit_s": rate}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
