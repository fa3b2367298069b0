"""Call recording (REC-1) with a real baresip peer through Kamailio: one Ogg/Opus file per part
with both directions mixed (baresip sends 440 Hz, the panel's tone: input 1000 Hz), hold/resume
cutting parts, on-demand control, the journal link, and an unwritable recordings directory."""
import os

from support import timeouts
from support.opus import decode_opus, assert_tones
from support.scenarios import outgoing_call, incoming_call
from support.wav import read_wav

PANEL_TONE = 1000
PEER_TONE = 440


def _recording_events(panel, call_id, since=0):
    with panel.watch._cv:
        return [e for e in panel.watch.events[since:]
                if e.get("event") == "recording" and e.get("call") == call_id]


def _wait_recording(panel, call_id, state, part, since=0, timeout=timeouts.CALL_SETUP):
    return panel.watch.wait(lambda e: e.get("event") == "recording" and e.get("call") == call_id
                            and e.get("state") == state and e.get("part") == part,
                            timeout, f"recording part {part} of {call_id} {state}", since=since)


def _received_seconds(panel):
    path = panel.received_wav()
    return read_wav(path).seconds if os.path.exists(path) else 0.0


def _wait_more_audio(panel, seconds):
    """The call's audio goes on: the panel's received.wav grows by `seconds`."""
    panel.wait_received_seconds(_received_seconds(panel) + seconds)


def _hang_up(panel, peer, call_id):
    m = peer.mark()
    panel.ctl("hangup", call_id, as_json=False)
    peer.wait_event("CALL_CLOSED", since=m, timeout=timeouts.CALL_END)
    panel.wait_call_gone_or_ended(call_id)


def _recordings_root(panel):
    return os.path.join(panel.xdg["XDG_DATA_HOME"], "telpanel", "recordings")


def test_recording_holds_both_tones_and_is_linked_to_the_journal(registered_panel, baresip, run_dir):
    panel = registered_panel
    panel.ctl("settings", "set", "recording", "always", as_json=False)
    peer = baresip("1002", tone=PEER_TONE)
    call_id = outgoing_call(panel, peer)
    started = _wait_recording(panel, call_id, "started", 1)
    panel.wait_received_seconds(timeouts.AUDIO_SECONDS)
    _hang_up(panel, peer, call_id)
    _wait_recording(panel, call_id, "finished", 1)

    path = started["location"]
    root = _recordings_root(panel)
    assert path.startswith(root + os.sep) and path.endswith(f"/{call_id}-1.opus"), path
    assert len(os.path.relpath(path, root).split(os.sep)) == 4, f"not YYYY/MM/DD/file: {path}"
    entry = panel.wait_journal_entry(lambda e: e["call_id"] == call_id and e.get("ended_at"))
    assert entry["recordings"] == [path], entry
    listed = panel.ctl("recordings", "list", call_id)
    assert [p["location"] for p in listed] == [path], listed
    assert listed[0]["duration_seconds"] >= timeouts.AUDIO_SECONDS - 0.5 and listed[0]["error"] is None
    assert panel.ctl("recordings", "list", str(entry["id"])) == listed
    wav = decode_opus(path, run_dir)
    assert wav.seconds >= timeouts.AUDIO_SECONDS - 0.5, wav
    assert_tones(wav, [PEER_TONE, PANEL_TONE], f"recording {path}")


def test_hold_and_resume_make_two_parts(registered_panel, baresip, run_dir):
    panel = registered_panel
    panel.ctl("settings", "set", "recording", "always", as_json=False)
    peer = baresip("1002", tone=PEER_TONE)
    call_id = incoming_call(panel, peer)
    _wait_recording(panel, call_id, "started", 1)
    _wait_more_audio(panel, 1.5)
    m = panel.watch.mark()
    panel.ctl("hold", call_id, as_json=False)
    panel.wait_call_state(call_id, "held")
    _wait_recording(panel, call_id, "finished", 1, since=m)
    panel.ctl("resume", call_id, as_json=False)
    panel.wait_call_state(call_id, "active")
    _wait_recording(panel, call_id, "started", 2, since=m)
    _wait_more_audio(panel, 1.5)
    _hang_up(panel, peer, call_id)
    _wait_recording(panel, call_id, "finished", 2, since=m)

    parts = panel.ctl("recordings", "list", call_id)
    assert [p["part"] for p in parts] == [1, 2], parts
    assert all(p["location"].endswith(f"/{call_id}-{p['part']}.opus") for p in parts), parts
    for p in parts:
        assert_tones(decode_opus(p["location"], run_dir), [PEER_TONE, PANEL_TONE],
                     f"part {p['part']}")
    started = [e["part"] for e in _recording_events(panel, call_id) if e["state"] == "started"]
    assert started == [1, 2], f"exactly two parts expected, events: {started}"


def test_on_demand_records_only_when_asked(registered_panel, baresip, run_dir):
    panel = registered_panel
    panel.ctl("settings", "set", "recording", "on_demand", as_json=False)
    peer = baresip("1002", tone=PEER_TONE)
    call_id = outgoing_call(panel, peer)
    _wait_more_audio(panel, 0.5)
    assert _recording_events(panel, call_id) == [], "on_demand recorded without being asked"
    panel.ctl("record", call_id, "on", as_json=False)
    started = _wait_recording(panel, call_id, "started", 1)
    _wait_more_audio(panel, 1.5)
    panel.ctl("record", call_id, "off", as_json=False)
    _wait_recording(panel, call_id, "finished", 1)
    assert panel.call(call_id)["state"] == "active", "stopping the recording touched the call"
    assert_tones(decode_opus(started["location"], run_dir), [PEER_TONE, PANEL_TONE], "on demand")

    panel.ctl("settings", "set", "recording", "never", as_json=False)
    r = panel.ctl_raw("record", call_id, "on")
    assert r.returncode == 1 and "recording is switched off in the settings" in r.stderr, r
    r = panel.ctl_raw("record", "no-such-call", "on")
    assert r.returncode == 1 and "no call no-such-call" in r.stderr, r
    _hang_up(panel, peer, call_id)
    listed = panel.ctl("recordings", "list", call_id)
    assert [(p["part"], p["available"]) for p in listed] == [(1, True)], listed
    # REC-3: a part this user can no longer read is listed but not offered.
    os.remove(started["location"])
    listed = panel.ctl("recordings", "list", call_id)
    assert not listed[0]["available"] and "No such file" in listed[0]["unavailable_reason"], listed


def test_unwritable_recordings_directory_is_reported_and_the_call_goes_on(panel, kamailio, baresip):
    # A regular file where the recordings directory must go: no directory can be made there
    # (this also holds for root, unlike a read-only mode).
    data = os.path.join(panel.xdg["XDG_DATA_HOME"], "telpanel")
    os.makedirs(data, exist_ok=True)
    with open(os.path.join(data, "recordings"), "w") as f:
        f.write("not a directory")
    panel.write_config()
    panel.start()
    panel.start_watch()
    panel.wait_registration("registered", timeouts.REGISTER)
    panel.ctl("settings", "set", "recording", "always", as_json=False)
    peer = baresip("1002", tone=PEER_TONE)
    call_id = outgoing_call(panel, peer)
    failed = _wait_recording(panel, call_id, "failed", 1)
    assert "cannot create directory" in failed["error"], failed
    _wait_more_audio(panel, 1.0)
    assert panel.call(call_id)["state"] == "active"
    assert "recording part 1 failed" in panel.log()
    _hang_up(panel, peer, call_id)
    assert panel.ctl("recordings", "list", call_id) == []


def test_quitting_mid_call_leaves_a_complete_file(registered_panel, baresip, run_dir):
    panel = registered_panel
    panel.ctl("settings", "set", "recording", "always", as_json=False)
    peer = baresip("1002", tone=PEER_TONE)
    call_id = outgoing_call(panel, peer)
    started = _wait_recording(panel, call_id, "started", 1)
    _wait_more_audio(panel, 1.5)
    assert panel.stop() == 0, "telpanel did not exit cleanly on SIGTERM"
    # The part got its EOS (last Ogg page) before the process ended: it decodes to the end.
    assert_tones(decode_opus(started["location"], run_dir), [PEER_TONE, PANEL_TONE], "quit")
