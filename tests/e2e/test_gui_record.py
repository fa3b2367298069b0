"""The call window's Record button (UI-4, REC-1) driven as a person would: a real call through
Kamailio with baresip sending a 440 Hz tone (the panel sends 1000 Hz), the windowed telpanel on a
private Xvfb, the button pressed through AT-SPI, and the outcome read back with
`telpanelctl recordings list` and by decoding the Ogg/Opus file the part wrote."""
import os

from support import timeouts
from support.opus import decode_opus, assert_tones
from support.gui_calls import answered_call, hang_up, open_window
from support.poll import wait_for
from support.wav import read_wav

PANEL_TONE = 1000
PEER_TONE = 440
RU = {"LANGUAGE": "ru", "LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}


def _more_audio(panel, seconds):
    """The call goes on for `seconds` more: the panel's received.wav grows that much."""
    path = panel.received_wav()
    now = read_wav(path).seconds if os.path.exists(path) else 0.0
    panel.wait_received_seconds(now + seconds)


def test_record_button_records_the_call_and_stops(gui, panel, baresip, run_dir):
    window, ui, shot = open_window(gui)
    panel.ctl("settings", "set", "recording", "on_demand", as_json=False)
    peer = baresip("1002", tone=PEER_TONE)
    call = answered_call(window, panel, peer)
    ui.find("label", name="Talking")
    record = ui.find("toggle button", name="Record")
    assert record["sensitive"] and not record["checked"], record
    assert "Record this call" in record["description"], record
    _more_audio(panel, 0.5)
    assert panel.ctl("recordings", "list", call["id"]) == [], "on demand recorded unasked"
    ui.gone("label", name="Recording now")  # no red REC mark yet

    ui.click("toggle button", name="Record")
    parts = wait_for(lambda: panel.ctl("recordings", "list", call["id"]), timeouts.CALL_SETUP,
                     "a recording part in telpanelctl recordings list")
    assert [(p["part"], p["duration_seconds"]) for p in parts] == [(1, None)], parts
    ui.find("label", name="Recording now")
    assert ui.find("toggle button", name="Record")["checked"]
    shot("recording")
    _more_audio(panel, 2.0)

    # Pressed again: the part ends with its length, the call goes on, the REC mark goes.
    ui.click("toggle button", name="Record")
    parts = wait_for(lambda: [p for p in panel.ctl("recordings", "list", call["id"])
                              if p["duration_seconds"] is not None],
                     timeouts.CALL_SETUP, "the part finished in telpanelctl recordings list")
    assert len(parts) == 1 and parts[0]["duration_seconds"] >= 1.5, parts
    assert parts[0]["error"] is None, parts
    ui.gone("label", name="Recording now")
    assert not ui.find("toggle button", name="Record")["checked"]
    assert panel.call(call["id"])["state"] == "active", "stopping the recording touched the call"
    _more_audio(panel, 1.0)
    assert len(panel.ctl("recordings", "list", call["id"])) == 1, "a second part after stopping"

    # The same recorder behind `telpanelctl record`: the row follows it.
    panel.ctl("record", call["id"], "on", as_json=False)
    ui.find("label", name="Recording now")
    wait_for(lambda: ui.find("toggle button", name="Record")["checked"], timeouts.CALL_SETUP,
             "Record pressed in after telpanelctl record on")
    panel.ctl("record", call["id"], "off", as_json=False)
    ui.gone("label", name="Recording now")
    wait_for(lambda: not ui.find("toggle button", name="Record")["checked"], timeouts.CALL_SETUP,
             "Record released after telpanelctl record off")

    hang_up(panel, peer, call["id"])
    assert_tones(decode_opus(parts[0]["location"], run_dir), [PEER_TONE, PANEL_TONE],
                 "the part recorded from the call window")


def test_never_is_insensitive_and_a_failed_part_is_shown(gui, panel, baresip):
    # A regular file where the recordings directory must go: no part can be written there.
    data = os.path.join(panel.xdg["XDG_DATA_HOME"], "telpanel")
    os.makedirs(data, exist_ok=True)
    with open(os.path.join(data, "recordings"), "w") as f:
        f.write("not a directory")
    window, ui, shot = open_window(gui)
    panel.ctl("settings", "set", "recording", "never", as_json=False)
    peer = baresip("1002", tone=PEER_TONE)
    call = answered_call(window, panel, peer)
    ui.find("label", name="Talking")
    record = ui.find("toggle button", name="Record")
    assert not record["sensitive"] and not record["checked"], record
    assert record["description"] == "Recording is off in Settings", record
    shot("never")
    hang_up(panel, peer, call["id"])
    ui.gone("toggle button", name="Record", timeout=timeouts.CALL_END)
    assert panel.ctl("recordings", "list", call["id"]) == []

    # "always" with nowhere to write: the row says why, the call goes on.
    panel.ctl("settings", "set", "recording", "always", as_json=False)
    call = answered_call(window, panel, peer)
    problem = ui.find("label", name="Recording problem", timeout=timeouts.CALL_SETUP)
    assert problem["text"].startswith("Recording part 1 failed: ") and \
        "cannot create directory" in problem["text"], problem
    record = ui.find("toggle button", name="Record")
    assert record["sensitive"] and record["checked"], record
    assert "always on" in record["description"], record
    ui.gone("label", name="Recording now")
    shot("failed")
    assert panel.call(call["id"])["state"] == "active"
    hang_up(panel, peer, call["id"])


def test_always_in_russian_shows_rec_and_can_stop(gui, panel, baresip):
    window, ui, shot = open_window(gui, RU, online="В сети")
    panel.ctl("settings", "set", "recording", "always", as_json=False)
    peer = baresip("1002", tone=PEER_TONE, display_name="Иван Петров")
    call = answered_call(window, panel, peer)
    ui.find("label", name="Идёт запись", timeout=timeouts.CALL_SETUP)
    record = ui.find("toggle button", name="Запись")
    assert record["sensitive"] and record["checked"], record
    parts = panel.ctl("recordings", "list", call["id"])
    assert [p["part"] for p in parts] == [1], parts
    shot("always-ru")
    # "always" is the person's own setting: one call may still be stopped here (REC-1).
    ui.click("toggle button", name="Запись")
    ui.gone("label", name="Идёт запись")
    wait_for(lambda: all(p["duration_seconds"] is not None
                         for p in panel.ctl("recordings", "list", call["id"])),
             timeouts.CALL_SETUP, "the part finished")
    hang_up(panel, peer, call["id"])
