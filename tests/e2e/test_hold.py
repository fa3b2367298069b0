"""Hold and resume with a real peer.

Criterion for "no audio reaches the other side while held": baresip's received-audio time
(`audio_debug` rx time) must not grow by more than 0.3 s over a 1.5 s window while held, and
must grow again after resume. test_fixtures.py::test_b2b_hold_check_discriminates proves the
criterion fails without hold. (baresip 1.0.0 drops its sndfile rx dump after any re-INVITE,
so the dec.wav cannot show the hold window.) So the panel must not send RTP while it holds."""
import time

from support import timeouts
from support.scenarios import outgoing_call

HELD_WINDOW = 1.5


def _rx_growth(peer, window=HELD_WINDOW):
    before = peer.rx_seconds()
    time.sleep(window)  # the measuring window itself, not a stand-in for a condition
    return peer.rx_seconds() - before


def test_hold_stops_audio_and_resume_restores_it(registered_panel, baresip):
    panel = registered_panel
    peer = baresip("1002")
    call_id = outgoing_call(panel, peer)
    peer.wait_rx_audio(0.5)
    m = peer.mark()
    panel.ctl("hold", call_id, as_json=False)
    panel.wait_call_state(call_id, "held")
    peer.wait_event("CALL_REMOTE_SDP", since=m)  # the hold re-INVITE reached the peer
    peer.wait_rx_settled()
    growth = _rx_growth(peer)
    assert growth < 0.3, f"baresip still received {growth:.2f} s of audio in {HELD_WINDOW} s while held"
    m = peer.mark()
    panel.ctl("resume", call_id, as_json=False)
    panel.wait_call_state(call_id, "active")
    peer.wait_event("CALL_REMOTE_SDP", since=m)
    peer.wait_rx_audio(1.0)


def test_remote_hold_is_reported_and_panel_stops_sending(registered_panel, baresip):
    panel = registered_panel
    peer = baresip("1002")
    call_id = outgoing_call(panel, peer)
    peer.wait_rx_audio(0.5)
    peer.hold()
    panel.wait_call(lambda c: c["id"] == call_id and c["remote_held"], timeouts.CALL_SETUP,
                    "panel reports remote_held")
    peer.wait_rx_settled()
    assert _rx_growth(peer) < 0.3, "the panel kept sending to a peer that put it on hold (sendonly)"
    peer.resume()
    panel.wait_call(lambda c: c["id"] == call_id and not c["remote_held"] and c["state"] == "active",
                    timeouts.CALL_SETUP, "panel reports the call active, not remote_held")
    peer.wait_rx_audio(1.0)
