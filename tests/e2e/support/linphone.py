"""linphonec (Linphone 5.1 CLI) as a scripted peer, driven through its stdin. It registers to
the test's Kamailio, auto-answers, and sends DTMF as SIP INFO, which baresip 1.0 cannot.
With no sound card it sends no RTP (see test-infra notes): use it for signalling only."""
import os
import shutil
import subprocess

from .procs import stop_popen, read_log

INFRA = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "support", "infra"))


class Linphone:
    def __init__(self, run_dir, kamailio, ports, user="1004"):
        self.user = user
        self.dir = os.path.join(run_dir, f"linphone-{user}")
        self.kamailio = kamailio
        self.sip_port, self.rtp_port = ports.take(1), ports.take(2)
        self.log_path = os.path.join(self.dir, "linphonec.log")
        self.proc = None

    def start(self):
        if not shutil.which("linphonec"):
            raise RuntimeError("linphonec is missing: scripts/setup.sh installs linphone-cli")
        os.makedirs(os.path.join(self.dir, ".local", "share", "linphone"), exist_ok=True)
        with open(os.path.join(INFRA, "linphone", "linphonerc.in")) as f:
            rc = f.read()
        for key, value in (("@SIP_PORT@", self.sip_port), ("@RTP_PORT@", self.rtp_port),
                           ("@KAMAILIO@", self.kamailio.addr), ("@USER@", self.user)):
            rc = rc.replace(key, str(value))
        rc_path = os.path.join(self.dir, "linphonerc")
        with open(rc_path, "w") as f:
            f.write(rc)
        self._log = open(self.log_path, "w")
        # HOME keeps its database and state out of the real home directory.
        self.proc = subprocess.Popen(["linphonec", "-c", rc_path, "-a"], stdin=subprocess.PIPE,
                                     stdout=self._log, stderr=subprocess.STDOUT, text=True,
                                     env=dict(os.environ, HOME=self.dir))
        self.kamailio.wait_registered(self.user)
        return self

    def command(self, line):
        """One linphonec command line, e.g. "5" sends the DTMF digit 5 in the current call."""
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def log(self):
        return read_log(self.log_path)

    def stop(self):
        if not self.proc:
            return
        if self.proc.poll() is None:
            try:
                self.command("quit")
            except OSError:
                pass
        # linphonec sometimes hangs on exit after a call (test-infra notes): SIGKILL after 5 s.
        stop_popen(self.proc, 5.0)
        self._log.close()
