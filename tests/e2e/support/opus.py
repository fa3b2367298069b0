"""Decoding the panel's Ogg/Opus recordings for audio assertions: GStreamer's own gst-launch-1.0
(filesrc ! oggdemux ! opusdec ! wavenc), independent of the panel's code, then support.wav."""
import os
import subprocess

import numpy as np

from .wav import read_wav


def decode_opus(path, out_dir):
    """The recording as a Wav; AssertionError when it does not decode to its end (a file that
    was not finished with EOS has no final Ogg page and oggdemux reports an error)."""
    wav_path = os.path.join(out_dir, os.path.basename(path) + ".wav")
    r = subprocess.run(["gst-launch-1.0", "-q", "filesrc", f"location={path}", "!", "oggdemux", "!",
                        "opusdec", "!", "audioconvert", "!", "audio/x-raw,channels=1", "!",
                        "wavenc", "!", "filesink", f"location={wav_path}"],
                       capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert r.returncode == 0, f"{path} does not decode: {r.stderr or r.stdout}"
    return read_wav(wav_path)


def tone_ratio(wav, hz, band=15.0):
    """Spectral power within +-band Hz of hz, relative to the median power per bin between
    100 and 3000 Hz (a present tone scores in the thousands, an absent one near 1)."""
    x = wav.samples - np.mean(wav.samples)
    spectrum = np.abs(np.fft.rfft(x * np.hanning(len(x)))) ** 2
    freqs = np.fft.rfftfreq(len(x), 1.0 / wav.rate)
    near = spectrum[(freqs > hz - band) & (freqs < hz + band)]
    floor = np.median(spectrum[(freqs > 100) & (freqs < 3000)]) + 1e-9
    return float(near.max() / floor) if len(near) else 0.0


def assert_tones(wav, tones, what, min_ratio=1000.0):
    assert wav.seconds > 0.5, f"{what}: only {wav.seconds:.2f} s of audio"
    for hz in tones:
        ratio = tone_ratio(wav, hz)
        assert ratio >= min_ratio, f"{what}: the {hz} Hz tone is missing (ratio {ratio:.0f} < {min_ratio:.0f})"
