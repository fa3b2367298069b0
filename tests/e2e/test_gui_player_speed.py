"""The journal player's speed control (REC-2) as a person uses it: a call recorded through
Kamailio with baresip (440 Hz from the peer, 1000 Hz from the panel), its row selected in the
windowed telpanel, 2x chosen and Play pressed through AT-SPI. The position slider, read through
AT-SPI against the wall clock, must advance twice as fast; what the player sends to its sink
(written to a WAV in real time) must be half as long and keep both tones' pitch. The engine's
own pitch tests are in tests/media; this proves the GUI drives that engine."""
import os
import time

from support import timeouts
from support.opus import assert_tones, tone_ratio
from support.gui_calls import answered_call
from support.poll import wait_for
from support.wav import read_wav

CLIENT_NUMBERS = {"extension_length": "2-3"}
PANEL_TONE = 1000
PEER_TONE = 440
CALL_SECONDS = 14


def _position(ui):
    """(wall clock at the middle of the AT-SPI read, the slider's position in seconds)."""
    before = time.monotonic()
    value = ui.find("slider", name="Playback position")["value"]
    return (before + time.monotonic()) / 2, value


def test_double_speed_advances_twice_as_fast_at_the_same_pitch(gui, panel, baresip, run_dir):
    heard = os.path.join(run_dir, "heard.wav")
    sink = ("audioconvert ! audioresample ! audio/x-raw,format=S16LE,channels=1,rate=48000 ! "
            f"wavenc ! filesink sync=true location={heard}")
    window, ui, shot = gui(config={"general": CLIENT_NUMBERS,
                                   "more_sections": [("audio", {"player": sink})]})
    window.x_focus(window.x_window())
    ui.wait_app()
    ui.find("label", name="Online", timeout=timeouts.REGISTER)
    panel.ctl("settings", "set", "recording", "always", as_json=False)
    peer = baresip("1002", tone=PEER_TONE, display_name="Ivan Petrov")
    call = answered_call(window, panel, peer)
    panel.wait_received_seconds(CALL_SECONDS, timeout=timeouts.AUDIO_WAIT + CALL_SECONDS)
    m = peer.mark()
    panel.ctl("hangup", call["id"], as_json=False)
    peer.wait_event("CALL_CLOSED", since=m, timeout=timeouts.CALL_END)
    parts = wait_for(lambda: [p for p in panel.ctl("recordings", "list", call["id"])
                              if p["duration_seconds"] is not None],
                     timeouts.CALL_END, "the call's finished recording part")
    length = parts[0]["duration_seconds"]
    assert length >= CALL_SECONDS - 1, parts

    ui.click("radio button", name="Journal")
    ui.click("table cell", name="Ivan Petrov")
    ui.find("label", name="Part 1 of 1")
    ui.click("combo box", name="Speed")
    ui.click("menu item", name="2×")
    ui.click("push button", name="Play")
    ui.find("push button", name="Pause")

    # Samples until the last 1.5 s of the recording; the slider is refreshed every 250 ms.
    samples = [_position(ui)]
    deadline = time.monotonic() + length + timeouts.CALL_SETUP
    while samples[-1][1] < length - 1.5:
        assert time.monotonic() < deadline, f"the position stalled: {samples}"
        samples.append(_position(ui))
    shot("playing-2x")
    moving = [(t, v) for t, v in samples if 0.5 <= v <= length - 1.5]
    (t0, v0), (t1, v1) = moving[0], moving[-1]
    assert t1 - t0 >= 2.5, f"too short a window to measure: {moving}"
    rate = (v1 - v0) / (t1 - t0)
    print(f"2x: the slider moved {v1 - v0:.2f} s in {t1 - t0:.2f} s of wall clock = {rate:.3f}x "
          f"({len(moving)} AT-SPI reads)")
    # The slider moves in 250 ms steps: over >= 2.5 s that is at most 10 % either way.
    assert 1.7 <= rate <= 2.3, f"position advanced at {rate:.2f}x the wall clock: {moving}"

    # The end: Play comes back, and the sink got the whole recording in half its length.
    ui.find("push button", name="Play", timeout=length)
    def played():
        w = read_wav(heard) if os.path.exists(heard) else None
        return w if w and w.seconds >= length / 2 - 1 else None
    wav = wait_for(played, timeouts.CALL_END, "the played audio in the WAV sink")
    assert abs(wav.seconds - length / 2) <= 1.0, f"{wav.seconds:.2f} s heard of {length} s at 2x"
    print(f"2x: {wav.seconds:.2f} s heard of a {length:.2f} s recording")
    assert_tones(wav, [PEER_TONE, PANEL_TONE], "played at 2x")
    for shifted in (2 * PEER_TONE, 2 * PANEL_TONE):  # what a plain rate change would give
        assert tone_ratio(wav, shifted) < tone_ratio(wav, shifted // 2) / 100, \
            f"{shifted} Hz in the 2x playback: the pitch changed"
