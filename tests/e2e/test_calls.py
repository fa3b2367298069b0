"""Calls with a real baresip peer through Kamailio: audio both ways, reject, cancel, hang-ups."""
from support import timeouts
from support.scenarios import outgoing_call, incoming_call
from support.wav import read_wav, assert_tone

PANEL_TONE = 1000  # registered_panel's input=tone:1000
PEER_TONE = 440


def _assert_audio_both_ways(panel, peer):
    panel_wav = panel.wait_received_seconds(timeouts.AUDIO_SECONDS)
    peer_wav = peer.wait_dec_wav_seconds(timeouts.AUDIO_SECONDS)
    assert_tone(read_wav(panel_wav), PEER_TONE, "audio the panel received")
    assert_tone(read_wav(peer_wav), PANEL_TONE, "audio baresip received from the panel")


def test_outgoing_call_audio_both_ways(registered_panel, baresip):
    peer = baresip("1002", tone=PEER_TONE)
    call_id = outgoing_call(registered_panel, peer)
    call = registered_panel.call(call_id)
    assert call["direction"] == "outgoing" and call["peer"].startswith("sip:1002@")
    _assert_audio_both_ways(registered_panel, peer)
    m = peer.mark()
    registered_panel.ctl("hangup", call_id, as_json=False)
    peer.wait_event("CALL_CLOSED", since=m, timeout=timeouts.CALL_END)
    e = registered_panel.wait_journal_closed("1002")
    assert (e["direction"], e["end_reason"], e["ended_by"]) == ("outgoing", "hangup", "local"), e
    assert e["answered_at"] and e["talk_seconds"] >= timeouts.AUDIO_SECONDS - 0.5, e


def test_incoming_call_audio_both_ways(registered_panel, baresip):
    peer = baresip("1002", tone=PEER_TONE)
    call_id = incoming_call(registered_panel, peer)
    call = registered_panel.call(call_id)
    assert call["direction"] == "incoming" and call["peer"].startswith("sip:1002@")
    _assert_audio_both_ways(registered_panel, peer)


def test_far_end_hangup_ends_call(registered_panel, baresip):
    peer = baresip("1002")
    call_id = outgoing_call(registered_panel, peer)
    peer.wait_rx_audio(0.5)
    peer.hangup()
    registered_panel.wait_call_gone_or_ended(call_id)
    registered_panel.watch.wait(
        lambda e: e.get("event") == "call" and e["call"]["id"] == call_id and e["call"]["state"].startswith("ended"),
        timeouts.CALL_END, "watch reports the call ended")
    e = registered_panel.wait_journal_closed("1002")
    assert (e["end_reason"], e["ended_by"]) == ("hangup", "remote"), e


def test_reject_incoming_sends_486(registered_panel, baresip):
    peer = baresip("1002")
    m = peer.mark()
    peer.dial("1001")
    call = registered_panel.wait_incoming(peer_user="1002")
    registered_panel.ctl("reject", call["id"], as_json=False)
    peer.wait_event("CALL_CLOSED", since=m, param_contains="486", timeout=timeouts.CALL_END)
    e = registered_panel.wait_journal_closed("1002")
    assert (e["direction"], e["end_reason"], e["ended_by"]) == ("incoming", "rejected", "local"), e
    assert e["answered_at"] is None and str(e["sip_status"]) == "486", e


def test_outgoing_call_to_busy_peer(registered_panel, baresip):
    peer = baresip("1002", answermode="manual")
    m = peer.mark()
    call_id = registered_panel.dial("1002")
    peer.wait_event("CALL_INCOMING", since=m)
    peer.hangup()  # baresip rejects an unanswered call with 486
    registered_panel.wait_call_gone_or_ended(call_id)
    e = registered_panel.wait_journal_closed("1002")
    assert (e["end_reason"], e["ended_by"], str(e["sip_status"])) == ("busy", "remote", "486"), e


def test_cancel_outgoing_while_ringing(registered_panel, baresip):
    peer = baresip("1002", answermode="manual")
    m = peer.mark()
    call_id = registered_panel.dial("1002")
    peer.wait_event("CALL_INCOMING", since=m)
    registered_panel.wait_call_state(call_id, "ringing")
    registered_panel.ctl("hangup", call_id, as_json=False)
    peer.wait_event("CALL_CLOSED", since=m, timeout=timeouts.CALL_END)
    e = registered_panel.wait_journal_closed("1002")
    assert (e["end_reason"], e["ended_by"]) == ("cancelled", "local"), e
    assert e["answered_at"] is None, e
    assert peer.events("CALL_ESTABLISHED", since=m) == []


def test_incoming_call_cancelled_by_caller(registered_panel, baresip):
    peer = baresip("1002")
    peer.dial("1001")
    call = registered_panel.wait_incoming(peer_user="1002")
    peer.hangup()  # CANCEL
    registered_panel.wait_call_gone_or_ended(call["id"])
    e = registered_panel.wait_journal_closed("1002")
    assert (e["direction"], e["end_reason"], e["ended_by"]) == ("incoming", "cancelled", "remote"), e
    assert e["answered_at"] is None, e


def test_dial_unknown_number_not_found(registered_panel):
    call_id = registered_panel.dial("1009")
    registered_panel.wait_call_gone_or_ended(call_id)
    e = registered_panel.wait_journal_entry(
        lambda e: str(e.get("peer", "")).startswith("sip:1009@") and e.get("ended_at"),
        timeouts.CALL_END, "closed journal entry for 1009")
    assert (e["end_reason"], str(e["sip_status"])) == ("not_found", "404"), e
