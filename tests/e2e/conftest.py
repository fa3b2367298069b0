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
from support.gui import AtspiBus, AtspiDriver, BusHelper, GuiPanel, Xvfb
from support.kamailio import Kamailio
from support.linphone import Linphone
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
             display_name=None, presence=False, watch=()):
        b = Baresip(f"{user}", run_dir, kamailio, ports, user, answermode=answermode, tone=tone,
                    codecs=codecs, transport=transport, display_name=display_name,
                    presence=presence, watch=watch)
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
def other_panel(request, run_dir, ports, kamailio):
    """Factory: other_panel(name, user, tone=800, watch=False) starts a second, registered
    telpanel (a caller or a colleague) in run_dir/name."""
    made = []

    def make(name, user, tone=800, watch=False):
        p = Panel(os.path.join(run_dir, name), kamailio, ports, user=user)
        made.append(p)
        _add_log(request, f"{name} telpanel log", p.log)
        p.write_config(tone=tone)
        p.start()
        if watch:
            p.start_watch()
        p.wait_registration("registered", timeouts.REGISTER)
        return p

    yield make
    for p in made:
        p.shutdown()


@pytest.fixture
def linphone(request, run_dir, kamailio, ports):
    """Linphone's CLI registered as 1004 (answers by itself)."""
    peer = Linphone(run_dir, kamailio, ports, user="1004")
    _add_log(request, "linphonec log", peer.log)
    yield peer.start()
    peer.stop()


@pytest.fixture
def registered_panel(panel, kamailio):
    """The panel with the default config (1001/secret, UDP, tone 1000 Hz), registered, with a
    `watch --json` reader running."""
    panel.write_config()
    panel.start()
    panel.start_watch()
    panel.wait_registration("registered", timeouts.REGISTER)
    return panel


@pytest.fixture
def gui(request, run_dir, panel, kamailio):
    """Factory: gui(extra_env=None, config=None, helpers=()) -> (GuiPanel, AtspiDriver, shot);
    gui.restart(extra_env=None) starts telpanel again in the same desktop (same return).
    `config`: keyword arguments of panel.write_config (default: 1001 at this test's Kamailio).
    `helpers`: "sni" (a StatusNotifierWatcher, as a tray host has) and/or "notifyd" (a
    notification server logging JSON; "notifyd-click" also clicks each one) started on the session bus before telpanel; they are
    reachable as window.helpers[name]. Finalizers stop, in this order, the driver, telpanel,
    the helpers, the AT-SPI bus and Xvfb (the Panel fixture then stops its session bus)."""
    stack = []
    gui_dir = os.path.join(run_dir, "gui")
    os.makedirs(gui_dir, exist_ok=True)

    def make(extra_env=None, config=None, helpers=()):
        if config is not False:  # False: no config file at all, as on a fresh machine
            panel.write_config(**(config or {}))
        x = Xvfb(gui_dir)
        stack.append(x.stop)
        _add_log(request, "xvfb log", x.log)
        atspi = AtspiBus(x.env_for(panel.env), gui_dir)
        stack.append(atspi.stop)
        _add_log(request, "AT-SPI bus log", atspi.log)
        started = {}
        for h in helpers:
            script, name, args = {
                "sni": ("sni_watcher.py", "org.kde.StatusNotifierWatcher", ()),
                "notifyd": ("fake_notifyd.py", "org.freedesktop.Notifications", ()),
                # clicks every notification (its "default" action), as a person would
                "notifyd-click": ("fake_notifyd.py", "org.freedesktop.Notifications",
                                  ("--invoke", "default")),
            }[h]
            started[h] = BusHelper(script, name, x.env_for(panel.env), gui_dir, args)
            stack.append(started[h].stop)
            _add_log(request, f"{h} log", started[h].log)
        window = GuiPanel(panel, x, extra_env)
        window.helpers = started
        window.xvfb = x
        stack.append(window.stop)
        driver = AtspiDriver(window.env, gui_dir)
        stack.append(driver.stop)
        _add_log(request, "AT-SPI driver log", driver.log)
        count = [0]

        def shot(what):
            count[0] += 1
            name = f"{request.node.name}-{count[0]:02d}-{what}.png"
            return x.screenshot(os.path.join(run_dir, name), copy_name=name)
        last[:] = [x, driver, window, shot]
        return window, driver, shot

    last = []

    def restart(extra_env=None):
        """Ends the window made last and starts telpanel again on the same Xvfb and AT-SPI
        bus (a second bus launcher could not own org.a11y.Bus: clicks would go to the first
        display); `extra_env` as for make. Returns (GuiPanel, AtspiDriver, shot)."""
        x, driver, window, shot = last
        driver.stop()
        window.stop()
        window = GuiPanel(panel, x, extra_env)
        window.helpers = {}
        window.xvfb = x
        stack.append(window.stop)
        driver = AtspiDriver(window.env, gui_dir)
        stack.append(driver.stop)
        last[:] = [x, driver, window, shot]
        return window, driver, shot

    make.restart = restart
    yield make
    errors = []
    for stop in reversed(stack):
        try:
            stop()
        except Exception as e:  # noqa: BLE001 -- stop the rest, then report
            errors.append(e)
    if errors:
        raise errors[0]
