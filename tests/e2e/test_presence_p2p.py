"""[account] presence=p2p: no presence server takes our status (Kamailio started with
WITH_P2P_PRESENCE relays event "presence" to the registered phone), so the panel answers
SUBSCRIBE itself and NOTIFYs every change to its watchers: another telpanel and baresip."""
from support import timeouts
from support.poll import wait_for
import pytest

from support.presence import colleague_sections, second_panel, wait_colleague

UPDATE = 5 * timeouts._SCALE


@pytest.fixture
def p2p_kamailio_args(monkeypatch):
    """Read by start-kamailio.sh; requested first so the kamailio fixture starts with it."""
    monkeypatch.setenv("KAMAILIO_EXTRA_ARGS", "-A WITH_P2P_PRESENCE")


def test_watchers_subscribe_to_the_panel_itself(p2p_kamailio_args, run_dir, ports, panel,
                                                kamailio, baresip):
    panel.write_config(extra_account={"presence": "p2p"})
    panel.start()
    panel.wait_registration("registered", timeouts.REGISTER)
    panel.ctl("presence", "set", "dnd", "--text", "p2p hello")
    watcher = second_panel(run_dir, kamailio, ports, "1002")
    try:
        watcher.write_config(extra_account={"presence": "p2p"},
                             more_sections=colleague_sections("1001"))
        watcher.start()
        watcher.wait_registration("registered", timeouts.REGISTER)
        wait_colleague(watcher, "1001", UPDATE, "first NOTIFY from the panel itself",
                       presence="dnd", text="p2p hello", reachable=True)
        peer = baresip("1003", presence=True, watch=("1001",))
        wait_for(lambda: "Busy" in peer.cmd("contacts"), UPDATE * 3,
                 "baresip shows 1001 Busy (dnd is busy to it)")
        panel.ctl("presence", "set", "available", "--text", "")
        wait_colleague(watcher, "1001", UPDATE, "NOTIFY after a change", presence="available",
                       text="")
        wait_for(lambda: "Online" in peer.cmd("contacts"), UPDATE * 3, "baresip shows Online")
        # Without a server there is no dialog package: our own call goes out as on-the-phone.
        call = panel.dial("1003")
        panel.wait_call_state(call, "active")
        assert panel.ctl("presence", "show")["on_call"] is True
        wait_colleague(watcher, "1001", UPDATE, "on a call (rpid:on-the-phone)", on_call=True)
        panel.ctl("hangup", call)
        wait_colleague(watcher, "1001", UPDATE, "call over", on_call=False,
                       presence="available")
    finally:
        watcher.shutdown()
