"""Each codec end to end with audio checked both ways, and the no-common-codec failures."""
import pytest

from support import timeouts
from support.scenarios import outgoing_call, incoming_call
from support.wav import read_wav, assert_tone

CODECS = [("PCMU", "pcmu"), ("PCMA", "pcma"), ("G722", "g722"), ("opus", "opus")]


def _check(panel, peer, call_id, codec):
    call = panel.call(call_id)
    assert call["codec"].lower() == codec.lower(), call
    assert peer.audio_debug()["decoder"].lower() == codec.lower()  # what baresip really decodes
    assert_tone(read_wav(panel.wait_received_seconds(timeouts.AUDIO_SECONDS)), 440,
                f"{codec}: audio the panel received")
    assert_tone(read_wav(peer.wait_dec_wav_seconds(timeouts.AUDIO_SECONDS)), 1000,
                f"{codec}: audio baresip received from the panel")


@pytest.mark.parametrize("codec,baresip_name", CODECS)
def test_outgoing_call_with_peer_restricted_to_codec(registered_panel, baresip, codec, baresip_name):
    """The panel offers everything; the peer accepts only `codec`."""
    peer = baresip("1002", tone=440, codecs=baresip_name)
    call_id = outgoing_call(registered_panel, peer)
    _check(registered_panel, peer, call_id, codec)


@pytest.mark.parametrize("codec,baresip_name", CODECS)
def test_incoming_call_with_panel_restricted_to_codec(panel, kamailio, baresip, codec, baresip_name):
    """The peer offers everything; the panel's `codecs=` allows only `codec`."""
    panel.write_config(codecs=codec)
    panel.start()
    panel.wait_registration("registered", timeouts.REGISTER)
    peer = baresip("1002", tone=440)
    call_id = incoming_call(panel, peer)
    _check(panel, peer, call_id, codec)


def test_outgoing_no_common_codec_is_488_with_clear_reason(panel, kamailio, baresip):
    panel.write_config(codecs="PCMU")
    panel.start()
    panel.wait_registration("registered", timeouts.REGISTER)
    peer = baresip("1002", codecs="pcma")
    call_id = panel.dial("1002")
    panel.wait_call_gone_or_ended(call_id)
    e = panel.wait_journal_closed("1002")
    assert (e["end_reason"], str(e["sip_status"])) == ("no_common_codec", "488"), e
    assert e["answered_at"] is None, e


def test_incoming_no_common_codec_is_answered_488(panel, kamailio, baresip):
    panel.write_config(codecs="PCMU")
    panel.start()
    panel.wait_registration("registered", timeouts.REGISTER)
    peer = baresip("1002", codecs="pcma")
    m = peer.mark()
    peer.dial("1001")
    peer.wait_event("CALL_CLOSED", since=m, param_contains="488", timeout=timeouts.CALL_END)
    e = panel.wait_journal_closed("1002")
    assert (e["direction"], e["end_reason"], str(e["sip_status"])) == \
        ("incoming", "no_common_codec", "488"), e
