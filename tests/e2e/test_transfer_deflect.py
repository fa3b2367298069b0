"""Deflect (XFER-3): a ringing incoming call is redirected with 302 Moved Temporarily without
being answered; the caller follows the redirect and ends up talking to the target.

Callers that follow 302: a second telpanel (Sofia's automatic 302 handling; its tone reaches
the target, which proves the connection) and Linphone (signalling only: it sends no RTP
without a sound card). baresip 1.0.0 does not follow 302, so it only plays the target."""

import pytest

from support import timeouts
from support.scenarios import call_event, incoming_call
from support.wav import read_wav, assert_tone


@pytest.fixture
def caller_panel(other_panel):
    return other_panel("caller", "1005")


def _deflect(panel, caller_user):
    ringing = panel.wait_incoming(peer_user=caller_user)
    m = panel.watch.mark()
    panel.ctl("transfer", ringing["id"], "1003", as_json=False)
    ended = call_event(panel, ringing["id"], lambda c: c["state"] == "ended", "ended", m,
                       timeouts.CALL_END)
    assert ended["answered_at"] is None, ended
    assert (ended["end_reason"], ended["sip_status"]) == ("deflected", 302), ended
    assert ended["transfer"]["kind"] == "deflect", ended
    e = panel.wait_journal_closed(caller_user)
    assert [leg["kind"] for leg in e["legs"]] == ["call", "deflect"], e["legs"]
    assert e["legs"][1]["party"].startswith("sip:1003@"), e["legs"]
    assert e["talk_seconds"] == 0, e
    return ringing["id"]


def test_deflected_caller_talks_to_the_target(registered_panel, caller_panel, baresip):
    panel = registered_panel
    target = baresip("1003", tone=660)
    mt = target.mark()
    caller_call = caller_panel.dial("1001")
    _deflect(panel, "1005")
    target.wait_event("CALL_ESTABLISHED", since=mt, param_contains="1005")
    caller_panel.wait_call_state(caller_call, "active")
    assert_tone(read_wav(target.wait_dec_wav_seconds(timeouts.AUDIO_SECONDS)), 800,
                "audio the target received from the deflected caller")
    assert_tone(read_wav(caller_panel.wait_received_seconds(timeouts.AUDIO_SECONDS)), 660,
                "audio the deflected caller received from the target")
    assert panel.calls() == [], panel.calls()


def test_linphone_follows_the_deflection(registered_panel, linphone, baresip):
    panel = registered_panel
    target = baresip("1003", tone=660)
    mt = target.mark()
    linphone.command(f"call sip:1001@{panel.kamailio.addr}")
    _deflect(panel, "1004")
    target.wait_event("CALL_ESTABLISHED", since=mt, param_contains="1004")


def test_second_call_during_a_conversation_is_deflected(registered_panel, caller_panel, baresip):
    """The XFER-3 case: while talking to 1002, a second call (1005) rings as waiting and is sent
    on to 1003 unanswered; the conversation with 1002 is not disturbed."""
    panel = registered_panel
    first_peer = baresip("1002", tone=440)
    target = baresip("1003", tone=660)
    first = incoming_call(panel, first_peer)
    mt = target.mark()
    caller_call = caller_panel.dial("1001")
    waiting = panel.wait_incoming(peer_user="1005", exclude=(first,))
    assert waiting["waiting"] is True, waiting
    _deflect(panel, "1005")
    target.wait_event("CALL_ESTABLISHED", since=mt, param_contains="1005")
    caller_panel.wait_call_state(caller_call, "active")
    assert [(c["id"], c["state"]) for c in panel.calls()] == [(first, "active")]
    first_peer.wait_rx_audio(0.5)
