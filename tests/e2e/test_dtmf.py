"""DTMF both ways (RFC 4733 telephone-events) during a real call."""
from support import timeouts
from support.poll import wait_for
from support.scenarios import outgoing_call


def test_dtmf_from_panel_reaches_peer(registered_panel, baresip):
    peer = baresip("1002")
    call_id = outgoing_call(registered_panel, peer)
    m = peer.mark()
    registered_panel.ctl("dtmf", call_id, "19*#0", as_json=False)
    wait_for(lambda: peer.dtmf_received(m) == "19*#0", timeouts.DTMF,
             "baresip receives DTMF 19*#0 in order")


def test_dtmf_from_peer_reaches_panel(registered_panel, baresip):
    peer = baresip("1002")
    call_id = outgoing_call(registered_panel, peer)
    watch = registered_panel.watch
    m = watch.mark()
    peer.wait_rx_audio(0.3)
    peer.send_dtmf("4567#")
    wait_for(lambda: watch.dtmf_digits(call_id, since=m) == "4567#", timeouts.DTMF,
             "panel's watch reports DTMF 4567# for the call")
    sources = {e.get("source") for e in watch.events[m:] if e.get("event") == "dtmf"}
    assert sources == {"rfc4733"}, sources
