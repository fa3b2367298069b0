"""WAV analysis for the audio assertions: dominant frequency (numpy FFT), RMS, per-window RMS.

Reads PCM WAVs tolerantly: a file still being written (or left by a killed writer) may have
RIFF/data sizes that were never finalised (0 or 0xFFFFFFFF); then the data chunk is taken to
run to the end of the file. Multi-channel audio is averaged to mono."""
import struct

import numpy as np


class Wav:
    def __init__(self, samples, rate):
        self.samples = samples  # float64 mono, full scale +-32768 for 16-bit
        self.rate = rate

    @property
    def seconds(self):
        return len(self.samples) / self.rate if self.rate else 0.0

    def slice(self, start_s=0.0, end_s=None):
        a = int(start_s * self.rate)
        b = len(self.samples) if end_s is None else int(end_s * self.rate)
        return Wav(self.samples[a:b], self.rate)

    def rms(self):
        return rms(self.samples)

    def dominant_frequency(self):
        return dominant_frequency(self.samples, self.rate)

    def window_rms(self, window_s=0.1):
        return window_rms(self.samples, self.rate, window_s)

    def __repr__(self):
        return f"Wav({self.seconds:.2f} s @ {self.rate} Hz)"


def read_wav(path):
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise ValueError(f"{path}: not a RIFF/WAVE file ({len(data)} bytes)")
    pos, fmt = 12, None
    while pos + 8 <= len(data):
        cid, size = data[pos:pos + 4], struct.unpack("<I", data[pos + 4:pos + 8])[0]
        body = pos + 8
        if cid == b"fmt ":
            tag, channels, rate = struct.unpack("<HHI", data[body:body + 8])
            bits = struct.unpack("<H", data[body + 14:body + 16])[0]
            if tag == 0xFFFE and size >= 40:  # WAVE_FORMAT_EXTENSIBLE: sub-format GUID's first 2 bytes
                tag = struct.unpack("<H", data[body + 24:body + 26])[0]
            fmt = (tag, channels, rate, bits)
        elif cid == b"data":
            if fmt is None:
                raise ValueError(f"{path}: data chunk before fmt chunk")
            end = body + size
            if size == 0 or size == 0xFFFFFFFF or end > len(data):
                end = len(data)  # header not finalised: take everything that is there
            return _decode(data[body:end], *fmt, path=path)
        pos = body + size + (size & 1)
    if fmt is not None:
        return Wav(np.zeros(0), fmt[2])
    raise ValueError(f"{path}: no fmt chunk")


def _decode(raw, tag, channels, rate, bits, path):
    width = bits // 8
    frame = width * channels
    raw = raw[:len(raw) - len(raw) % frame]
    if tag == 1 and bits == 16:
        x = np.frombuffer(raw, dtype="<i2").astype(np.float64)
    elif tag == 1 and bits == 32:
        x = np.frombuffer(raw, dtype="<i4").astype(np.float64) / 65536.0
    elif tag == 1 and bits == 8:
        x = (np.frombuffer(raw, dtype=np.uint8).astype(np.float64) - 128.0) * 256.0
    elif tag == 3 and bits == 32:
        x = np.frombuffer(raw, dtype="<f4").astype(np.float64) * 32768.0
    elif tag == 3 and bits == 64:
        x = np.frombuffer(raw, dtype="<f8").astype(np.float64) * 32768.0
    else:
        raise ValueError(f"{path}: unsupported WAV format tag {tag}, {bits} bits")
    if channels > 1:
        x = x.reshape(-1, channels).mean(axis=1)
    return Wav(x, rate)


def rms(samples):
    return float(np.sqrt(np.mean(np.square(samples)))) if len(samples) else 0.0


def dominant_frequency(samples, rate):
    """Frequency (Hz) of the strongest FFT bin, DC excluded; None for (almost) no samples."""
    if len(samples) < 256:
        return None
    x = samples - np.mean(samples)
    spectrum = np.abs(np.fft.rfft(x * np.hanning(len(x))))
    freqs = np.fft.rfftfreq(len(x), 1.0 / rate)
    spectrum[freqs < 50] = 0
    return float(freqs[int(np.argmax(spectrum))])


def window_rms(samples, rate, window_s=0.1):
    n = max(1, int(rate * window_s))
    usable = len(samples) - len(samples) % n
    if usable == 0:
        return np.zeros(0)
    return np.sqrt(np.mean(np.square(samples[:usable].reshape(-1, n)), axis=1))


# Thresholds of the audio assertions. A real received tone measured at RMS ~10000-11700 through
# PCMU/Opus; silence/comfort noise is far below 500.
TONE_MIN_RMS = 1500.0
SILENCE_MAX_RMS = 300.0
FREQ_TOLERANCE_HZ = 20.0


def assert_tone(wav, expected_hz, what, skip_s=0.3):
    """The received audio (after skipping the first `skip_s`, jitter-buffer start) is a tone of
    expected_hz +-20 Hz with RMS above TONE_MIN_RMS."""
    part = wav.slice(skip_s) if wav.seconds > skip_s + 0.5 else wav
    level = part.rms()
    freq = part.dominant_frequency()
    assert level >= TONE_MIN_RMS, f"{what}: no audio (RMS {level:.0f} < {TONE_MIN_RMS:.0f}) in {wav!r}"
    assert freq is not None and abs(freq - expected_hz) <= FREQ_TOLERANCE_HZ, \
        f"{what}: dominant frequency {freq} Hz, expected {expected_hz} +-{FREQ_TOLERANCE_HZ:g} Hz ({wav!r}, RMS {level:.0f})"
