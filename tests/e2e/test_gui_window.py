"""The window, driven as a person would: a real `telpanel` (no --headless) on a private Xvfb,
its widgets found through AT-SPI by role and accessible name, real mouse clicks and key presses
(XTest via at-spi2-registryd), and the outcome checked with `telpanelctl` and the journal.

Screenshots of the key moments go to the test's run dir and to /tmp/gui-shots/ (E2E_GUI_SHOTS)."""
import os

import pytest

from support import timeouts
from support.gui import AtspiBus, AtspiDriver, GuiPanel, Xvfb
from support.poll import wait_for


@pytest.fixture
def gui(request, run_dir, panel, kamailio):
    """Factory: gui(extra_env=None) -> (GuiPanel, AtspiDriver, shot) with the panel's default
    config (1001 at this test's Kamailio). Finalizers stop, in this order, the driver, telpanel,
    the AT-SPI bus and Xvfb (the Panel fixture then stops its session bus)."""
    stack = []
    gui_dir = os.path.join(run_dir, "gui")
    os.makedirs(gui_dir, exist_ok=True)

    def make(extra_env=None):
        panel.write_config()
        x = Xvfb(gui_dir)
        stack.append(x.stop)
        request.node._e2e_logs = getattr(request.node, "_e2e_logs", []) + [
            ("xvfb log", x.log)]
        atspi = AtspiBus(x.env_for(panel.env), gui_dir)
        stack.append(atspi.stop)
        request.node._e2e_logs.append(("AT-SPI bus log", atspi.log))
        window = GuiPanel(panel, x, extra_env)
        stack.append(window.stop)
        driver = AtspiDriver(window.env, gui_dir)
        stack.append(driver.stop)
        request.node._e2e_logs.append(("AT-SPI driver log", driver.log))
        count = [0]

        def shot(what):
            count[0] += 1
            name = f"{request.node.name}-{count[0]:02d}-{what}.png"
            return x.screenshot(os.path.join(run_dir, name), copy_name=name)
        return window, driver, shot

    yield make
    errors = []
    for stop in reversed(stack):
        try:
            stop()
        except Exception as e:  # noqa: BLE001 -- stop the rest, then report
            errors.append(e)
    if errors:
        raise errors[0]


def _wait_call(window, panel, predicate, timeout, message):
    """Like Panel.wait_call, for the windowed telpanel (Panel only tracks the headless one)."""
    def find():
        window.check_alive()
        return next((c for c in panel.calls() if predicate(c)), None)
    return wait_for(find, timeout, message)


def _wait_window(window, driver):
    wid = window.x_window()
    window.x_focus(wid)
    frame = driver.wait_app()
    return wid, frame


def test_dial_and_hang_up_from_the_window(gui, panel, baresip):
    peer = baresip("1002", answermode="auto")
    window, ui, shot = gui()
    wid, frame = _wait_window(window, ui)
    assert frame == "Telephony panel"
    assert window.x_title(wid) == "Telephony panel"

    # The window shows the registered account: "sip:1001@127.0.0.1:PORT — Online".
    reg = ui.find("label", contains=" — Online", timeout=timeouts.REGISTER)
    assert reg["text"].startswith("sip:1001@127.0.0.1:"), reg
    assert panel.registration()["state"] == "registered"
    shot("registered")

    # Type the number into the entry and press Call.
    ui.type_text("text", "1002", name="Number or SIP address")
    wait_for(lambda: ui.find("text", name="Number or SIP address")["text"] == "1002", 5,
             "the entry shows the typed 1002")
    shot("typed")
    m = peer.mark()
    ui.click("push button", name="Call")

    call = _wait_call(window, panel,
                      lambda c: c["direction"] == "outgoing" and c["peer"].startswith("sip:1002@"),
                      timeouts.CALL_SETUP, "an outgoing call to 1002 in telpanelctl status")
    peer.wait_event("CALL_ESTABLISHED", since=m, timeout=timeouts.CALL_SETUP)
    _wait_call(window, panel, lambda c: c["id"] == call["id"] and c["state"] == "active",
               timeouts.CALL_SETUP, f"call {call['id']} active")
    assert len(panel.calls()) == 1, panel.calls()
    # The window: the entry is cleared, the call's row says "Talking" and offers Hold and Hang up.
    ui.find("label", contains="Talking", near="sip:1002@")
    ui.find("push button", name="Hold", near="sip:1002@")
    assert ui.find("text", name="Number or SIP address")["text"] == ""
    shot("talking")

    m = peer.mark()
    ui.click("push button", name="Hang up", near="sip:1002@")
    peer.wait_event("CALL_CLOSED", since=m, timeout=timeouts.CALL_END)
    panel.wait_call_gone_or_ended(call["id"])
    e = panel.wait_journal_closed("1002")
    assert (e["direction"], e["end_reason"], e["ended_by"]) == ("outgoing", "hangup", "local"), e
    assert e["answered_at"], e
    ui.gone("push button", name="Hang up")
    shot("ended")


def test_window_in_russian(gui, panel):
    window, ui, shot = gui({"LANGUAGE": "ru", "LANG": "C.UTF-8", "LC_ALL": "",
                            "LC_MESSAGES": ""})
    wid, frame = _wait_window(window, ui)
    assert frame == "Панель телефонии"
    assert window.x_title(wid) == "Панель телефонии"
    ui.find("push button", name="Позвонить")
    ui.find("text", name="Номер или SIP-адрес")
    reg = ui.find("label", contains=" — В сети", timeout=timeouts.REGISTER)
    assert reg["text"].startswith("sip:1001@"), reg
    shot("russian")
