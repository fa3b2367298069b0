#!/usr/bin/python3
"""Whole-process transfer latency: how long the panel's part of a transfer takes on 127.0.0.1
with a real Kamailio and real baresip peers (tests/e2e/support, like process_bench.py).

  blind:   `telpanelctl transfer CALL 1003` on an answered call from baresip 1002 until the
           panel reports the transfer "succeeded" (REFER, 202, baresip's INVITE to 1003 through
           Kamailio with its auth round trip, 1003's answer, NOTIFY sipfrag 200) and until the
           panel's call has ended (BYE done).
  consult: `telpanelctl transfer-complete CALL` of an answered consultation with baresip 1003
           (fallback path: baresip 1.0.0 has no Replaces) until "succeeded" and until ended.

Usage: /usr/bin/python3 bench/transfer_bench.py [--runs 10] [--json out.json]
Prints median/min/max per step; exits 1 with "FAIL:" when a transfer does not complete."""
import argparse
import json
import sys
import time

from process_bench import BenchError, Env, summary, table  # noqa: E402  (puts tests/e2e on sys.path)
from support import timeouts  # noqa: E402
from support.scenarios import call_event  # noqa: E402


def _answered_call_from(panel, client):
    m = client.mark()
    client.dial(panel.user)
    ringing = panel.wait_incoming(peer_user=client.user)
    panel.ctl("answer", ringing["id"], as_json=False)
    client.wait_event("CALL_ESTABLISHED", since=m, timeout=timeouts.CALL_SETUP)
    panel.wait_call_state(ringing["id"], "active")
    return ringing["id"]


def _timed(panel, call_id, command, since):
    t0 = time.monotonic()
    panel.ctl(*command, as_json=False)
    call_event(panel, call_id, lambda c: (c.get("transfer") or {}).get("state") == "succeeded",
               "transfer succeeded", since)
    t1 = time.monotonic()
    call_event(panel, call_id, lambda c: c["state"] == "ended", "ended", since, timeouts.CALL_END)
    t2 = time.monotonic()
    return (t1 - t0) * 1000, (t2 - t0) * 1000


def _hang_up_moved_call(client):
    m = client.mark()
    client.hangup()
    client.wait_event("CALL_CLOSED", since=m, timeout=timeouts.CALL_END)


def run(kind, runs, env):
    panel = env.panel()
    panel.start_watch()
    client, target = env.peer("1002"), env.peer("1003")
    succeeded, ended = [], []
    for _ in range(runs):
        call_id = _answered_call_from(panel, client)
        m = panel.watch.mark()
        if kind == "blind":
            a, b = _timed(panel, call_id, ("transfer", call_id, "1003"), m)
        else:
            mt = target.mark()
            consult_id = panel.ctl("consult", call_id, "1003", as_json=False).splitlines()[-1]
            target.wait_event("CALL_ESTABLISHED", since=mt, timeout=timeouts.CALL_SETUP)
            panel.wait_call_state(consult_id, "active")
            m = panel.watch.mark()
            a, b = _timed(panel, call_id, ("transfer-complete", call_id), m)
        succeeded.append(a)
        ended.append(b)
        _hang_up_moved_call(client)
        if panel.calls():
            raise BenchError(f"calls left on the panel after a {kind} transfer: {panel.calls()}")
    return {"succeeded_ms": summary(succeeded), "ended_ms": summary(ended)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--json")
    args = ap.parse_args()
    results = {}
    try:
        for kind in ("blind", "consult"):
            env = Env()
            try:
                results[kind] = run(kind, args.runs, env)
            except Exception:
                env.failed = True
                raise
            finally:
                env.close()
    except (BenchError, AssertionError, RuntimeError, TimeoutError) as e:
        print(f"FAIL: {e}", file=sys.stderr)
        return 1
    rows = []
    for kind, r in results.items():
        for step in ("succeeded_ms", "ended_ms"):
            s = r[step]
            rows.append([kind, step[:-3], f"{s['median']:.0f}", f"{s['min']:.0f}", f"{s['max']:.0f}"])
    print(f"\nTransfer latency, {args.runs} runs each (ms from the telpanelctl command)")
    table(["transfer", "until", "median", "min", "max"], rows)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
