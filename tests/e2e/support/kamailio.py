"""Kamailio fixture: the registrar/proxy of tests/support/infra/kamailio on a test's own port."""
import os
import re
import signal
import subprocess

from .poll import wait_for
from .procs import stop_group, group_alive
from . import timeouts

INFRA = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "support", "infra"))
START_SCRIPT = os.path.join(INFRA, "kamailio", "start-kamailio.sh")


class Kamailio:
    """Users 1001-1005 in domain 127.0.0.1, password `secret` (see start-kamailio.sh)."""

    def __init__(self, run_dir, port):
        self.run_dir = run_dir
        self.port = port
        self.addr = f"127.0.0.1:{port}"
        self.pgid = None
        self.log_path = os.path.join(run_dir, "kamailio.log")
        self.ctl_socket = os.path.join(run_dir, "kamailio_ctl")

    def start(self):
        """Start and wait until ready (the script polls kamcmd). Usable again after kill()/stop()."""
        assert self.pgid is None or not group_alive(self.pgid), "kamailio already running"
        # start_new_session: the script and the kamailio it backgrounds (with all its children)
        # form one process group, so kill()/stop() can take every process down.
        r = subprocess.run([START_SCRIPT, self.run_dir, str(self.port)], stdin=subprocess.DEVNULL,
                           capture_output=True, text=True, start_new_session=True,
                           timeout=timeouts.KAMAILIO_START + 5)
        if r.returncode != 0:
            raise RuntimeError(f"kamailio did not start (rc {r.returncode}):\n{r.stderr}")
        pid = int(r.stdout.split()[-1])
        self.pgid = os.getpgid(pid)
        with open(os.path.join(self.run_dir, "kamailio.pgid"), "w") as f:
            f.write(str(self.pgid))  # for procs.sweep_orphans() should this test process die
        return self

    @property
    def running(self):
        return self.pgid is not None and group_alive(self.pgid)

    def kill(self):
        """SIGKILL every Kamailio process at once (a crash): no goodbye, usrloc is lost."""
        if self.pgid is not None:
            stop_group(self.pgid, term_timeout=0, sig=signal.SIGKILL)

    def stop(self):
        if self.pgid is not None:
            stop_group(self.pgid, term_timeout=5.0)

    def kamcmd(self, *args):
        r = subprocess.run(["kamcmd", "-s", f"unix:{self.ctl_socket}", *args],
                           capture_output=True, text=True, timeout=5)
        if r.returncode != 0:
            raise RuntimeError(f"kamcmd {' '.join(args)} failed: {r.stderr.strip() or r.stdout.strip()}")
        return r.stdout

    def contacts(self, user):
        """Contact URIs currently registered for `user` (from Kamailio's usrloc)."""
        try:
            out = self.kamcmd("ul.lookup", "location", f"s:{user}")
        except RuntimeError as e:
            if "404" in str(e) or "not found" in str(e).lower():
                return []
            raise
        return re.findall(r"Address:\s*(\S+)", out)

    def contact_details(self, user):
        """Raw `ul.lookup` text for `user` ("" when not registered): Expires, Socket, User-Agent."""
        try:
            return self.kamcmd("ul.lookup", "location", f"s:{user}")
        except RuntimeError:
            return ""

    def wait_registered(self, user, timeout=timeouts.REGISTER):
        return wait_for(lambda: self.contacts(user), timeout,
                        f"Kamailio has a registered contact for {user}")

    def log_tail(self, n=60):
        try:
            with open(self.log_path, errors="replace") as f:
                return "".join(f.readlines()[-n:])
        except OSError:
            return "(no kamailio log)"
