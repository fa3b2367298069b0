"""tel:, callto: and sip: links (CTL-1): a second `telpanel LINK` hands the link to the running
panel window (single instance over the session bus) and exits; the running panel dials."""
import subprocess
import time

from support import timeouts
from support.panel import TELPANEL_BIN
from support.poll import wait_for


def _open(window, link):
    t0 = time.monotonic()
    r = subprocess.run([TELPANEL_BIN, link], env=window.env, capture_output=True, text=True,
                       timeout=30, stdin=subprocess.DEVNULL)
    return r, time.monotonic() - t0


def test_links_dial_in_the_running_panel(gui, panel, baresip):
    peer = baresip("1002", answermode="auto")
    window, ui, _ = gui()
    window.x_window()
    ui.find("label", name="Online", timeout=timeouts.REGISTER)

    # Percent-encoded and formatted, as browsers pass them on.
    for n, link in enumerate(("tel:10%2D02", "callto:1002", f"sip:1002@{panel.kamailio.addr}")):
        m = peer.mark()
        r, took = _open(window, link)
        assert r.returncode == 0, (link, r.stdout, r.stderr)
        assert took < 10, f"the second instance took {took:.1f} s to hand {link} over"
        peer.wait_event("CALL_ESTABLISHED", since=m, timeout=timeouts.CALL_SETUP)
        call = wait_for(lambda: next((c for c in panel.calls() if c["state"] == "active"), None),
                        timeouts.CALL_SETUP, f"{link}: an active call in the running panel")
        assert call["peer"].startswith("sip:1002@"), (link, call)
        panel.ctl("hangup", call["id"], as_json=False)
        wait_for(lambda: not panel.calls(), timeouts.CALL_END, f"{link}: the call ended")
    window.check_alive()


def test_a_link_that_is_not_a_number_is_refused_and_nothing_dials(gui, panel):
    window, ui, _ = gui()
    window.x_window()
    r, _ = _open(window, "tel:john")
    assert r.returncode == 0
    wait_for(lambda: "not a phone number or SIP URI: 'tel:john'" in panel.log(), 10,
             "the running panel says why it did not dial")
    assert panel.calls() == []
