"""A second incoming call during a call: answer it (first goes on hold) or reject it."""
import time

from support import timeouts
from support.scenarios import outgoing_call
from support.wav import read_wav, assert_tone


def _second_call(panel, first_id, caller):
    m = caller.mark()
    caller.dial("1001")
    second = panel.wait_incoming(peer_user=caller.user, exclude=(first_id,))
    assert second["waiting"] is True, second
    assert panel.call(first_id)["state"] == "active"
    return second, m


def test_answer_waiting_call_puts_first_on_hold(registered_panel, baresip):
    panel = registered_panel
    first_peer = baresip("1002", tone=440)
    second_peer = baresip("1003", tone=660)
    first_id = outgoing_call(panel, first_peer)
    first_peer.wait_rx_audio(0.5)
    second, m = _second_call(panel, first_id, second_peer)
    mf = first_peer.mark()
    panel.ctl("answer", second["id"], as_json=False)
    second_peer.wait_event("CALL_ESTABLISHED", since=m)
    panel.wait_call_state(second["id"], "active")
    panel.wait_call_state(first_id, "held")
    first_peer.wait_event("CALL_REMOTE_SDP", since=mf)  # hold re-INVITE to the first peer
    # the second call's audio flows both ways (2nd call of the run -> received-2.wav)
    assert_tone(read_wav(panel.wait_received_seconds(timeouts.AUDIO_SECONDS, n=2)), 660,
                "audio the panel received on the second call")
    assert_tone(read_wav(second_peer.wait_dec_wav_seconds(timeouts.AUDIO_SECONDS)), 1000,
                "audio the second caller received")
    # and nothing goes to the held first peer
    before = first_peer.rx_seconds()
    time.sleep(1.0)  # measuring window
    assert first_peer.rx_seconds() - before < 0.3, "the held first call still received audio"


def test_reject_waiting_call_keeps_first(registered_panel, baresip):
    panel = registered_panel
    first_peer = baresip("1002")
    second_peer = baresip("1003")
    first_id = outgoing_call(panel, first_peer)
    second, m = _second_call(panel, first_id, second_peer)
    panel.ctl("reject", second["id"], as_json=False)
    second_peer.wait_event("CALL_CLOSED", since=m, param_contains="486", timeout=timeouts.CALL_END)
    assert panel.call(first_id)["state"] == "active"
    first_peer.wait_rx_audio(1.0)  # the first call's audio goes on
    e = panel.wait_journal_closed("1003")
    assert (e["end_reason"], e["ended_by"]) == ("rejected", "local"), e
