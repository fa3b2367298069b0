#!/usr/bin/python3
"""Whole-process benchmarks of telpanel: CPU per active call, start-up time, resident memory.

Everything runs on 127.0.0.1 with the end-to-end test support (tests/e2e/support): a private
Kamailio, a baresip peer (auto-answer, no audio player at all -- see
tests/support/infra/baresip/make_baresip_config.py), and `telpanel --headless` with private
XDG dirs and a private dbus-daemon.

Usage (Debian's python: the pyenv python3 on PATH lacks numpy, which support.wav imports):
    /usr/bin/python3 bench/process_bench.py cpu      [--seconds 30] [--runs 3] [--codecs PCMU,opus]
    /usr/bin/python3 bench/process_bench.py startup  [--runs 10] [--poll-ms 15]
    /usr/bin/python3 bench/process_bench.py memory   [--runs 3] [--call-seconds 10]
    /usr/bin/python3 bench/process_bench.py all      [--json results.json]
Env: TELPANEL_BIN, TELPANELCTL_BIN (default build/app/telpanel, build/app/telpanelctl).

Prints a table per benchmark; exits 1 with a "FAIL:" line when something does not work (a call
that does not establish, the wrong codec, no RTP reaching the peer, a process that died)."""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tests", "e2e"))

from support.baresip import Baresip  # noqa: E402
from support.kamailio import Kamailio  # noqa: E402
from support.panel import Panel, TELPANEL_BIN, TELPANELCTL_BIN  # noqa: E402
from support.ports import PortBlock  # noqa: E402
from support.procs import stop_popen  # noqa: E402
from support import timeouts  # noqa: E402

CLK_TCK = os.sysconf("SC_CLK_TCK")
BUS_NAME = "org.telpanel.Panel"
BARESIP_CODEC = {"pcmu": "pcmu", "pcma": "pcma", "g722": "g722", "opus": "opus"}


class BenchError(Exception):
    pass


# ----------------------------------------------------------------------------- /proc readers
def _stat_fields(path):
    with open(path) as f:
        s = f.read()
    comm = s[s.index("(") + 1:s.rindex(")")]
    return comm, s[s.rindex(")") + 2:].split()


def cpu_ticks(pid):
    """utime + stime of the whole process (all threads, live and exited), in clock ticks."""
    _, f = _stat_fields(f"/proc/{pid}/stat")
    return int(f[11]) + int(f[12])  # fields 14 and 15 of proc(5); f[0] is field 3


def thread_ticks(pid):
    """{tid: (name, utime+stime ticks)} of the live threads."""
    out = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            comm, f = _stat_fields(f"/proc/{pid}/task/{tid}/stat")
        except OSError:
            continue
        out[int(tid)] = (comm, int(f[11]) + int(f[12]))
    return out


def mem_kb(pid):
    """{"VmRSS": kB, "VmHWM": kB} from /proc/PID/status."""
    out = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            k, _, v = line.partition(":")
            if k in ("VmRSS", "VmHWM"):
                out[k] = int(v.split()[0])
    return out


def thread_delta(before, after, seconds):
    """Per thread name: percent of one core between two thread_ticks() samples."""
    by_name = {}
    for tid, (name, t1) in after.items():
        t0 = before.get(tid, (name, 0))[1]
        by_name[name] = by_name.get(name, 0) + (t1 - t0)
    return sorted(((n, 100.0 * t / CLK_TCK / seconds) for n, t in by_name.items() if t > 0),
                  key=lambda x: -x[1])


# ----------------------------------------------------------------------------- environment
def write_panel_config(panel, codecs=None):
    """Like Panel.write_config, but with output=null (the brief's headless audio: tone in, null
    out) -- Panel.write_config always writes the received audio to a WAV."""
    lines = ["[general]", "region=RU", "", "[network]", f"sip_port={panel.sip_port}", "",
             "[account]", f"uri=sip:{panel.user}@127.0.0.1:{panel.kamailio.port}",
             "password=secret", "transport=udp"]
    if codecs:
        lines.append(f"codecs={codecs}")
    lines += ["", "[audio]", "input=tone:1000", "output=null", "ringer=null", ""]
    os.makedirs(os.path.dirname(panel.config_path), mode=0o700, exist_ok=True)
    fd = os.open(panel.config_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write("\n".join(lines))


class Env:
    """One run directory, port block and Kamailio; panels and peers started on demand and all
    stopped by close() (panel and peers first, then Kamailio)."""

    def __init__(self, keep=False):
        self.dir = tempfile.mkdtemp(prefix="telpanel-bench-")
        self.keep = keep
        self.ports = PortBlock()
        self.kamailio = Kamailio(os.path.join(self.dir, "kamailio"), self.ports.take(1)).start()
        self.panels, self.peers = [], []
        self.failed = False

    def panel(self, codecs=None, start=True, name="p"):
        """A Panel whose XDG dirs are <run dir>/<name>/panel: the same name means the same
        XDG dirs (journal, GStreamer registry cache), as for a user who restarts telpanel."""
        p = Panel(os.path.join(self.dir, name), self.kamailio, self.ports)
        self.panels.append(p)
        write_panel_config(p, codecs)
        if start:
            p.start()
            p.wait_registration("registered", timeouts.REGISTER)
        return p

    def peer(self, user="1002", codecs=None):
        name = f"{user}-{len(self.peers)}"
        b = Baresip(name, self.dir, self.kamailio, self.ports, user, answermode="auto",
                    tone=440, codecs=codecs)
        self.peers.append(b)
        return b.start()

    def stop_peer(self, b):
        b.stop()
        self.peers.remove(b)

    def stop_panel(self, p):
        p.shutdown()
        self.panels.remove(p)

    def close(self):
        for p in list(self.panels):
            try:
                p.shutdown()
            except Exception as e:  # noqa: BLE001
                print(f"warning: stopping telpanel: {e}", file=sys.stderr)
        for b in self.peers:
            if b.ctrl:
                b.ctrl.close()
            if b.proc and b.proc.poll() is None:
                b.proc.terminate()
        for b in self.peers:
            if b.proc:
                stop_popen(b.proc, 5.0)
        self.kamailio.stop()
        self.ports.release()
        if self.failed or self.keep:
            print(f"run dir kept: {self.dir}", file=sys.stderr)
        else:
            shutil.rmtree(self.dir, ignore_errors=True)


def establish_call(panel, peer, codec):
    """Panel dials the peer; both ends up, with `codec` on both ends and RTP reaching the peer.
    Returns the panel's call id."""
    m = peer.mark()
    try:
        call_id = panel.dial(peer.user)
        peer.wait_event("CALL_ESTABLISHED", since=m, timeout=timeouts.CALL_SETUP)
        panel.wait_call_state(call_id, "active")
    except AssertionError as e:
        raise BenchError(f"call with {codec} did not establish: {e}\n--- telpanel log tail:\n"
                         f"{panel.log()[-3000:]}") from e
    got = panel.call(call_id).get("codec") or ""
    dec = (peer.audio_debug()["decoder"] or "")
    if got.lower() != codec.lower() or dec.lower() != codec.lower():
        raise BenchError(f"expected {codec} on both ends, panel reports {got!r}, baresip decodes {dec!r}")
    try:
        peer.wait_rx_audio(1.0)
    except AssertionError as e:
        raise BenchError(f"{codec} call established but no audio reaches baresip: {e}") from e
    return call_id


def end_call(panel, peer, call_id):
    m = peer.mark()
    panel.ctl("hangup", call_id, as_json=False)
    panel.wait_call_gone_or_ended(call_id)
    peer.wait_event("CALL_CLOSED", since=m, timeout=timeouts.CALL_END)


def alive(proc, what):
    if proc.poll() is not None:
        raise BenchError(f"{what} exited with {proc.returncode} during the measurement")


# ----------------------------------------------------------------------------- statistics
def summary(values):
    v = sorted(values)
    return {"median": statistics.median(v), "min": v[0], "max": v[-1], "n": len(v), "all": values}


def fmt_sum(s, unit="", prec=1):
    return (f"{s['median']:.{prec}f}{unit} (min {s['min']:.{prec}f}, max {s['max']:.{prec}f}, "
            f"n={s['n']})")


def table(headers, rows):
    widths = [max(len(str(h)), *(len(str(r[i])) for r in rows)) for i, h in enumerate(headers)]
    line = lambda cells: "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths)) + " |"  # noqa: E731
    print(line(headers))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print(line(r))


# ----------------------------------------------------------------------------- benchmarks
def bench_cpu(args, results):
    """CPU of telpanel and of baresip over the same window of an established call."""
    out = {}
    codecs = [c.strip() for c in args.codecs.split(",") if c.strip()]
    for codec in codecs:
        env = Env(args.keep)
        try:
            panel = env.panel(codecs=codec)
            peer = env.peer(codecs=BARESIP_CODEC[codec.lower()])
            # Idle baseline: the registered panel with no call, over --idle-seconds.
            idle = []
            t0, c0 = time.monotonic(), cpu_ticks(panel.proc.pid)
            time.sleep(args.idle_seconds)
            t1, c1 = time.monotonic(), cpu_ticks(panel.proc.pid)
            idle.append(100.0 * (c1 - c0) / CLK_TCK / (t1 - t0))
            runs = []
            for i in range(args.runs):
                call_id = establish_call(panel, peer, codec)
                time.sleep(args.warmup)
                pp, bp = panel.proc.pid, peer.proc.pid
                rx0 = peer.rx_seconds()
                th0 = thread_ticks(pp)
                t0 = time.monotonic()
                p0, b0 = cpu_ticks(pp), cpu_ticks(bp)
                time.sleep(args.seconds)
                p1, b1 = cpu_ticks(pp), cpu_ticks(bp)
                t1 = time.monotonic()
                th1 = thread_ticks(pp)
                alive(panel.proc, "telpanel")
                alive(peer.proc, "baresip")
                wall = t1 - t0
                c = panel.call(call_id)
                if not c or c["state"] != "active":
                    raise BenchError(f"{codec} run {i + 1}: the call is no longer active after "
                                     f"the window: {c}")
                rx = peer.rx_seconds() - rx0
                if rx < 0.9 * wall:
                    raise BenchError(f"{codec} run {i + 1}: baresip received only {rx:.1f} s of "
                                     f"audio in a {wall:.1f} s window")
                tp = 100.0 * (p1 - p0) / CLK_TCK / wall
                bs = 100.0 * (b1 - b0) / CLK_TCK / wall
                run = {"wall_s": wall, "telpanel_pct": tp, "baresip_pct": bs,
                       "ratio": tp / bs if bs > 0 else float("inf"), "peer_rx_audio_s": rx,
                       "threads": thread_delta(th0, th1, wall)}
                runs.append(run)
                print(f"  {codec} run {i + 1}: telpanel {tp:.1f} %, baresip {bs:.1f} % of one core "
                      f"over {wall:.1f} s (baresip received {rx:.1f} s of audio); busiest telpanel "
                      f"threads: " + ", ".join(f"{n} {p:.1f}%" for n, p in run["threads"][:5]),
                      flush=True)
                end_call(panel, peer, call_id)
                time.sleep(1.0)
            out[codec] = {"runs": runs, "idle_telpanel_pct": idle[0],
                          "telpanel_pct": summary([r["telpanel_pct"] for r in runs]),
                          "baresip_pct": summary([r["baresip_pct"] for r in runs]),
                          "ratio": summary([r["ratio"] for r in runs])}
        except BaseException:
            env.failed = True
            raise
        finally:
            env.close()
    print(f"\nCPU per active call ({args.seconds:g} s window after {args.warmup:g} s warm-up, "
          f"{args.runs} calls per codec; % of one core; baresip: no audio player, ausine source)")
    table(["codec", "telpanel % (median, min-max)", "baresip % (median, min-max)",
           "telpanel/baresip", "telpanel idle %"],
          [[c, f"{r['telpanel_pct']['median']:.1f} ({r['telpanel_pct']['min']:.1f}-{r['telpanel_pct']['max']:.1f})",
            f"{r['baresip_pct']['median']:.1f} ({r['baresip_pct']['min']:.1f}-{r['baresip_pct']['max']:.1f})",
            f"{r['ratio']['median']:.1f} ({r['ratio']['min']:.1f}-{r['ratio']['max']:.1f})",
            f"{r['idle_telpanel_pct']:.2f}"] for c, r in out.items()])
    results["cpu"] = out


def _bus_has_owner_factory(address):
    """A cheap in-process NameHasOwner check (GIO), falling back to dbus-send."""
    try:
        import gi
        gi.require_version("Gio", "2.0")
        from gi.repository import Gio, GLib
        conn = Gio.DBusConnection.new_for_address_sync(
            address, Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT
            | Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION, None, None)

        def has_owner():
            r = conn.call_sync("org.freedesktop.DBus", "/org/freedesktop/DBus",
                               "org.freedesktop.DBus", "NameHasOwner", GLib.Variant("(s)", (BUS_NAME,)),
                               GLib.VariantType("(b)"), Gio.DBusCallFlags.NONE, 2000, None)
            return r.unpack()[0]
        return has_owner, conn.close_sync
    except Exception:  # noqa: BLE001
        def has_owner():
            r = subprocess.run(["dbus-send", f"--bus={address}", "--print-reply",
                                "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus",
                                "org.freedesktop.DBus.NameHasOwner", f"string:{BUS_NAME}"],
                               capture_output=True, text=True, timeout=5)
            return "boolean true" in r.stdout
        return has_owner, lambda *a: None


def measure_start(p, poll, label):
    """Spawn `telpanel --headless` for Panel p (not running); seconds until the D-Bus name is
    owned and until `telpanelctl status --json` says registered. The panel is left running."""
    has_owner, close = _bus_has_owner_factory(p.dbus.address)
    p._log = open(p.log_path, "ab")
    t0 = time.monotonic()
    p.proc = subprocess.Popen([TELPANEL_BIN, "--headless"], env=p.env, stdin=subprocess.DEVNULL,
                              stdout=p._log, stderr=subprocess.STDOUT)
    t_name = t_reg = None
    polls = 0
    deadline = t0 + timeouts.PANEL_START + timeouts.REGISTER
    try:
        while True:
            if time.monotonic() > deadline:
                raise BenchError(f"start-up {label}: not registered after {deadline - t0:.0f} s; "
                                 f"log:\n{p.log()[-3000:]}")
            alive(p.proc, "telpanel")
            if t_name is None:
                if has_owner():
                    t_name = time.monotonic()
                    continue  # poll status at once
            else:
                r = subprocess.run([TELPANELCTL_BIN, "status", "--json"], env=p.env,
                                   capture_output=True, text=True, timeout=5,
                                   stdin=subprocess.DEVNULL)
                polls += 1
                if r.returncode == 0 and \
                        json.loads(r.stdout)["registration"]["state"] == "registered":
                    t_reg = time.monotonic()
                    break
            time.sleep(poll)
    finally:
        close(None)
    run = {"bus_name_s": t_name - t0, "registered_s": t_reg - t0, "status_polls": polls}
    print(f"  start-up {label}: D-Bus name after {run['bus_name_s'] * 1000:.0f} ms, registered "
          f"after {run['registered_s'] * 1000:.0f} ms ({polls} status polls)", flush=True)
    return run


def bench_startup(args, results):
    """Spawn `telpanel --headless` -> D-Bus name owned -> status says registered.

    warm: one set of XDG dirs, started once unmeasured (GStreamer builds its registry cache in
          $XDG_CACHE_HOME/gstreamer-1.0), then `runs` measured starts -- a user's normal start.
    first: fresh, empty XDG dirs every run -- the very first start of a new user."""
    env = Env(args.keep)
    poll = args.poll_ms / 1000.0
    warm, first = [], []
    try:
        p = env.panel(start=False, name="warm")
        measure_start(p, poll, "warm-up (unmeasured)")
        p.stop()
        for i in range(args.runs):
            warm.append(measure_start(p, poll, f"warm run {i + 1}"))
            p.stop()
        env.stop_panel(p)
        for i in range(args.runs):
            q = env.panel(start=False, name=f"first{i}")
            first.append(measure_start(q, poll, f"first-start run {i + 1}"))
            env.stop_panel(q)
    except BaseException:
        env.failed = True
        raise
    finally:
        env.close()
    out = {}
    rows = []
    for mode, runs, label in (("warm", warm, "warm (XDG cache kept)"),
                              ("first", first, "first start (empty XDG dirs)")):
        bn = summary([r["bus_name_s"] * 1000 for r in runs])
        rg = summary([r["registered_s"] * 1000 for r in runs])
        out[mode] = {"runs": runs, "bus_name_ms": bn, "registered_ms": rg}
        rows.append([label, "D-Bus name owned", f"{bn['median']:.0f}", f"{bn['min']:.0f}", f"{bn['max']:.0f}"])
        rows.append([label, "status: registered", f"{rg['median']:.0f}", f"{rg['min']:.0f}", f"{rg['max']:.0f}"])
    print(f"\nStart-up of telpanel --headless ({args.runs} runs each, polled every "
          f"{args.poll_ms:g} ms; ms from spawn)")
    table(["start", "until", "median ms", "min ms", "max ms"], rows)
    results["startup"] = out


def bench_memory(args, results):
    """VmRSS/VmHWM: telpanel idle (registered), telpanel and baresip during a PCMU call."""
    runs = []
    env = Env(args.keep)
    try:
        # One unmeasured start first: GStreamer builds its registry cache then, which would
        # inflate the first run's RSS; every measured run uses these same (warm) XDG dirs.
        env.stop_panel(env.panel(codecs="PCMU", name="mem"))
        for i in range(args.runs):
            panel = env.panel(codecs="PCMU", name="mem")
            time.sleep(args.idle_seconds_mem)
            idle = mem_kb(panel.proc.pid)
            peer = env.peer(codecs="pcmu")
            peer_idle = mem_kb(peer.proc.pid)
            call_id = establish_call(panel, peer, "PCMU")
            time.sleep(args.call_seconds)
            call = mem_kb(panel.proc.pid)
            peer_call = mem_kb(peer.proc.pid)
            alive(panel.proc, "telpanel")
            end_call(panel, peer, call_id)
            run = {"telpanel_idle": idle, "telpanel_call": call, "baresip_idle": peer_idle,
                   "baresip_call": peer_call}
            runs.append(run)
            print(f"  memory run {i + 1}: telpanel idle RSS {idle['VmRSS']} kB, in call RSS "
                  f"{call['VmRSS']} kB HWM {call['VmHWM']} kB; baresip in call RSS "
                  f"{peer_call['VmRSS']} kB", flush=True)
            env.stop_panel(panel)
            env.stop_peer(peer)
    except BaseException:
        env.failed = True
        raise
    finally:
        env.close()
    out = {"runs": runs}
    rows = []
    for key, label in (("telpanel_idle", "telpanel, registered, idle"),
                       ("telpanel_call", "telpanel, active PCMU call"),
                       ("baresip_idle", "baresip, registered, idle"),
                       ("baresip_call", "baresip, same PCMU call")):
        rss = summary([r[key]["VmRSS"] / 1024 for r in runs])
        hwm = summary([r[key]["VmHWM"] / 1024 for r in runs])
        out[key] = {"VmRSS_MiB": rss, "VmHWM_MiB": hwm}
        rows.append([label, f"{rss['median']:.1f} ({rss['min']:.1f}-{rss['max']:.1f})",
                     f"{hwm['median']:.1f} ({hwm['min']:.1f}-{hwm['max']:.1f})"])
    print(f"\nResident memory ({args.runs} runs, fresh processes each, warm XDG cache; idle sampled "
          f"{args.idle_seconds_mem:g} s after registration, call sampled after "
          f"{args.call_seconds:g} s)")
    table(["process / state", "VmRSS MiB (median, min-max)", "VmHWM MiB (median, min-max)"], rows)
    results["memory"] = out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("what", choices=["cpu", "startup", "memory", "all"])
    ap.add_argument("--runs", type=int, help="repetitions (default: cpu 3, startup 10, memory 3)")
    ap.add_argument("--seconds", type=float, default=30.0, help="cpu: measurement window per call")
    ap.add_argument("--warmup", type=float, default=2.0, help="cpu: seconds in call before the window")
    ap.add_argument("--idle-seconds", type=float, default=10.0, help="cpu: idle baseline window")
    ap.add_argument("--codecs", default="PCMU,opus", help="cpu: panel codec names, comma-separated")
    ap.add_argument("--poll-ms", type=float, default=15.0, help="startup: poll interval")
    ap.add_argument("--idle-seconds-mem", type=float, default=2.0, help="memory: wait after registration")
    ap.add_argument("--call-seconds", type=float, default=10.0, help="memory: seconds in call before sampling")
    ap.add_argument("--json", help="also write all figures to this JSON file")
    ap.add_argument("--keep", action="store_true", help="keep the run directories")
    args = ap.parse_args()
    for b in (TELPANEL_BIN, TELPANELCTL_BIN):
        if not os.access(b, os.X_OK):
            print(f"FAIL: {b} is not built (cmake --build build)", file=sys.stderr)
            return 1
    for tool in ("baresip", "kamailio", "dbus-daemon"):
        if not shutil.which(tool) and not os.path.exists(f"/usr/sbin/{tool}"):
            print(f"FAIL: {tool} not found (scripts/setup.sh installs it)", file=sys.stderr)
            return 1
    results = {"machine": {"nproc": os.cpu_count(), "date": time.strftime("%Y-%m-%d %H:%M:%S %z"),
                           "telpanel": TELPANEL_BIN}}
    todo = ["cpu", "startup", "memory"] if args.what == "all" else [args.what]
    defaults = {"cpu": 3, "startup": 10, "memory": 3}
    runs_arg = args.runs
    try:
        for w in todo:
            args.runs = runs_arg or defaults[w]
            print(f"== {w}", flush=True)
            {"cpu": bench_cpu, "startup": bench_startup, "memory": bench_memory}[w](args, results)
            print(flush=True)
    except (BenchError, AssertionError, RuntimeError, TimeoutError) as e:
        print(f"FAIL: {e}", file=sys.stderr)
        return 1
    finally:
        if args.json:
            with open(args.json, "w") as f:
                json.dump(results, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
