"""Self-test of the harness with baresip-to-baresip calls through Kamailio (no telpanel needed).

It proves the observations the panel tests rely on actually discriminate: a tone is found in
the dec.wav at the right frequency, DTMF events arrive, a 486 is seen as such, and the hold
check (receiver's rx audio time stands still) fails when there is no hold."""
import os
import struct
import time

import numpy as np
import pytest

from support import timeouts
from support.poll import wait_for
from support.wav import read_wav, assert_tone, SILENCE_MAX_RMS


def _call(a, b):
    ma, mb = a.mark(), b.mark()
    a.dial(b.user)
    a.wait_event("CALL_ESTABLISHED", since=ma)
    b.wait_event("CALL_ESTABLISHED", since=mb)


def test_kamailio_registers_peer_and_lists_contact(kamailio, baresip):
    peer = baresip("1002")
    assert kamailio.wait_registered("1002")
    assert kamailio.contacts("1003") == []


def test_kamailio_kill_loses_registrations_and_restarts_on_same_port(kamailio, baresip):
    peer = baresip("1002")
    kamailio.wait_registered("1002")
    kamailio.kill()
    assert not kamailio.running
    kamailio.start()
    assert kamailio.contacts("1002") == []  # usrloc is in memory: a new REGISTER is needed


@pytest.mark.parametrize("codec,decoder", [("pcmu", "PCMU"), ("pcma", "PCMA"),
                                           ("g722", "G722"), ("opus", "opus")])
def test_b2b_audio_both_ways_per_codec(baresip, codec, decoder):
    a = baresip("1002", tone=440)
    b = baresip("1003", tone=1000, codecs=codec)
    _call(a, b)
    wa = a.wait_dec_wav_seconds(timeouts.AUDIO_SECONDS)
    wb = b.wait_dec_wav_seconds(timeouts.AUDIO_SECONDS)
    assert a.audio_debug()["decoder"] == decoder
    assert_tone(read_wav(wa), 1000, "what 1002 received")
    assert_tone(read_wav(wb), 440, "what 1003 received")
    # the check must fail for the wrong frequency
    with pytest.raises(AssertionError):
        assert_tone(read_wav(wa), 440, "wrong frequency must not pass")


def test_b2b_dtmf_events(baresip):
    a, b = baresip("1002"), baresip("1003")
    _call(a, b)
    m = b.mark()
    a.send_dtmf("159#")
    wait_for(lambda: b.dtmf_received(m) == "159#", timeouts.DTMF, "1003 receives DTMF 159#")


def test_b2b_reject_is_486(baresip):
    a, b = baresip("1002"), baresip("1003", answermode="manual")
    ma, mb = a.mark(), b.mark()
    a.dial("1003")
    b.wait_event("CALL_INCOMING", since=mb)
    b.hangup()
    a.wait_event("CALL_CLOSED", since=ma, param_contains="486")


def test_b2b_no_common_codec_is_488(baresip):
    a, b = baresip("1002", codecs="pcmu"), baresip("1003", codecs="pcma")
    ma = a.mark()
    a.dial("1003")
    a.wait_event("CALL_CLOSED", since=ma, param_contains="488")


def _rx_grows(peer, window=1.5):
    before = peer.rx_seconds()
    time.sleep(window)  # measuring window: how much audio arrives in 1.5 s
    return peer.rx_seconds() - before


def test_b2b_hold_check_discriminates(baresip):
    """The hold test's criterion: while held, the held side's received audio time stands still
    (< 0.3 s growth in 1.5 s); without hold it grows ~1.5 s; after resume it grows again."""
    a, b = baresip("1002"), baresip("1003")
    _call(a, b)
    b.wait_rx_audio(0.5)
    assert _rx_grows(b) > 1.0, "negative control: without hold audio must keep arriving"
    m = b.mark()
    a.hold()
    b.wait_event("CALL_REMOTE_SDP", since=m)
    b.wait_rx_settled()
    assert _rx_grows(b) < 0.3, "while held no audio may arrive"
    m = b.mark()
    a.resume()
    b.wait_event("CALL_REMOTE_SDP", since=m)
    b.wait_rx_audio(1.0)


def test_wav_reader_tolerates_unfinalised_header(tmp_path):
    rate, f = 8000, 700.0
    t = np.arange(rate) / rate
    pcm = (8000 * np.sin(2 * np.pi * f * t)).astype("<i2").tobytes()
    fmt = struct.pack("<HHIIHH", 1, 1, rate, rate * 2, 2, 16)
    for riff_size, data_size in ((0, 0), (0xFFFFFFFF, 0xFFFFFFFF), (36 + len(pcm), len(pcm) * 4)):
        p = tmp_path / f"x{data_size}.wav"
        p.write_bytes(b"RIFF" + struct.pack("<I", riff_size) + b"WAVE" + b"fmt " +
                      struct.pack("<I", 16) + fmt + b"data" + struct.pack("<I", data_size) + pcm)
        w = read_wav(str(p))
        assert abs(w.seconds - 1.0) < 1e-6
        assert abs(w.dominant_frequency() - f) <= 1.0
    # silence window detection
    silent = np.concatenate([8000 * np.sin(2 * np.pi * f * t), np.zeros(rate), 8000 * np.sin(2 * np.pi * f * t)])
    win = __import__("support.wav", fromlist=["window_rms"]).window_rms(silent, rate, 0.1)
    assert win[:10].min() > 5000 and win[10:20].max() < SILENCE_MAX_RMS and win[20:].min() > 5000
