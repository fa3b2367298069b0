#!/usr/bin/env python3
"""Whole-process presence benchmark: `telpanel --headless` watching N colleagues (default 500)
through a scripted presence server on 127.0.0.1, then a NOTIFY storm in which every colleague
changes once per second (a presence NOTIFY alternating busy/available and a dialog NOTIFY
toggling on-call) for --seconds (default 60).

Why a scripted server and not Kamailio: Kamailio would need N authenticated presentities all
PUBLISHing every second (N subscriber rows, N publishing clients); the panel only sees NOTIFYs,
so this server answers REGISTER/SUBSCRIBE/PUBLISH with 200 and sends the NOTIFYs itself, in
the panel's own subscription dialogs (same Call-ID and tags, rising CSeq).

Measures: time from start until every colleague shows reachable (1500 SUBSCRIBEs answered and
first NOTIFYs applied), the panel's CPU during the storm (utime+stime from /proc), resident
memory before and after (VmRSS, VmHWM), and that the final rows match the last NOTIFYs.

Usage: /usr/bin/python3 bench/presence_storm.py [--colleagues 500] [--seconds 60]"""
import argparse
import json
import os
import random
import socket
import sys
import tempfile
import threading
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "e2e"))

from support.panel import Panel  # noqa: E402
from support.poll import wait_for  # noqa: E402
from support.ports import PortBlock  # noqa: E402

PIDF = ('<?xml version="1.0" encoding="UTF-8"?>\n<presence xmlns="urn:ietf:params:xml:ns:pidf" '
        'xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" '
        'xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" entity="sip:{ext}@127.0.0.1">'
        '<tuple id="t"><status><basic>open</basic></status><note>{note}</note></tuple>'
        '<dm:person id="p"><rpid:activities>{act}</rpid:activities></dm:person></presence>')
DIALOG = ('<?xml version="1.0"?>\n<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" '
          'version="{v}" state="full" entity="sip:{ext}@127.0.0.1">{dialog}</dialog-info>')
REGINFO = ('<?xml version="1.0"?>\n<reginfo xmlns="urn:ietf:params:xml:ns:reginfo" version="0" '
           'state="full"><registration aor="sip:{ext}@127.0.0.1" id="r" state="active">'
           '<contact id="c" state="active" event="registered"><uri>sip:{ext}@127.0.0.1:9'
           '</uri></contact></registration></reginfo>')
TYPES = {"presence": "application/pidf+xml", "dialog": "application/dialog-info+xml",
         "reg": "application/reginfo+xml"}


def header(lines, name):
    for line in lines:
        k, _, v = line.partition(":")
        if k.strip().lower() == name.lower():
            return v.strip()
    return ""


class Server:
    def __init__(self, port):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
        self.sock.bind(("127.0.0.1", port))
        self.port = port
        self.subs = {}  # (ext, event) -> dialog dict
        self.lock = threading.Lock()
        self.sent = 0
        self.refused = {}
        self.running = True
        threading.Thread(target=self._rx, daemon=True).start()

    def _rx(self):
        while self.running:
            try:
                data, addr = self.sock.recvfrom(65536)
            except OSError:
                return
            text = data.decode(errors="replace")
            head = text.split("\r\n\r\n", 1)[0].split("\r\n")
            if head[0].startswith("SIP/2.0"):
                code = head[0].split()[1]
                if code != "200":  # the panel refused one of our NOTIFYs
                    self.refused[code] = self.refused.get(code, 0) + 1
                continue
            method = head[0].split()[0]
            to_tag = "s%x" % random.getrandbits(40)
            resp = ["SIP/2.0 200 OK"]
            for h in head[1:]:
                k = h.split(":", 1)[0].strip().lower()
                if k in ("via", "from", "call-id", "cseq"):
                    resp.append(h)
                elif k == "to":
                    resp.append(h if ";tag=" in h else h + ";tag=" + to_tag)
            if method in ("REGISTER", "SUBSCRIBE", "PUBLISH"):
                resp.append("Expires: " + (header(head, "Expires") or "600"))
            if method == "REGISTER":
                resp.append("Contact: " + header(head, "Contact") + ";expires=600")
            if method == "SUBSCRIBE":
                resp.append(f"Contact: <sip:bench@127.0.0.1:{self.port}>")
            if method == "PUBLISH":
                resp.append("SIP-ETag: e%x" % random.getrandbits(32))
            resp += ["Content-Length: 0", "", ""]
            self.sock.sendto("\r\n".join(resp).encode(), addr)
            if method == "SUBSCRIBE" and ";tag=" not in header(head, "To"):
                self._new_sub(head, addr, to_tag)

    def _new_sub(self, head, addr, to_tag):
        to_uri = header(head, "To")
        ext = to_uri.split("sip:", 1)[1].split("@", 1)[0]
        event = header(head, "Event").split(";")[0]
        contact = header(head, "Contact").strip("<>").split(">")[0]
        sub = {"ext": ext, "event": event, "call_id": header(head, "Call-ID"),
               "from": header(head, "From"), "to": to_uri, "to_tag": to_tag, "cseq": 0,
               "contact": contact, "addr": addr, "version": 0}
        with self.lock:
            self.subs[(ext, event)] = sub
        body = {"presence": PIDF.format(ext=ext, note="", act=""),
                "dialog": DIALOG.format(v=0, ext=ext, dialog=""),
                "reg": REGINFO.format(ext=ext)}[event]
        self.notify(sub, body)

    def notify(self, sub, body):
        sub["cseq"] += 1
        b = body.encode()
        msg = (f"NOTIFY {sub['contact']} SIP/2.0\r\n"
               f"Via: SIP/2.0/UDP 127.0.0.1:{self.port};branch=z9hG4bK{random.getrandbits(48):x}\r\n"
               f"Max-Forwards: 70\r\nFrom: {sub['to']};tag={sub['to_tag']}\r\n"
               f"To: {sub['from']}\r\nCall-ID: {sub['call_id']}\r\nCSeq: {sub['cseq']} NOTIFY\r\n"
               f"Event: {sub['event']}\r\nSubscription-State: active;expires=600\r\n"
               f"Contact: <sip:bench@127.0.0.1:{self.port}>\r\n"
               f"Content-Type: {TYPES[sub['event']]}\r\nContent-Length: {len(b)}\r\n\r\n")
        self.sock.sendto(msg.encode() + b, sub["addr"])
        self.sent += 1


def proc_stat(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime, clock ticks


def proc_mem(pid):
    out = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(("VmRSS", "VmHWM")):
                k, v = line.split(":")
                out[k] = int(v.split()[0])
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--colleagues", type=int, default=500)
    ap.add_argument("--seconds", type=int, default=60)
    a = ap.parse_args()
    run_dir = tempfile.mkdtemp(prefix="telpanel-bench-presence-")
    ports = PortBlock()
    server = Server(ports.take(1))

    class FakeKamailio:  # what Panel needs: the registrar's port
        port = server.port
    panel = Panel(run_dir, FakeKamailio, ports)
    exts = [str(2000 + i) for i in range(a.colleagues)]
    path = os.path.join(run_dir, "colleagues.json")
    with open(path, "w") as f:
        json.dump([{"extension": e, "name": f"Colleague {e}"} for e in exts], f)
    panel.write_config(more_sections=[("presence", {"colleagues_file": path, "away_after": 0})])
    try:
        t0 = time.monotonic()
        panel.start()
        pid = panel.proc.pid
        wait_for(lambda: all(c["reachable"] for c in panel.ctl("colleagues")), 120,
                 "every colleague reachable", interval=0.2)
        subscribed = time.monotonic() - t0
        mem_before = proc_mem(pid)
        ticks0, w0 = proc_stat(pid), time.monotonic()
        rss_every_10s = []
        for second in range(a.seconds):
            start = time.monotonic()
            if second % 10 == 0:
                rss_every_10s.append(proc_mem(pid)["VmRSS"])
            busy = second % 2 == 0
            with server.lock:
                subs = dict(server.subs)
            # Spread over the second in 20 slices, as a server sends changes as they happen
            # (a 1000-datagram burst overflows any default UDP receive buffer; a real server
            # would then retransmit, this script does not).
            for i, e in enumerate(exts):
                p = subs[(e, "presence")]
                server.notify(p, PIDF.format(ext=e, note=f"tick {second}",
                                             act="<rpid:busy/>" if busy else ""))
                d = subs[(e, "dialog")]
                d["version"] += 1
                dialog = ('<dialog id="d"><state>confirmed</state></dialog>' if busy else "")
                server.notify(d, DIALOG.format(v=d["version"], ext=e, dialog=dialog))
                if (i + 1) % max(1, len(exts) // 20) == 0:
                    slice_end = start + 0.05 * ((i + 1) // max(1, len(exts) // 20))
                    time.sleep(max(0.0, slice_end - time.monotonic()))
            time.sleep(max(0.0, 1.0 - (time.monotonic() - start)))
        wall = time.monotonic() - w0
        cpu = (proc_stat(pid) - ticks0) / os.sysconf("SC_CLK_TCK")
        last_busy = (a.seconds - 1) % 2 == 0
        want = "busy" if last_busy else "available"
        rows = wait_for(lambda: (lambda r: r if all(c["presence"] == want and
                                                    c["on_call"] == last_busy and
                                                    c["text"] == f"tick {a.seconds - 1}"
                                                    for c in r) else None)(
            panel.ctl("colleagues")), 30, "rows match the last NOTIFYs", interval=0.2)
        mem_after = proc_mem(pid)
        time.sleep(40)  # past Timer J (32 s): the server transactions of the storm are gone
        mem_settled = proc_mem(pid)
        result = {"colleagues": a.colleagues, "subscriptions": len(server.subs),
                  "subscribe_all_reachable_s": round(subscribed, 2),
                  "storm_seconds": round(wall, 1), "notifies_sent": server.sent,
                  "panel_cpu_s": round(cpu, 2), "panel_cpu_percent": round(100 * cpu / wall, 1),
                  "rss_kb_before": mem_before["VmRSS"], "rss_kb_after": mem_after["VmRSS"],
                  "hwm_kb": mem_after["VmHWM"], "rss_kb_every_10s": rss_every_10s,
                  "rss_kb_40s_after": mem_settled["VmRSS"], "rows_checked": len(rows)}
        print(json.dumps(result, indent=1))
    finally:
        panel.shutdown()
        server.running = False
        server.sock.close()
        ports.release()


if __name__ == "__main__":
    main()
