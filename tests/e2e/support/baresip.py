"""baresip 1.0.0 peer fixture: config generation, start/stop, persistent ctrl_tcp client.

GOTCHA (measured): ctrl_tcp sends events only to the MOST RECENT TCP connection, so each
Baresip keeps exactly one connection for both commands and events."""
import glob
import importlib.util
import json
import os
import re
import socket
import subprocess
import threading
import time

from .kamailio import INFRA
from .poll import wait_for, wait_in_list
from .procs import stop_popen, die_with_parent, read_log
from . import timeouts

_spec = importlib.util.spec_from_file_location(
    "make_baresip_config", os.path.join(INFRA, "baresip", "make_baresip_config.py"))
make_baresip_config = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_baresip_config)

# Ports one peer takes from the test's PortBlock: SIP (+1: baresip also binds TCP SIP+1),
# ctrl_tcp, then RTP/RTCP pairs (rtcp_mux no) for up to 4 calls.
PORTS_PER_PEER = 16


class CtrlClient:
    """Netstring-framed JSON over TCP: `LEN:{json},`."""

    def __init__(self, name, port):
        self.name = name
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        self.sock.settimeout(None)
        self.events = []
        self._responses = {}
        self._cv = threading.Condition()
        self._n = 0
        self._closed = False
        self._send_lock = threading.Lock()
        threading.Thread(target=self._rx, daemon=True, name=f"ctrl-{name}").start()

    def _rx(self):
        buf = b""
        while True:
            try:
                d = self.sock.recv(65536)
            except OSError:
                d = b""
            if not d:
                with self._cv:
                    self._closed = True
                    self._cv.notify_all()
                return
            buf += d
            while b":" in buf:
                head, rest = buf.split(b":", 1)
                n = int(head)
                if len(rest) < n + 1:
                    break
                msg = json.loads(rest[:n])
                buf = rest[n + 1:]
                msg["_t"] = time.monotonic()
                with self._cv:
                    if msg.get("response"):
                        self._responses[msg.get("token")] = msg
                    else:
                        self.events.append(msg)
                    self._cv.notify_all()

    def cmd(self, command, params="", timeout=5):
        with self._send_lock:
            self._n += 1
            tok = f"{self.name}-{self._n}"
            b = json.dumps({"command": command, "params": params, "token": tok}).encode()
            self.sock.sendall(str(len(b)).encode() + b":" + b + b",")
        deadline = time.monotonic() + timeout
        with self._cv:
            while tok not in self._responses:
                left = deadline - time.monotonic()
                if left <= 0 or self._closed:
                    raise TimeoutError(f"baresip {self.name}: no response to {command!r}")
                self._cv.wait(left)
            return self._responses.pop(tok)

    def wait_event(self, predicate, timeout, message, since=0):
        e = wait_in_list(self._cv, self.events, predicate, timeout, since)
        if e is None:
            types = [(e.get("type"), e.get("param")) for e in self.events]
            raise AssertionError(f"baresip {self.name}: timed out after {timeout:g} s "
                                 f"waiting for {message}; events: {types}")
        return e

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


class Baresip:
    def __init__(self, name, base_dir, kamailio, ports, user, answermode="auto", tone=440,
                 codecs=None, transport="udp", password="secret", display_name=None,
                 presence=False, watch=()):
        self.name = name
        self.dir = os.path.join(base_dir, f"baresip-{name}")
        self.kamailio = kamailio
        self.user = user
        self.uri = f"sip:{user}@{kamailio.addr}"
        self.tone = tone
        self.sip_port = ports.take(2)
        self.ctrl_port = ports.take(1)
        rtp = ports.take(PORTS_PER_PEER - 3)
        rtp_range = f"{rtp}-{rtp + PORTS_PER_PEER - 4}"
        make_baresip_config.write_config(
            self.dir, user=user, registrar=kamailio.addr, sip_port=self.sip_port,
            ctrl_port=self.ctrl_port, rtp_ports=rtp_range, answermode=answermode, tone=tone,
            codecs=codecs, transport=transport, password=password, display_name=display_name,
            presence=presence, watch=watch)
        self.log_path = os.path.join(self.dir, "out.log")
        self.proc = None
        self.ctrl = None

    # ----- lifecycle -----
    def start(self, wait_registered=True):
        self._log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(["baresip", "-f", self.dir], stdin=subprocess.DEVNULL,
                                     stdout=self._log, stderr=subprocess.STDOUT,
                                     preexec_fn=die_with_parent)
        if wait_registered:
            wait_for(lambda: self._check_alive() and "} 200 OK" in self.log(),
                     timeouts.BARESIP_START, f"baresip {self.name} ({self.user}) registered")
        self.ctrl = wait_for(lambda: self._check_alive() and CtrlClient(self.name, self.ctrl_port),
                             timeouts.BARESIP_START, f"baresip {self.name} ctrl_tcp accepts")
        # ctrl_tcp sends events only to the newest connection: prove ours gets them.
        self.cmd("reginfo")
        return self

    def _check_alive(self):
        if self.proc.poll() is not None:
            raise RuntimeError(f"baresip {self.name} exited with {self.proc.returncode}:\n{self.log()}")
        return True

    def stop(self):
        """SIGTERM (it sends BYE and un-REGISTERs, ~2 s), SIGKILL after 5 s."""
        if self.ctrl:
            self.ctrl.close()
        if self.proc:
            stop_popen(self.proc, 5.0)
            self._log.close()

    def log(self):
        return read_log(self.log_path)

    # ----- commands -----
    def cmd(self, command, params="", check=True):
        r = self.ctrl.cmd(command, params)
        if check and not r.get("ok", False):
            raise AssertionError(f"baresip {self.name}: {command} {params} failed: {r}")
        return r.get("data", "")

    def dial(self, target):
        """target: a number (through Kamailio) or a full SIP URI."""
        if not target.startswith("sip:"):
            target = f"sip:{target}@{self.kamailio.addr}"
        return self.cmd("dial", target)

    def answer(self):
        return self.cmd("accept")

    def hangup(self):
        """Ends the current call; on an unanswered incoming call this rejects it (486)."""
        return self.cmd("hangup")

    def hold(self):
        return self.cmd("hold")

    def resume(self):
        return self.cmd("resume")

    def send_dtmf(self, digits):
        return self.cmd("sndcode", digits)

    # ----- events -----
    def mark(self):
        """Index for wait_event(since=...): only events after this point count."""
        return len(self.ctrl.events)

    def wait_event(self, etype, timeout=timeouts.CALL_SETUP, since=0, param_contains=None):
        def pred(e):
            return e.get("type") == etype and (
                param_contains is None or param_contains.lower() in str(e.get("param", "")).lower())
        what = etype + (f" with param containing {param_contains!r}" if param_contains else "")
        return self.ctrl.wait_event(pred, timeout, what, since)

    def events(self, etype, since=0):
        return [e for e in self.ctrl.events[since:] if e.get("type") == etype]

    def dtmf_received(self, since=0):
        return "".join(str(e.get("param", "")) for e in self.events("CALL_DTMF_START", since))

    def call_count(self):
        data = self.cmd("listcalls")
        return len(re.findall(r"sip:", data))

    # ----- media -----
    def dec_wavs(self):
        """The received-audio dumps (sndfile filter), oldest first. One per call; the name has
        1-second resolution, so two calls of one peer must not start within the same second."""
        return sorted(glob.glob(os.path.join(self.dir, "dump-*-dec.wav")), key=os.path.getmtime)

    def latest_dec_wav(self):
        wavs = self.dec_wavs()
        return wavs[-1] if wavs else None

    def audio_debug(self):
        """Parsed `audio_debug` of the current call: {"encoder": "PCMU", "decoder": "PCMU",
        "tx_seconds": float, "rx_seconds": float, "dir": "sendrecv"}. rx_seconds is the audio
        time received so far; it stands still while no RTP arrives (measured: it stops during
        hold and goes on after resume), so it is the packet-level proof for hold tests.

        NOTE (measured, baresip 1.0.0): after any re-INVITE (hold/resume) the sndfile filter is
        gone from the rx pipeline, so the -dec.wav only holds audio up to the first re-INVITE."""
        data = self.cmd("audio_debug")
        enc = re.search(r"encode:\s*(\S+)", data)
        dec = re.search(r"decode:\s*(\S+)", data)
        # "time = 1.399 sec", or "time = (not started)" before the first packet
        times = [float(t) if t else 0.0
                 for t in re.findall(r"time = (?:([\d.]+) sec|\(not started\))", data)]
        direction = re.search(r"audio dir=(\w+)", data)
        if len(times) < 2:
            raise AssertionError(f"baresip {self.name}: unexpected audio_debug output: {data!r}")
        return {"encoder": enc and enc.group(1), "decoder": dec and dec.group(1),
                "tx_seconds": times[0], "rx_seconds": times[1],
                "dir": direction and direction.group(1), "raw": data}

    def rx_seconds(self):
        return self.audio_debug()["rx_seconds"]

    def wait_rx_settled(self, timeout=timeouts.CALL_SETUP, quiet=0.2):
        """Wait until the received-audio time stops growing for `quiet` seconds: the packets
        sent before a hold took effect have arrived. Fails if audio keeps coming."""
        previous = [None]

        def settled():
            now = self.rx_seconds()
            done = previous[0] is not None and now == previous[0]
            previous[0] = now
            return done
        return wait_for(settled, timeout, f"baresip {self.name} stops receiving audio",
                        interval=quiet)

    def wait_rx_audio(self, seconds, timeout=timeouts.AUDIO_WAIT):
        """Wait until this peer has received `seconds` more audio than now (RTP flows to it)."""
        start = self.rx_seconds()
        return wait_for(lambda: self.rx_seconds() >= start + seconds, timeout,
                        f"baresip {self.name} receives {seconds} s of audio (had {start} s)")

    def wait_dec_wav_seconds(self, seconds, timeout=timeouts.AUDIO_WAIT):
        """Wait until the newest -dec.wav holds `seconds` of audio; returns its path."""
        from .wav import read_wav

        def enough():
            w = self.latest_dec_wav()
            return w if w and read_wav(w).seconds >= seconds else None
        return wait_for(enough, timeout, f"baresip {self.name} dec.wav holds {seconds} s")
