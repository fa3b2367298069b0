#!/usr/bin/python3
"""The demo environment for a machine with no account of its own (issue 5, "Trying it with no
server of one's own"): a throw-away Kamailio on 127.0.0.1 with extensions 1001-1005, two
colleagues who answer (baresip 1002 Anna, 1004 Boris) and a customer (baresip 1003) who calls
now and then, and telpanel as 1001 with its config and journal in a private directory that is
removed afterwards. Everything it starts stops with it (Ctrl+C or closing the panel).

Usage: scripts/demo.py [--telpanel BUILD/app/telpanel] [--first-call 15] [--interval 90]
                       [-- TELPANEL ARGS]"""
import argparse
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
INFRA = os.path.join(TOP, "tests", "support", "infra")
sys.path.insert(0, os.path.join(INFRA, "baresip"))
import make_baresip_config  # noqa: E402

PEERS = [  # user, display name, answers calls, tone
    ("1002", "Anna Smirnova", True, 440),
    ("1004", "Boris Ivanov", True, 660),
    ("1003", "Ivan Petrov (customer)", False, 550),
]


def say(text):
    print(f"telpanel demo: {text}", flush=True)


def free_block(size):
    """A base port with `size` free UDP+TCP ports after it on 127.0.0.1."""
    for _ in range(200):
        base = random.randrange(20000, 60000 - size)
        socks = []
        try:
            for p in range(base, base + size):
                for kind in (socket.SOCK_DGRAM, socket.SOCK_STREAM):
                    s = socket.socket(socket.AF_INET, kind)
                    socks.append(s)
                    s.bind(("127.0.0.1", p))
            return base
        except OSError:
            continue
        finally:
            for s in socks:
                s.close()
    raise SystemExit("telpanel demo: no free ports on 127.0.0.1")


class Ctrl:
    """baresip ctrl_tcp: netstring-framed JSON commands (events are read and dropped)."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        self.lock = threading.Lock()

    def cmd(self, command, params=""):
        body = json.dumps({"command": command, "params": params, "token": command}).encode()
        with self.lock:
            self.sock.sendall(str(len(body)).encode() + b":" + body + b",")


def wait_port(port, proc, what, timeout=15):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"telpanel demo: {what} exited with {proc.returncode}")
        try:
            return Ctrl(port)
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"telpanel demo: {what} did not start")


def sound_server():
    r = subprocess.run(["pactl", "info"], capture_output=True, timeout=5)
    return r.returncode == 0


def start_chat_server(port, procs):
    """The test chat server (tests/e2e/support/fake_chatwoot.py) with the demo conversations;
    returns its ready line (url, account_id, agents with their tokens) or None."""
    server = os.path.join(TOP, "tests", "e2e", "support", "fake_chatwoot.py")
    p = subprocess.Popen([sys.executable, server, "--port", str(port), "--seed", "demo"],
                         stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, text=True)
    procs.append(p)
    line = p.stdout.readline()  # printed once the server listens; "" if it died
    try:
        return json.loads(line)
    except ValueError:
        say("the demo chat server did not start; chats are left out")
        return None


def write_panel_config(home, registrar, audio, real_config, chat):
    path = os.path.join(home, "config", "telpanel", "telpanel.conf")
    os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
    colleagues = []
    for user, name, answers, _ in PEERS:
        if answers:  # the customer is no colleague
            colleagues += ["", f"[colleague:{user}]", f"name={name}", "groups=demo"]
    chat_lines = []
    if chat:
        token = next(a["token"] for a in chat["agents"] if a["name"].startswith("Anna"))
        chat_lines = ["", "[chat]", f"url={chat['url']}", f"account_id={chat['account_id']}",
                      f"token={token}"]
    text = "\n".join([
        "# Written by scripts/demo.py: the demo account at the local test exchange.",
        "[general]", "demo=true", f"settings_file={real_config}", "",
        "[account]", f"uri=sip:1001@{registrar}", "password=secret", "display_name=Demo",
        "", "[audio]"] + [f"{k}={v}" for k, v in audio.items()] + colleagues +
        chat_lines) + "\n"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(text)
    return path


def customer_calls(ctrl, registrar, first, interval, stop):
    """The customer rings 1001; unanswered calls give up after 25 s (a missed call), answered
    ones end after 20 s (baresip hangs up its current call either way)."""
    delay = first
    while not stop.wait(delay):
        say("the customer (1003) is calling you")
        ctrl.cmd("dial", f"sip:1001@{registrar}")
        if stop.wait(25):
            return
        ctrl.cmd("hangup")
        delay = interval


def stop_pid(pid, timeout=5.0):
    """SIGTERM to a process that is not our child, then waits until it has gone (SIGKILL after
    `timeout` s)."""
    def running():
        try:
            with open(f"/proc/{pid}/stat") as f:
                return f.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has ended
        except OSError:
            return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while running():
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            return
        time.sleep(0.05)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--telpanel", default=os.path.join(TOP, "build", "app", "telpanel"))
    ap.add_argument("--first-call", type=float, default=15)
    ap.add_argument("--interval", type=float, default=90)
    ap.add_argument("args", nargs="*")
    opts = ap.parse_args()

    home = tempfile.mkdtemp(prefix="telpanel-demo-")
    procs = []
    stop = threading.Event()

    def cleanup(*_):
        stop.set()
        for p in reversed(procs):
            if p.poll() is None:
                p.terminate()
        for p in reversed(procs):
            try:
                p.wait(5)
            except subprocess.TimeoutExpired:
                p.kill()
        # Kamailio was started in the background by start-kamailio.sh; its pid file says which.
        # It writes into `home` while it stops, so the directory goes once it has gone.
        try:
            with open(os.path.join(home, "kamailio", "kamailio.pid")) as f:
                stop_pid(int(f.read()))
        except (OSError, ValueError):
            pass
        shutil.rmtree(home, ignore_errors=True)
        if os.path.exists(home):
            say(f"could not remove {home} entirely; delete it by hand")

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        base = free_block(2 + 16 * len(PEERS))
        kam_dir = os.path.join(home, "kamailio")
        os.makedirs(kam_dir)
        r = subprocess.run([os.path.join(INFRA, "kamailio", "start-kamailio.sh"), kam_dir,
                            str(base)], capture_output=True, text=True, timeout=30)
        if r.returncode != 0:
            raise SystemExit(f"telpanel demo: Kamailio did not start: {r.stderr}")
        registrar = f"127.0.0.1:{base}"

        ctrls = {}
        for i, (user, name, answers, tone) in enumerate(PEERS):
            p0 = base + 1 + 16 * i
            d = os.path.join(home, f"baresip-{user}")
            make_baresip_config.write_config(
                d, user=user, registrar=registrar, sip_port=p0, ctrl_port=p0 + 2,
                rtp_ports=f"{p0 + 4}-{p0 + 15}", answermode="auto" if answers else "manual",
                tone=tone, display_name=name)
            log = open(os.path.join(d, "out.log"), "ab")
            procs.append(subprocess.Popen(["baresip", "-f", d], stdin=subprocess.DEVNULL,
                                          stdout=log, stderr=subprocess.STDOUT))
            ctrls[user] = wait_port(p0 + 2, procs[-1], f"baresip {user}")

        audio = {} if sound_server() else {"input": "tone:440", "output": "null",
                                           "ringer": "null"}
        real = os.path.join(os.environ.get("XDG_CONFIG_HOME") or
                            os.path.expanduser("~/.config"), "telpanel", "telpanel.conf")
        chat = start_chat_server(base + 1 + 16 * len(PEERS), procs)
        conf = write_panel_config(home, registrar, audio, real, chat)
        say(f"no account is configured, so this is a DEMO on a local test exchange "
            f"(Kamailio on {registrar}).")
        say("you are 1001. Call 1002 (Anna) or 1004 (Boris): they answer. "
            f"A customer, 1003, calls you in {opts.first_call:g} s and then every "
            f"{opts.interval:g} s.")
        say(f"demo settings and journal: {conf} (deleted when the panel closes). "
            f"Your own account goes to {real} (Settings writes it there).")
        if chat:
            say(f"chats: a test chat server on {chat['url']} with a few WhatsApp and Telegram "
                "conversations; you are the agent Anna.")
        if audio:
            say("no sound server found: the microphone is a 440 Hz tone, speakers are muted.")
        threading.Thread(target=customer_calls, daemon=True,
                         args=(ctrls["1003"], registrar, opts.first_call, opts.interval,
                               stop)).start()

        env = dict(os.environ)
        env["XDG_CONFIG_HOME"] = os.path.join(home, "config")
        env["XDG_DATA_HOME"] = os.path.join(home, "data")
        panel = subprocess.Popen([opts.telpanel, *opts.args], env=env)
        procs.append(panel)
        return panel.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        cleanup()


if __name__ == "__main__":
    sys.exit(main())
