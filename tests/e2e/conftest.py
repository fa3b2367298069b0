"""Fixtures of the end-to-end tests: every test gets its own ports, Kamailio, baresip peers,
XDG dirs and D-Bus session bus; every process is stopped by a finalizer, even on failure
(order: panel and baresips first, then Kamailio, whose un-REGISTER they would otherwise wait for).

Run: tests/e2e/run.sh  (or /usr/bin/python3 -m pytest -q tests/e2e, with TELPANEL_BIN and
TELPANELCTL_BIN set; they default to build/app/telpanel and build/app/telpanelctl)."""
import os
import shutil
import tempfile

import pytest

from support.baresip import Baresip
from support.kamailio import Kamailio
from support.panel import Panel
from support.ports import PortBlock
from support.procs import stop_popen, sweep_orphans
from support import timeouts


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """On failure, attach the logs of every process the test started to the report."""
    outcome = yield
    rep = outcome.get_result()
    if rep.failed:
        for title, read in getattr(item, "_e2e_logs", []):
            try:
                text = read()
            except Exception as e:  # noqa: BLE001
                text = f"(could not read: {e})"
            rep.sections.append((f"{title} ({rep.when})", text[-20000:]))
        if hasattr(item, "_e2e_dir"):
            rep.sections.append(("e2e run dir", item._e2e_dir))
        item._e2e_failed = True


def _add_log(request, title, read):
    if not hasattr(request.node, "_e2e_logs"):
        request.node._e2e_logs = []
    request.node._e2e_logs.append((title, read))


@pytest.fixture(scope="session", autouse=True)
def _sweep_orphans():
    """Daemons left by an earlier test process that was killed before its finalizers ran."""
    sweep_orphans()


@pytest.fixture
def run_dir(request):
    """A fresh directory per test; kept (and named in the report) when the test failed."""
    d = tempfile.mkdtemp(prefix=f"telpanel-e2e-{request.node.name[:40]}-")
    with open(os.path.join(d, "owner.pid"), "w") as f:
        f.write(str(os.getpid()))
    request.node._e2e_dir = d
    yield d
    if not getattr(request.node, "_e2e_failed", False) and not os.environ.get("E2E_KEEP"):
        shutil.rmtree(d, ignore_errors=True)


@pytest.fixture
def ports():
    block = PortBlock()
    yield block
    block.release()


@pytest.fixture
def kamailio_stopped(request, run_dir, ports):
    """Kamailio configured on this test's port but not started (start()/kill()/stop() freely)."""
    k = Kamailio(os.path.join(run_dir, "kamailio"), ports.take(1))
    _add_log(request, "kamailio log", lambda: k.log_tail(80))
    request.node._e2e_reap = []
    yield k
    # Torn down last: first reap the baresips that were SIGTERMed earlier (they un-REGISTER
    # meanwhile, which needs Kamailio), then Kamailio itself. Kamailio is a throw-away with
    # in-memory state only, so SIGKILL of its whole process group is enough (and instant).
    try:
        for proc in request.node._e2e_reap:
            stop_popen(proc, 5.0)
    finally:
        k.kill()


@pytest.fixture
def kamailio(kamailio_stopped):
    return kamailio_stopped.start()


@pytest.fixture
def baresip(request, run_dir, ports, kamailio):
    """Factory: baresip(user="1002", answermode="auto", tone=440, codecs=None, transport="udp")
    starts a registered peer with a persistent ctrl_tcp connection."""
    peers = []

    def make(user="1002", answermode="auto", tone=440, codecs=None, transport="udp", start=True,
             presence=False, watch=()):
        b = Baresip(f"{user}", run_dir, kamailio, ports, user, answermode=answermode, tone=tone,
                    codecs=codecs, transport=transport, presence=presence, watch=watch)
        peers.append(b)
        _add_log(request, f"baresip {user} log", b.log)
        return b.start() if start else b

    yield make
    # SIGTERM all at once (each takes ~2 s to send BYE and un-REGISTER). The waiting (and the
    # SIGKILL after 5 s) happens in kamailio_stopped's finalizer, so it overlaps the panel's stop.
    for b in peers:
        if b.ctrl:
            b.ctrl.close()
        if b.proc:
            if b.proc.poll() is None:
                b.proc.terminate()
            request.node._e2e_reap.append(b.proc)


@pytest.fixture
def panel(request, run_dir, ports, kamailio_stopped):
    """The panel, not yet configured or started: write_config(...), start(), ... ."""
    p = Panel(run_dir, kamailio_stopped, ports)
    _add_log(request, "telpanel log", p.log)
    yield p
    p.shutdown()


@pytest.fixture
def registered_panel(panel, kamailio):
    """The panel with the default config (1001/secret, UDP, tone 1000 Hz), registered, with a
    `watch --json` reader running."""
    panel.write_config()
    panel.start()
    panel.start_watch()
    panel.wait_registration("registered", timeouts.REGISTER)
    return panel
