"""Deadlines of the end-to-end tests, in seconds, in one place. Each is the bound the test
asserts, so a slower-than-this program fails the test (multiply all by E2E_TIMEOUT_SCALE on a
slow machine, e.g. under sanitizers)."""
import os

_SCALE = float(os.environ.get("E2E_TIMEOUT_SCALE", "1"))

PANEL_START = 10 * _SCALE          # process start until telpanelctl answers on the bus
REGISTER = 10 * _SCALE             # registrar up until state "registered"
REGISTER_FAIL = 15 * _SCALE        # wrong password until state "failed"
UNREACHABLE_FAIL = 40 * _SCALE     # registrar down until state "failed" (UDP may need a timer F, 32 s)
RECOVERY = 40 * _SCALE             # registrar back until registered again, no user action
CALL_SETUP = 10 * _SCALE           # dial/answer until both ends report the call established
CALL_END = 10 * _SCALE             # hangup/reject/cancel until both ends report the end
AUDIO_SECONDS = 2.0                # tone duration collected before analysing (a condition, polled)
AUDIO_WAIT = 15 * _SCALE           # deadline for AUDIO_SECONDS of audio to arrive
DTMF = 10 * _SCALE
BARESIP_START = 10 * _SCALE
KAMAILIO_START = 10 * _SCALE
PROVISION = 15 * _SCALE          # a provisioning URL answers (or fails) until the panel shows it
