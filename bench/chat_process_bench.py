#!/usr/bin/python3
"""Whole-process chat benchmark (bench/README.md, "Chats"): the real `telpanel --headless`
against the fake Chatwoot seeded with N open-and-other conversations and M messages.

Measures: the first full resync (time to "ready", requests, bytes), resident memory after it,
an idle minute (requests and bytes per minute when nothing changes), and how long 1 000 new
customer messages take to show in `chats`.

    /usr/bin/python3 bench/chat_process_bench.py [--conversations 10000] [--messages 100000]
        [--idle 60] [--budget 1000]"""
import argparse
import json
import os
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "e2e"))

from support.chat import chat_status, write_chat_config  # noqa: E402
from support.fake_chatwoot import FakeChatwoot  # noqa: E402
from support.fake_chatwoot_seed import seed_bench  # noqa: E402
from support.panel import Panel  # noqa: E402
from support.ports import PortBlock  # noqa: E402
from support.poll import wait_for  # noqa: E402


class NoKamailio:
    port = 0


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--conversations", type=int, default=10000)
    ap.add_argument("--messages", type=int, default=100000)
    ap.add_argument("--idle", type=int, default=60)
    ap.add_argument("--budget", type=int, default=1000)
    args = ap.parse_args()
    out = {}
    t = time.monotonic()
    with FakeChatwoot() as cw:
        seed_bench(cw, args.conversations, args.messages)
        out["seed_s"] = round(time.monotonic() - t, 1)
        run = tempfile.mkdtemp(prefix="telpanel-chat-bench-")
        ports = PortBlock()
        panel = Panel(run, NoKamailio(), ports)
        try:
            write_chat_config(panel, cw, "bench-token-1", poll_interval=5, resync_interval=600,
                              request_budget=args.budget, backoff_max=10)
            before = len(cw.requests)
            t0 = time.monotonic()
            panel.start()
            st = wait_for(lambda: (s := chat_status(panel))["ready"] and s, 600, "first resync")
            out["resync_s"] = round(time.monotonic() - t0, 2)
            out["resync_requests"] = len(cw.requests) - before
            out["resync_bytes_in"] = st["bytes_in"]
            out["counts"] = st["counts"]
            out["rss_after_resync_MiB"] = round(rss_kib(panel.proc.pid) / 1024, 1)

            s0, n0 = chat_status(panel), len(cw.requests)
            time.sleep(args.idle)  # the measurement window itself
            s1, n1 = chat_status(panel), len(cw.requests)
            per_min = 60.0 / args.idle
            out["idle_requests_per_min"] = round((n1 - n0) * per_min, 1)
            out["idle_bytes_in_per_min"] = round((s1["bytes_in"] - s0["bytes_in"]) * per_min)
            out["idle_bytes_out_per_min"] = round((s1["bytes_out"] - s0["bytes_out"]) * per_min)

            mine = [c["id"] for c in panel.ctl("chats", "--group", "mine")][:500]
            queue = [c["id"] for c in panel.ctl("chats", "--group", "queue")][:500]
            targets = mine + queue
            t1 = time.monotonic()
            for i, cid in enumerate(targets):
                cw.incoming_message(cid, f"bench message {i}")
            want = {f"bench message {i}" for i in range(len(targets))}

            def applied():
                seen = {c["last_message"]["text"] for c in panel.ctl("chats")
                        if c.get("last_message")}
                return want <= seen
            wait_for(applied, 120, "1000 new messages visible")
            out["apply_1000_messages_s"] = round(time.monotonic() - t1, 2)
            out["rss_end_MiB"] = round(rss_kib(panel.proc.pid) / 1024, 1)
        finally:
            panel.shutdown()
            ports.release()
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
