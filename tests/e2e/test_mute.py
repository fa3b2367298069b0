"""Mute (CALL-5): the peer keeps receiving packets but hears silence; unmute brings the tone
back. Checked in what baresip actually decoded."""
from support import timeouts
from support.scenarios import outgoing_call
from support.wav import read_wav, assert_tone

PANEL_TONE = 1000
SPAN = 1.5  # seconds of received audio analysed per phase


def test_mute_sends_silence_and_unmute_restores_the_tone(registered_panel, baresip):
    panel = registered_panel
    peer = baresip("1002")
    call_id = outgoing_call(panel, peer)
    path = peer.wait_dec_wav_seconds(1.0)

    panel.ctl("mute", call_id, "on", as_json=False)
    assert panel.call(call_id)["muted"] is True
    muted_from = read_wav(path).seconds + 0.3  # skip what was in flight when mute took effect
    peer.wait_dec_wav_seconds(muted_from + SPAN)
    muted = read_wav(path).slice(muted_from, muted_from + SPAN)
    assert muted.seconds >= SPAN - 0.05, muted  # packets kept coming: muted, not on hold
    assert muted.rms() < 50, f"baresip still hears the panel while muted: {muted!r}, RMS {muted.rms():.0f}"

    panel.ctl("mute", call_id, "off", as_json=False)
    assert panel.call(call_id)["muted"] is False
    unmuted_from = read_wav(path).seconds + 0.3
    peer.wait_dec_wav_seconds(unmuted_from + SPAN)
    assert_tone(read_wav(path).slice(unmuted_from, unmuted_from + SPAN), PANEL_TONE,
                "audio after unmute", skip_s=0)
    panel.ctl("hangup", call_id, as_json=False)
    e = panel.wait_journal_closed("1002")
    assert e["end_reason"] == "hangup", e
