"""The program under test: `telpanel --headless` with its own XDG dirs and D-Bus session bus,
driven and observed through `telpanelctl`."""
import json
import os
import signal
import subprocess
import threading
import time

from .poll import wait_for, wait_in_list
from .procs import stop_popen, stop_pid, die_with_parent, read_log
from . import timeouts

BUILD = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", "build", "app"))
TELPANEL_BIN = os.environ.get("TELPANEL_BIN") or os.path.join(BUILD, "telpanel")
TELPANELCTL_BIN = os.environ.get("TELPANELCTL_BIN") or os.path.join(BUILD, "telpanelctl")


class CtlError(AssertionError):
    def __init__(self, args, rc, stderr, stdout):
        self.rc, self.stderr, self.stdout = rc, stderr, stdout
        super().__init__(f"telpanelctl {' '.join(args)} failed (rc {rc}): {stderr.strip() or stdout.strip()}")


class DbusSession:
    """A private `dbus-daemon --session` for one test."""

    def __init__(self, pid_file=None):
        r = subprocess.run(["dbus-daemon", "--session", "--fork", "--print-address=1", "--print-pid=1"],
                           capture_output=True, text=True, timeout=10, stdin=subprocess.DEVNULL)
        if r.returncode != 0:
            raise RuntimeError(f"dbus-daemon failed: {r.stderr}")
        lines = r.stdout.split()
        self.address, self.pid = lines[0], int(lines[1])
        if pid_file:  # for procs.sweep_orphans() should this test process die
            with open(pid_file, "w") as f:
                f.write(str(self.pid))

    def stop(self):
        stop_pid(self.pid, 5.0)


class Watch:
    """`telpanelctl watch --json` in the background; one parsed JSON object per line."""

    def __init__(self, env, log_path):
        self.events = []
        self._cv = threading.Condition()
        self._log = open(log_path, "ab")
        self.proc = subprocess.Popen([TELPANELCTL_BIN, "watch", "--json"], env=env,
                                     stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=self._log, preexec_fn=die_with_parent)
        threading.Thread(target=self._rx, daemon=True, name="watch").start()

    def _rx(self):
        for line in self.proc.stdout:
            line = line.strip()
            if not line:
                continue
            try:
                ev = json.loads(line)
            except ValueError:
                ev = {"event": "unparsable", "line": line.decode(errors="replace")}
            with self._cv:
                self.events.append(ev)
                self._cv.notify_all()

    def mark(self):
        with self._cv:
            return len(self.events)

    def wait(self, predicate, timeout, message, since=0):
        """First event (from index `since`) satisfying predicate."""
        e = wait_in_list(self._cv, self.events, predicate, timeout, since)
        if e is None:
            raise AssertionError(f"timed out after {timeout:g} s waiting for watch event: "
                                 f"{message}; events so far: {self.events}")
        return e

    def dtmf_digits(self, call_id=None, since=0):
        with self._cv:
            return "".join(e.get("digit", "") for e in self.events[since:]
                           if e.get("event") == "dtmf" and (call_id is None or e.get("call") == call_id))

    def stop(self):
        stop_popen(self.proc, 3.0)
        self._log.close()


class Panel:
    def __init__(self, base_dir, kamailio, ports, user="1001"):
        self.dir = os.path.join(base_dir, "panel")
        self.kamailio = kamailio
        self.user = user
        self.sip_port = ports.take(2)
        self.xdg = {k: os.path.join(self.dir, v) for k, v in (
            ("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data"),
            ("XDG_CACHE_HOME", "cache"), ("XDG_RUNTIME_DIR", "runtime"),
            ("XDG_STATE_HOME", "state"))}
        for d in self.xdg.values():
            os.makedirs(d, mode=0o700, exist_ok=True)
        self.config_path = os.path.join(self.xdg["XDG_CONFIG_HOME"], "telpanel", "telpanel.conf")
        self.received_base = os.path.join(self.dir, "received.wav")
        self.log_path = os.path.join(self.dir, "telpanel.log")
        self.dbus = DbusSession(os.path.join(self.dir, "dbus.pid"))
        self.proc = None
        self._log = None
        self.watch = None
        self.tone = None

    # ----- configuration -----
    def write_config(self, *, password="secret", transport="udp", codecs=None, tone=1000,
                     register_expires=None, sip_port=True, registrar_port=None, mode=0o600,
                     extra_account=None, more_sections=(), ringer="null", general=None):
        """Write telpanel.conf (GKeyFile). The account points at this test's Kamailio.
        `more_sections`: (group, {key: value}) pairs written after [account], e.g. a further
        [account:NAME]."""
        port = registrar_port or self.kamailio.port
        self.tone = tone
        lines = ["[general]", "region=RU"] + [f"{k}={v}" for k, v in (general or {}).items()]
        lines += ["", "[network]"]
        if sip_port:
            lines.append(f"sip_port={self.sip_port}")
        lines += ["", "[account]", f"uri=sip:{self.user}@127.0.0.1:{port}"]
        if password is not None:
            lines.append(f"password={password}")
        lines.append(f"transport={transport}")
        if register_expires is not None:
            lines.append(f"register_expires={register_expires}")
        if codecs:
            lines.append(f"codecs={codecs}")
        for k, v in (extra_account or {}).items():
            lines.append(f"{k}={v}")
        for group, keys in more_sections:
            lines += ["", f"[{group}]"] + [f"{k}={v}" for k, v in keys.items()]
        lines += ["", "[audio]", f"input=tone:{tone}", f"output=wav:{self.received_base}",
                  f"ringer={ringer}", ""]
        os.makedirs(os.path.dirname(self.config_path), mode=0o700, exist_ok=True)
        fd = os.open(self.config_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write("\n".join(lines))
        os.chmod(self.config_path, mode)

    # ----- environment -----
    @property
    def env(self):
        env = dict(os.environ)
        env.pop("TELPANEL_TEST_AUDIO", None)
        env.update(self.xdg)
        env["DBUS_SESSION_BUS_ADDRESS"] = self.dbus.address
        env.setdefault("G_DEBUG", "fatal-criticals")
        env.setdefault("NO_AT_BRIDGE", "1")
        env.setdefault("GSETTINGS_BACKEND", "memory")
        return env

    # ----- lifecycle -----
    def start(self, wait_ready=True):
        """Start `telpanel --headless`; wait until telpanelctl answers on the bus."""
        assert self.proc is None or self.proc.poll() is not None, "panel already running"
        self._log = open(self.log_path, "ab")
        self._log.write(f"===== start {time.strftime('%H:%M:%S')} =====\n".encode())
        self._log.flush()
        self.proc = subprocess.Popen([TELPANEL_BIN, "--headless"], env=self.env,
                                     stdin=subprocess.DEVNULL, stdout=self._log,
                                     stderr=subprocess.STDOUT, preexec_fn=die_with_parent)
        if wait_ready:
            wait_for(lambda: self._check_alive() and self.status(), timeouts.PANEL_START,
                     "telpanel answers `telpanelctl status --json`")
        return self

    def _check_alive(self):
        if self.proc.poll() is not None:
            raise AssertionError(f"telpanel exited with {self.proc.returncode}; log:\n{self.log()}")
        return True

    def wait_exit(self, timeout):
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"telpanel still running after {timeout} s; log:\n{self.log()}")

    def stop(self):
        if self.watch:
            self.watch.stop()
            self.watch = None
        if self.proc:
            rc = stop_popen(self.proc, 5.0)
            self._log.close()
            return rc

    def kill9(self):
        """SIGKILL: no chance to close the journal entry or say goodbye."""
        if self.watch:
            self.watch.stop()
            self.watch = None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(5)
        self._log.close()

    def shutdown(self):
        """Fixture teardown: panel, then its bus."""
        try:
            self.stop()
        finally:
            self.dbus.stop()

    def log(self):
        return read_log(self.log_path)

    # ----- telpanelctl -----
    def ctl_raw(self, *args, timeout=10):
        return subprocess.run([TELPANELCTL_BIN, *args], env=self.env, capture_output=True,
                              text=True, timeout=timeout, stdin=subprocess.DEVNULL)

    def ctl(self, *args, as_json=True):
        """Run telpanelctl; parsed JSON (with --json) or stripped stdout; CtlError on failure."""
        argv = list(args) + (["--json"] if as_json else [])
        r = self.ctl_raw(*argv)
        if r.returncode != 0:
            raise CtlError(argv, r.returncode, r.stderr, r.stdout)
        if not as_json:
            return r.stdout.strip()
        try:
            return json.loads(r.stdout)
        except ValueError as e:
            raise AssertionError(f"telpanelctl {' '.join(argv)}: not JSON ({e}): {r.stdout!r}")

    def status(self):
        return self.ctl("status")

    def registration(self):
        return self.status()["registration"]

    def calls(self):
        return self.status()["calls"]

    def call(self, call_id):
        for c in self.calls():
            if c["id"] == call_id:
                return c
        return None

    def journal(self):
        return self.ctl("journal")

    def dial(self, target):
        """Returns the new call's id (the printed line)."""
        out = self.ctl("dial", target, as_json=False)
        assert out, "telpanelctl dial printed no call id"
        return out.splitlines()[-1].strip()

    # ----- waiting -----
    def start_watch(self):
        if not self.watch:
            self.watch = Watch(self.env, self.log_path + ".watch-stderr")
        return self.watch

    def wait_registration(self, state, timeout, reason_check=None):
        def ok():
            reg = self.registration()
            if reg["state"] != state:
                return None
            return reg if reason_check is None or reason_check(reg.get("reason", "")) else None
        return wait_for(lambda: self._check_alive() and ok(), timeout,
                        f"panel registration state {state!r}")

    def wait_call(self, predicate, timeout, message):
        """First call in `status` satisfying predicate(call)."""
        def find():
            self._check_alive()
            for c in self.calls():
                if predicate(c):
                    return c
            return None
        return wait_for(find, timeout, message)

    def wait_call_state(self, call_id, state, timeout=timeouts.CALL_SETUP):
        return self.wait_call(lambda c: c["id"] == call_id and c["state"] == state, timeout,
                              f"call {call_id} in state {state!r}")

    def wait_incoming(self, timeout=timeouts.CALL_SETUP, peer_user=None, exclude=()):
        def pred(c):
            return (c["direction"] == "incoming" and c["id"] not in exclude
                    and c["state"] == "ringing"
                    and (peer_user is None or c["peer"].startswith(f"sip:{peer_user}@")))
        return self.wait_call(pred, timeout, f"an incoming ringing call from {peer_user or 'anyone'}")

    def wait_call_gone_or_ended(self, call_id, timeout=timeouts.CALL_END):
        """The call has ended: reported "ended" or no longer listed in status."""
        def gone():
            c = self.call(call_id)
            return c is None or c["state"].startswith("ended")
        return wait_for(gone, timeout, f"call {call_id} ended")

    def wait_journal_entry(self, predicate, timeout=timeouts.CALL_END, message="journal entry"):
        def find():
            for e in self.journal():
                if predicate(e):
                    return e
            return None
        return wait_for(find, timeout, message)

    def wait_journal_closed(self, peer_user, timeout=timeouts.CALL_END, direction=None):
        """Newest journal entry with this peer whose ended_at is set.

        Entries are matched by peer, not by `call_id`: the contract does not say whether a
        journal's call_id is the panel's call id or the SIP Call-ID."""
        def pred(e):
            return (str(e.get("peer", "")).startswith(f"sip:{peer_user}@") and e.get("ended_at")
                    and (direction is None or e.get("direction") == direction))
        return self.wait_journal_entry(pred, timeout, f"closed journal entry for a call with {peer_user}")

    # ----- media -----
    def received_wav(self, n=1):
        """The n-th call's received audio of this run: received.wav, received-2.wav, ..."""
        if n == 1:
            return self.received_base
        root, ext = os.path.splitext(self.received_base)
        return f"{root}-{n}{ext}"

    def wait_received_seconds(self, seconds, n=1, timeout=timeouts.AUDIO_WAIT):
        from .wav import read_wav
        path = self.received_wav(n)
        wait_for(lambda: os.path.exists(path) and read_wav(path).seconds >= seconds, timeout,
                 f"panel's {os.path.basename(path)} holds {seconds} s of audio")
        return path
