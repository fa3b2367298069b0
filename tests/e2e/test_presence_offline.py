"""Offline un-registers (a call to us fails at the proxy) while the control interface keeps
working; back online registers again; the status survives a restart."""
from support import timeouts
from support.poll import wait_for


def test_offline_call_fails_at_proxy_dbus_still_works(registered_panel, kamailio, baresip):
    panel = registered_panel
    peer = baresip("1002")
    panel.ctl("presence", "set", "offline", "--text", "gone fishing")
    panel.wait_registration("unregistered", timeouts.REGISTER)
    wait_for(lambda: kamailio.contacts("1001") == [], timeouts.REGISTER,
             "Kamailio has no contact for 1001")
    mark = peer.mark()
    peer.dial("1001")
    closed = peer.wait_event("CALL_CLOSED", since=mark)
    assert "404" in str(closed.get("param", "")) or "480" in str(closed.get("param", "")), closed
    own = panel.ctl("presence", "show")
    assert own["presence"] == "offline" and own["online"] is False and own["reachable"] is False
    assert own["text"] == "gone fishing"
    assert panel.calls() == []
    panel.watch.wait(lambda e: e.get("event") == "presence" and e.get("presence") == "offline",
                     1, "a presence event for offline")
    panel.ctl("presence", "set", "online")
    panel.wait_registration("registered", timeouts.REGISTER)
    kamailio.wait_registered("1001")
    assert panel.ctl("presence", "show")["presence"] == "available"


def test_status_survives_restart(panel, kamailio):
    panel.write_config()
    panel.start()
    panel.wait_registration("registered", timeouts.REGISTER)
    panel.ctl("presence", "set", "dnd", "--text", "focus time")
    panel.stop()
    panel.start()
    own = panel.ctl("presence", "show")
    assert (own["presence"], own["text"]) == ("dnd", "focus time"), own
    panel.ctl("presence", "set", "offline")
    panel.stop()
    panel.start()
    assert panel.ctl("presence", "show")["presence"] == "offline"
    panel.wait_registration("unregistered", timeouts.REGISTER)
    assert kamailio.contacts("1001") == []
