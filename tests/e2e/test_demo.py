"""The demo a newcomer gets from scripts/run.sh with no account (issue 5): scripts/demo.py
starts its own Kamailio, colleagues and a customer on loopback, runs the panel window with a
private config, says so on stdout and in the window, the customer calls in and can be answered,
and everything it started is gone when it stops."""
import os
import signal
import subprocess


from support import timeouts
from support.gui import AtspiBus, AtspiDriver, Xvfb
from support.panel import TELPANEL_BIN
from support.poll import wait_for
from support.procs import stop_popen

DEMO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "scripts", "demo.py"))


def test_demo_environment_calls_in_and_cleans_up(request, run_dir, panel):
    x = Xvfb(run_dir)
    request.addfinalizer(x.stop)
    env = x.env_for(panel.env)
    atspi = AtspiBus(env, run_dir)
    request.addfinalizer(atspi.stop)
    env.pop("NO_AT_BRIDGE", None)
    out_path = os.path.join(run_dir, "demo.out")
    out = open(out_path, "wb")
    demo = subprocess.Popen(["/usr/bin/python3", DEMO, "--telpanel", TELPANEL_BIN,
                             "--first-call", "4", "--interval", "600"], env=env,
                            stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
    request.addfinalizer(lambda: (stop_popen(demo, 10.0), out.close()))
    ui = AtspiDriver(env, run_dir)
    request.addfinalizer(ui.stop)

    def said():
        with open(out_path, errors="replace") as f:
            return f.read()
    wait_for(lambda: demo.poll() is None and "DEMO" in said(), 30, "the demo says what it is")
    assert "no account is configured" in said(), said()
    wait_for(lambda: panel.registration()["state"] == "registered", timeouts.REGISTER * 2,
             "the demo panel registers at the demo exchange")
    ui.wait_app()
    ui.find("label", contains="Demo: a test phone exchange runs on this computer")
    # The colleagues and the test chat server with its conversations come with it.
    assert [c["extension"] for c in panel.ctl("colleagues")] == ["1002", "1004"]
    wait_for(lambda: panel.ctl("chat", "status")["ready"], timeouts.REGISTER * 2,
             "the demo chat server's conversations are loaded")
    assert panel.ctl("chat", "status")["me"]["name"].startswith("Anna"), said()
    assert panel.ctl("chats"), "the demo has conversations"
    assert "test chat server" in said(), said()

    # The customer calls; answering from the banner connects.
    ui.find("label", name="Ivan Petrov (customer)", timeout=timeouts.CALL_SETUP * 2)
    ui.click("push button", name="Answer")
    wait_for(lambda: any(c["state"] == "active" for c in panel.calls()), timeouts.CALL_SETUP,
             "the customer's call is active")
    demo_dir = next(line.split("demo settings and journal: ")[1].split(" (")[0]
                    for line in said().splitlines() if "demo settings and journal" in line)
    assert os.path.exists(demo_dir), demo_dir

    demo.send_signal(signal.SIGTERM)
    assert demo.wait(30) == 0, said()
    assert not os.path.exists(os.path.dirname(os.path.dirname(os.path.dirname(demo_dir))))
    # Nothing the demo started is left: no Kamailio, baresip or chat server.
    r = subprocess.run(["pgrep", "-f", os.path.dirname(os.path.dirname(
        os.path.dirname(demo_dir)))], capture_output=True, text=True)
    assert r.stdout.strip() == "", r.stdout
